import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Timestamped HMAC-SHA256 signatures of webhook bodies, in the style of common webhook schemes:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The timestamp is signed, so a
 * captured request cannot be replayed late; several `v1` values allow secret rotation. Used by
 * the national portal's dossier pushes (the sandbox signs, Sen's receiver verifies).
 */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, rawBody: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

export function signTimestamped(secret: string, rawBody: string | Buffer, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, rawBody)}`;
}

/** True when the header carries a `v1` signature of exactly these bytes by `secret`, made within the tolerance of now (either side). */
export function verifyTimestamped(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Buffer,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!header || header.length > 1000) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody));
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature), expected));
}
