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

/**
 * Each counted figure read from the pre-aggregate (analytics.figure_buckets): `period` sums the
 * period's month rows of a column, `before` the month rows before the period, `at` a snapshot on
 * the snapshot day (month rows before its month, day rows of its month up to it). Due soon needs
 * two days at once and is counted from the facts (by due date).
 */
const BUCKET_FIGURES: Record<Exclude<CountedFigure, 'dueSoon'>, { period: string } | { before: string } | { at: string }> = {
  received: { period: 'received' }, receivedOnline: { period: 'received_online' }, receivedCounter: { period: 'received_counter' },
  receivedNationalPortal: { period: 'received_national_portal' }, receivedPost: { period: 'received_post' },
  carriedOver: { before: 'received - closed' }, inProcessing: { at: 'received - closed' }, waiting: { at: 'waiting_in - waiting_out' }, overdue: { at: 'overdue_in - overdue_out' },
  early: { period: 'early' }, onTime: { period: 'on_time' }, late: { period: 'late' }, rejected: { period: 'rejected' }, withdrawn: { period: 'withdrawn' },
  online: { period: 'online' }, fullyOnline: { period: 'fully_online' }, digitised: { period: 'digitised' }, paid: { period: 'paid' },
  paidOnline: { period: 'paid_online' }, rated: { period: 'rated' },
};

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
type BucketFigure = keyof typeof BUCKET_FIGURES;

/** The bucket rows each kind of figure sums (see BUCKET_FIGURES). */
function bucketWhen(w: Window, kind: 'period' | 'before' | 'at'): SQL {
  if (kind === 'period') return sql`grain = 'month' and day >= ${w.from}::date and day < ${w.to}::date`;
  if (kind === 'before') return sql`grain = 'month' and day < ${w.from}::date`;
  return sql`((grain = 'month' and day < ${monthStart(w.snapshot)}::date) or (grain = 'day' and day >= ${monthStart(w.snapshot)}::date and day <= ${w.snapshot}::date))`;
}
/** Every bucket row any figure of the window sums. */
const bucketRows = (w: Window) => sql`((grain = 'month' and day < ${w.to}::date) or (grain = 'day' and day >= ${monthStart(w.snapshot)}::date and day <= ${w.snapshot}::date))`;

function bucketSum(w: Window, name: BucketFigure): SQL {
  const how = BUCKET_FIGURES[name];
  const [expression, kind] = 'period' in how ? [how.period, 'period' as const] : 'before' in how ? [how.before, 'before' as const] : [how.at, 'at' as const];
  return sql`coalesce(sum(${sql.raw(expression)}) filter (where ${bucketWhen(w, kind)}), 0)::int`;
}

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

const filtered = (f: Filter): SQL => sql.join([
  inScope(f.agencyIds),
  ...(f.procedureId ? [sql`procedure_id = ${f.procedureId}::uuid`] : []),
  ...(f.fieldCode ? [sql`field_code = ${f.fieldCode}`] : []),
], sql` and `);

export type CountRow = { key: string; label: string } & Record<CountedFigure, number> & { ratingSum: number };
/** Returned results per (received, finished) day pair; `days` when the database already counted the working days between them. */
export interface DurationRow { key: string; receivedOn: string; finishedOn: string; n: number; days?: number | null }

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

/** The date a drill-down's dossiers are listed by (an indexed column of the facts): when they were received, finished or are due. */
const DRILL_ORDER: Record<DrillFigure, 'received_on' | 'finished_on' | 'due_on'> = {
  received: 'received_on', carriedOver: 'due_on', inProcessing: 'due_on', waiting: 'due_on', dueSoon: 'due_on', overdue: 'due_on',
  early: 'finished_on', onTime: 'finished_on', late: 'finished_on', rejected: 'finished_on', withdrawn: 'finished_on',
};

