import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../packages/platform/index.ts';

/**
 * The one definition of a dossier's fact, in SQL over tthc's change rows (`dossierChanges.rows`):
 * the change hook runs it for the one dossier changed, the backfill for a range of thousands, so
 * both write the same row. Dates are Vietnam dates (UTC+7, no daylight saving). A returned result
 * is judged against the date promised, or the first one when an apology moved it (an apology does
 * not make a dossier on time): early before it, on time on it, late after it. Digitised: its
 * documents are electronic files and, once returned, so is its result.
 */
const vietnamDay = (instant: SQL) => sql`((${instant} at time zone 'UTC') + interval '7 hours')::date`;

const COLUMNS = sql.raw(`dossier_id, code, agency_id, desk_agency_id, procedure_id, procedure_name, field_code, channel, status, submitted_at, received_at,
  received_on, received_month, due_on, finished_at, finished_on, outcome, rejected, withdrawn, waiting, fully_online, paid_online, digitised, rating, updated_at`);
const UPDATED = sql.raw(`code, agency_id, desk_agency_id, procedure_id, procedure_name, field_code, channel, status, submitted_at, received_at,
  received_on, received_month, due_on, finished_at, finished_on, outcome, rejected, withdrawn, waiting, fully_online, paid_online, digitised, rating, updated_at`
  .split(',').map((c) => `${c.trim()} = excluded.${c.trim()}`).join(', '));

function factRows(changes: SQL): SQL {
  return sql`
    select c.dossier_id, c.code, c.agency_id, c.desk_agency_id, c.procedure_id, c.procedure_name, c.field_code,
      case c.channel when 'dvcqg' then 'national_portal' else c.channel end, c.status, c.submitted_at, c.received_at,
      x.received_on, to_char(x.received_on, 'YYYY-MM'), x.due_on, c.finished_at, x.finished_on,
      case when c.status = 'completed' and x.finished_on is not null and x.due_on is not null then
        case when x.finished_on < x.due_on then 'early' when x.finished_on = x.due_on then 'on_time' else 'late' end end,
      c.status = 'rejected', c.status = 'withdrawn', c.status in ('supplement_requested', 'awaiting_payment'),
      c.procedure_fully_online and c.channel in ('online', 'dvcqg'),
      case when c.fee_paid then c.fee_paid_online end,
      c.has_inputs and (c.status <> 'completed' or c.has_result),
      c.rating, clock_timestamp()
    from (${changes}) c cross join lateral (select
      ${vietnamDay(sql`c.received_at`)} as received_on, ${vietnamDay(sql`c.finished_at`)} as finished_on,
      case when c.apologised then coalesce(c.original_due_date, c.due_date) else c.due_date end as due_on) x`;
}

/** Dossiers by id: the one changed, or a batch (after, upTo] in id order (tthc's `DossierRange`). */
export type FactRange = { id: string } | { after: string | null; upTo: string };

const inRange = (range: FactRange): SQL => ('id' in range
  ? sql`dossier_id = ${range.id}::uuid`
  : sql`${range.after === null ? sql`true` : sql`dossier_id > ${range.after}::uuid`} and dossier_id <= ${range.upTo}::uuid`);

/**
 * What a fact adds to analytics.figure_buckets (db/schema.ts): each column counted at the day it
 * takes effect. `at` names the day, `adds` the columns and the condition (0/1, or the rating).
 */
