import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Tables owned by modules/catalog. */
export const catalog = pgSchema('catalog');

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** The organisation chart: the provincial People's Committee, its agencies and the communes. */
export const agencies = catalog.table(
  'agencies',
  {
    id: uuid('id').primaryKey(),
    /** Agency identifier code (mã định danh điện tử), or a provisional `TAM.` code until it is known. */
    code: text('code').notNull().unique('agencies_code_key'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    /** The code and/or name are stand-ins until the official list is imported. */
    placeholder: boolean('placeholder').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Optimistic concurrency: bumped by every update. */
    version: integer('version').notNull().default(1),
    /** Folded (diacritic-free, lower-case) code and names, for search. */
    search: text('search').notNull(),
    ...timestamps,
  },
  (t) => [
    index('agencies_parent_idx').on(t.parentId),
    check('agencies_kind_check', sql`${t.kind} in ('province', 'department', 'board', 'central', 'commune', 'service_centre', 'other')`),
  ],
);

/** A shared e-catalogue (danh mục điện tử dùng chung). */
export const codeLists = catalog.table('code_lists', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  description: text('description'),
  /** Local additions are expected (e.g. nationalities beyond the seeded ones). */
  extendable: boolean('extendable').notNull().default(false),
  ...timestamps,
});

/**
 * One version of a code list. A published version applies from `effective_from` until the
 * next published version's `effective_from` (`effective_to`, exclusive, null while current).
 */
export const codeListVersions = catalog.table(
  'code_list_versions',
  {
    id: uuid('id').primaryKey(),
    listCode: text('list_code')
      .notNull()
      .references(() => codeLists.code),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    note: text('note'),
    /** SHA-256 of the items' canonical JSON; part of the strong ETag. */
    contentHash: text('content_hash').notNull(),
    itemCount: integer('item_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('code_list_versions_list_version_key').on(t.listCode, t.version),
    index('code_list_versions_effective_idx').on(t.listCode, t.status, t.effectiveFrom),
    check('code_list_versions_status_check', sql`${t.status} in ('draft', 'published')`),
  ],
);

export const codeListItems = catalog.table(
  'code_list_items',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => codeListVersions.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    parentCode: text('parent_code'),
    sortOrder: integer('sort_order').notNull(),
    extra: jsonb('extra').notNull().default({}),
    search: text('search').notNull(),
  },
  (t) => [primaryKey({ name: 'code_list_items_pkey', columns: [t.versionId, t.code] }), index('code_list_items_order_idx').on(t.versionId, t.sortOrder)],
);

/**
 * Days that differ from the law's calendar: extra days off (bridge days) and working days on a
 * day that would be off (a Saturday worked in compensation). `agency_id` null = whole province;
 * otherwise the agency and its subtree.
 */
export const calendarExceptions = catalog.table(
  'calendar_exceptions',
  {
    id: uuid('id').primaryKey(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    agencyId: uuid('agency_id').references(() => agencies.id),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('calendar_exceptions_date_agency_key').on(t.date, t.agencyId).nullsNotDistinct(),
    check('calendar_exceptions_kind_check', sql`${t.kind} in ('day_off', 'working_day')`),
  ],
);

/**
 * Days off and swapped days as announced for a year by the Prime Minister's decision (Tết, the
 * day next to National Day, weekdays swapped for Saturdays). A year with at least one row is
 * "decided": its rows alone define its days off (plus the weekly rest days, minus the
 * `swapped_work` Saturdays); the Labour Code rule only proposes days for undecided years.
 * Rows are kept once a year has passed so that old due dates can still be explained.
 */
export const calendarDecisions = catalog.table(
  'calendar_decisions',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** Legal basis and document number, e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025". */
    document: text('document').notNull(),
    /** Where the announcement was read (address of the publication). */
    source: text('source'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('calendar_decisions_year_idx').on(t.year),
    check('calendar_decisions_kind_check', sql`${t.kind} in ('holiday', 'compensatory', 'swapped_off', 'swapped_work')`),
  ],
);

/** Per-year choices the law leaves open (art. 112: 1/9 or 3/9 next to National Day). */
export const calendarYears = catalog.table(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    nationalDayAdjacent: text('national_day_adjacent').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('calendar_years_adjacent_check', sql`${t.nationalDayAdjacent} in ('before', 'after')`)],
);
