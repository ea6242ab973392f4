import { Type } from 'typebox';
import { PaymentMethodSchema, PaymentStatusSchema } from '../../payment/index.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Stage = Type.Union([Type.Literal('intake'), Type.Literal('processing'), Type.Literal('return')], { description: 'When the fee is requested' });
const ScheduledFeeLine = Type.Object({
  code: Type.String(), name: Type.String(), amount: Type.Integer(), kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]),
  when: Type.Optional(Type.Object({ field: Type.String(), in: Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()])) })),
});
const FeeLine = Type.Object({ code: Type.String(), name: Type.String(), amount: Type.Integer({ description: 'VND' }), kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]) });

/** What a dossier owes and how it was asked for (GET /dossiers/:id/fees). */
export const DossierFeesSchema = Type.Object({
  schedule: Nullable(Type.Object({
    stage: Stage,
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
    stage: Stage,
    stopsClock: Type.Boolean(), sourceDocument: Type.String(), verified: Type.Boolean(), validFrom: Type.String(), validTo: Nullable(Type.String()),
    lines: Type.Array(ScheduledFeeLine),
  })),
}, { $id: 'OfferingFeeSchedule' });

/** One dated schedule as administrators see and edit it (GET /offerings/:id/fee-schedules). */
export const FeeScheduleSchema = Type.Object({
  id: Type.String(), offeringId: Type.String(), stage: Stage, stopsClock: Type.Boolean(), lines: Type.Array(ScheduledFeeLine),
  validFrom: Type.String({ description: 'First day in force (YYYY-MM-DD)' }), validTo: Nullable(Type.String({ description: 'First day no longer in force: the next schedule’s validFrom' })),
  sourceDocument: Type.String(), verified: Type.Boolean(),
}, { $id: 'FeeSchedule' });

export const FeeScheduleListSchema = Type.Object({ items: Type.Array(FeeScheduleSchema) }, { $id: 'FeeScheduleList' });

/** A schedule from a date (PUT /offerings/:id/fee-schedules/:validFrom): a new one, or a correction of that date's. */
export const FeeScheduleInputSchema = Type.Object({
  stage: Stage,
  stopsClock: Type.Boolean({ description: 'The time limit stops while the fee is awaited (processing and return stages)' }),
  sourceDocument: Type.String({ minLength: 1, maxLength: 500, description: 'The decision or resolution that sets the amounts' }),
  verified: Type.Boolean({ description: 'True once the amounts were checked against the document in force' }),
  lines: Type.Array(Type.Object({
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'VND; 0 = exempt' }),
    kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')]),
    when: Type.Optional(Type.Object({
      field: Type.String({ maxLength: 121, pattern: '^[a-z0-9-]{1,40}\\.[A-Za-z0-9_]{1,80}$', description: '<part code>.<field> in the dossier’s form data' }),
      in: Type.Array(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]), { minItems: 1, maxItems: 50 }),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 30, description: 'Lines sharing a code are alternatives: the first whose rule matches applies, so the general case comes last' }),
}, { additionalProperties: false, $id: 'FeeScheduleInput' });

export const FeeScheduleParams = Type.Object({
  id: Type.String({ format: 'uuid' }), validFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
}, { additionalProperties: false });
