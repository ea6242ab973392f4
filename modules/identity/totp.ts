import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

/** TOTP secrets are sealed with the master key, bound to their account. */
export const totpSecretContext = (userId: string) => `identity.totp:${userId}`;

function totpFor(secret: string, label: string) {
  return new TOTP({ issuer: 'Sen Đồng Tháp', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/**
 * Checks a code within ±1 step and returns the step it matched, or undefined. Callers store the
 * step and refuse a step not greater than the last accepted one, so a code is usable once.
 */
export function matchTotp(secret: string, code: string, at = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(at / 1000 / PERIOD) + delta;
}
