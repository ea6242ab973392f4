import { Type } from 'typebox';
import { PaymentMethodSchema, PaymentStatusSchema } from '../../payment/index.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const FeeLine = Type.Object({ code: Type.String(), name: Type.String(), amount: Type.Integer({ description: 'VND' }), kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]) });

/** What a dossier owes and how it was asked for (GET /dossiers/:id/fees). */
export const DossierFeesSchema = Type.Object({
  schedule: Nullable(Type.Object({
    stage: Type.Union([Type.Literal('intake'), Type.Literal('processing'), Type.Literal('return')], { description: 'When the fee is requested' }),
    stopsClock: Type.Boolean({ description: 'The time limit stops while the fee is awaited' }),
    sourceDocument: Type.String(), verified: Type.Boolean({ description: 'False: a typical amount not yet checked against the province’s decision' }),
    validFrom: Type.String(), lines: Type.Array(FeeLine),
  })),
  requests: Type.Array(Type.Object({
    id: Type.String(), purpose: Type.String(), amount: Type.Integer(), lines: Type.Array(FeeLine),
    status: PaymentStatusSchema, method: Nullable(PaymentMethodSchema), receiptNo: Nullable(Type.String()), paidAt: Nullable(Type.String()),
  })),
}, { $id: 'DossierFees' });

/** The fee schedule in force for an offering (GET /offerings/:id/fees), alternatives and their rules included. */
export const OfferingFeeScheduleSchema = Type.Object({
  schedule: Nullable(Type.Object({
    stage: Type.Union([Type.Literal('intake'), Type.Literal('processing'), Type.Literal('return')]),
    stopsClock: Type.Boolean(), sourceDocument: Type.String(), verified: Type.Boolean(), validFrom: Type.String(), validTo: Nullable(Type.String()),
    lines: Type.Array(Type.Object({
      code: Type.String(), name: Type.String(), amount: Type.Integer(), kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]),
      when: Type.Optional(Type.Object({ field: Type.String(), in: Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()])) })),
    })),
  })),
}, { $id: 'OfferingFeeSchedule' });
