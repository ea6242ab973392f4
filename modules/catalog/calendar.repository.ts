import { and, asc, between, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../packages/platform/index.ts';
import { calendarDecisions, calendarExceptions, calendarYears } from './db/schema.ts';
import type { CalendarDecision, CalendarException, DecisionKind, YearRules } from './holidays.ts';

export interface StoredException extends CalendarException {
  createdBy: string;
  createdAt: string;
}

const toException = (r: typeof calendarExceptions.$inferSelect): StoredException => ({
  id: r.id,
  date: r.date,
  kind: r.kind as CalendarException['kind'],
  name: r.name,
  nameEn: r.nameEn,
  agencyId: r.agencyId,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

export interface StoredDecision extends CalendarDecision {
  source: string | null;
}

export const calendarRepository = {
  /** Announced decisions of the years from `fromYear` to `toYear`, grouped by year. */
  async decisionsOf(db: Queryable, fromYear: number, toYear: number): Promise<Map<number, Map<string, StoredDecision>>> {
    const rows = await db
      .select()
      .from(calendarDecisions)
      .where(and(gte(calendarDecisions.year, fromYear), lte(calendarDecisions.year, toYear)))
      .orderBy(asc(calendarDecisions.date));
    const years = new Map<number, Map<string, StoredDecision>>();
    for (const r of rows) {
      const year = years.get(r.year) ?? new Map<string, StoredDecision>();
      year.set(r.date, { date: r.date, kind: r.kind as DecisionKind, name: r.name, nameEn: r.nameEn, document: r.document, source: r.source });
      years.set(r.year, year);
    }
    return years;
  },

  /** Inserts the decisions not yet stored (by date); stored ones are never changed. */
  async insertMissingDecisions(db: Queryable, rows: (StoredDecision & { createdBy: string })[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insert(calendarDecisions)
      .values(rows.map((r) => ({ ...r, year: Number(r.date.slice(0, 4)) })))
      .onConflictDoNothing();
  },

  /** Exceptions between two dates that apply to the province (null) or to any of `agencyIds`. */
  async exceptionsBetween(db: Queryable, from: string, to: string, agencyIds: string[] | 'all'): Promise<StoredException[]> {
    const scope = agencyIds === 'all' ? undefined : agencyIds.length ? or(isNull(calendarExceptions.agencyId), inArray(calendarExceptions.agencyId, agencyIds)) : isNull(calendarExceptions.agencyId);
    const rows = await db
      .select()
      .from(calendarExceptions)
      .where(and(between(calendarExceptions.date, from, to), scope))
      .orderBy(asc(calendarExceptions.date), asc(calendarExceptions.createdAt));
    return rows.map(toException);
  },

  async findException(db: Queryable, id: string): Promise<StoredException | undefined> {
    const [row] = await db.select().from(calendarExceptions).where(eq(calendarExceptions.id, id));
    return row && toException(row);
  },

  /** False when an exception already exists for that date and agency. */
  async insertException(db: Queryable, e: CalendarException & { createdBy: string }): Promise<boolean> {
    const rows = await db.insert(calendarExceptions).values(e).onConflictDoNothing().returning({ id: calendarExceptions.id });
    return rows.length > 0;
  },

  async deleteException(db: Queryable, id: string): Promise<void> {
    await db.delete(calendarExceptions).where(eq(calendarExceptions.id, id));
  },

  async yearRules(db: Queryable, fromYear: number, toYear: number): Promise<Map<number, YearRules>> {
    const rows = await db
      .select()
      .from(calendarYears)
      .where(and(gte(calendarYears.year, fromYear), lte(calendarYears.year, toYear)));
    return new Map(rows.map((r) => [r.year, { nationalDayAdjacent: r.nationalDayAdjacent as YearRules['nationalDayAdjacent'] }]));
  },

  async saveYearRules(db: Queryable, year: number, rules: YearRules, by: string): Promise<void> {
    await db
      .insert(calendarYears)
      .values({ year, nationalDayAdjacent: rules.nationalDayAdjacent, updatedBy: by })
      .onConflictDoUpdate({ target: calendarYears.year, set: { nationalDayAdjacent: rules.nationalDayAdjacent, updatedBy: by, updatedAt: sql`now()` } });
  },
};
