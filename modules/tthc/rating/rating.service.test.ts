import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { act, birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import type { Dossier } from '../dossier/dossier.types.ts';
import { fold } from './rating.service.ts';

/**
 * Ratings on a real database: only the applicant of a returned dossier rates, once; the
 * look-up secret stands in for an account; summaries stay inside the caller's grants.
 */
describe('dossier ratings', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z');
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());

  const file = async () => {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    return w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission });
  };
  const returned = async (): Promise<{ dossier: Dossier; lookupSecret: string }> => {
    const filed = await file();
    let dossier = await act(w, w.desk, filed.dossier, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    dossier = await act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });
    dossier = await act(w, w.desk, dossier, { action: 'return', method: 'desk' });
    assert.equal(dossier.status, 'completed');
    return { dossier, lookupSecret: filed.lookupSecret };
  };

  it('the applicant rates a returned dossier once; a retried identical rating answers the first; a different one is refused', async () => {
    const { dossier } = await returned();
    assert.deepEqual(await w.tthc.ratings.state(w.citizen, dossier.id), { rating: null, canRate: true });
    const first = await w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 5, comment: '  Cán bộ hướng dẫn tận tình  ' });
    assert.equal(first.created, true);
    assert.equal(first.rating.score, 5);
    assert.equal(first.rating.comment, 'Cán bộ hướng dẫn tận tình', 'trimmed');
    assert.equal(first.rating.via, 'account');
    const again = await w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 5, comment: 'Cán bộ hướng dẫn tận tình' });
    assert.deepEqual(again, { rating: first.rating, created: false });
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 1 }), rejectsWith(409, 'rating.already_rated'));
    const state = await w.tthc.ratings.state(w.citizen, dossier.id);
    assert.equal(state.canRate, false);
    assert.equal(state.rating?.score, 5, 'the first rating stands');
    assert.equal((await w.tthc.ratings.state(w.desk, dossier.id)).rating?.score, 5, 'officials who see the dossier see its rating');
  });

  it('not before the result is returned, not by officials, not by strangers; bad scores and comments write nothing', async () => {
    const { dossier: open } = await file();
    const before = await w.count('tthc.ratings');
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, open.id, { score: 4 }), rejectsWith(409, 'rating.not_returned'));
    assert.equal((await w.tthc.ratings.state(w.citizen, open.id)).canRate, false);
    const { dossier } = await returned();
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.desk, dossier.id, { score: 5 }), rejectsWith(403, 'rating.applicant_only'));
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.stranger, dossier.id, { score: 5 }), rejectsWith(404, 'dossier.not_found'));
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, '00000000-0000-4000-8000-000000000000', { score: 5 }), rejectsWith(404, 'dossier.not_found'));
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, 'not-a-uuid', { score: 5 }), rejectsWith(404, 'dossier.not_found'));
    for (const score of [0, 6, 3.5, Number.NaN]) {
      await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score }), rejectsWith(400, 'rating.score_invalid'));
    }
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 4, comment: 'a\u0000b' }), rejectsWith(400, 'request.nul_character'));
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 4, comment: 'x'.repeat(1001) }), rejectsWith(400, 'rating.comment_too_long'));
    assert.equal(await w.count('tthc.ratings'), before);
  });

  it('with the code and look-up secret from the receipt: a wrong secret is "not found"; the rating is kept once', async () => {
    const { dossier, lookupSecret } = await returned();
    await assert.rejects(w.tthc.ratings.rateByLookup(dossier.code, 'WRONGSECRET', { score: 3 }), rejectsWith(404, 'dossier.lookup_failed'));
    assert.equal(await w.tthc.ratings.lookupRating(dossier.code, lookupSecret), null);
    const { rating, created } = await w.tthc.ratings.rateByLookup(dossier.code.toLowerCase(), lookupSecret, { score: 3, comment: 'Phải chờ lâu' });
    assert.equal(created, true);
    assert.equal(rating.via, 'lookup');
    assert.equal((await w.tthc.ratings.lookupRating(dossier.code, lookupSecret))?.comment, 'Phải chờ lâu');
    await assert.rejects(w.tthc.ratings.rateAsApplicant(w.citizen, dossier.id, { score: 5 }), rejectsWith(409, 'rating.already_rated'), 'one rating per dossier, whichever way it came');
  });

  it('summaries per agency and per procedure, only within the caller\'s grants', async () => {
    const x001 = await w.agencyId('TAM.H19.X001');
    const root = (await w.catalog.rootAgency()).id;
    const byAgency = await w.tthc.ratings.summary(w.leader, { agencyId: root, groupBy: 'agency' });
    assert.equal(byAgency.length, 1);
    const row = byAgency[0]!;
    assert.equal(row.agencyId, x001);
    assert.equal(row.procedureCode, null);
    assert.deepEqual(row.distribution, [0, 0, 1, 0, 1], 'the two ratings so far: 5 (account) and 3 (look-up)');
    assert.equal(row.count, 2);
    assert.equal(row.average, 4);
    assert.equal(row.satisfiedPercent, 50);
    const byProcedure = await w.tthc.ratings.summary(w.leader, { agencyId: x001, groupBy: 'procedure' });
    assert.deepEqual(byProcedure.map((r) => [r.procedureCode, r.count]), [['1.001193', 2]]);
    assert.deepEqual(await w.tthc.ratings.summary(w.leader, { agencyId: root, groupBy: 'agency', from: new Date('2027-01-01T00:00:00Z') }), [], 'the period filters');
    const x003 = await w.agencyId('TAM.H19.X003');
    assert.deepEqual(await w.tthc.ratings.summary(w.stranger, { agencyId: x003, groupBy: 'agency' }), [], 'another commune sees its own (none)');
    await assert.rejects(w.tthc.ratings.summary(w.stranger, { agencyId: x001, groupBy: 'agency' }), rejectsWith(403, 'rating.forbidden'));
    await assert.rejects(w.tthc.ratings.summary(w.stranger, { agencyId: root, groupBy: 'agency' }), rejectsWith(403, 'rating.forbidden'));
    await assert.rejects(w.tthc.ratings.summary(w.citizen, { agencyId: x001, groupBy: 'agency' }), rejectsWith(403, 'rating.forbidden'));
  });

  it('fold: distribution, mean and satisfied share', () => {
    assert.deepEqual(fold([{ score: 5, count: 3 }, { score: 4, count: 1 }, { score: 1, count: 2 }]), { count: 6, distribution: [2, 0, 0, 1, 3], average: 3.5, satisfiedPercent: 66.7 });
    assert.deepEqual(fold([]), { count: 0, distribution: [0, 0, 0, 0, 0], average: 0, satisfiedPercent: 0 });
  });
});
