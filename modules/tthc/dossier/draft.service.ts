import { and, desc, eq } from 'drizzle-orm';
import { conflict, forbidden, newId, notFound, type Db, type Principal } from '../../../packages/platform/index.ts';
import { drafts } from '../db/schema.ts';
import type { DossierDeps } from './dossier.deps.ts';

/**
 * Applications saved before submission. A draft is the applicant's own scratch pad: no code,
 * no agency sees it, and it is deleted when the dossier is filed from it.
 */
export interface Draft {
  id: string;
  offeringId: string;
  formData: Record<string, Record<string, unknown>>;
  files: { uploadId: string; partCode: string; fileName?: string | undefined }[];
  version: number;
  updatedAt: string;
}

const toDraft = (row: typeof drafts.$inferSelect): Draft => ({
  id: row.id, offeringId: row.offeringId, formData: row.formData as Draft['formData'], files: row.files as Draft['files'], version: row.version, updatedAt: row.updatedAt.toISOString(),
});

function owner(principal: Principal): string {
  if (principal.kind !== 'user' || principal.userType !== 'citizen') throw forbidden('dossier.citizens_only', 'Bản nháp dành cho người nộp hồ sơ / Drafts are for applicants');
  return principal.userId;
}

export function createDraftService(db: Db, procedures: Pick<DossierDeps['procedures'], 'offeringContext'>) {
  return {
    async list(principal: Principal): Promise<Draft[]> {
      const rows = await db.select().from(drafts).where(eq(drafts.ownerSubject, owner(principal))).orderBy(desc(drafts.updatedAt)).limit(50);
      return rows.map(toDraft);
    },

    async get(principal: Principal, id: string): Promise<Draft> {
      const [row] = await db.select().from(drafts).where(and(eq(drafts.id, id), eq(drafts.ownerSubject, owner(principal))));
      if (!row) throw notFound('dossier.draft_not_found', 'Không tìm thấy bản nháp / Draft not found');
      return toDraft(row);
    },

    async create(principal: Principal, input: Pick<Draft, 'offeringId' | 'formData' | 'files'>): Promise<Draft> {
      const subject = owner(principal);
      // Checked here rather than left to the foreign key: an unknown offering is the caller's mistake (404), not a 500.
      const context = await procedures.offeringContext(input.offeringId);
      if (!context || !context.offering.active || !context.procedure.active) throw notFound('tthc.offering_not_found', 'Không tìm thấy dịch vụ công / Service not found');
      const [row] = await db.insert(drafts).values({ id: newId(), ownerSubject: subject, ...input }).returning();
      return toDraft(row!);
    },

    async update(principal: Principal, id: string, expectedVersion: number, input: Pick<Draft, 'formData' | 'files'>): Promise<Draft> {
      const rows = await db.update(drafts).set({ ...input, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(drafts.id, id), eq(drafts.ownerSubject, owner(principal)), eq(drafts.version, expectedVersion))).returning();
      if (rows.length === 0) {
        await this.get(principal, id);
        throw conflict('dossier.version_conflict', 'Bản nháp đã được lưu ở nơi khác / The draft was saved elsewhere');
      }
      return toDraft(rows[0]!);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const rows = await db.delete(drafts).where(and(eq(drafts.id, id), eq(drafts.ownerSubject, owner(principal)))).returning({ id: drafts.id });
      if (rows.length === 0) throw notFound('dossier.draft_not_found', 'Không tìm thấy bản nháp / Draft not found');
    },
  };
}

export type DraftService = ReturnType<typeof createDraftService>;
