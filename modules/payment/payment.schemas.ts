import { Type } from 'typebox';

export const TAGS = ['payment'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });

/** The values of `payment.requests.status` and `.method` (checked by the table's constraints). */
export const PaymentStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('paid'), Type.Literal('cancelled'), Type.Literal('expired'), Type.Literal('failed')], { $id: 'PaymentStatus' },
);
export const PaymentMethodSchema = Type.Union([Type.Literal('online'), Type.Literal('counter'), Type.Literal('transfer')], { $id: 'PaymentMethod' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const PaymentLineSchema = Type.Object({
  code: Type.String(), name: Type.String(), amount: Type.Integer(), kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]),
}, { $id: 'PaymentLine' });

const requestProperties = {
  id: Type.String(), owner: Type.String(), purpose: Type.String(), agencyId: Type.String(), agencyCode: Type.String(), payerName: Type.String(),
  description: Type.String(), amount: Type.Integer({ description: 'VND' }), lines: Type.Array(PaymentLineSchema),
  status: PaymentStatusSchema,
  method: Nullable(PaymentMethodSchema),
  providerTransactionNo: Nullable(Type.String()), receiptNo: Nullable(Type.String()), paidAt: Nullable(Type.String()), createdAt: Type.String(),
};

export const PaymentRequestSchema = Type.Object(requestProperties, { $id: 'PaymentRequest' });

export const PaymentRequestDetailSchema = Type.Object({
  ...requestProperties,
  events: Type.Array(Type.Object({
    id: Type.Integer(), kind: Type.String(),
    source: Type.Union([Type.Literal('return'), Type.Literal('notification'), Type.Literal('query'), Type.Literal('counter'), Type.Literal('system')]), data: Type.Unknown(), actor: Nullable(Type.String()), at: Type.String(),
  })),
}, { $id: 'PaymentRequestDetail' });

export const OnlineStartSchema = Type.Object({ paymentUrl: Type.String(), orderId: Type.String() }, { $id: 'OnlinePaymentStart' });

const outcome = Type.Union([Type.Literal('paid'), Type.Literal('already_paid'), Type.Literal('cancelled'), Type.Literal('duplicate')]);
export const ReturnResultSchema = Type.Object({ outcome, request: PaymentRequestSchema }, { $id: 'PaymentReturnResult' });
export const NotificationAckSchema = Type.Object({ outcome }, { $id: 'PaymentNotificationAck' });

const param = Type.String({ maxLength: 200 });
export const ReturnBody = Type.Object({
  paymentId: param, orderId: param, amount: param, status: param, transactionNo: param, bankCode: Type.String({ maxLength: 32 }), paidAt: param,
  signature: Type.String({ maxLength: 128 }),
}, { additionalProperties: false, $id: 'PaymentReturnParams' });

export const CounterBody = Type.Object({
  receiptNo: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9/._-]*$', description: 'Receipt (biên lai) number' }),
  method: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('transfer')], { default: 'counter' })),
}, { additionalProperties: false, $id: 'CounterPayment' });

const MismatchSchema = Type.Object({
  kind: Type.Union([Type.Literal('unknown_transaction'), Type.Literal('amount_differs'), Type.Literal('status_differs'), Type.Literal('missing_in_platform')]),
  transactionNo: Nullable(Type.String()), orderId: Nullable(Type.String()), requestId: Nullable(Type.String()),
  platformAmount: Nullable(Type.Integer()), senAmount: Nullable(Type.Integer()), platformStatus: Nullable(Type.String({ description: 'As the platform wrote it in its file' })), senStatus: Nullable(PaymentStatusSchema),
}, { $id: 'ReconciliationMismatch' });

export const ReportSchema = Type.Object({
  id: Type.String(), date: Type.String(), merchantCode: Type.String(), fileSha256: Type.String(), platformCount: Type.Integer(), platformTotal: Type.Integer(),
  senCount: Type.Integer(), senTotal: Type.Integer(), matched: Type.Integer(), mismatches: Type.Array(MismatchSchema), createdBy: Type.String(), createdAt: Type.String(),
}, { $id: 'ReconciliationReport' });

export const ReportPageSchema = Type.Object({ items: Type.Array(ReportSchema), total: Type.Integer() }, { $id: 'ReconciliationReportPage' });

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const ReconcileBody = Type.Object({ date: IsoDate }, { additionalProperties: false, $id: 'ReconcileRequest' });
export const ReportQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }), date: Type.Optional(IsoDate),
}, { additionalProperties: false });
