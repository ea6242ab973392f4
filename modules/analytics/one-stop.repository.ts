import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../packages/platform/index.ts';

/** Every figure counted per group, as a condition on one fact row. */
export const COUNTED_FIGURES = [
  'received', 'receivedOnline', 'receivedCounter', 'receivedNationalPortal', 'receivedPost', 'carriedOver', 'inProcessing', 'waiting', 'dueSoon', 'overdue',
  'early', 'onTime', 'late', 'rejected', 'withdrawn', 'online', 'fullyOnline', 'digitised', 'paid', 'paidOnline', 'rated',
] as const;
export type CountedFigure = (typeof COUNTED_FIGURES)[number];
/** The figures a drill-down lists the dossiers of. */
export const DRILL_FIGURES = ['received', 'carriedOver', 'inProcessing', 'waiting', 'dueSoon', 'overdue', 'early', 'onTime', 'late', 'rejected', 'withdrawn'] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

/** The dates a query counts at: the period [from, to), the snapshot day of unfinished dossiers and the last day still "due soon". */
export interface Window {
  from: string;
  to: string;
  snapshot: string;
  soon: string;
}

export type GroupColumn = 'agency_id' | 'procedure_id' | 'field_code';

function conditions(w: Window): Record<CountedFigure, SQL> {
  const receivedIn = sql`received_on >= ${w.from}::date and received_on < ${w.to}::date`;
  const finishedIn = sql`finished_on >= ${w.from}::date and finished_on < ${w.to}::date`;
  const open = sql`received_on <= ${w.snapshot}::date and (finished_on is null or finished_on > ${w.snapshot}::date)`;
  return {
    received: receivedIn,
    receivedOnline: sql`${receivedIn} and channel = 'online'`,
    receivedCounter: sql`${receivedIn} and channel = 'counter'`,
    receivedNationalPortal: sql`${receivedIn} and channel = 'national_portal'`,
    receivedPost: sql`${receivedIn} and channel = 'post'`,
    carriedOver: sql`received_on < ${w.from}::date and (finished_on is null or finished_on >= ${w.from}::date)`,
    inProcessing: open,
    waiting: sql`${open} and waiting`,
    dueSoon: sql`${open} and due_on >= ${w.snapshot}::date and due_on <= ${w.soon}::date`,
    overdue: sql`${open} and due_on < ${w.snapshot}::date`,
    early: sql`${finishedIn} and outcome = 'early'`,
    onTime: sql`${finishedIn} and outcome = 'on_time'`,
    late: sql`${finishedIn} and outcome = 'late'`,
    rejected: sql`${finishedIn} and rejected`,
    withdrawn: sql`${finishedIn} and withdrawn`,
    online: sql`${receivedIn} and channel in ('online', 'national_portal')`,
    fullyOnline: sql`${receivedIn} and fully_online`,
    digitised: sql`${receivedIn} and digitised`,
    paid: sql`${receivedIn} and paid_online is not null`,
    paidOnline: sql`${receivedIn} and paid_online`,
    rated: sql`${finishedIn} and outcome is not null and rating is not null`,
  };
}

/**
 * Rows that can count in the window, and only those (each figure's condition implies one of
 * these): received in it, finished in it, carried into it, or open on its snapshot day. Rows
 * received and finished before the period are not read at all (bench/stats.ts).
 */
const relevant = (w: Window) => sql`((received_on >= ${w.from}::date and received_on < ${w.to}::date)
  or (finished_on >= ${w.from}::date and finished_on < ${w.to}::date)
  or (received_on < ${w.from}::date and (finished_on is null or finished_on >= ${w.from}::date))
  or (received_on <= ${w.snapshot}::date and (finished_on is null or finished_on > ${w.snapshot}::date)))`;
const inScope = (agencyIds: readonly string[]) => sql`agency_id = any(${`{${agencyIds.join(',')}}`}::uuid[])`;

export interface Filter {
  agencyIds: readonly string[];
  procedureId?: string | undefined;
  fieldCode?: string | undefined;
}

const filtered = (f: Filter) => sql.join([
  inScope(f.agencyIds),
  ...(f.procedureId ? [sql`procedure_id = ${f.procedureId}::uuid`] : []),
  ...(f.fieldCode ? [sql`field_code = ${f.fieldCode}`] : []),
], sql` and `);

export type CountRow = { key: string; label: string } & Record<CountedFigure, number> & { ratingSum: number };
export interface DurationRow { key: string; receivedOn: string; finishedOn: string; n: number }

export interface DrillRow {
  dossierId: string;
  code: string;
  agencyId: string;
  procedureName: string;
  channel: string;
  status: string;
  receivedAt: string | null;
  dueOn: string | null;
  finishedAt: string | null;
  outcome: string | null;
}

/** The only place that reads analytics.dossier_facts. */
export const oneStopRepository = {
  async counts(db: Queryable, w: Window, f: Filter, group: GroupColumn): Promise<CountRow[]> {
    const c = conditions(w);
    const columns = sql.join(COUNTED_FIGURES.map((name) => sql`count(*) filter (where ${c[name]})::int as ${sql.identifier(name)}`), sql`, `);
    const rows = await queryRows<CountRow>(db, sql`
      select ${sql.identifier(group)}::text as key, max(procedure_name) as label, ${columns},
        coalesce(sum(rating) filter (where ${c.rated}), 0)::int as "ratingSum"
      from analytics.dossier_facts where ${filtered(f)} and ${relevant(w)}
      group by 1`);
    return rows.map((r) => ({ ...r, ratingSum: Number(r.ratingSum) }));
  },

  /** Returned results of the window by (received, finished) day pair: the processing times' distribution. */
  async durations(db: Queryable, w: Window, f: Filter, group: GroupColumn): Promise<DurationRow[]> {
    return queryRows<DurationRow>(db, sql`
      select ${sql.identifier(group)}::text as key, received_on::text as "receivedOn", finished_on::text as "finishedOn", count(*)::int as n
      from analytics.dossier_facts
      where ${filtered(f)} and finished_on >= ${w.from}::date and finished_on < ${w.to}::date and outcome is not null
      group by 1, 2, 3`);
  },

  async drill(db: Queryable, w: Window, f: Filter, figure: DrillFigure, page: { limit: number; offset: number }): Promise<{ items: DrillRow[]; total: number }> {
    const where = sql`${filtered(f)} and ${relevant(w)} and ${conditions(w)[figure]}`;
    const [total] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from analytics.dossier_facts where ${where}`);
    const items = await queryRows<DrillRow>(db, sql`
      select dossier_id as "dossierId", code, agency_id as "agencyId", procedure_name as "procedureName", channel, status,
        received_at as "receivedAt", due_on::text as "dueOn", finished_at as "finishedAt", outcome
      from analytics.dossier_facts where ${where}
      order by due_on nulls last, code limit ${page.limit} offset ${page.offset}`);
    return {
      total: total!.n,
      items: items.map((r) => ({
        ...r, receivedAt: r.receivedAt ? new Date(r.receivedAt).toISOString() : null, finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
      })),
    };
  },

  async isEmpty(db: Queryable): Promise<boolean> {
    const rows = await queryRows<{ x: number }>(db, sql`select 1 as x from analytics.dossier_facts limit 1`);
    return rows.length === 0;
  },
};
