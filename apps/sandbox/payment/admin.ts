import type { FastifyInstance } from 'fastify';
import { sandboxError } from '../kit.ts';
import type { PaymentOutcome } from './model.ts';
import type { PaymentPlatform } from './platform.ts';
import {
  completeBodySchema, errors, listQuerySchema, notificationSchema, paymentIdParamsSchema, paymentSchema, settingsSchema,
} from './schemas.ts';

const tags = ['payment admin'];
const ADMIN_NOTE = 'Authentication: Authorization: Bearer <sandbox admin token>.';
const settingsResponse = { type: 'object', properties: { duplicateRate: { type: 'number' } } } as const;

/** Tester actions: see what happened, settle a payment at a chosen time, tune duplicate notifications. */
export function registerPaymentAdmin(app: FastifyInstance, platform: PaymentPlatform): void {
  app.get<{ Querystring: { limit: number; merchantCode?: string } }>('/_admin/payments', {
    schema: {
      summary: 'List payments', description: `Newest first, every merchant (or one). ${ADMIN_NOTE}`, tags, querystring: listQuerySchema,
      response: { 200: { type: 'object', properties: { payments: { type: 'array', items: paymentSchema } } }, ...errors(400, 401) },
    },
  }, async (request) => ({ payments: platform.store.list(request.query.limit, request.query.merchantCode).map((p) => platform.view(p)) }));

  app.get<{ Querystring: { limit: number } }>('/_admin/notifications', {
    schema: {
      summary: 'List notifications', description: `Result notifications with every delivery attempt, newest first. ${ADMIN_NOTE}`, tags,
      querystring: { ...listQuerySchema, properties: { limit: listQuerySchema.properties.limit } },
      response: { 200: { type: 'object', properties: { notifications: { type: 'array', items: notificationSchema } } }, ...errors(400, 401) },
    },
  }, async (request) => ({ notifications: platform.notifier.list(request.query.limit) }));

  app.post<{ Params: { paymentId: string }; Body: { status: PaymentOutcome; bankCode?: string; paidAt?: string } }>('/_admin/payments/:paymentId/complete', {
    schema: {
      summary: 'Settle a payment',
      description: 'Does what the payment page does (transaction, notification, signed return URL) at a chosen time, without a browser. '
        + `Answers the payment and the return URL the browser would have been sent to. ${ADMIN_NOTE}`,
      tags, params: paymentIdParamsSchema, body: completeBodySchema,
      response: {
        200: { type: 'object', properties: { payment: paymentSchema, redirectUrl: { type: 'string' } } },
        ...errors(400, 401, 404, 409, 422),
      },
    },
  }, async (request, reply) => {
    const { status, bankCode, paidAt } = request.body;
    const at = paidAt === undefined ? platform.now() : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(paidAt) ? Date.parse(paidAt) : NaN;
    if (Number.isNaN(at)) return sandboxError(reply, 422, 'payment.invalid_paid_at', 'paidAt is not an ISO 8601 date-time', { paidAt: 'must be ISO 8601' });
    if (at > platform.now()) return sandboxError(reply, 422, 'payment.invalid_paid_at', 'paidAt is in the future', { paidAt: 'must not be in the future' });
    const result = platform.settle(request.params.paymentId, {
      status, bankCode: bankCode ?? (status === 'succeeded' ? 'VCB' : ''), paidAt: at,
    });
    if (!result) return sandboxError(reply, 404, 'payment.not_found', 'No such payment');
    if (result.kind === 'expired') return sandboxError(reply, 409, 'payment.expired', 'The payment has expired');
    if (result.kind === 'finished') {
      return sandboxError(reply, 409, 'payment.already_finished', `The payment is already ${result.payment.status}`);
    }
    return { payment: platform.view(result.payment), redirectUrl: result.redirectUrl };
  });

  app.get('/_admin/settings', {
    schema: { summary: 'Current settings', description: ADMIN_NOTE, tags, response: { 200: settingsResponse, ...errors(401) } },
  }, async () => ({ duplicateRate: platform.duplicateRate }));

  app.put<{ Body: { duplicateRate?: number } }>('/_admin/settings', {
    schema: {
      summary: 'Change settings', description: `duplicateRate: share (0–1) of notifications delivered a second time. ${ADMIN_NOTE}`,
      tags, body: settingsSchema, response: { 200: settingsResponse, ...errors(400, 401) },
    },
  }, async (request) => {
    if (request.body.duplicateRate !== undefined) platform.duplicateRate = request.body.duplicateRate;
    return { duplicateRate: platform.duplicateRate };
  });
}