/** The only place that reads analytics.dossier_facts and its pre-aggregates. */
export const oneStopRepository = {
  async counts(db: Queryable, w: Window, f: Filter, group: GroupColumn): Promise<CountRow[]> {
    const columns = sql.join(Object.keys(BUCKET_FIGURES).map((name) => sql`${bucketSum(w, name as BucketFigure)} as ${sql.identifier(name)}`), sql`, `);
    const inPeriod = bucketWhen(w, 'period');
    const [rows, soon] = await Promise.all([
      queryRows<CountRow>(db, sql`
        select ${sql.identifier(group)}::text as key, max(procedure_name) as label, ${columns},
          coalesce(sum(rating_sum) filter (where ${inPeriod}), 0)::int as "ratingSum"
        from analytics.figure_buckets
        where ${filtered(f)} and ${bucketRows(w)}
        group by 1`),
      // Only columns of the due-date index (an index-only scan): no label, the bucket rows name the group.
      queryRows<{ key: string; n: number }>(db, sql`
        select ${sql.identifier(group)}::text as key, count(*)::int as n from analytics.dossier_facts
        where ${filtered(f)} and ${conditions(w).dueSoon}
        group by 1`),
    ]);
    const byKey = new Map(rows.map((r) => [r.key, { ...r, dueSoon: 0, ratingSum: Number(r.ratingSum) }]));
    for (const r of soon) {
      const zero = Object.fromEntries(COUNTED_FIGURES.map((name) => [name, 0])) as Record<CountedFigure, number>;
      // A dossier open on the snapshot day was received by then: its group's bucket rows were read above (and name it).
      const row = byKey.get(r.key) ?? { key: r.key, label: r.key, ...zero, ratingSum: 0 };
      byKey.set(r.key, { ...row, dueSoon: r.n });
    }
    // A group whose every figure is zero (a dossier counted, then moved elsewhere) is not a row.
    return [...byKey.values()].filter((r) => COUNTED_FIGURES.some((name) => r[name] !== 0));
  },

  /**
   * Returned results of the window: the processing times' distribution. Pairs received from
   * `calendar.base` on are counted in working days here (`counts` is cumulative, see
   * working-days.ts) and come back as (days, n); older ones come back as their day pair.
   */
  async durations(db: Queryable, w: Window, f: Filter, group: GroupColumn, calendar: { base: string; counts: number[] }): Promise<DurationRow[]> {
    const counts = sql`${`{${calendar.counts.join(',')}}`}::int[]`;
    const known = sql`received_on >= ${calendar.base}::date`;
    const rows = await queryRows<DurationRow>(db, sql`
      select key, "receivedOn", "finishedOn", days, sum(n)::int as n from (
        select ${sql.identifier(group)}::text as key,
          case when ${known} then greatest(0, (${counts})[finished_on - ${calendar.base}::date + 1] - (${counts})[received_on - ${calendar.base}::date + 1]) end as days,
          case when not ${known} then received_on::text end as "receivedOn", case when not ${known} then finished_on::text end as "finishedOn", n
        from analytics.duration_pairs
        where ${filtered(f)} and finished_on >= ${w.from}::date and finished_on < ${w.to}::date and n <> 0) p
      group by 1, 2, 3, 4`);
    return rows.map((r) => ({ ...r, days: r.days === null ? null : Number(r.days) }));
  },

  /** One figure of the whole filter: one sum over the buckets (due soon: a count of the facts due in its window). */
  async total(db: Queryable, w: Window, f: Filter, figure: CountedFigure): Promise<number> {
    const [row] = figure === 'dueSoon'
      ? await queryRows<{ n: number }>(db, sql`select count(*)::int as n from analytics.dossier_facts where ${filtered(f)} and ${conditions(w).dueSoon}`)
      : await queryRows<{ n: number }>(db, sql`select ${bucketSum(w, figure)} as n from analytics.figure_buckets where ${filtered(f)} and ${bucketRows(w)}`);
    return row!.n;
  },

  async drill(db: Queryable, w: Window, f: Filter, figure: DrillFigure, page: { limit: number; offset: number }): Promise<{ items: DrillRow[]; total: number }> {
    const where = sql`${filtered(f)} and ${relevant(w)} and ${conditions(w)[figure]}`;
    // The total is the figure itself (the pre-aggregate: that one sum, not the page's every figure); the page walks the index of the figure's own date.
    const total = await this.total(db, w, f, figure);
    const order = DRILL_ORDER[figure];
    // Past the figure's end there is nothing to list: no walk through the index looking for rows that are not there.
    if (total <= page.offset) return { total, items: [] };
    const items = await queryRows<DrillRow>(db, sql`
      select dossier_id as "dossierId", code, agency_id as "agencyId", procedure_name as "procedureName", channel, status,
        received_at as "receivedAt", due_on::text as "dueOn", finished_at as "finishedAt", outcome
      from analytics.dossier_facts where ${where}
      order by ${sql.raw(order)} nulls last, code limit ${page.limit} offset ${page.offset}`);
    return {
      total,
      items: items.map((r) => ({
        ...r, receivedAt: r.receivedAt ? new Date(r.receivedAt).toISOString() : null, finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
      })),
    };
  },

  /** False when facts that count exist without any pre-aggregate row (a database upgraded to decision 0039). */
  async aggregatesInPlace(db: Queryable): Promise<boolean> {
    const [row] = await queryRows<{ ok: boolean }>(db, sql`
      select exists (select 1 from analytics.figure_buckets)
        or not exists (select 1 from analytics.dossier_facts where received_on is not null or finished_on is not null) as ok`);
    return row!.ok;
  },

  async isEmpty(db: Queryable): Promise<boolean> {
    const rows = await queryRows<{ x: number }>(db, sql`select 1 as x from analytics.dossier_facts limit 1`);
    return rows.length === 0;
  },
};
