import { hmacSha256Hex, safeEqual } from '../kit.ts';

/**
 * Signature of the portal's pushes, in the style of common webhook schemes:
 * `X-DVCQG-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the
 * receiver's secret. The timestamp is signed, so a captured request cannot be replayed late.
 */
export const DVCQG_SIGNATURE_HEADER = 'X-DVCQG-Signature';
export const DVCQG_DELIVERY_HEADER = 'X-DVCQG-Delivery';
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

function signedPayload(timestamp: number, rawBody: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`), typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody]);
}

export function signDvcqgPayload(secret: string, rawBody: string | Buffer, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${hmacSha256Hex(secret, signedPayload(timestampSeconds, rawBody))}`;
}

/**
 * True when the header carries a `v1` signature of exactly these body bytes by `secret`, made
 * within `toleranceSeconds` of now (either side, for clock skew). Several `v1` values are
 * allowed (secret rotation); any match is enough.
 */
export function verifyDvcqgSignature(
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
  const expected = hmacSha256Hex(secret, signedPayload(timestamp, rawBody));
  return signatures.some((signature) => safeEqual(signature, expected));
}
