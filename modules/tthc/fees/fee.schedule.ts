import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Queryable } from '../../../packages/platform/index.ts';
import { feeSchedules } from '../db/schema.ts';

/**
 * An offering's fee schedule as dated data. A line applies when it has no rule or when its rule
 * matches the dossier's form values; lines sharing a code are alternatives, the first that
 * applies wins (put the special cases first, the general case last).
 */
export type FeeStage = 'intake' | 'processing' | 'return';

export interface FeeRule {
  /** `<part code>.<field>` in the dossier's form data. */
  field: string;
  in: (string | number | boolean)[];
}

export interface ScheduledFee {
  code: string;
  name: string;
  amount: number;
  kind: 'fee' | 'charge';
  when?: FeeRule;
}

export interface FeeSchedule {
  id: string;
  offeringId: string;
  stage: FeeStage;
  stopsClock: boolean;
  lines: ScheduledFee[];
  validFrom: string;
  validTo: string | null;
  sourceDocument: string;
  verified: boolean;
}

const valueAt = (formData: Record<string, unknown>, path: string): unknown => {
  const [part, field] = path.split('.', 2) as [string, string | undefined];
  const values = formData[part];
  return field === undefined || typeof values !== 'object' || values === null ? undefined : (values as Record<string, unknown>)[field];
};

/** The lines owed for these form values: one per code, zero amounts left out. */
export function linesOwed(lines: readonly ScheduledFee[], formData: Record<string, unknown>): ScheduledFee[] {
  const chosen = new Map<string, ScheduledFee>();
  for (const line of lines) {
    if (chosen.has(line.code)) continue;
    if (line.when && !line.when.in.includes(valueAt(formData, line.when.field) as string)) continue;
    chosen.set(line.code, line);
  }
  return [...chosen.values()].filter((line) => line.amount > 0).map(({ when: _rule, ...line }) => line);
}

type Row = typeof feeSchedules.$inferSelect;
const toSchedule = (row: Row): FeeSchedule => ({
  id: row.id, offeringId: row.offeringId, stage: row.stage as FeeStage, stopsClock: row.stopsClock, lines: row.lines as ScheduledFee[],
  validFrom: row.validFrom, validTo: row.validTo, sourceDocument: row.sourceDocument, verified: row.verified,
});

export const feeScheduleRepository = {
  /** The schedule in force on a date (YYYY-MM-DD), if the offering charges anything. */
  async inForce(db: Queryable, offeringId: string, on: string): Promise<FeeSchedule | undefined> {
    const [row] = await db.select().from(feeSchedules)
      .where(and(eq(feeSchedules.offeringId, offeringId), lte(feeSchedules.validFrom, on), or(isNull(feeSchedules.validTo), gt(feeSchedules.validTo, on))))
      .orderBy(desc(feeSchedules.validFrom)).limit(1);
    return row && toSchedule(row);
  },

  /** Every dated schedule of an offering, oldest first. */
  async list(db: Queryable, offeringId: string): Promise<FeeSchedule[]> {
    const rows = await db.select().from(feeSchedules).where(eq(feeSchedules.offeringId, offeringId)).orderBy(asc(feeSchedules.validFrom));
    return rows.map(toSchedule);
  },

  /**
   * Writes the schedule that starts on `validFrom` (a new one, or a correction of that date's),
   * then makes each schedule end where the next begins, so exactly one is in force on any day
   * after the first. The caller runs this in a transaction.
   */
  async put(db: Queryable, schedule: Omit<FeeSchedule, 'validTo'>): Promise<void> {
    const { id, ...values } = schedule;
    await db.insert(feeSchedules).values({ id, ...values, validTo: null })
      .onConflictDoUpdate({
        target: [feeSchedules.offeringId, feeSchedules.validFrom],
        set: { stage: values.stage, stopsClock: values.stopsClock, lines: values.lines, sourceDocument: values.sourceDocument, verified: values.verified, updatedAt: new Date() },
      });
    const dated = await feeScheduleRepository.list(db, schedule.offeringId);
    for (const [i, row] of dated.entries()) {
      const next = dated[i + 1];
      if (next && row.validTo !== next.validFrom) await db.update(feeSchedules).set({ validTo: next.validFrom, updatedAt: new Date() }).where(eq(feeSchedules.id, row.id));
    }
  },

  async insertMissing(db: Queryable, rows: (typeof feeSchedules.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(feeSchedules).values(rows).onConflictDoNothing();
  },
};
