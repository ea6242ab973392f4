import type { FastifyInstance } from 'fastify';
import { sandboxError } from '../kit.ts';
import { ORDER_STATUSES, type OrderStatus } from './model.ts';
import type { AdvanceInput, OrderBook } from './orders.ts';
import { errors, eventSchema, limitProperty, orderIdParams, orderListSchema, orderSchema } from './schemas.ts';
import type { WebhookDispatcher } from './webhooks.ts';

const TAGS = ['VNPost admin'];
const ADMIN_NOTE = 'Tester action. Authentication: `Authorization: Bearer <sandbox admin token>`.';

/** What the post office does on its own in reality: testers drive it here. */
export function registerAdmin(app: FastifyInstance, options: { book: OrderBook; webhooks: WebhookDispatcher }): void {
  app.post<{ Params: { orderId: string }; Body: AdvanceInput }>('/_admin/orders/:orderId/advance', {
    // A bare POST (no body) means "next step".
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: {
      summary: 'Move an order to its next status, or to a given one',
      description: `${ADMIN_NOTE} Without \`to\`, the order takes the next step of the happy path `
        + '(created → accepted → picked_up → in_transit → out_for_delivery → delivered; after delivery_failed, another delivery attempt, '
        + 'or returned after 3 attempts). `to` may name any allowed next status (e.g. `delivery_failed`, `returned`, `cancelled`); '
        + 'an invalid transition answers 409 `vnpost.invalid_transition`. `receivedBy` names who signed on `delivered` '
        + '(default for delivery orders: the receiver). The change is pushed to the webhook.',
      tags: TAGS,
      params: orderIdParams,
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          to: { type: 'string', enum: ORDER_STATUSES },
          note: { type: 'string', minLength: 1, maxLength: 500 },
          receivedBy: { type: 'string', minLength: 1, maxLength: 150 },
        },
      },
      response: {
        200: { type: 'object', required: ['order', 'event'], properties: { order: orderSchema, event: eventSchema } },
        ...errors(400, 401, 404, 409),
      },
    },
  }, async (request, reply) => {
    const result = options.book.advance(request.params.orderId, request.body);
    if (result.ok) return { order: result.order, event: result.event };
    if (result.reason === 'not_found') return sandboxError(reply, 404, 'vnpost.order_not_found', 'No such order');
    return sandboxError(reply, 409, 'vnpost.invalid_transition', `An order in status ${result.order.status} cannot move to ${request.body.to ?? 'a next status'}`, {
      from: result.order.status, allowed: result.allowed,
    });
  });

  app.get<{ Querystring: { status?: OrderStatus; referenceCode?: string; limit: number } }>('/_admin/orders', {
    schema: {
      summary: 'Every client\'s orders, newest first',
      description: ADMIN_NOTE,
      tags: TAGS,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { status: { type: 'string', enum: ORDER_STATUSES }, referenceCode: { type: 'string', maxLength: 64 }, limit: limitProperty },
      },
      response: { 200: orderListSchema, ...errors(400, 401) },
    },
  }, async (request) => ({ items: options.book.list(request.query) }));

  app.get<{ Querystring: { orderId?: string; limit: number } }>('/_admin/webhooks', {
    schema: {
      summary: 'Webhook delivery attempts, newest first',
      description: `${ADMIN_NOTE} Each attempt: the receiver's HTTP status (null when unreachable), and whether a retry is scheduled.`,
      tags: TAGS,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { orderId: { type: 'string', maxLength: 64 }, limit: limitProperty },
      },
      response: {
        200: {
          type: 'object',
          required: ['items'],
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' }, url: { type: 'string' }, at: { type: 'string' }, status: { type: ['integer', 'null'] }, error: { type: 'string' },
                  eventId: { type: 'string' }, orderId: { type: 'string' }, eventStatus: { type: 'string' }, attempt: { type: 'integer' },
                  outcome: { type: 'string', enum: ['delivered', 'retry_scheduled', 'gave_up'] }, nextAttemptAt: { type: 'string' },
                },
              },
            },
          },
        },
        ...errors(400, 401),
      },
    },
  }, async (request) => ({ items: options.webhooks.attempts(request.query) }));
}
