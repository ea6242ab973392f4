import { Type } from 'typebox';
import { errorResponses, vietnamDate, type App, type Db } from '../../../packages/platform/index.ts';
import { feeScheduleRepository } from './fee.schedule.ts';
import { OfferingFeeScheduleSchema } from './fee.schemas.ts';

/** Public: what an offering charges, when, and on what basis (shown on the procedure page before filing). */
export function feeRoutes(db: Db, now: () => Date) {
  return async function routes(app: App): Promise<void> {
    app.get('/offerings/:id/fees', {
      config: { access: 'public' },
      schema: {
        operationId: 'getOfferingFeeSchedule', tags: ['tthc'], summary: "The offering's fee schedule in force today (stage, clock stop, lines with their rules, source document, verified)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: OfferingFeeScheduleSchema, ...errorResponses() },
      },
    }, async (request) => ({ schedule: (await feeScheduleRepository.inForce(db, request.params.id, vietnamDate(now()))) ?? null }));
  };
}
