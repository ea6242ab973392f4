import { hmacSha256Hex, safeEqual } from '../kit.ts';

/**
 * Every signature the payment platform uses, in one place, so that the sandbox's own checks
 * and its clients (Sen, tests) build exactly the same strings. All are hex HMAC-SHA256 with
 * the merchant's secret.
 */

/** Requests whose timestamp is further than this from the platform's clock are refused. */
export const PAYMENT_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export interface PaymentRequestToSign {
  method: string;
  /** Path with query string, exactly as sent, e.g. `/payment/api/v1/payments?orderId=X`. */
  path: string;
  /** The `X-Timestamp` header value: unix milliseconds or an ISO 8601 date-time. */
  timestamp: string;
  /** The raw request body; empty or absent when there is none. */
  body?: string;
}

/** What an API signature covers: `"<METHOD>\n<path with query>\n<timestamp>\n<raw body or empty>"`. */
export function canonicalPaymentRequest(request: PaymentRequestToSign): string {
  return `${request.method.toUpperCase()}\n${request.path}\n${request.timestamp}\n${request.body ?? ''}`;
}

/** The `X-Signature` of an API call. */
export function signPaymentRequest(secret: string, request: PaymentRequestToSign): string {
  return hmacSha256Hex(secret, canonicalPaymentRequest(request));
}

/** The three authentication headers of an API call, timestamped now (unix ms). */
export function paymentRequestHeaders(
  merchant: { merchantCode: string; secret: string },
  request: Omit<PaymentRequestToSign, 'timestamp'>,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    'X-Merchant-Code': merchant.merchantCode,
    'X-Timestamp': timestamp,
    'X-Signature': signPaymentRequest(merchant.secret, { ...request, timestamp }),
  };
}

/** Unix milliseconds of an `X-Timestamp` value, or undefined when it is neither form. */
export function parsePaymentTimestamp(value: string): number | undefined {
  if (/^\d{1,16}$/.test(value)) return Number(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The query parameters the platform adds to the return URL, all covered by `signature`.
 * Only these are signed: parameters the merchant put in its own return URL are not.
 */
export const PAYMENT_RETURN_PARAMS = ['amount', 'bankCode', 'orderId', 'paidAt', 'paymentId', 'status', 'transactionNo'] as const;
export type PaymentReturnParams = Record<(typeof PAYMENT_RETURN_PARAMS)[number], string>;

/** `k=v&k=v` over the return parameters sorted by name, values URL-encoded. */
function returnSigningString(params: PaymentReturnParams): string {
  return [...PAYMENT_RETURN_PARAMS].sort().map((name) => `${name}=${encodeURIComponent(params[name])}`).join('&');
}

export function signPaymentReturn(secret: string, params: PaymentReturnParams): string {
  return hmacSha256Hex(secret, returnSigningString(params));
}

/**
 * Checks the `signature` of the parameters a browser brought back to the return URL
 * (a URLSearchParams, or a parsed query object). False when any signed parameter is missing.
 */
export function verifyPaymentReturn(secret: string, params: URLSearchParams | Record<string, unknown>): boolean {
  const read = (name: string): unknown => (params instanceof URLSearchParams ? params.get(name) : params[name]);
  const signature = read('signature');
  if (typeof signature !== 'string') return false;
  const values: Partial<PaymentReturnParams> = {};
  for (const name of PAYMENT_RETURN_PARAMS) {
    const value = read(name);
    if (typeof value !== 'string') return false;
    values[name] = value;
  }
  return safeEqual(signPaymentReturn(secret, values as PaymentReturnParams), signature.toLowerCase());
}

/** Signature of a raw payload: the `X-Signature` of a notification, the `X-File-Signature` of a reconciliation file. */
export function signPaymentContent(secret: string, content: string | Buffer): string {
  return hmacSha256Hex(secret, content);
}

function verifyContent(secret: string, content: string | Buffer, signature: string | undefined): boolean {
  return typeof signature === 'string' && safeEqual(signPaymentContent(secret, content), signature.toLowerCase());
}

/** Checks a notification's `X-Signature` against its raw body (verify before parsing). */
export function verifyPaymentNotification(secret: string, rawBody: string | Buffer, signature: string | undefined): boolean {
  return verifyContent(secret, rawBody, signature);
}

/** Checks a reconciliation file's `X-File-Signature` against the file's bytes. */
export function verifyReconciliationFile(secret: string, file: string | Buffer, signature: string | undefined): boolean {
  return verifyContent(secret, file, signature);
}
