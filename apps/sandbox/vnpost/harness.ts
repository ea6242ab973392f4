import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import type { OrderRequest, Party } from './model.ts';
import { vnpostSandbox, type VnpostOptions } from './sandbox.ts';

/** Test helpers for the VNPost sandbox: a running server, tokens, sample orders, a webhook receiver. */

export const ADMIN_HEADERS = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, 'content-type': 'application/json' };

export interface Running {
  sandbox: RunningSandbox;
  /** `http://127.0.0.1:<port>/vnpost` */
  base: string;
}

export async function startVnpost(options: VnpostOptions = {}, seed?: string): Promise<Running> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', seed, sandboxes: [vnpostSandbox(options)] });
  return { sandbox, base: `http://127.0.0.1:${sandbox.port}/vnpost` };
}

export async function accessToken(base: string, id: string, secret: string): Promise<string> {
  const response = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A client of the API with one bearer token. */
export function apiClient(base: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    get: (path: string) => fetch(`${base}/api/v1${path}`, { headers }),
    post: (path: string, body: unknown) => fetch(`${base}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

export function advance(base: string, orderId: string, body?: unknown): Promise<Response> {
  return fetch(`${base}/_admin/orders/${orderId}/advance`, {
    method: 'POST',
    headers: body === undefined ? { authorization: ADMIN_HEADERS.authorization } : ADMIN_HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const DESK: Party = {
  name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
  phone: '02773851234',
  address: { line: 'Số 12, Đường 30 Tháng 4', commune: 'Phường Cao Lãnh', province: 'Tỉnh Đồng Tháp' },
};

export const APPLICANT: Party = {
  name: 'Nguyễn Thị Hồng Nhung',
  phone: '0912345678',
  address: { line: 'Ấp Tân Thuận', commune: 'Xã Tháp Mười', province: 'Tỉnh Đồng Tháp' },
};

export function pickupRequest(referenceCode: string, overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    kind: 'pickup', referenceCode, sender: APPLICANT, receiver: DESK, serviceCode: 'EMS',
    parcel: { contents: 'Hồ sơ đăng ký hộ kinh doanh', documentCount: 4, weightGrams: 700 }, ...overrides,
  };
}

export function deliveryRequest(referenceCode: string, overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    kind: 'delivery', referenceCode, sender: DESK, receiver: APPLICANT, serviceCode: 'BK',
    parcel: { contents: 'Giấy chứng nhận đăng ký hộ kinh doanh', documentCount: 1, weightGrams: 120 }, codAmountVnd: 50_000, ...overrides,
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { eventId: string; status: string; orderId: string; [key: string]: unknown };
}

/** A loopback webhook endpoint that records what arrives and can fail the first calls on purpose. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Every call answers 500 while this is > 0 (counting down), or always when Infinity. */
  failNext = 0;
  calls = 0;
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.calls += 1;
        if (this.failNext > 0) {
          this.failNext -= 1;
          response.writeHead(500).end('receiver down');
          return;
        }
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: request.headers, rawBody, body: JSON.parse(rawBody) as ReceivedWebhook['body'] });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/webhooks/vnpost`;
    return this;
  }

  async waitFor(count: number, timeoutMs = 3000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) assert.fail(`expected ${count} webhooks, received ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
