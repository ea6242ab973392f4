import { sandboxErrorSchema } from '../kit.ts';
import { ORDER_KINDS, ORDER_STATUSES, SERVICE_CODES } from './model.ts';

/** JSON schemas of the VNPost sandbox routes; the OpenAPI document is generated from them. */

const text = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;

/** Mobile (03x, 05x, 07x, 08x, 09x) or landline (02xx) numbers, national or +84 form. */
export const VIETNAMESE_PHONE_PATTERN = '^(?:\\+84|84|0)(?:[35789][0-9]{8}|2[0-9]{9})$';
/** Dossier codes such as `000.00.17.H19-250101-0001`. */
export const REFERENCE_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._/-]*$';

export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, sandboxErrorSchema]));

const addressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'commune', 'province'],
  properties: {
    line: { ...text(255), description: 'House number and street, or hamlet' },
    commune: { ...text(100), description: 'Ward or commune, e.g. "Phường Sa Đéc"' },
    province: { ...text(100), description: 'e.g. "Tỉnh Đồng Tháp"' },
  },
} as const;

const partySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'phone', 'address'],
  properties: {
    name: text(150),
    phone: { type: 'string', maxLength: 15, pattern: VIETNAMESE_PHONE_PATTERN, description: 'Vietnamese phone number, e.g. 0912345678 or +84912345678' },
    address: addressSchema,
  },
} as const;

const parcelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['contents', 'documentCount', 'weightGrams'],
  properties: {
    contents: text(255),
    documentCount: { type: 'integer', minimum: 1, maximum: 500 },
    weightGrams: { type: 'integer', minimum: 1, maximum: 30_000 },
  },
} as const;

export const orderRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'referenceCode', 'sender', 'receiver', 'parcel', 'serviceCode'],
  properties: {
    kind: { type: 'string', enum: ORDER_KINDS, description: 'pickup: from the applicant to the one-stop desk; delivery: a result from the desk to the applicant' },
    referenceCode: { type: 'string', minLength: 1, maxLength: 64, pattern: REFERENCE_CODE_PATTERN, description: 'The dossier code' },
    sender: partySchema,
    receiver: partySchema,
    parcel: parcelSchema,
    serviceCode: { type: 'string', enum: SERVICE_CODES, description: 'EMS: express; BK: standard parcel' },
    codAmountVnd: { type: 'integer', minimum: 0, maximum: 100_000_000, description: 'Amount the postman collects from the receiver (delivery orders only)' },
    note: text(500, 0),
    callbackUrl: { type: 'string', maxLength: 2048, pattern: '^https?://[^\\s]+$', description: "Receives this order's events instead of the client's webhook URL" },
  },
} as const;

/** What a price quote needs: the parties' addresses, the parcel's weight and the service. */
export const quoteRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sender', 'receiver', 'weightGrams', 'serviceCode'],
  properties: {
    sender: { type: 'object', additionalProperties: false, required: ['address'], properties: { address: addressSchema } },
    receiver: { type: 'object', additionalProperties: false, required: ['address'], properties: { address: addressSchema } },
    weightGrams: parcelSchema.properties.weightGrams,
    serviceCode: { type: 'string', enum: SERVICE_CODES },
  },
} as const;

export const quoteSchema = {
  type: 'object',
  required: ['serviceCode', 'distanceClass', 'weightGrams', 'feeVnd', 'estimatedDeliveryAt'],
  properties: {
    serviceCode: { type: 'string', enum: SERVICE_CODES },
    distanceClass: { type: 'string', enum: ['same_commune', 'same_province', 'other_province'] },
    weightGrams: { type: 'integer' },
    feeVnd: { type: 'integer', description: 'What an order with the same addresses, weight and service costs (VAT included)' },
    estimatedDeliveryAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const orderSchema = {
  type: 'object',
  required: ['orderId', 'trackingNumber', 'kind', 'referenceCode', 'customerCode', 'status', 'serviceCode', 'sender', 'receiver', 'parcel',
    'codAmountVnd', 'distanceClass', 'feeVnd', 'createdAt', 'updatedAt', 'estimatedDeliveryAt', 'deliveryAttempts'],
  properties: {
    orderId: { type: 'string' },
    trackingNumber: { type: 'string', description: 'UPU S10 item identifier, e.g. EB123456785VN' },
    kind: { type: 'string', enum: ORDER_KINDS },
    referenceCode: { type: 'string' },
    customerCode: { type: 'string' },
    status: { type: 'string', enum: ORDER_STATUSES },
    serviceCode: { type: 'string', enum: SERVICE_CODES },
    sender: partySchema,
    receiver: partySchema,
    parcel: parcelSchema,
    codAmountVnd: { type: 'integer' },
    note: { type: 'string' },
    callbackUrl: { type: 'string' },
    distanceClass: { type: 'string', enum: ['same_commune', 'same_province', 'other_province'] },
    feeVnd: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    estimatedDeliveryAt: { type: 'string', format: 'date-time' },
    deliveryAttempts: { type: 'integer', description: 'Times the item went out for delivery' },
    deliveredAt: { type: 'string', format: 'date-time' },
    receivedBy: { type: 'string', description: 'Who signed for the item' },
    cancelReason: { type: 'string' },
  },
} as const;

export const eventSchema = {
  type: 'object',
  required: ['eventId', 'orderId', 'trackingNumber', 'referenceCode', 'status', 'at', 'location', 'note'],
  properties: {
    eventId: { type: 'string' },
    orderId: { type: 'string' },
    trackingNumber: { type: 'string' },
    referenceCode: { type: 'string' },
    status: { type: 'string', enum: ORDER_STATUSES },
    at: { type: 'string', format: 'date-time' },
    location: { type: 'string', description: 'Post office, e.g. "Bưu cục Sa Đéc"' },
    note: { type: 'string' },
    receivedBy: { type: 'string', description: 'On delivered events: who signed' },
  },
} as const;

export const orderIdParams = {
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const limitProperty = { type: 'integer', minimum: 1, maximum: 500, default: 50 } as const;

export const orderListSchema = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: orderSchema } } } as const;
