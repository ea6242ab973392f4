import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ADMIN_TOKEN } from '../server.ts';
import type { PaymentMerchant } from './model.ts';
import { paymentRequestHeaders } from './signing.ts';

/** Shared by the payment sandbox's test files: signed calls, sample orders, a webhook receiver. */

export const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

/** A clock the tests can move; the sandbox reads it through the `now` option. */
export const clock = { offsetMs: 0, now: (): number => Date.now() + clock.offsetMs };

let counter = 0;
export const uniqueOrderId = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

export function sampleOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: uniqueOrderId('H19.25-240520-0001'),
    amount: 1_500_000,
    feeLines: [
      { code: 'LP-GPXD', name: 'Lệ phí cấp giấy phép xây dựng', amount: 1_000_000, kind: 'charge' },
      { code: 'PHI-TD', name: 'Phí thẩm định hồ sơ', amount: 500_000, kind: 'fee' },
    ],
    agencyCode: 'H19.SXD',
    description: 'Nộp phí, lệ phí hồ sơ cấp giấy phép xây dựng',
    returnUrl: 'https://sen.example/payments/return?dossier=abc',
    payerName: 'Nguyễn Văn An',
    ...overrides,
  };
}

export interface SignedCall {
  method?: string;
  body?: unknown;
  /** Overrides of the computed headers (to forge or drop them). */
  headers?: Record<string, string | undefined>;
  timestamp?: number;
}

/** A merchant's API call, signed as the platform expects. */
export function signedFetch(base: string, merchant: PaymentMerchant, path: string, call: SignedCall = {}): Promise<Response> {
  const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...paymentRequestHeaders(merchant, { method, path, body }, call.timestamp ?? clock.now()),
  };
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return fetch(`${base}${path}`, { method, headers, body });
}

export function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback webhook receiver; `respond` picks the status of the nth request (0-based). */
export async function startReceiver(respond: (index: number) => number = () => 200) {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = respond(requests.length);
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{"RspCode":"00"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ipn`,
    requests,
    /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 3000): Promise<ReceivedRequest[]> {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} notifications, got ${requests.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
