import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';

/**
 * Sen's client of the national online-payment platform (Nền tảng thanh toán trực tuyến quốc gia;
 * the payment sandbox on one machine): create a payment, query it, fetch the daily
 * reconciliation file, and check the three things the platform signs (the browser return, the
 * server-to-server notification, the reconciliation file). Every API call is signed with the
 * merchant's secret: `X-Signature` = hex HMAC-SHA256 over
 * `"<METHOD>\n<path with query>\n<X-Timestamp>\n<raw body>"`. Knows nothing of dossiers.
 */
export interface PaymentPlatformOptions {
  /** Base URL of the platform, e.g. `http://localhost:8081/payment`. */
  apiUrl: string;
  merchantCode: string;
  secret: string;
  timeoutMs?: number;
  /** Records each call as `system="payment"`. */
  outbound?: OutboundCalls;
  now?: () => number;
}

export type PlatformFeeKind = 'fee' | 'charge';

export interface PlatformFeeLine {
  code: string;
  name: string;
  amount: number;
  kind: PlatformFeeKind;
}

export interface PlatformOrder {
  orderId: string;
  amount: number;
  feeLines: PlatformFeeLine[];
  agencyCode: string;
  description: string;
  returnUrl: string;
  notifyUrl?: string;
  payerName?: string;
  expiresInMinutes?: number;
}

export type PlatformPaymentStatus = 'pending' | 'succeeded' | 'cancelled' | 'expired';

export interface PlatformPayment {
  paymentId: string;
  orderId: string;
  amount: number;
  status: PlatformPaymentStatus;
  paymentUrl: string;
  expiresAt: string;
  transaction: { transactionNo: string; bankCode: string; paidAt: string; status: 'succeeded' | 'cancelled' } | null;
}

/** What the platform says happened to a payment, from any of its signed channels. */
export interface PaymentResult {
  paymentId: string;
  orderId: string;
  amount: number;
  status: 'succeeded' | 'cancelled';
  transactionNo: string;
  bankCode: string;
  paidAt: string;
}

export interface PaymentNotification extends PaymentResult {
  /** When the platform issued the notification (signed; the same in retries and duplicates). */
  notifiedAt: string;
}

export interface ReconciliationRow {
  transactionNo: string;
  paymentId: string;
  orderId: string;
  agencyCode: string;
  amount: number;
  bankCode: string;
  status: string;
  paidAt: string;
}

export class PaymentPlatformError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'PaymentPlatformError';
    this.status = status;
    this.code = code;
  }
}

export interface PaymentPlatformClient {
  readonly merchantCode: string;
  /** Creates the payment (repeating an identical order returns the existing one). */
  createPayment(order: PlatformOrder): Promise<PlatformPayment>;
  getPayment(paymentId: string): Promise<PlatformPayment | undefined>;
  /** The signed reconciliation file of a local date (Asia/Ho_Chi_Minh), checked and parsed. */
  reconciliation(date: string): Promise<{ rows: ReconciliationRow[]; total: { count: number; amount: number }; sha256: string }>;
  /** The return parameters a browser brought back, when their signature is the platform's. */
  verifyReturn(params: Record<string, unknown>): PaymentResult | undefined;
  /** A notification's raw body when `X-Signature` is the platform's; undefined otherwise (parse nothing before). */
  verifyNotification(rawBody: Buffer | string, signature: string | undefined): PaymentNotification | undefined;
}

const RETURN_PARAMS = ['amount', 'bankCode', 'orderId', 'paidAt', 'paymentId', 'status', 'transactionNo'] as const;
const RECONCILIATION_HEADER = 'transactionNo,paymentId,orderId,agencyCode,amount,bankCode,status,paidAt';

const hmac = (secret: string, data: string | Buffer): string => createHmac('sha256', secret).update(data).digest('hex');

function sameHex(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given.toLowerCase()));
}

const isResultStatus = (value: unknown): value is 'succeeded' | 'cancelled' => value === 'succeeded' || value === 'cancelled';

/** The fields every result carries, typed; undefined when any is missing or malformed. */
function resultOf(source: Record<string, unknown>): PaymentResult | undefined {
  const amount = typeof source.amount === 'number' ? source.amount : typeof source.amount === 'string' && /^\d{1,15}$/.test(source.amount) ? Number(source.amount) : NaN;
  const strings = ['paymentId', 'orderId', 'transactionNo', 'bankCode', 'paidAt'] as const;
  if (!Number.isSafeInteger(amount) || !isResultStatus(source.status) || strings.some((k) => typeof source[k] !== 'string')) return undefined;
  return {
    paymentId: source.paymentId as string, orderId: source.orderId as string, amount, status: source.status,
    transactionNo: source.transactionNo as string, bankCode: source.bankCode as string, paidAt: source.paidAt as string,
  };
}

