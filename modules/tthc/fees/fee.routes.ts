import { Type } from 'typebox';
import { errorResponses, vietnamDate, type App, type Db } from '../../../packages/platform/index.ts';
import { EDIT } from '../catalogue/procedure.policies.ts';
import type { FeeScheduleAdmin } from './fee.admin.ts';
import { feeScheduleRepository } from './fee.schedule.ts';
import { FeeScheduleInputSchema, FeeScheduleListSchema, FeeScheduleParams, FeeScheduleSchema, OfferingFeeScheduleSchema } from './fee.schemas.ts';

const OfferingParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/**
 * Public: what an offering charges, when, and on what basis (shown on the procedure page before
 * filing). Administrators (procedure.edit on the offering's agency): every dated schedule, and a
 * schedule from a date.
 */
export function feeRoutes(db: Db, now: () => Date, admin: FeeScheduleAdmin) {
  return async function routes(app: App): Promise<void> {
    app.get('/offerings/:id/fees', {
      config: { access: 'public' },
      schema: {
        operationId: 'getOfferingFeeSchedule', tags: ['tthc'], summary: "The offering's fee schedule in force today (stage, clock stop, lines with their rules, source document, verified)",
        params: OfferingParams,
        response: { 200: OfferingFeeScheduleSchema, ...errorResponses() },
      },
    }, async (request) => ({ schedule: (await feeScheduleRepository.inForce(db, request.params.id, vietnamDate(now()))) ?? null }));

    app.get('/offerings/:id/fee-schedules', {
      config: { access: EDIT },
      schema: {
        operationId: 'listOfferingFeeSchedules', tags: ['tthc'], summary: "Every dated fee schedule of an offering, oldest first (procedure.edit on the offering's agency)",
        params: OfferingParams,
        response: { 200: FeeScheduleListSchema, ...errorResponses(404) },
      },
    }, async (request) => ({ items: await admin.list(request.principal, request.params.id) }));

    app.put('/offerings/:id/fee-schedules/:validFrom', {
      config: { access: EDIT },
      schema: {
        operationId: 'putOfferingFeeSchedule', tags: ['tthc'],
        summary: 'The fee schedule from a date: a new one (the one before ends that day) or a correction of that date’s (422 tthc.fee_schedule_invalid)',
        params: FeeScheduleParams,
        body: FeeScheduleInputSchema,
        response: { 200: FeeScheduleSchema, ...errorResponses(404, 422) },
      },
    }, async (request) => admin.put(request.principal, request.params.id, request.params.validFrom, request.body));
  };
}
