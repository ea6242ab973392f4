import type { FastifyError, FastifyInstance } from 'fastify';
import { TokenIssuer, sandboxError, type SandboxClient } from '../kit.ts';
import type { Sandbox, SandboxContext, SandboxFactory } from '../sandbox.ts';
import { registerAdmin } from './admin.ts';
import { registerApi } from './api.ts';
import { Autopilot } from './autopilot.ts';
import { OrderBook } from './orders.ts';
import { registerPages } from './pages.ts';
import { WebhookDispatcher } from './webhooks.ts';
import { clientCredentials } from '../openapi.ts';

// The public surface of this sandbox, for apps/sandbox/index.ts and Sen's VNPost adapter tests.
export { formatS10, isValidS10, s10CheckDigit } from './s10.ts';
export { EVENT_ID_HEADER, SIGNATURE_HEADER, verifyVnpostSignature, type WebhookAttempt } from './webhooks.ts';
export { TARIFF, computeFee } from './tariff.ts';
export {
  ORDER_STATUSES, STATUS_LABELS, type Order, type OrderKind, type OrderRequest, type OrderStatus, type Party, type ServiceCode, type TrackingEvent,
} from './model.ts';

/** A customer of Vietnam Post: a province's one-stop desks share one contract (customer code). */
export interface VnpostClient extends SandboxClient {
  customerCode: string;
  /** Receives tracking events unless an order names its own callbackUrl. */
  webhookUrl?: string;
  /** Key of the `X-VNPost-Signature` HMAC on webhooks. */
  webhookSecret: string;
}

export interface VnpostOptions {
  /** Registered clients; default `DEFAULT_VNPOST_CLIENTS`. */
  clients?: VnpostClient[];
  /** Delays between a failed webhook call and its retries; default [2000, 10000, 60000]. */
  retryDelaysMs?: number[];
  /** When > 0, every order moves one step along its path each interval until it ends; default 0 (off). */
  autoAdvanceMs?: number;
  /** Lifetime of access tokens; default 3600 s. */
  tokenTtlSeconds?: number;
  /** Orders kept in memory, oldest forgotten first; default 10,000. */
  maxOrders?: number;
}

export const DEFAULT_VNPOST_CLIENTS: readonly VnpostClient[] = [
  { id: 'sen-dongthap', secret: 'sandbox-vnpost-secret-h19', customerCode: 'DTP-HCC', webhookSecret: 'sandbox-vnpost-webhook-h19' },
];

export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [2000, 10_000, 60_000];

/**
 * VNPost sandbox: the public postal service one-stop desks use to collect applicants'
 * documents and return results (Decision 45/2016/QĐ-TTg). OAuth client credentials, orders
 * with S10 tracking numbers, a lifecycle driven by testers (or a timer) and signed webhooks.
 */
export function vnpostSandbox(options: VnpostOptions = {}): SandboxFactory {
  return (context) => createVnpostSandbox(context, options);
}

function createVnpostSandbox(context: SandboxContext, options: VnpostOptions): Sandbox {
  const name = 'vnpost';
  const basePath = `/${name}`;
  const clients = options.clients ?? DEFAULT_VNPOST_CLIENTS;
  const webhooks = new WebhookDispatcher({ retryDelaysMs: options.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS, log: context.log });
  const autopilot = new Autopilot(options.autoAdvanceMs ?? 0, (orderId) => {
    book.advance(orderId, {});
  });
  const book: OrderBook = new OrderBook({
    seed: context.seed,
    maxOrders: options.maxOrders ?? 10_000,
    onEvent(order, event, clientId) {
      const client = clients.find((c) => c.id === clientId);
      const url = order.callbackUrl ?? client?.webhookUrl;
      if (client && url) webhooks.dispatch({ url, secret: client.webhookSecret }, event);
      autopilot.schedule(order);
    },
    onForget: (orderId) => autopilot.forget(orderId),
  });
  const tokens = new TokenIssuer(options.tokenTtlSeconds ?? 3600);

  return {
    name,
    title: 'Bưu điện Việt Nam (VNPost) — thu gom hồ sơ, trả kết quả',
    titleEn: 'Vietnam Post — document pickup and result delivery for one-stop desks',
    description: 'Đơn thu gom hồ sơ và trả kết quả TTHC qua bưu chính công ích (QĐ 45/2016/QĐ-TTg): OAuth client credentials, số hiệu S10, hành trình và webhook có chữ ký.',
    securitySchemes: clientCredentials('/vnpost/oauth/token'),
    apiSecurity: [{ oauth2: [] }],
    links: [
      { label: 'Đơn hàng gần đây / Recent orders', path: '/' },
      { label: 'OpenAPI', path: '/openapi.json' },
    ],

    async register(app: FastifyInstance): Promise<void> {
      app.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.validation) {
          const details = error.validation.map((issue) => ({ field: `${error.validationContext ?? ''}${issue.instancePath}`, message: issue.message ?? 'invalid' }));
          return sandboxError(reply, 400, 'vnpost.invalid_request', error.message, details);
        }
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) return sandboxError(reply, status, 'vnpost.invalid_request', error.message);
        request.log.error({ err: error }, 'vnpost sandbox: unexpected error');
        return sandboxError(reply, 500, 'vnpost.internal_error', 'Unexpected error in the VNPost sandbox');
      });
      await registerApi(app, { clients, tokens, book });
      registerAdmin(app, { book, webhooks });
      registerPages(app, { basePath, book });
    },

    async stop(): Promise<void> {
      autopilot.stop();
      webhooks.stop();
    },
  };
}
