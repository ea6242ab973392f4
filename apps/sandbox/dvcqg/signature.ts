import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS, signTimestamped, verifyTimestamped } from '../../../packages/national/index.ts';

/**
 * Signature of the portal's pushes: `X-DVCQG-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<raw body>">` with the receiver's secret. The scheme is Sen's timestamped webhook
 * signature, shared with the receiver so both sides sign and check the same bytes.
 */
export const DVCQG_SIGNATURE_HEADER = 'X-DVCQG-Signature';
export const DVCQG_DELIVERY_HEADER = 'X-DVCQG-Delivery';
export { DEFAULT_SIGNATURE_TOLERANCE_SECONDS };
export const signDvcqgPayload = signTimestamped;
export const verifyDvcqgSignature = verifyTimestamped;
