import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../packages/platform/index.ts';
import { offerings } from '../db/schema.ts';
import { UUID } from './procedure.repository.ts';
import type { FeeItem, Offering } from './procedure.types.ts';

type Row = typeof offerings.$inferSelect;
export type OfferingInsert = Omit<Offering, 'version'>;
export type OfferingChanges = Partial<Omit<Offering, 'id' | 'procedureId' | 'agencyId' | 'version'>>;

export const toOffering = (row: Row): Offering => ({
  id: row.id,
  procedureId: row.procedureId,
  agencyId: row.agencyId,
  deskAgencyId: row.deskAgencyId,
  processKey: row.processKey,
  fees: row.fees as FeeItem[] | null,
  codePattern: row.codePattern,
  intakeCutoff: row.intakeCutoff,
  onlineEnabled: row.onlineEnabled,
  onlineFilingPortal: row.onlineFilingPortal as Offering['onlineFilingPortal'],
  active: row.active,
  version: row.version,
});

export const offeringRepository = {
  async findById(db: Queryable, id: string): Promise<Offering | undefined> {
    if (!UUID.test(id)) return undefined; // not an id at all: nothing to find, and no SQL error
    const [row] = await db.select().from(offerings).where(eq(offerings.id, id));
    return row && toOffering(row);
  },

  async list(db: Queryable, filter: { agencyId?: string | undefined; procedureId?: string | undefined; activeOnly?: boolean }): Promise<Offering[]> {
    const where: SQL[] = [];
    if (filter.agencyId) where.push(eq(offerings.agencyId, filter.agencyId));
    if (filter.procedureId) where.push(eq(offerings.procedureId, filter.procedureId));
    if (filter.activeOnly) where.push(eq(offerings.active, true));
    const rows = await db.select().from(offerings).where(and(...where)).orderBy(asc(offerings.procedureId), asc(offerings.agencyId));
    return rows.map(toOffering);
  },

  async insert(db: Queryable, row: OfferingInsert): Promise<Offering> {
    const [inserted] = await db.insert(offerings).values(row).returning();
    return toOffering(inserted!);
  },

  /** Seeding: one offering per (procedure, agency); an existing one is left as the editors made it. */
  async insertMissing(db: Queryable, rows: OfferingInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.insert(offerings).values(rows).onConflictDoNothing({ target: [offerings.procedureId, offerings.agencyId] });
  },

  /** Applies the changes only if the row is still at `version`; undefined when it is not. */
  async update(db: Queryable, id: string, version: number, changes: OfferingChanges): Promise<Offering | undefined> {
    const [row] = await db
      .update(offerings)
      .set({ ...changes, version: sql`${offerings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(offerings.id, id), eq(offerings.version, version)))
      .returning();
    return row && toOffering(row);
  },
};