/** One CSV line of the reconciliation file (the platform quotes fields that need it). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Parses a reconciliation file; throws `payment_platform.bad_file` when it is not one. */
export function parseReconciliationFile(file: string): { rows: ReconciliationRow[]; total: { count: number; amount: number } } {
  const lines = file.split(/\r?\n/).filter((line) => line !== '');
  const bad = (why: string) => new PaymentPlatformError(502, 'payment_platform.bad_file', `Reconciliation file: ${why}`);
  if (lines[0] !== RECONCILIATION_HEADER) throw bad('unexpected header');
  const trailer = splitCsvLine(lines.at(-1) ?? '');
  if (trailer[0] !== 'TOTAL' || trailer.length !== 3) throw bad('no TOTAL trailer');
  const rows = lines.slice(1, -1).map((line, index) => {
    const [transactionNo, paymentId, orderId, agencyCode, amount, bankCode, status, paidAt, ...rest] = splitCsvLine(line);
    if (rest.length > 0 || paidAt === undefined || !/^\d{1,15}$/.test(amount ?? '')) throw bad(`line ${index + 2} is malformed`);
    return { transactionNo: transactionNo!, paymentId: paymentId!, orderId: orderId!, agencyCode: agencyCode!, amount: Number(amount), bankCode: bankCode!, status: status!, paidAt };
  });
  const total = { count: Number(trailer[1]), amount: Number(trailer[2]) };
  if (total.count !== rows.length || total.amount !== rows.reduce((sum, row) => sum + row.amount, 0)) throw bad('TOTAL does not match the lines');
  return { rows, total };
}

export function createPaymentPlatformClient(options: PaymentPlatformOptions): PaymentPlatformClient {
  const base = new URL(options.apiUrl.replace(/\/+$/, '') + '/');
  const fetch = (options.outbound ?? untrackedOutbound).fetch('payment');
  const now = options.now ?? Date.now;

  async function call(method: 'GET' | 'POST', relative: string, body?: unknown): Promise<Response> {
    const url = new URL(relative, base);
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(now());
    const signature = hmac(options.secret, `${method}\n${url.pathname}${url.search}\n${timestamp}\n${raw}`);
    return fetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-merchant-code': options.merchantCode, 'x-timestamp': timestamp, 'x-signature': signature,
      },
      body: body === undefined ? undefined : raw,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      redirect: 'error',
    });
  }

  async function refused(response: Response): Promise<PaymentPlatformError> {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    return new PaymentPlatformError(response.status, body.code ?? 'payment_platform.error', `Payment platform refused (${response.status} ${body.code ?? ''})`);
  }

  return {
    merchantCode: options.merchantCode,

    async createPayment(order) {
      const response = await call('POST', 'api/v1/payments', order);
      if (response.status !== 200 && response.status !== 201) throw await refused(response);
      return (await response.json()) as PlatformPayment;
    },

    async getPayment(paymentId) {
      const response = await call('GET', `api/v1/payments/${encodeURIComponent(paymentId)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw await refused(response);
      return (await response.json()) as PlatformPayment;
    },

    async reconciliation(date) {
      const response = await call('GET', `api/v1/reconciliation/${encodeURIComponent(date)}`);
      if (!response.ok) throw await refused(response);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!sameHex(hmac(options.secret, bytes), response.headers.get('x-file-signature'))) {
        throw new PaymentPlatformError(502, 'payment_platform.bad_file_signature', 'The reconciliation file is not signed by the platform');
      }
      return { ...parseReconciliationFile(bytes.toString('utf8')), sha256: createHash('sha256').update(bytes).digest('hex') };
    },

    verifyReturn(params) {
      const values: Record<string, string> = {};
      for (const name of RETURN_PARAMS) {
        if (typeof params[name] !== 'string') return undefined;
        values[name] = params[name];
      }
      const signed = RETURN_PARAMS.map((name) => `${name}=${encodeURIComponent(values[name]!)}`).join('&');
      return sameHex(hmac(options.secret, signed), params.signature) ? resultOf(values) : undefined;
    },

    verifyNotification(rawBody, signature) {
      if (!sameHex(hmac(options.secret, rawBody), signature)) return undefined;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
      } catch {
        return undefined;
      }
      if (typeof body !== 'object' || body === null) return undefined;
      const result = resultOf(body as Record<string, unknown>);
      const notifiedAt = (body as { notifiedAt?: unknown }).notifiedAt;
      return result && typeof notifiedAt === 'string' ? { ...result, notifiedAt } : undefined;
    },
  };
}
