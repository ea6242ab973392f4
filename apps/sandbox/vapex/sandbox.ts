import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokenIssuer, basicCredentials, bearerToken, findClient, sandboxError, sandboxErrorSchema, type SandboxClient } from '../kit.ts';
import { clientCredentials } from '../openapi.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import { API_STATUSES, APPROVAL_STATUSES, ApiCatalog, type ApiInput, type ApiStatus, type Outcome, type Subscription } from './catalog.ts';

export { API_STATUSES, type ApiStatus, type VapexApi } from './catalog.ts';

/** An organisation's system at V-APEX: OAuth client credentials, and the organisation it acts for. */
export interface VapexClient extends SandboxClient {
  organisationCode: string;
  organisationName: string;
  /** The system's X-Road client id at NDXP (`INSTANCE/CLASS/MEMBER/SUBSYSTEM`), the identity it calls subscribed APIs with; shown to providers. */
  xroadClient?: string;
  /** The system's name, for providers. */
  systemName?: string;
}

export const DEFAULT_VAPEX_CLIENTS: readonly VapexClient[] = [
  { id: 'sen-dongthap', secret: 'sandbox-vapex-secret-h19', organisationCode: '000.00.00.H19', organisationName: 'UBND tỉnh Đồng Tháp', xroadClient: 'VN/GOV/000.00.00.H19/LGSP', systemName: 'LGSP tỉnh Đồng Tháp' },
  // Another province's system: a consumer that subscribes to what Đồng Tháp publishes.
  { id: 'consumer-h29', secret: 'sandbox-vapex-secret-h29', organisationCode: '000.00.00.H29', organisationName: 'Tỉnh thử nghiệm H29', xroadClient: 'VN/GOV/000.00.00.H29/LGSP', systemName: 'LGSP tỉnh thử nghiệm H29' },
];

export interface VapexOptions {
  clients?: readonly VapexClient[];
  tokenTtlSeconds?: number;
}

const TAGS = ['V-APEX'];
const BEARER_NOTE = 'Authentication: `Authorization: Bearer <access_token>` from `POST /vapex/oauth/token` (client credentials).';
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const openapiDocument = { type: 'object', required: ['openapi', 'info', 'paths'], additionalProperties: true, description: 'The OpenAPI 3 document of the API', properties: { openapi: { type: 'string', pattern: '^3\\.' }, info: { type: 'object', additionalProperties: true }, paths: { type: 'object', additionalProperties: true } } } as const;
const apiSchema = {
  type: 'object',
  required: ['id', 'name', 'providerCode', 'version', 'status', 'openapi', 'createdAt', 'updatedAt', 'publishedAt', 'versions'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, providerCode: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' },
    status: { type: 'string', enum: [...API_STATUSES] }, openapi: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string' }, updatedAt: { type: 'string' }, publishedAt: { type: ['string', 'null'] },
    versions: { type: 'array', items: { type: 'object', required: ['version', 'at'], properties: { version: { type: 'string' }, at: { type: 'string' } } } },
  },
} as const;
const apiBody = {
  type: 'object', additionalProperties: false, required: ['name', 'providerCode', 'version', 'openapi'],
  properties: { name: text(300), providerCode: text(100), version: text(50), description: { type: 'string', maxLength: 2000 }, openapi: openapiDocument },
} as const;
const updateBody = {
  type: 'object', additionalProperties: false, required: ['version', 'openapi'],
  properties: { name: text(300), version: text(50), description: { type: 'string', maxLength: 2000 }, openapi: openapiDocument },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const approvalSchema = {
  type: 'object', required: ['status', 'reason', 'decidedAt'], description: "The provider's decision: `pending` until it approves or rejects the subscription",
  properties: { status: { type: 'string', enum: [...APPROVAL_STATUSES] }, reason: { type: ['string', 'null'] }, decidedAt: { type: ['string', 'null'] } },
} as const;
const subscriptionSchema = {
  type: 'object', required: ['id', 'apiId', 'status', 'createdAt', 'cancelledAt', 'approval'],
  properties: {
    id: { type: 'string' }, apiId: { type: 'string' }, key: { type: 'string', description: 'Shown when subscribing only' }, status: { type: 'string', enum: ['active', 'cancelled'] },
    createdAt: { type: 'string' }, cancelledAt: { type: ['string', 'null'] }, approval: approvalSchema,
  },
} as const;
/** Approved with an optional reason, or rejected with one (oneOf: OpenAPI 3.0 tools read no if/then). */
const approvalBody = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: ['approved'] }, reason: text(1000) } },
    { type: 'object', additionalProperties: false, required: ['status', 'reason'], properties: { status: { type: 'string', enum: ['rejected'] }, reason: { ...text(1000), description: 'Why; required to reject' } } },
  ],
} as const;
const subscriberSchema = {
  type: 'object', required: ['clientId', 'organisationCode', 'organisationName', 'xroadClient', 'systemName'],
  properties: {
    clientId: { type: 'string' }, organisationCode: { type: 'string' }, organisationName: { type: 'string' },
    xroadClient: { type: ['string', 'null'], description: 'The subscriber system\'s X-Road client id at NDXP (INSTANCE/CLASS/MEMBER/SUBSYSTEM)' }, systemName: { type: ['string', 'null'] },
  },
} as const;
const providerSubscriptionSchema = { ...subscriptionSchema, required: [...subscriptionSchema.required, 'subscriber'], properties: { ...subscriptionSchema.properties, subscriber: subscriberSchema } } as const;
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, sandboxErrorSchema]));

