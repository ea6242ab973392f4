import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual, sandboxError } from '../kit.ts';
import { DEFAULT_EXPIRES_IN_MINUTES, type FeeLine, type PaymentMerchant, type PaymentOrder } from './model.ts';
import type { PaymentPlatform } from './platform.ts';
import {
  createPaymentBodySchema, createdPaymentSchema, errors, orderQuerySchema, paymentIdParamsSchema, paymentSchema,
  reconciliationParamsSchema, signedHeadersSchema, SIGNED_REQUEST_NOTE,
} from './schemas.ts';
import { PAYMENT_TIMESTAMP_TOLERANCE_MS, parsePaymentTimestamp, signPaymentRequest } from './signing.ts';

interface CreatePaymentBody {
  orderId: string;
  amount: number;
  feeLines: FeeLine[];
  agencyCode: string;
  description: string;
  returnUrl: string;
  notifyUrl?: string;
  payerName?: string;
  expiresInMinutes?: number;
}

const tags = ['payment API'];
const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const isHttpUrl = (value: string): boolean => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

/**
 * The merchant-facing API (`/api/v1/...`): every call signed with the merchant's secret over
 * the raw body, which is why this scope parses JSON itself and keeps the original text.
 */
export async function registerPaymentApi(app: FastifyInstance, platform: PaymentPlatform): Promise<void> {
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const callers = new WeakMap<FastifyRequest, PaymentMerchant>();
  const caller = (request: FastifyRequest): PaymentMerchant => callers.get(request)!;

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('The body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });

  // Before schema validation: an unsigned request is refused as such, whatever its body.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const merchantCode = header(request, 'x-merchant-code');
    const timestamp = header(request, 'x-timestamp');
    const signature = header(request, 'x-signature');
    if (!merchantCode || !timestamp || !signature) {
      return sandboxError(reply, 401, 'payment.bad_signature', 'X-Merchant-Code, X-Timestamp and X-Signature are required');
    }
    const merchant = platform.merchant(merchantCode);
    if (!merchant) return sandboxError(reply, 401, 'payment.unknown_merchant', 'No merchant with this code');
    const expected = signPaymentRequest(merchant.secret, { method: request.method, path: request.url, timestamp, body: rawBodies.get(request) });
    if (!safeEqual(expected, signature.toLowerCase())) {
      return sandboxError(reply, 401, 'payment.bad_signature', 'The signature does not match the request');
    }
    const at = parsePaymentTimestamp(timestamp);
    if (at === undefined || Math.abs(platform.now() - at) > PAYMENT_TIMESTAMP_TOLERANCE_MS) {
      return sandboxError(reply, 401, 'payment.stale_request', 'X-Timestamp is not within 5 minutes of the platform clock');
    }
    callers.set(request, merchant);
  });

  app.post<{ Body: CreatePaymentBody }>('/api/v1/payments', {
    schema: {
      summary: 'Create a payment',
      description: 'Registers a payment of fees and charges and returns the page to send the payer to. Repeating the same orderId with the '
        + `same content returns the existing payment (200); different content is refused (409). ${SIGNED_REQUEST_NOTE}`,
      tags, headers: signedHeadersSchema, body: createPaymentBodySchema,
      response: { 201: createdPaymentSchema, 200: createdPaymentSchema, ...errors(400, 401, 409, 422) },
    },
  }, async (request, reply) => {
    const body = request.body;
    const invalidUrls = Object.fromEntries((['returnUrl', 'notifyUrl'] as const)
      .filter((field) => body[field] !== undefined && !isHttpUrl(body[field]!))
      .map((field) => [field, 'must be an absolute http or https URL']));
    if (Object.keys(invalidUrls).length > 0) return sandboxError(reply, 422, 'payment.invalid_url', 'A URL is not an http(s) URL', invalidUrls);
    const feeLinesTotal = body.feeLines.reduce((sum, line) => sum + line.amount, 0);
    if (feeLinesTotal !== body.amount) {
      return sandboxError(reply, 422, 'payment.amount_mismatch', 'amount must equal the sum of the fee lines', { amount: body.amount, feeLinesTotal });
    }
    const order: PaymentOrder = {
      orderId: body.orderId,
      amount: body.amount,
      feeLines: body.feeLines.map((l) => ({ code: l.code, name: l.name, amount: l.amount, kind: l.kind })),
      agencyCode: body.agencyCode,
      description: body.description,
      returnUrl: body.returnUrl,
      notifyUrl: body.notifyUrl ?? null,
      payerName: body.payerName ?? null,
      expiresInMinutes: body.expiresInMinutes ?? DEFAULT_EXPIRES_IN_MINUTES,
    };
    const outcome = platform.store.create(caller(request).merchantCode, order);
    if (outcome.kind === 'conflict') {
      return sandboxError(reply, 409, 'payment.order_conflict', 'This orderId already has a payment with different content', {
        paymentId: outcome.payment.paymentId,
      });
    }
    const { payment } = outcome;
    return reply.code(outcome.kind === 'created' ? 201 : 200).send({
      paymentId: payment.paymentId, orderId: payment.orderId, paymentUrl: platform.paymentUrl(payment.paymentId),
      status: payment.status, expiresAt: payment.expiresAt,
    });
  });

  app.get<{ Params: { paymentId: string } }>('/api/v1/payments/:paymentId', {
    schema: {
      summary: 'Query a payment',
      description: `The payment with its status, transaction and notification summary. Other merchants' payments answer 404. ${SIGNED_REQUEST_NOTE}`,
      tags, headers: signedHeadersSchema, params: paymentIdParamsSchema,
      response: { 200: paymentSchema, ...errors(400, 401, 404) },
    },
  }, async (request, reply) => {
    const payment = platform.store.get(request.params.paymentId);
    if (!payment || payment.merchantCode !== caller(request).merchantCode) {
      return sandboxError(reply, 404, 'payment.not_found', 'No such payment for this merchant');
    }
    return platform.view(payment);
  });

  app.get<{ Querystring: { orderId: string } }>('/api/v1/payments', {
    schema: {
      summary: 'Query a payment by order id',
      description: `The merchant's payment for an orderId (unique per merchant). ${SIGNED_REQUEST_NOTE}`,
      tags, headers: signedHeadersSchema, querystring: orderQuerySchema,
      response: { 200: paymentSchema, ...errors(400, 401, 404) },
    },
  }, async (request, reply) => {
    const payment = platform.store.byOrder(caller(request).merchantCode, request.query.orderId);
    if (!payment) return sandboxError(reply, 404, 'payment.not_found', 'No payment for this orderId');
    return platform.view(payment);
  });

  app.get<{ Params: { date: string } }>('/api/v1/reconciliation/:date', {
    schema: {
      summary: 'Daily reconciliation file',
      description: 'CSV (header transactionNo,paymentId,orderId,agencyCode,amount,bankCode,status,paidAt; trailer TOTAL,<count>,<sum>) of '
        + "the merchant's succeeded transactions paid on the local date (Asia/Ho_Chi_Minh). X-File-Signature = hex HMAC-SHA256 of the file. "
        + SIGNED_REQUEST_NOTE,
      tags, headers: signedHeadersSchema, params: reconciliationParamsSchema,
      response: { 200: { description: 'The reconciliation file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 422) },
    },
  }, async (request, reply) => {
    const { date } = request.params;
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      return sandboxError(reply, 422, 'payment.invalid_date', 'Not a calendar date', { date: 'must be a valid YYYY-MM-DD date' });
    }
    if (date > platform.today()) {
      return sandboxError(reply, 422, 'payment.future_date', 'No reconciliation file for a future date', { date: `must not be after ${platform.today()}` });
    }
    const merchant = caller(request);
    const { file, signature } = platform.reconciliation(merchant, date);
    return reply
      .type('text/csv; charset=utf-8')
      .header('x-file-signature', signature)
      .header('content-disposition', `attachment; filename="reconciliation-${merchant.merchantCode}-${date}.csv"`)
      .send(file);
  });
}
