import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { basicCredentials, bearerToken, findClient, sandboxError, type TokenIssuer } from '../kit.ts';
import type { OrderKind, OrderRequest, PostalAddress, ServiceCode } from './model.ts';

interface QuoteRequest {
  sender: { address: PostalAddress };
  receiver: { address: PostalAddress };
  weightGrams: number;
  serviceCode: ServiceCode;
}
import type { OrderBook } from './orders.ts';
import { computeFee, distanceClass, estimatedDelivery } from './tariff.ts';
import { REFERENCE_CODE_PATTERN, errors, quoteRequestSchema, quoteSchema, eventSchema, limitProperty, orderIdParams, orderListSchema, orderRequestSchema, orderSchema } from './schemas.ts';
import type { VnpostClient } from './sandbox.ts';

export interface ApiOptions {
  clients: readonly VnpostClient[];
  tokens: TokenIssuer;
  book: OrderBook;
}

const TAGS = ['VNPost'];
const text255 = { type: 'string', minLength: 1, maxLength: 255 } as const;
const BEARER_NOTE = 'Authentication: `Authorization: Bearer <access_token>` from `POST /vnpost/oauth/token`. Only the calling client\'s orders are visible; others answer 404.';

interface TokenBody {
  grant_type: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

async function registerToken(app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(formbody, { bodyLimit: 4096 });
  app.post<{ Body: TokenBody }>('/oauth/token', {
    schema: {
      summary: 'Obtain an access token (OAuth 2.0 client credentials)',
      description: 'Authenticate the client either with `Authorization: Basic base64(client_id:client_secret)` or with `client_id` and `client_secret` '
        + 'in the body (form-encoded or JSON), not both. `grant_type` must be `client_credentials`. The token is valid for `expires_in` seconds.',
      tags: TAGS,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['grant_type'],
        properties: {
          grant_type: { type: 'string', maxLength: 64 },
          client_id: { type: 'string', maxLength: 128 },
          client_secret: { type: 'string', maxLength: 256 },
          scope: { type: 'string', maxLength: 256 },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['access_token', 'token_type', 'expires_in'],
          properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' } },
        },
        ...errors(400, 401),
      },
    },
  }, async (request, reply) => {
    const basic = basicCredentials(request);
    const { client_id: bodyId, client_secret: bodySecret, grant_type: grantType } = request.body;
    if (basic && (bodyId !== undefined || bodySecret !== undefined)) {
      return sandboxError(reply, 400, 'vnpost.invalid_request', 'Authenticate the client with Basic auth or with body parameters, not both');
    }
    if (grantType !== 'client_credentials') return sandboxError(reply, 400, 'vnpost.unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const client = basic ? findClient(options.clients, basic.id, basic.secret) : findClient(options.clients, bodyId, bodySecret);
    if (!client) {
      return sandboxError(reply.header('www-authenticate', 'Basic realm="vnpost"'), 401, 'vnpost.invalid_client', 'Unknown client or wrong client secret');
    }
    return reply.header('cache-control', 'no-store').send(options.tokens.issue(client.id));
  });
}

export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  await app.register(async (scope) => registerToken(scope, options));
  await app.register(async (api) => {
    const callers = new WeakMap<FastifyRequest, VnpostClient>();
    // Before body validation: an unauthenticated caller learns nothing about its input.
    api.addHook('onRequest', async (request, reply) => {
      const clientId = options.tokens.verify(bearerToken(request));
      const client = options.clients.find((c) => c.id === clientId);
      if (!client) {
        return sandboxError(reply.header('www-authenticate', 'Bearer realm="vnpost"'), 401, 'vnpost.unauthorized', 'A valid bearer token is required');
      }
      callers.set(request, client);
    });
    const caller = (request: FastifyRequest): VnpostClient => callers.get(request)!;
    const notFound = (reply: FastifyReply) => sandboxError(reply, 404, 'vnpost.order_not_found', 'No such order for this client');

    api.post<{ Body: OrderRequest }>('/orders', {
      schema: {
        summary: 'Place a pickup or delivery order',
        description: `${BEARER_NOTE}\n\nThe fee is computed from the weight (first 500 g, then each further 500 g or part), the service (EMS or BK) `
          + 'and the distance class (same commune, same province, other province); see `TARIFF` in apps/sandbox/vnpost/tariff.ts. '
          + 'EMS first 500 g: 15,000 / 20,000 / 33,000 ₫, then 2,500 / 3,500 / 8,000 ₫ per 500 g; '
          + 'BK first 500 g: 10,000 / 13,000 / 20,000 ₫, then 1,500 / 2,000 / 4,500 ₫ per 500 g. '
          + 'Idempotent on (client, referenceCode, kind) while the order is not cancelled: the identical request answers 200 with the existing order, '
          + 'a different one 409 `vnpost.duplicate_order`. COD is only possible on delivery orders (422 `vnpost.invalid_order`).',
        tags: TAGS,
        body: orderRequestSchema,
        response: { 200: orderSchema, 201: orderSchema, ...errors(400, 401, 409, 422) },
      },
    }, async (request, reply) => {
      const body = request.body;
      if (body.kind === 'pickup' && (body.codAmountVnd ?? 0) > 0) {
        return sandboxError(reply, 422, 'vnpost.invalid_order', 'The order is not valid', [
          { field: 'codAmountVnd', message: 'Cash on delivery is only collected on delivery orders' },
        ]);
      }
      const client = caller(request);
      const result = options.book.create(client, body);
      if (result.outcome === 'conflict') {
        return sandboxError(reply, 409, 'vnpost.duplicate_order', 'An order with this referenceCode and kind already exists with different content', {
          orderId: result.order.orderId, trackingNumber: result.order.trackingNumber,
        });
      }
      if (result.outcome === 'created') request.log.info({ orderId: result.order.orderId, kind: body.kind }, 'vnpost order created');
      return reply.code(result.outcome === 'created' ? 201 : 200).send(result.order);
    });

    api.post<{ Body: QuoteRequest }>('/quotes', {
      schema: {
        summary: 'Price an order before placing it (tính cước)',
        description: `${BEARER_NOTE} The same tariff as \`POST /orders\`: an order placed with these addresses, weight and service costs \`feeVnd\`.`,
        tags: TAGS,
        body: quoteRequestSchema,
        response: { 200: quoteSchema, ...errors(400, 401) },
      },
    }, async (request) => {
      const { sender, receiver, weightGrams, serviceCode } = request.body;
      const distance = distanceClass(sender, receiver);
      return {
        serviceCode, distanceClass: distance, weightGrams, feeVnd: computeFee(serviceCode, distance, weightGrams),
        estimatedDeliveryAt: estimatedDelivery(serviceCode, distance, new Date()).toISOString(),
      };
    });

    api.get<{ Querystring: { referenceCode?: string; kind?: OrderKind; limit: number } }>('/orders', {
      schema: {
        summary: "List the client's orders, newest first",
        description: `${BEARER_NOTE} Filter by the dossier code with \`referenceCode\`.`,
        tags: TAGS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            referenceCode: { type: 'string', minLength: 1, maxLength: 64, pattern: REFERENCE_CODE_PATTERN },
            kind: { type: 'string', enum: ['pickup', 'delivery'] },
            limit: limitProperty,
          },
        },
        response: { 200: orderListSchema, ...errors(400, 401) },
      },
    }, async (request) => ({ items: options.book.list({ ...request.query, clientId: caller(request).id }) }));