/**
 * V-APEX sandbox (Nền tảng trao đổi API quốc gia, seed lines 5392–5400): organisations register
 * their APIs with an OpenAPI description, publish them in the national catalogue, keep them up
 * to date and withdraw them; consumers list and search the catalogue and subscribe (a key each).
 */
export function vapexSandbox(options: VapexOptions = {}): SandboxFactory {
  return () => createVapexSandbox(options);
}

function createVapexSandbox(options: VapexOptions): Sandbox {
  const clients = options.clients ?? DEFAULT_VAPEX_CLIENTS;
  const tokens = new TokenIssuer(options.tokenTtlSeconds ?? 3600);
  const catalog = new ApiCatalog();

  return {
    name: 'vapex',
    title: 'V-APEX — Nền tảng trao đổi API quốc gia',
    titleEn: 'V-APEX — national API exchange (register, publish, search, subscribe)',
    description: 'Danh mục API quốc gia giả lập: cơ quan đăng ký API kèm OpenAPI, công bố, cập nhật phiên bản, ngừng công bố; bên sử dụng tìm kiếm và đăng ký sử dụng.',
    securitySchemes: clientCredentials('/vapex/oauth/token'),
    apiSecurity: [{ oauth2: [] }],
    links: [{ label: 'OpenAPI', path: '/openapi.json' }],

    async register(app: FastifyInstance): Promise<void> {
      app.setErrorHandler((error: FastifyError, request, reply) => {
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) return sandboxError(reply, status, 'vapex.invalid_request', error.message);
        request.log.error({ err: error }, 'vapex sandbox: unexpected error');
        return sandboxError(reply, 500, 'vapex.internal_error', 'Unexpected error in the V-APEX sandbox');
      });
      await app.register(formbody, { bodyLimit: 4096 });
      app.post<{ Body: { grant_type?: string; client_id?: string; client_secret?: string } }>('/oauth/token', {
        schema: {
          summary: 'Issue an access token (OAuth 2.0 client credentials)',
          description: 'Client authentication by HTTP Basic or form fields `client_id`/`client_secret`; `grant_type=client_credentials`.',
          tags: ['OAuth'],
          body: { type: 'object', additionalProperties: false, properties: { grant_type: text(64), client_id: text(128), client_secret: text(256), scope: { type: 'string', maxLength: 256 } } },
          response: { 200: { type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' } } }, ...errors(400, 401) },
        },
      }, async (request, reply) => {
        const basic = basicCredentials(request);
        const body = request.body ?? {};
        const client = basic ? findClient(clients, basic.id, basic.secret) : findClient(clients, body.client_id, body.client_secret);
        if (!client) return sandboxError(reply.header('www-authenticate', 'Basic realm="vapex"'), 401, 'vapex.invalid_client', 'Unknown client or wrong secret');
        if (body.grant_type !== 'client_credentials') return sandboxError(reply, 400, 'vapex.unsupported_grant_type', 'Only grant_type=client_credentials is supported');
        return reply.header('cache-control', 'no-store').send(tokens.issue(client.id));
      });
      await app.register(async (api) => registerApi(api, clients, tokens, catalog), { prefix: '/api/v1' });
    },
  };
}

function registerApi(api: FastifyInstance, clients: readonly VapexClient[], tokens: TokenIssuer, catalog: ApiCatalog): void {
  const callers = new WeakMap<FastifyRequest, VapexClient>();
  api.addHook('onRequest', async (request, reply) => {
    const client = clients.find((c) => c.id === tokens.verify(bearerToken(request)));
    if (!client) return sandboxError(reply.header('www-authenticate', 'Bearer realm="vapex"'), 401, 'vapex.unauthorized', 'A valid bearer token is required');
    callers.set(request, client);
  });
  const caller = (request: FastifyRequest) => callers.get(request)!;
  const answer = <T>(reply: FastifyReply, outcome: Outcome<T>, status = 200) => outcome.ok ? reply.code(status).send(outcome.value) : sandboxError(reply, outcome.status, outcome.code, outcome.message);

  api.post<{ Body: ApiInput }>('/apis', {
    schema: { summary: 'Register an API (đăng ký API)', description: `Registered, not yet published. Only the caller's own organisation may be the provider (403 \`vapex.not_provider\`). ${BEARER_NOTE}`, tags: TAGS, body: apiBody, response: { 201: apiSchema, ...errors(400, 401, 403) } },
  }, async (request, reply) => {
    const client = caller(request);
    if (request.body.providerCode !== client.organisationCode) return sandboxError(reply, 403, 'vapex.not_provider', `This client registers APIs of ${client.organisationCode} only`);
    return reply.code(201).send(catalog.register(client.id, request.body));
  });
  api.get<{ Querystring: { q?: string; providerCode?: string; status?: ApiStatus } }>('/apis', {
    schema: {
      summary: 'List and search the catalogue', description: `Published APIs, and the caller's own whatever their status. \`q\`: words of the name or description. ${BEARER_NOTE}`, tags: TAGS,
      querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 200 }, providerCode: { type: 'string', maxLength: 100 }, status: { type: 'string', enum: [...API_STATUSES] } } },
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: apiSchema } } }, ...errors(400, 401) },
    },
  }, async (request) => ({ items: catalog.list(caller(request).id, request.query) }));
  api.get<{ Params: { id: string } }>('/apis/:id', {
    schema: { summary: 'An API', description: BEARER_NOTE, tags: TAGS, params: idParams, response: { 200: apiSchema, ...errors(401, 404) } },
  }, async (request, reply) => {
    const found = catalog.get(request.params.id, caller(request).id);
    return found ? found : sandboxError(reply, 404, 'vapex.api_not_found', 'No such API');
  });
  api.put<{ Params: { id: string }; Body: Partial<ApiInput> & { version: string; openapi: Record<string, unknown> } }>('/apis/:id', {
    schema: { summary: 'Update a registered API (a new version of its OpenAPI)', description: `The owner only. A new \`version\` joins the API's versions. ${BEARER_NOTE}`, tags: TAGS, params: idParams, body: updateBody, response: { 200: apiSchema, ...errors(400, 401, 403, 404) } },
  }, async (request, reply) => answer(reply, catalog.update(request.params.id, caller(request).id, request.body)));
  for (const [action, published] of [['publish', true], ['unpublish', false]] as const) {
    api.post<{ Params: { id: string } }>(`/apis/:id/${action}`, {
      schema: { summary: published ? 'Publish in the national catalogue (công bố)' : 'Withdraw from the catalogue (ngừng công bố)', description: `The owner only; repeating it changes nothing. ${BEARER_NOTE}`, tags: TAGS, params: idParams, response: { 200: apiSchema, ...errors(401, 403, 404) } },
    }, async (request, reply) => answer(reply, catalog.setPublished(request.params.id, caller(request).id, published)));
  }
  api.post<{ Params: { id: string } }>('/apis/:id/subscriptions', {
    schema: { summary: 'Subscribe to a published API', description: `Answers the subscription with its key (once; subscribing again answers the same subscription). An unpublished API → 409 \`vapex.not_published\`. ${BEARER_NOTE}`, tags: TAGS, params: idParams, response: { 201: subscriptionSchema, ...errors(401, 404, 409) } },
  }, async (request, reply) => answer(reply, catalog.subscribe(request.params.id, caller(request).id), 201));
  api.get('/subscriptions', {
    schema: { summary: "The caller's subscriptions (without their keys)", description: BEARER_NOTE, tags: TAGS, response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: subscriptionSchema } } }, ...errors(401) } },
  }, async (request) => ({ items: catalog.subscriptionsOf(caller(request).id).map(({ key: _key, consumer: _consumer, ...rest }) => rest) }));
  api.delete<{ Params: { id: string } }>('/subscriptions/:id', {
    schema: { summary: 'Cancel a subscription (hủy đăng ký)', description: `The subscriber only; cancelling again changes nothing. The provider sees it cancelled. ${BEARER_NOTE}`, tags: TAGS, params: idParams, response: { 200: subscriptionSchema, ...errors(401, 404) } },
  }, async (request, reply) => {
    const outcome = catalog.cancel(request.params.id, caller(request).id);
    return outcome.ok ? answer(reply, { ok: true, value: withoutKey(outcome.value) }) : answer(reply, outcome);
  });
  api.put<{ Params: { id: string }; Body: { status: 'approved' | 'rejected'; reason?: string } }>('/subscriptions/:id/approval', {
    schema: {
      summary: 'Approve or reject a subscription (phê duyệt / từ chối đăng ký sử dụng)',
      description: `The provider of the subscribed API only (403 \`vapex.not_owner\`): \`approved\`, or \`rejected\` with a \`reason\`. The same decision again changes nothing; a different one replaces it. A cancelled subscription → 409 \`vapex.subscription_cancelled\`. ${BEARER_NOTE}`,
      tags: TAGS, params: idParams, body: approvalBody, response: { 200: providerSubscriptionSchema, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const outcome = catalog.decide(request.params.id, caller(request).id, request.body);
    return outcome.ok ? { ...withoutKey(outcome.value), subscriber: subscriberOf(clients, outcome.value.consumer) } : answer(reply, outcome);
  });
  api.get<{ Params: { id: string } }>('/apis/:id/subscriptions', {
    schema: {
      summary: 'Subscriptions to an API, for its provider', description: `The owner only: every subscription, active and cancelled, with the subscriber's organisation and X-Road client id (never its key). ${BEARER_NOTE}`,
      tags: TAGS, params: idParams, response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: providerSubscriptionSchema } } }, ...errors(401, 403, 404) },
    },
  }, async (request, reply) => {
    const outcome = catalog.subscriptionsTo(request.params.id, caller(request).id);
    if (!outcome.ok) return answer(reply, outcome);
    return { items: outcome.value.map((s) => ({ ...withoutKey(s), subscriber: subscriberOf(clients, s.consumer) })) };
  });
}

/** The subscriber as V-APEX shows it to the provider: its organisation and X-Road client id. */
function subscriberOf(clients: readonly VapexClient[], consumer: string) {
  const subscriber = clients.find((c) => c.id === consumer);
  return {
    clientId: consumer, organisationCode: subscriber?.organisationCode ?? '', organisationName: subscriber?.organisationName ?? '',
    xroadClient: subscriber?.xroadClient ?? null, systemName: subscriber?.systemName ?? null,
  };
}

const withoutKey = ({ key: _key, consumer: _consumer, ...rest }: Subscription) => rest;
