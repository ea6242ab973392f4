import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../packages/platform/index.ts';
import { procedures, ratings } from '../db/schema.ts';
import type { Rating, RatingScore } from './rating.types.ts';

type RatingRow = typeof ratings.$inferSelect;

const toRating = (row: RatingRow): Rating => ({
  dossierId: row.dossierId, score: row.score as RatingScore, comment: row.comment, via: row.via as Rating['via'], ratedAt: row.ratedAt.toISOString(),
});

/** Counts per agency, procedure and score: the summary folds them by agency subtree in code. */
export interface ScoreCount {
  agencyId: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  score: number;
  count: number;
}

/** The only place that writes SQL for ratings. */
export const ratingRepository = {
  async get(db: Queryable, dossierId: string): Promise<Rating | undefined> {
    const [row] = await db.select().from(ratings).where(eq(ratings.dossierId, dossierId));
    return row ? toRating(row) : undefined;
  },

  /** Inserts unless the dossier already has a rating; `undefined` then (the caller decides what that means). */
  async insertOnce(db: Queryable, row: typeof ratings.$inferInsert): Promise<Rating | undefined> {
    const [inserted] = await db.insert(ratings).values(row).onConflictDoNothing({ target: ratings.dossierId }).returning();
    return inserted ? toRating(inserted) : undefined;
  },

  async scoreCounts(db: Queryable, range: { from?: Date; to?: Date }): Promise<ScoreCount[]> {
    const rows = await db
      .select({
        agencyId: ratings.agencyId, procedureId: ratings.procedureId, procedureCode: procedures.nationalCode, procedureName: procedures.name,
        score: ratings.score, count: count(),
      })
      .from(ratings)
      .innerJoin(procedures, eq(procedures.id, ratings.procedureId))
      .where(and(range.from ? gte(ratings.ratedAt, range.from) : undefined, range.to ? lt(ratings.ratedAt, range.to) : undefined))
      .groupBy(ratings.agencyId, ratings.procedureId, procedures.nationalCode, procedures.name, ratings.score)
      .orderBy(sql`1, 2, 5`);
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  },
};
