import { sandboxErrorSchema } from '../kit.ts';
import { MAX_EXPIRES_IN_MINUTES, MAX_PAYMENT_AMOUNT, PAYMENT_BANKS } from './model.ts';

/** JSON schemas of the payment sandbox's routes; the OpenAPI document is generated from them. */

export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, sandboxErrorSchema]));

const code = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }) as const;
const isoDateTime = { type: 'string', maxLength: 40 } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const SIGNED_REQUEST_NOTE = 'Authentication: headers X-Merchant-Code, X-Timestamp (unix ms or ISO 8601, within ±5 minutes) and '
  + 'X-Signature = hex HMAC-SHA256 with the merchant secret over "<METHOD>\\n<path with query>\\n<timestamp>\\n<raw body or empty>" '
  + '(see signPaymentRequest). 401 payment.bad_signature / payment.unknown_merchant / payment.stale_request.';

export const signedHeadersSchema = {
  type: 'object',
  required: ['x-merchant-code', 'x-timestamp', 'x-signature'],
  properties: {
    'x-merchant-code': { type: 'string', maxLength: 64, description: 'Merchant code, e.g. DTP-H19' },
    'x-timestamp': { type: 'string', maxLength: 40, description: 'Unix milliseconds or ISO 8601 date-time' },
    'x-signature': { type: 'string', maxLength: 128, description: 'Hex HMAC-SHA256 of the canonical request' },
  },
} as const;

const feeLineSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'amount', 'kind'],
  properties: {
    code: code(32),
    name: { type: 'string', minLength: 1, maxLength: 255 },
    amount: { type: 'integer', minimum: 1, maximum: MAX_PAYMENT_AMOUNT },
    kind: { type: 'string', enum: ['fee', 'charge'], description: 'fee = phí, charge = lệ phí' },
  },
} as const;

export const createPaymentBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['orderId', 'amount', 'feeLines', 'agencyCode', 'description', 'returnUrl'],
  properties: {
    orderId: { ...code(64), description: "The merchant's order id (e.g. dossier code + suffix); unique per merchant" },
    amount: { type: 'integer', minimum: 1, maximum: MAX_PAYMENT_AMOUNT, description: 'Total in VND; must equal the sum of feeLines' },
    feeLines: { type: 'array', minItems: 1, maxItems: 20, items: feeLineSchema },
    agencyCode: code(32),
    description: { type: 'string', minLength: 1, maxLength: 255 },
    returnUrl: { type: 'string', minLength: 1, maxLength: 2000, description: 'http(s) URL the payer is sent back to' },
    notifyUrl: { type: 'string', minLength: 1, maxLength: 2000, description: "Overrides the merchant's notification URL" },
    payerName: { type: 'string', minLength: 1, maxLength: 255 },
    expiresInMinutes: { type: 'integer', minimum: 1, maximum: MAX_EXPIRES_IN_MINUTES, default: 15 },
  },
} as const;

export const createdPaymentSchema = {
  description: 'The payment (created now, or the existing one for a repeated identical order)',
  type: 'object',
  required: ['paymentId', 'orderId', 'paymentUrl', 'status', 'expiresAt'],
  properties: {
    paymentId: { type: 'string' },
    orderId: { type: 'string' },
    paymentUrl: { type: 'string', description: 'Absolute URL of the payment page to send the payer to' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'cancelled', 'expired'] },
    expiresAt: { type: 'string' },
  },
} as const;

const transactionSchema = {
  type: ['object', 'null'],
  required: ['transactionNo', 'bankCode', 'paidAt', 'status'],
  properties: {
    transactionNo: { type: 'string' },
    bankCode: { type: 'string', description: 'Empty when cancelled before a bank was chosen' },
    paidAt: { type: 'string', description: 'When the result was recorded (also for cancellations)' },
    status: { type: 'string', enum: ['succeeded', 'cancelled'] },
  },
} as const;

const notificationSummarySchema = {
  type: ['object', 'null'],
  properties: {
    notificationId: { type: 'string' },
    url: { type: 'string' },
    status: { type: 'string', enum: ['delivering', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    lastAttemptAt: nullableString,
    lastStatus: { type: ['integer', 'null'] },
  },
} as const;

export const paymentSchema = {
  description: 'A payment with its status, transaction (once settled) and the summary of its result notification',
  type: 'object',
  properties: {
    paymentId: { type: 'string' },
    merchantCode: { type: 'string' },
    orderId: { type: 'string' },
    amount: { type: 'integer' },
    feeLines: { type: 'array', items: { type: 'object', properties: feeLineSchema.properties } },
    agencyCode: { type: 'string' },
    description: { type: 'string' },
    payerName: nullableString,
    returnUrl: { type: 'string' },
    notifyUrl: nullableString,
    expiresInMinutes: { type: 'integer' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'cancelled', 'expired'] },
    createdAt: { type: 'string' },
    expiresAt: { type: 'string' },
    paymentUrl: { type: 'string' },
    transaction: transactionSchema,
    notification: notificationSummarySchema,
  },
} as const;

export const paymentIdParamsSchema = {
  type: 'object',
  required: ['paymentId'],
  properties: { paymentId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const orderQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['orderId'],
  properties: { orderId: code(64) },
} as const;

export const reconciliationParamsSchema = {
  type: 'object',
  required: ['date'],
  properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Local date (Asia/Ho_Chi_Minh), YYYY-MM-DD' } },
} as const;

export const completeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['succeeded', 'cancelled'] },
    bankCode: { type: 'string', enum: PAYMENT_BANKS.map((bank) => bank.code), description: 'Default VCB when succeeded, empty when cancelled' },
    paidAt: { ...isoDateTime, description: 'ISO 8601 instant of the result (not in the future); default now' },
  },
} as const;

export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { duplicateRate: { type: 'number', minimum: 0, maximum: 1, description: 'Share of notifications delivered twice' } },
} as const;

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    merchantCode: { type: 'string', maxLength: 64 },
  },
} as const;

export const notificationSchema = {
  type: 'object',
  properties: {
    notificationId: { type: 'string' },
    paymentId: { type: 'string' },
    merchantCode: { type: 'string' },
    url: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'string' },
    status: { type: 'string', enum: ['delivering', 'delivered', 'failed'] },
    duplicate: { type: 'boolean' },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, url: { type: 'string' }, at: { type: 'string' }, status: { type: ['integer', 'null'] },
          error: { type: 'string' }, duplicate: { type: 'boolean' },
        },
      },
    },
  },
} as const;

export const htmlResponse = (description: string) => ({ description, type: 'string' }) as const;
export const formBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { bankCode: { type: 'string', maxLength: 32 } },
} as const;
