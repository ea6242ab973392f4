import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { foldVietnamese, queryRows, type Queryable } from '../../packages/platform/index.ts';
import { agencies } from './db/schema.ts';
import type { Agency, AgencyKind, AgencyListQuery, AgencyPatch } from './agency.types.ts';

type Row = typeof agencies.$inferSelect;

export function toAgency(row: Row): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    kind: row.kind as AgencyKind,
    parentId: row.parentId,
    placeholder: row.placeholder,
    active: row.active,
    sortOrder: row.sortOrder,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Search text: diacritics folded, and hyphens as spaces so "kho me" finds "Khơ-me". */
export const searchFold = (text: string) => foldVietnamese(text.replace(/[-‐–]/g, ' '));

export const agencySearchText = (code: string, name: string, nameEn: string | null | undefined) => searchFold([code, name, nameEn ?? ''].join(' '));

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export const likePattern = (q: string) => `%${searchFold(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AgencyInsert {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: AgencyKind;
  parentId: string | null;
  placeholder: boolean;
  active: boolean;
  sortOrder: number;
}

export const agencyRepository = {
  async findById(db: Queryable, id: string): Promise<Agency | undefined> {
    const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
    return row && toAgency(row);
  },

  async findByCode(db: Queryable, code: string): Promise<Agency | undefined> {
    const [row] = await db.select().from(agencies).where(eq(agencies.code, code));
    return row && toAgency(row);
  },

  async all(db: Queryable): Promise<Agency[]> {
    const rows = await db.select().from(agencies).orderBy(asc(agencies.sortOrder), asc(agencies.code));
    return rows.map(toAgency);
  },

  async count(db: Queryable): Promise<number> {
    const [row] = await db.select({ n: count() }).from(agencies);
    return row?.n ?? 0;
  },

  async list(db: Queryable, query: AgencyListQuery): Promise<{ items: Agency[]; total: number }> {
    const where: SQL[] = [];
    if (query.q) where.push(sql`${agencies.search} like ${likePattern(query.q)}`);
    if (query.kind) where.push(eq(agencies.kind, query.kind));
    if (query.parentId) where.push(eq(agencies.parentId, query.parentId));
    if (query.active !== undefined) where.push(eq(agencies.active, query.active));
    const condition = and(...where);
    const rows = await db
      .select()
      .from(agencies)
      .where(condition)
      .orderBy(asc(agencies.sortOrder), asc(agencies.code))
      .limit(query.limit)
      .offset(query.offset);
    const [total] = await db.select({ n: count() }).from(agencies).where(condition);
    return { items: rows.map(toAgency), total: total?.n ?? 0 };
  },

  /** Ancestors of an agency, nearest first (empty for the root). */
  async ancestors(db: Queryable, id: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`with recursive up(id, parent_id, depth) as (
            select id, parent_id, 0 from catalog.agencies where id = ${id}
            union all
            select a.id, a.parent_id, up.depth + 1 from catalog.agencies a join up on a.id = up.parent_id where up.depth < 64
          )
          select id from up where depth > 0 order by depth`,
    );
    return rows.map((r) => r.id);
  },

  async insertMany(db: Queryable, rows: AgencyInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.insert(agencies).values(rows.map((r) => ({ ...r, search: agencySearchText(r.code, r.name, r.nameEn) })));
  },

  /** Seeding: inserts what is missing by code, leaves existing rows alone. */
  async insertMissing(db: Queryable, rows: AgencyInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insert(agencies)
      .values(rows.map((r) => ({ ...r, search: agencySearchText(r.code, r.name, r.nameEn) })))
      .onConflictDoNothing({ target: agencies.code });
  },

  /** Applies the patch only if the row is still at `version`; undefined when it is not. */
  async update(db: Queryable, id: string, version: number, patch: AgencyPatch, current: Agency): Promise<Agency | undefined> {
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Agency;
    const [row] = await db
      .update(agencies)
      .set({
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        search: agencySearchText(next.code, next.name, next.nameEn),
        version: sql`${agencies.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(agencies.id, id), eq(agencies.version, version)))
      .returning();
    return row && toAgency(row);
  },

  /** Serialises writers of the organisation chart across replicas (cycle checks, imports). */
  async lockChart(db: Queryable): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(${CHART_LOCK})`);
  },
};

// Any fixed 64-bit number, distinct from the other modules' advisory locks.
const CHART_LOCK = 7_204_611_101n;