const CONTRIBUTIONS: { at: string; adds: Record<string, string> }[] = [
  {
    at: 'c.received_on',
    adds: {
      received: '1', received_online: "(c.channel = 'online')::int", received_counter: "(c.channel = 'counter')::int",
      received_national_portal: "(c.channel = 'national_portal')::int", received_post: "(c.channel = 'post')::int",
      online: "(c.channel in ('online', 'national_portal'))::int", fully_online: 'c.fully_online::int', digitised: 'c.digitised::int',
      paid: '(c.paid_online is not null)::int', paid_online: 'coalesce(c.paid_online, false)::int', waiting_in: 'c.waiting::int',
    },
  },
  {
    at: 'c.finished_on',
    adds: {
      early: "(c.outcome = 'early')::int", on_time: "(c.outcome = 'on_time')::int", late: "(c.outcome = 'late')::int",
      rejected: 'c.rejected::int', withdrawn: 'c.withdrawn::int', rated: '(c.outcome is not null and c.rating is not null)::int',
      rating_sum: 'case when c.outcome is not null then coalesce(c.rating, 0) else 0 end',
    },
  },
  // No longer open (received and finished): open on day s = received by s minus closed by s.
  { at: 'case when c.received_on is not null and c.finished_on is not null then greatest(c.received_on, c.finished_on) end', adds: { closed: '1', waiting_out: 'c.waiting::int' } },
  // Overdue on day s: received by s, due before s (due + 1 ≤ s), not finished by s.
  { at: 'case when c.received_on is not null and c.due_on is not null then greatest(c.received_on, c.due_on + 1) end', adds: { overdue_in: '1' } },
  { at: 'case when c.received_on is not null and c.due_on is not null and c.finished_on is not null then greatest(c.received_on, c.due_on + 1, c.finished_on) end', adds: { overdue_out: '1' } },
];
export const BUCKET_COLUMNS = [...new Set(CONTRIBUTIONS.flatMap((c) => Object.keys(c.adds)))];

/** Each fact `c`'s contributions `v`: one row per day it counts at, with its columns. */
const CONTRIBUTED = `cross join lateral (values ${CONTRIBUTIONS.map((k) => `(${k.at}, ${BUCKET_COLUMNS.map((col) => (k.adds[col] ? `coalesce(${k.adds[col]}, 0)` : '0')).join(', ')})`).join(',\n    ')})
    v(day, ${BUCKET_COLUMNS.join(', ')})`;

/** The rows a changed fact adds (sign 1) or takes away (sign -1), per grain: `changed` has the facts' columns and `sign`. */
const BUCKET_DELTAS = sql.raw(`
  insert into analytics.figure_buckets (grain, day, agency_id, procedure_id, field_code, procedure_name, ${BUCKET_COLUMNS.join(', ')})
  select g.grain, case g.grain when 'month' then date_trunc('month', v.day::timestamp)::date else v.day end, c.agency_id, c.procedure_id, c.field_code,
    max(c.procedure_name) filter (where c.sign > 0), ${BUCKET_COLUMNS.map((col) => `sum(c.sign * v.${col})`).join(', ')}
  from changed c
  ${CONTRIBUTED}
  cross join (values ('month'), ('day')) g(grain)
  where v.day is not null
  group by 1, 2, 3, 4, 5
  having ${BUCKET_COLUMNS.map((col) => `sum(c.sign * v.${col}) <> 0`).join(' or ')}
  order by 1, 2, 3, 4, 5
  on conflict (grain, day, agency_id, procedure_id, field_code) do update set
    procedure_name = coalesce(excluded.procedure_name, analytics.figure_buckets.procedure_name),
    ${BUCKET_COLUMNS.map((col) => `${col} = analytics.figure_buckets.${col} + excluded.${col}`).join(', ')}`);

const PAIR_DELTAS = sql.raw(`
  insert into analytics.duration_pairs (finished_on, received_on, agency_id, procedure_id, field_code, n)
  select c.finished_on, c.received_on, c.agency_id, c.procedure_id, c.field_code, sum(c.sign)
  from changed c where c.outcome is not null and c.received_on is not null and c.finished_on is not null
  group by 1, 2, 3, 4, 5 having sum(c.sign) <> 0 order by 1, 2, 3, 4, 5
  on conflict (finished_on, received_on, agency_id, procedure_id, field_code) do update set n = analytics.duration_pairs.n + excluded.n`);

/**
 * The only place that writes analytics.dossier_facts and its pre-aggregates: the facts of the
 * dossiers of `range` (their change rows: `changes`), inserted or replaced, and the difference
 * they make added to figure_buckets and duration_pairs in the same transaction; answers the ids
 * written. First the facts already there are locked, so that the old rows subtracted are exactly
 * the ones replaced. A fact that appeared meanwhile (a change hook's, during a backfill batch) is
 * not replaced: it is newer than what the batch read, and its writer counted it.
 */
