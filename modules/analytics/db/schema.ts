import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgSchema, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    // Due soon and the drill-down of the unfinished figures read facts by their due date. Due soon
    // reads only these columns (open on the snapshot day, its group): an index-only scan of the days due.
    index('dossier_facts_due_idx').on(t.dueOn, t.agencyId, t.receivedOn, t.finishedOn, t.procedureId, t.fieldCode),
    check('dossier_facts_channel_check', sql`${t.channel} in ('online', 'counter', 'national_portal', 'post')`),
    check('dossier_facts_outcome_check', sql`${t.outcome} in ('early', 'on_time', 'late')`),
  ],
);

/**
 * The pre-aggregate of the facts (docs/decisions/0039-analytics-pre-aggregates.md): per agency,
 * procedure and field, each fact's contribution counted at the day it takes effect — received
 * figures at its received day, outcomes at its finished day, `closed` (and the `*_out` columns)
 * when it stops being open — twice: once in the month's row (`grain` month, `day` its first day)
 * and once in the day's row. A period's counts are its months' rows; a snapshot (open, waiting,
 * overdue on a day) is the whole months before it plus the days of its own month. Maintained by
 * the fact statement itself, in the same transaction, by deltas (facts.ts).
 */
export const figureBuckets = analytics.table(
  'figure_buckets',
  {
    grain: text('grain').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    agencyId: uuid('agency_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    fieldCode: text('field_code').notNull(),
    /** The procedure's name as its latest dossier carries it (the label of a procedure row). */
    procedureName: text('procedure_name'),
    received: integer('received').notNull().default(0),
    receivedOnline: integer('received_online').notNull().default(0),
    receivedCounter: integer('received_counter').notNull().default(0),
    receivedNationalPortal: integer('received_national_portal').notNull().default(0),
    receivedPost: integer('received_post').notNull().default(0),
    online: integer('online').notNull().default(0),
    fullyOnline: integer('fully_online').notNull().default(0),
    digitised: integer('digitised').notNull().default(0),
    paid: integer('paid').notNull().default(0),
    paidOnline: integer('paid_online').notNull().default(0),
    waitingIn: integer('waiting_in').notNull().default(0),
    early: integer('early').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    withdrawn: integer('withdrawn').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    waitingOut: integer('waiting_out').notNull().default(0),
    overdueIn: integer('overdue_in').notNull().default(0),
    overdueOut: integer('overdue_out').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.day, t.agencyId, t.procedureId, t.fieldCode] }),
    check('figure_buckets_grain_check', sql`${t.grain} in ('month', 'day')`),
  ],
);

/** Returned results per (received day, finished day): the processing times' distribution, counted in working days at read time. */
export const durationPairs = analytics.table(
  'duration_pairs',
  {
    finishedOn: date('finished_on', { mode: 'string' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    agencyId: uuid('agency_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    fieldCode: text('field_code').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.finishedOn, t.receivedOn, t.agencyId, t.procedureId, t.fieldCode] })],
);

/**
 * The IOC's dashboards, configured as data by an administrator (docs/decisions/0033-ioc-echarts-dashboards-as-data.md):
 * a dashboard is a titled, public or internal set of panels; each panel names a measure of the
 * registry in code (dashboards.measures.ts) and how to draw it.
 */
export const dashboards = analytics.table(
  'dashboards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    /** public: anyone, aggregates only; internal: signed-in officials with report.read. */
    visibility: text('visibility').notNull(),
    refreshSeconds: integer('refresh_seconds').notNull(),
    rotationSeconds: integer('rotation_seconds').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [check('dashboards_visibility_check', sql`${t.visibility} in ('public', 'internal')`)],
);

export const dashboardPanels = analytics.table(
  'dashboard_panels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dashboardId: uuid('dashboard_id').notNull().references(() => dashboards.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    measure: text('measure').notNull(),
    chart: text('chart').notNull(),
    /** The period a panel shows when the viewer picks none: the current month, quarter or year, or today. */
    periodKind: text('period_kind').notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('dashboard_panels_dashboard_idx').on(t.dashboardId, t.position)],
);

/** The commune layer: the GeoJSON FeatureCollection an administrator imported (one row, replaced on import). */
export const communeMap = analytics.table('commune_map', {
  id: text('id').primaryKey(),
  geojson: jsonb('geojson').$type<Record<string, unknown>>().notNull(),
  features: integer('features').notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: at('imported_at').notNull().defaultNow(),
});

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
