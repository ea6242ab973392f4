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

/**
 * The only place that writes analytics.dossier_facts: the facts of the dossiers in `changes`,
 * inserted or replaced; answers how many. A backfill batch (`backfill: true`) leaves alone a fact
 * a change hook wrote while the batch ran: that one is newer than what the batch read.
 */
export async function writeFacts(db: Queryable, changes: SQL, options: { backfill?: boolean } = {}): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    with written as (
      insert into analytics.dossier_facts (${COLUMNS}) ${factRows(changes)}
      on conflict (dossier_id) do update set ${UPDATED}
      ${options.backfill ? sql`where analytics.dossier_facts.updated_at < statement_timestamp()` : sql``}
      returning 1)
    select count(*)::int as n from written`);
  return row!.n;
}
