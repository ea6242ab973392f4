import { and, eq, inArray } from 'drizzle-orm';
import { unprocessable, type Queryable } from '../../../packages/platform/index.ts';
import { uploads } from '../db/schema.ts';

export type Upload = typeof uploads.$inferSelect;

export const uploadRepository = {
  async insert(db: Queryable, row: typeof uploads.$inferInsert): Promise<void> {
    await db.insert(uploads).values(row);
  },

  async get(db: Queryable, id: string, owner: string): Promise<Upload | undefined> {
    const [row] = await db.select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.owner, owner)));
    return row;
  },

  /**
   * Takes the owner's uploads out of the holding table (they now belong to a dossier). An id
   * that is unknown or someone else's refuses the whole submission.
   */
  async take(db: Queryable, ids: string[], owner: string): Promise<Map<string, Upload>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.delete(uploads).where(and(inArray(uploads.id, unique), eq(uploads.owner, owner))).returning();
    if (rows.length !== unique.length) {
      const found = new Set(rows.map((r) => r.id));
      throw unprocessable('dossier.upload_not_found', 'Tệp đính kèm không tồn tại hoặc đã được dùng / Unknown or already used upload', {
        uploads: unique.filter((id) => !found.has(id)),
      });
    }
    return new Map(rows.map((r) => [r.id, r]));
  },
};
