import { badRequest, canActOn, conflict, forbidden, notFound, pgError, refuseNul, type Principal } from '../../../packages/platform/index.ts';
import type { DossierDeps } from '../dossier/dossier.deps.ts';
import { lookupSecretHash } from '../dossier/dossier.intake.ts';
import { canSee, dossierNotFound, isApplicantOf } from '../dossier/dossier.policies.ts';
import { dossierRepository } from '../dossier/dossier.repository.ts';
import type { Dossier } from '../dossier/dossier.types.ts';
import { ratingRepository, type ScoreCount } from './rating.repository.ts';
import { MAX_RATING_COMMENT, RATING_SCORES, type Rating, type RatingInput, type RatingScore, type RatingState, type RatingSummaryRow } from './rating.types.ts';

/** Who may read rating summaries of an agency: those who report on it or see its dossiers. */
export const RATING_SUMMARY_PERMISSIONS = ['report.read', 'dossier.read'] as const;

export interface SummaryQuery {
  agencyId: string;
  groupBy: 'agency' | 'procedure';
  /** Inclusive start, exclusive end (instants). */
  from?: Date;
  to?: Date;
}

/**
 * Ratings: the applicant of a returned dossier rates it once, signed in or with the dossier's
 * code and look-up secret (the way the "returned" notice reaches people who filed at the
 * counter); officials read summaries per agency and per procedure within their grants.
 */