    api.get<{ Params: { orderId: string } }>('/orders/:orderId', {
      schema: {
        summary: 'Get an order', description: BEARER_NOTE, tags: TAGS, params: orderIdParams,
        response: { 200: orderSchema, ...errors(401, 404) },
      },
    }, async (request, reply) => options.book.get(request.params.orderId, caller(request).id) ?? notFound(reply));

    api.get<{ Params: { orderId: string } }>('/orders/:orderId/events', {
      schema: {
        summary: 'Tracking history of an order, oldest first',
        description: `${BEARER_NOTE} The same events are pushed to the webhook.`,
        tags: TAGS,
        params: orderIdParams,
        response: {
          200: {
            type: 'object',
            required: ['orderId', 'trackingNumber', 'events'],
            properties: { orderId: { type: 'string' }, trackingNumber: { type: 'string' }, events: { type: 'array', items: eventSchema } },
          },
          ...errors(401, 404),
        },
      },
    }, async (request, reply) => {
      const clientId = caller(request).id;
      const order = options.book.get(request.params.orderId, clientId);
      if (!order) return notFound(reply);
      return { orderId: order.orderId, trackingNumber: order.trackingNumber, events: options.book.events(order.orderId, clientId) };
    });

    api.post<{ Params: { orderId: string }; Body: { reason: string } }>('/orders/:orderId/cancel', {
      schema: {
        summary: 'Cancel an order before pickup',
        description: `${BEARER_NOTE} Allowed while the order is \`created\` or \`accepted\`; afterwards 409 \`vnpost.not_cancellable\`.`,
        tags: TAGS,
        params: orderIdParams,
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text255 } },
        response: { 200: orderSchema, ...errors(400, 401, 404, 409) },
      },
    }, async (request, reply) => {
      const result = options.book.cancel(request.params.orderId, caller(request).id, request.body.reason);
      if (result.ok) return result.order;
      if (result.reason === 'not_found') return notFound(reply);
      return sandboxError(reply, 409, 'vnpost.not_cancellable', `An order in status ${result.order.status} can no longer be cancelled`, { status: result.order.status });
    });
  }, { prefix: '/api/v1' });
}
