import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../../packages/platform/index.ts';
import { dossiers, procedures } from '../db/schema.ts';

export interface ProcedureLink {
  id: string;
  nationalCode: string;
  name: string;
}

const link = { id: procedures.id, nationalCode: procedures.nationalCode, name: procedures.name };

export const portalRepository = {
  /** Active procedures with the most dossiers filed, most first (ties by national code). */
  async mostFiled(db: Queryable, limit: number): Promise<ProcedureLink[]> {
    const filed = db.select({ procedureId: dossiers.procedureId, n: count().as('n') }).from(dossiers).groupBy(dossiers.procedureId).as('filed');
    return db
      .select(link)
      .from(filed)
      .innerJoin(procedures, eq(procedures.id, filed.procedureId))
      .where(eq(procedures.active, true))
      .orderBy(desc(filed.n), asc(procedures.nationalCode))
      .limit(limit);
  },

  /** Active procedures a citizen can file online, by national code, leaving out `except`. */
  async onlineFirst(db: Queryable, limit: number, except: readonly string[]): Promise<ProcedureLink[]> {
    const online = sql`${procedures.methods} @> '["online"]'::jsonb`;
    const rest = except.length ? sql`not ${inArray(procedures.id, [...except])}` : sql`true`;
    return db.select(link).from(procedures).where(and(eq(procedures.active, true), online, rest)).orderBy(asc(procedures.nationalCode)).limit(limit);
  },
};
