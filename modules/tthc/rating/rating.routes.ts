import { Type, type TSchema } from 'typebox';
import { AppError, badRequest, errorResponses, takeRateLimit, type App, type Db } from '../../../packages/platform/index.ts';
import { IdParams, LookupQuery, stringEnum } from '../dossier/dossier.schemas.ts';
import type { RatingService } from './rating.service.ts';
import { MAX_RATING_COMMENT } from './rating.types.ts';

const tags = ['tthc'];
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Score = Type.Integer({ minimum: 1, maximum: 5, description: '5 Rất hài lòng, 4 Hài lòng, 3 Bình thường, 2 Không hài lòng, 1 Rất không hài lòng' });
const RatingBody = { score: Score, comment: Type.Optional(Type.String({ maxLength: MAX_RATING_COMMENT, description: 'Optional comment (no NUL characters)' })) };

const RatingSchema = Type.Object({
  dossierId: Type.String(), score: Score, comment: Nullable(Type.String()), via: stringEnum(['account', 'lookup']), ratedAt: Type.String(),
}, { $id: 'DossierRating' });
const RatingStateSchema = Type.Object({ rating: Nullable(RatingSchema), canRate: Type.Boolean() }, { $id: 'DossierRatingState' });
const SummaryRowSchema = Type.Object({
  agencyId: Type.String(), agencyName: Type.String(), procedureCode: Nullable(Type.String()), procedureName: Nullable(Type.String()),
  count: Type.Integer(), distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5, description: 'Ratings with score 1, 2, 3, 4, 5' }),
  average: Type.Number(), satisfiedPercent: Type.Number({ description: 'Share of scores 4 and 5, per cent' }),
}, { $id: 'RatingSummaryRow' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

/** Vietnam midnight of a `YYYY-MM-DD` date, as an instant. */
function vnMidnight(date: string, plusDays = 0): Date {
  const at = Date.parse(`${date}T00:00:00+07:00`);
  if (Number.isNaN(at) || new Date(at + 7 * 3_600_000).toISOString().slice(0, 10) !== date) throw badRequest('rating.date_invalid', `Ngày không hợp lệ / Not a date: ${date}`);
  return new Date(at + plusDays * 86_400_000);
}

/** Ratings of returned dossiers: the applicant rates, officials read summaries. */
export function ratingRoutes(ratings: RatingService, db: Db) {
  const lookupLimited = async (ip: string) => {
    if (!(await takeRateLimit(db, `lookup:${ip}`, 20, 60))) throw new AppError(429, 'dossier.lookup_rate_limited', 'Tra cứu quá nhiều lần, thử lại sau ít phút / Too many look-ups, try again later');
  };
  return async function routes(app: App): Promise<void> {
    app.get('/dossiers/:id/rating', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossierRating', tags, summary: "The dossier's satisfaction rating, and whether the caller (its applicant) may rate it now", params: IdParams, response: { 200: RatingStateSchema, ...errorResponses(404) } },
    }, async (request) => ratings.state(request.principal, request.params.id));

    app.post('/dossiers/:id/rating', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'rateDossier', tags, summary: 'The signed-in applicant rates a returned dossier, once (an identical repeat answers 200 with the first rating)',
        params: IdParams, body: Type.Object(RatingBody, { $id: 'NewDossierRating', additionalProperties: false }), response: { 200: RatingSchema, 201: RatingSchema, ...errorResponses(403, 404, 409) },
      },
    }, async (request, reply) => {
      const { rating, created } = await ratings.rateAsApplicant(request.principal, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(rating);
    });

    app.get('/lookup/rating', {
      config: { access: 'public' },
      schema: { operationId: 'getLookupRating', tags, summary: 'The rating of a dossier found by code and look-up secret (rate-limited)', querystring: LookupQuery, response: { 200: Type.Object({ rating: Nullable(RatingSchema) }, { $id: 'LookupRating' }), ...errorResponses(404, 429) } },
    }, async (request) => {
      await lookupLimited(request.ip);
      return { rating: await ratings.lookupRating(request.query.code, request.query.secret) };
    });

    app.post('/lookup/rating', {
      config: { access: 'public' },
      schema: {
        operationId: 'rateDossierByLookup', tags, summary: 'Rate a returned dossier with its code and look-up secret (for applicants without an account; rate-limited)',
        body: Type.Object({ ...LookupQuery.properties, ...RatingBody }, { $id: 'NewLookupRating', additionalProperties: false }), response: { 200: RatingSchema, 201: RatingSchema, ...errorResponses(404, 409, 429) },
      },
    }, async (request, reply) => {
      await lookupLimited(request.ip);
      const { code, secret, ...input } = request.body;
      const { rating, created } = await ratings.rateByLookup(code, secret, input);
      return reply.code(created ? 201 : 200).send(rating);
    });

    app.get('/ratings/summary', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'summariseRatings', tags, summary: "Satisfaction per agency or per procedure, for the agency and the agencies below it within the caller's grants (report.read or dossier.read)",
        querystring: Type.Object({
          agencyId: IdParams.properties.id, groupBy: Type.Optional(stringEnum(['agency', 'procedure'])),
          from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
        }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(SummaryRowSchema) }, { $id: 'RatingSummary' }), ...errorResponses(403) },
      },
    }, async (request) => {
      const { agencyId, groupBy = 'agency', from, to } = request.query;
      return { items: await ratings.summary(request.principal, { agencyId, groupBy, ...(from ? { from: vnMidnight(from) } : {}), ...(to ? { to: vnMidnight(to, 1) } : {}) }) };
    });
  };
}