export function createRatingService(deps: Pick<DossierDeps, 'db' | 'catalog' | 'changes'>) {
  const { db, catalog } = deps;

  function checked(input: RatingInput): { score: RatingScore; comment: string | null } {
    if (!RATING_SCORES.includes(input.score as RatingScore)) throw badRequest('rating.score_invalid', 'Mức đánh giá từ 1 đến 5 / The score is 1 to 5');
    const comment = input.comment?.trim() ?? '';
    refuseNul(comment, 'comment');
    if (comment.length > MAX_RATING_COMMENT) throw badRequest('rating.comment_too_long', `Ý kiến tối đa ${MAX_RATING_COMMENT} ký tự / At most ${MAX_RATING_COMMENT} characters`);
    return { score: input.score as RatingScore, comment: comment || null };
  }

  /** One rating per dossier: an exact repeat (a retried request) returns the first; anything else is refused. */
  async function rate(dossier: Dossier, input: RatingInput, via: Rating['via']): Promise<{ rating: Rating; created: boolean }> {
    const { score, comment } = checked(input);
    if (dossier.status !== 'completed') throw conflict('rating.not_returned', 'Chỉ đánh giá sau khi đã trả kết quả / A dossier is rated after its result is returned');
    // The rating and the statistics that count it change together.
    const inserted = await db.transaction(async (tx) => {
      const row = await ratingRepository.insertOnce(tx, {
        dossierId: dossier.id, agencyId: dossier.agencyId, deskAgencyId: dossier.deskAgencyId, procedureId: dossier.procedureId, score, comment, via,
      });
      if (row) await deps.changes.record(tx, dossier);
      return row;
    });
    if (inserted) return { rating: inserted, created: true };
    const existing = (await ratingRepository.get(db, dossier.id))!;
    if (existing.score === score && existing.comment === comment) return { rating: existing, created: false };
    throw conflict('rating.already_rated', 'Hồ sơ này đã được đánh giá / This dossier has already been rated', { rating: existing });
  }

  async function visibleToApplicant(principal: Principal, dossierId: string): Promise<{ dossier: Dossier; applicant: boolean }> {
    const dossier = await dossierRepository.load(db, dossierId).catch((error: unknown) => {
      if (pgError(error).code === '22P02') return undefined;
      throw error;
    });
    if (!dossier || !(await canSee(catalog, principal, dossier))) throw dossierNotFound();
    return { dossier, applicant: isApplicantOf(principal, dossier) };
  }

  async function byLookup(code: string, secret: string): Promise<Dossier> {
    const found = await dossierRepository.idByCode(db, code.trim().toUpperCase());
    if (!found || !secret || secret.length > 40 || found.lookupSecretHash !== lookupSecretHash(found.id, secret)) {
      throw notFound('dossier.lookup_failed', 'Mã hồ sơ hoặc mã tra cứu không đúng / Wrong dossier code or secret');
    }
    return (await dossierRepository.load(db, found.id))!;
  }

  return {
    /** The rating of a dossier the caller sees (applicant or official), and whether the caller may rate it now. */
    async state(principal: Principal, dossierId: string): Promise<RatingState> {
      const { dossier, applicant } = await visibleToApplicant(principal, dossierId);
      const rating = (await ratingRepository.get(db, dossier.id)) ?? null;
      return { rating, canRate: applicant && !rating && dossier.status === 'completed' };
    },

    /** The signed-in applicant rates their own dossier; officials who see it may not. */
    async rateAsApplicant(principal: Principal, dossierId: string, input: RatingInput): Promise<{ rating: Rating; created: boolean }> {
      const { dossier, applicant } = await visibleToApplicant(principal, dossierId);
      if (!applicant) throw forbidden('rating.applicant_only', 'Chỉ người nộp hồ sơ được đánh giá / Only the applicant rates a dossier');
      return rate(dossier, input, 'account');
    },

    /** Whoever holds the dossier's code and look-up secret (printed on the receipt) rates it. */
    async rateByLookup(code: string, secret: string, input: RatingInput): Promise<{ rating: Rating; created: boolean }> {
      return rate(await byLookup(code, secret), input, 'lookup');
    },

    /** The rating of a dossier found by code and secret (the public look-up page shows it). */
    async lookupRating(code: string, secret: string): Promise<Rating | null> {
      return (await ratingRepository.get(db, (await byLookup(code, secret)).id)) ?? null;
    },

    /**
     * Ratings of the agency and the agencies below it that the caller may see, per agency or per
     * procedure. An agency outside the caller's grants is left out, never an error.
     */
    async summary(principal: Principal, query: SummaryQuery): Promise<RatingSummaryRow[]> {
      const allowedAt = async (agencyId: string, ancestors?: string[]) => {
        const chain = ancestors ?? (await catalog.agencyAncestors(agencyId));
        return RATING_SUMMARY_PERMISSIONS.some((p) => canActOn(principal, p, agencyId, chain));
      };
      if (principal.kind === 'anonymous' || !(await allowedAt(query.agencyId))) {
        throw forbidden('rating.forbidden', 'Bạn không xem được thống kê của cơ quan này / You may not read this agency\'s ratings');
      }
      const counts = await ratingRepository.scoreCounts(db, query);
      const inScope = new Map<string, boolean>();
      for (const agencyId of new Set(counts.map((c) => c.agencyId))) {
        const ancestors = await catalog.agencyAncestors(agencyId);
        inScope.set(agencyId, (agencyId === query.agencyId || ancestors.includes(query.agencyId)) && (await allowedAt(agencyId, ancestors)));
      }
      const groups = new Map<string, ScoreCount[]>();
      for (const c of counts.filter((c) => inScope.get(c.agencyId))) {
        const key = query.groupBy === 'agency' ? c.agencyId : `${c.agencyId}:${c.procedureId}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      const rows: RatingSummaryRow[] = [];
      for (const group of groups.values()) {
        const first = group[0]!;
        rows.push({
          ...fold(group), agencyId: first.agencyId, agencyName: (await catalog.getAgency(first.agencyId)).name,
          procedureCode: query.groupBy === 'procedure' ? first.procedureCode : null, procedureName: query.groupBy === 'procedure' ? first.procedureName : null,
        });
      }
      return rows.sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi') || (a.procedureCode ?? '').localeCompare(b.procedureCode ?? ''));
    },
  };
}

/** Counts, distribution, mean and satisfied share of a group of score counts. */
export function fold(group: readonly Pick<ScoreCount, 'score' | 'count'>[]): Pick<RatingSummaryRow, 'count' | 'distribution' | 'average' | 'satisfiedPercent'> {
  const distribution: RatingSummaryRow['distribution'] = [0, 0, 0, 0, 0];
  for (const { score, count } of group) distribution[score - 1] = (distribution[score - 1] ?? 0) + count;
  const total = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    count: total, distribution,
    average: total ? Math.round((sum / total) * 100) / 100 : 0,
    satisfiedPercent: total ? Math.round(((distribution[3] + distribution[4]) / total) * 1000) / 10 : 0,
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
