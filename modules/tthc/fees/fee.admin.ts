/**
 * Fee schedules as administrators keep them: dated data per offering (one agency's way of
 * providing a procedure), each with the document that sets the amounts and whether they were
 * checked against it. Editing needs `procedure.edit` on the offering's agency, like the offering.
 */
import { newId, type Db, type Principal } from '../../../packages/platform/index.ts';
import { offeringRepository } from '../catalogue/offering.repository.ts';
import { offeringNotFound } from '../catalogue/offering.service.ts';
import type { FieldIssue } from '../catalogue/procedure.inputs.ts';
import { requireAgencyScope } from '../catalogue/procedure.policies.ts';
import { invalid } from '../catalogue/procedure.validation.ts';
import { feeScheduleRepository, type FeeSchedule, type FeeStage, type ScheduledFee } from './fee.schedule.ts';

export interface FeeScheduleInput {
  stage: FeeStage;
  stopsClock: boolean;
  sourceDocument: string;
  verified: boolean;
  lines: ScheduledFee[];
}

export interface FeeScheduleAdmin {
  /** Every dated schedule of the offering, oldest first. */
  list(principal: Principal, offeringId: string): Promise<FeeSchedule[]>;
  /** The schedule from `validFrom` on (a new one, or a correction of that date's). */
  put(principal: Principal, offeringId: string, validFrom: string, input: FeeScheduleInput): Promise<FeeSchedule>;
}

const isCalendarDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** Rules the schema cannot say: a real date, and no line hidden behind an earlier general line of its code. */
export function feeScheduleIssues(validFrom: string, input: FeeScheduleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isCalendarDate(validFrom)) issues.push({ field: 'validFrom', message: 'must be a date of the calendar (YYYY-MM-DD)' });
  const general = new Set<string>();
  input.lines.forEach((line, i) => {
    if (general.has(line.code)) issues.push({ field: `lines[${i}]`, message: `never applies: an earlier line of ${line.code} has no rule and always wins` });
    if (!line.when) general.add(line.code);
  });
  return issues;
}

export function createFeeScheduleAdmin(db: Db, ancestorsOf: (agencyId: string) => Promise<string[]>): FeeScheduleAdmin {
  async function authorise(principal: Principal, offeringId: string): Promise<void> {
    const offering = await offeringRepository.findById(db, offeringId);
    if (!offering) throw offeringNotFound();
    await requireAgencyScope(principal, offering.agencyId, ancestorsOf);
  }

  return {
    async list(principal, offeringId) {
      await authorise(principal, offeringId);
      return feeScheduleRepository.list(db, offeringId);
    },

    async put(principal, offeringId, validFrom, input) {
      await authorise(principal, offeringId);
      const issues = feeScheduleIssues(validFrom, input);
      if (issues.length > 0) throw invalid('tthc.fee_schedule_invalid', issues);
      const lines = input.lines.map(({ when, ...line }) => ({ ...line, name: line.name.trim(), ...(when ? { when } : {}) }));
      return db.transaction(async (tx) => {
        await feeScheduleRepository.put(tx, { id: newId(), offeringId, validFrom, ...input, sourceDocument: input.sourceDocument.trim(), lines });
        const saved = (await feeScheduleRepository.list(tx, offeringId)).find((s) => s.validFrom === validFrom);
        if (!saved) throw new Error('fee schedule not found after writing it');
        return saved;
      });
    },
  };
}
