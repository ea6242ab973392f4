import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, pgSchema, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Tables owned by modules/analytics. Dossiers, agencies and procedures are other modules' ids. */
export const analytics = pgSchema('analytics');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row per dossier with what the one-stop statistics count, written by the tthc change hook
 * in the transaction of each dossier change (docs/decisions/0028-analytics-dossier-facts.md).
 * Dates are Vietnam dates; the agency group and working days are read at query time.
 */
export const dossierFacts = analytics.table(
  'dossier_facts',
  {
    dossierId: uuid('dossier_id').primaryKey(),
    code: text('code').notNull(),
    agencyId: uuid('agency_id').notNull(),
    deskAgencyId: uuid('desk_agency_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    procedureName: text('procedure_name').notNull(),
    fieldCode: text('field_code').notNull(),
    /** online | counter | national_portal | post. */
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    submittedAt: at('submitted_at').notNull(),
    receivedAt: at('received_at'),
    receivedOn: date('received_on', { mode: 'string' }),
    /** `YYYY-MM` of `received_on`: the month key reports group by. */
    receivedMonth: text('received_month'),
    /** The date the on-time outcome is judged against: the first promised one once an apology moved it. */
    dueOn: date('due_on', { mode: 'string' }),
    finishedAt: at('finished_at'),
    finishedOn: date('finished_on', { mode: 'string' }),
    /** For returned results: early | on_time | late. */
    outcome: text('outcome'),
    rejected: boolean('rejected').notNull(),
    withdrawn: boolean('withdrawn').notNull(),
    /** Waiting for the applicant: a supplement or a fee. */
    waiting: boolean('waiting').notNull(),
    fullyOnline: boolean('fully_online').notNull(),
    /** Null while no fee was paid. */
    paidOnline: boolean('paid_online'),
    digitised: boolean('digitised').notNull(),
    rating: smallint('rating'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('dossier_facts_received_idx').on(t.receivedOn, t.agencyId),
    index('dossier_facts_finished_idx').on(t.finishedOn, t.agencyId),
    index('dossier_facts_open_idx').on(t.agencyId).where(sql`${t.finishedOn} is null`),
    check('dossier_facts_channel_check', sql`${t.channel} in ('online', 'counter', 'national_portal', 'post')`),
    check('dossier_facts_outcome_check', sql`${t.outcome} in ('early', 'on_time', 'late')`),
  ],
);

/**
 * The bulk backfill of the facts (one row at most): where it stands, so that a crash resumes
 * after the last batch written and the API can say the figures are being rebuilt until
 * `finished_at` is set (docs/analytics.md, "Backfill").
 */
export const factBackfill = analytics.table(
  'fact_backfill',
  {
    id: boolean('id').primaryKey().default(true),
    /** The last dossier id written (batches go in id order); null before the first batch. */
    cursor: uuid('cursor'),
    /** Dossiers when it began (for the progress shown). */
    total: bigint('total', { mode: 'number' }).notNull(),
    written: bigint('written', { mode: 'number' }).notNull().default(0),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [check('fact_backfill_one_row', sql`${t.id}`)],
);
