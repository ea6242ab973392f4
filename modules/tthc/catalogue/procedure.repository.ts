import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { foldVietnamese, type Queryable } from '../../../packages/platform/index.ts';
import { offerings, procedures } from '../db/schema.ts';
import type { ProcedureFields, ProcedureListQuery } from './procedure.inputs.ts';
import type { ApplicantType, FeeItem, LegalBasis, Level, Method, Procedure, ProcedurePart, ProcedureVerification } from './procedure.types.ts';

type Row = typeof procedures.$inferSelect;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toProcedure(row: Row): Procedure {
  return {
    id: row.id,
    nationalCode: row.nationalCode,
    name: row.name,
    fieldCode: row.fieldCode,
    level: row.level as Level,
    implementingAgencies: row.implementingAgencies,
    applicantTypes: row.applicantTypes as ApplicantType[],
    methods: row.methods as Method[],
    processingDays: row.processingDays,
    processingNote: row.processingNote,
    fees: row.fees as FeeItem[],
    parts: row.parts as ProcedurePart[],
    conditions: row.conditions,
    steps: row.steps,
    legalBases: row.legalBases as LegalBasis[],
    resultType: row.resultType,
    fullyOnline: row.fullyOnline,
    active: row.active,
    verification: (row.verification ?? null) as ProcedureVerification | null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The editable fields of a stored procedure (what a patch applies to, and what an export writes). */
export function fieldsOf(p: Procedure): ProcedureFields {
  const { id: _id, version: _version, updatedAt: _updatedAt, ...fields } = p;
  return fields;
}

/** Search text: the national code and the name, diacritics folded ("dang ky khai sinh"). */
export const procedureSearchText = (nationalCode: string, name: string) => foldVietnamese(`${nationalCode} ${name}`);

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export const likePattern = (q: string) => `%${foldVietnamese(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function listCondition(query: ProcedureListQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.q?.trim()) where.push(sql`${procedures.search} like ${likePattern(query.q)}`);
  if (query.fieldCode) where.push(eq(procedures.fieldCode, query.fieldCode));
  if (query.level) where.push(eq(procedures.level, query.level));
  if (!query.includeInactive) where.push(eq(procedures.active, true));
  if (query.onlineOnly) where.push(sql`${procedures.methods} @> '["online"]'::jsonb`);
  if (query.agencyId) {
    const online = query.onlineOnly ? sql` and ${offerings.onlineEnabled}` : sql``;
    where.push(sql`exists (select 1 from ${offerings} where ${offerings.procedureId} = ${procedures.id}
      and ${offerings.agencyId} = ${query.agencyId} and ${offerings.active}${online})`);
  }
  return and(...where);
}

export const procedureRepository = {
  async findById(db: Queryable, id: string): Promise<Procedure | undefined> {
    if (!UUID.test(id)) return undefined; // not an id at all: nothing to find, and no SQL error
    const [row] = await db.select().from(procedures).where(eq(procedures.id, id));
    return row && toProcedure(row);
  },

  async findByCode(db: Queryable, nationalCode: string): Promise<Procedure | undefined> {
    const [row] = await db.select().from(procedures).where(eq(procedures.nationalCode, nationalCode));
    return row && toProcedure(row);
  },

  async list(db: Queryable, query: ProcedureListQuery): Promise<{ items: Procedure[]; total: number }> {
    const condition = listCondition(query);
    // Ordered by national code: plain ASCII, so the order is the same on every database collation.
    const rows = await db.select().from(procedures).where(condition).orderBy(asc(procedures.nationalCode), asc(procedures.id)).limit(query.limit).offset(query.offset);
    const [total] = await db.select({ n: count() }).from(procedures).where(condition);
    return { items: rows.map(toProcedure), total: total?.n ?? 0 };
  },

  async all(db: Queryable): Promise<Procedure[]> {
    const rows = await db.select().from(procedures).orderBy(asc(procedures.nationalCode));
    return rows.map(toProcedure);
  },

  async insert(db: Queryable, id: string, p: ProcedureFields): Promise<Procedure> {
    const [row] = await db.insert(procedures).values({ id, ...p, search: procedureSearchText(p.nationalCode, p.name) }).returning();
    return toProcedure(row!);
  },

  /** Seeding: inserts the procedures whose national code is not there yet, leaves the others alone. */
  async insertMissing(db: Queryable, rows: { id: string; fields: ProcedureFields }[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insert(procedures)
      .values(rows.map(({ id, fields }) => ({ id, ...fields, search: procedureSearchText(fields.nationalCode, fields.name) })))
      .onConflictDoNothing({ target: procedures.nationalCode });
  },

  /** Replaces the fields only if the row is still at `version`; undefined when it is not. */
  async update(db: Queryable, id: string, version: number, p: ProcedureFields): Promise<Procedure | undefined> {
    const [row] = await db
      .update(procedures)
      .set({ ...p, search: procedureSearchText(p.nationalCode, p.name), version: sql`${procedures.version} + 1`, updatedAt: new Date() })
      .where(and(eq(procedures.id, id), eq(procedures.version, version)))
      .returning();
    return row && toProcedure(row);
  },

  /** Serialises imports (and the editors' writes they race with) across replicas. */
  async lockCatalogue(db: Queryable): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(${PROCEDURE_LOCK})`);
  },
};

// Any fixed 64-bit number, distinct from the other modules' advisory locks.
const PROCEDURE_LOCK = 7_204_611_201n;