export async function writeFacts(db: Queryable, changes: SQL, range: FactRange, options: { aggregates?: boolean } = {}): Promise<string[]> {
  const locked = (await queryRows<{ id: string }>(db, sql`
    select dossier_id::text as id from analytics.dossier_facts where ${inRange(range)} order by dossier_id for update`)).map((r) => r.id);
  // Without the deltas (the backfill's batches): the pre-aggregates are then rebuilt at once by rebuildAggregates.
  const deltas = options.aggregates === false ? sql`` : sql`,
    replaced as (select f.* from analytics.dossier_facts f join written w on w.dossier_id = f.dossier_id),
    changed as (select 1 as sign, * from written union all select -1, * from replaced),
    buckets as (${BUCKET_DELTAS} returning 1),
    pairs as (${PAIR_DELTAS} returning 1)`;
  const rows = await queryRows<{ id: string }>(db, sql`
    with written as (
      insert into analytics.dossier_facts (${COLUMNS}) ${factRows(changes)}
      on conflict (dossier_id) do update set ${UPDATED}
      where analytics.dossier_facts.dossier_id = any(${`{${locked.join(',')}}`}::uuid[])
      returning *)${deltas}
    select dossier_id::text as id from written`);
  return rows.map((r) => r.id);
}

/**
 * The pre-aggregates rebuilt from every fact at once (the backfill's last step): each bucket and
 * pair written once, by one INSERT … SELECT … GROUP BY per grain and table, instead of a delta per batch
 * that touches every bucket again. The facts are locked against writers meanwhile (SHARE: a
 * change hook waits, then adds its delta on top), so the rebuild counts exactly the facts there.
 */
export async function rebuildAggregates(db: Queryable): Promise<void> {
  await db.execute(sql`lock table analytics.dossier_facts in share mode`);
  await db.execute(sql`truncate analytics.figure_buckets, analytics.duration_pairs`);
  await db.execute(REBUILD_DAYS);
  await db.execute(REBUILD_MONTHS);
  await db.execute(REBUILD_PAIRS);
}

const BUCKET_KEY = `grain, day, agency_id, procedure_id, field_code, procedure_name, ${BUCKET_COLUMNS.join(', ')}`;
const NOT_ALL_ZERO = (of: (col: string) => string) => BUCKET_COLUMNS.map((col) => `sum(${of(col)}) <> 0`).join(' or ');
/** The day rows from the facts (the same contributions as BUCKET_DELTAS), then the month rows from the day rows. */
const REBUILD_DAYS = sql.raw(`
  insert into analytics.figure_buckets (${BUCKET_KEY})
  select 'day', v.day, c.agency_id, c.procedure_id, c.field_code, max(c.procedure_name), ${BUCKET_COLUMNS.map((col) => `sum(v.${col})`).join(', ')}
  from analytics.dossier_facts c
  ${CONTRIBUTED}
  where v.day is not null
  group by 2, 3, 4, 5 having ${NOT_ALL_ZERO((col) => `v.${col}`)}`);
const REBUILD_MONTHS = sql.raw(`
  insert into analytics.figure_buckets (${BUCKET_KEY})
  select 'month', date_trunc('month', day::timestamp)::date, agency_id, procedure_id, field_code, max(procedure_name), ${BUCKET_COLUMNS.map((col) => `sum(${col})`).join(', ')}
  from analytics.figure_buckets where grain = 'day'
  group by 2, 3, 4, 5 having ${NOT_ALL_ZERO((col) => col)}`);
const REBUILD_PAIRS = sql.raw(`
  insert into analytics.duration_pairs (finished_on, received_on, agency_id, procedure_id, field_code, n)
  select finished_on, received_on, agency_id, procedure_id, field_code, count(*)
  from analytics.dossier_facts where outcome is not null and received_on is not null and finished_on is not null
  group by 1, 2, 3, 4, 5`);

/** The hook's write for one dossier: once more if a backfill batch wrote its fact between the lock and the write. */
export async function writeFact(db: Queryable, changes: SQL, id: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await writeFacts(db, changes, { id })).length > 0) return;
  }
  throw new Error('analytics: the dossier fact could not be written');
}
