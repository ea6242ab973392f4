/**
 * Satisfaction ratings of returned dossiers. The five levels are the ones public-service
 * satisfaction surveys in Việt Nam ask (e.g. the ministries' online-service surveys):
 * Rất hài lòng, Hài lòng, Bình thường, Không hài lòng, Rất không hài lòng.
 */
export const RATING_SCORES = [5, 4, 3, 2, 1] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

export const RATING_LABELS: Readonly<Record<RatingScore, { vi: string; en: string }>> = {
  5: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  4: { vi: 'Hài lòng', en: 'Satisfied' },
  3: { vi: 'Bình thường', en: 'Neutral' },
  2: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  1: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
};

/** Longest comment kept (characters). */
export const MAX_RATING_COMMENT = 1000;

export interface Rating {
  dossierId: string;
  score: RatingScore;
  comment: string | null;
  via: 'account' | 'lookup';
  ratedAt: string;
}

export interface RatingInput {
  score: number;
  comment?: string | undefined;
}

/** What the applicant's dossier page needs: the rating given, or whether one may be given now. */
export interface RatingState {
  rating: Rating | null;
  canRate: boolean;
}

export interface RatingSummaryRow {
  agencyId: string;
  agencyName: string;
  /** Set when grouped by procedure. */
  procedureCode: string | null;
  procedureName: string | null;
  count: number;
  /** Ratings per score, index 0 = score 1 … index 4 = score 5. */
  distribution: [number, number, number, number, number];
  /** Mean score, two decimals. */
  average: number;
  /** Share of "satisfied" or "very satisfied" (scores 4–5), in per cent with one decimal. */
  satisfiedPercent: number;
}
