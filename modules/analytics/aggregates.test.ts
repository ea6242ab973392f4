import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { aggregates, PDF_BYTES, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import type { Dossier } from '../tthc/index.ts';
import type { OneStopReport } from './index.ts';

/**
 * The pre-aggregates kept by deltas in each change's transaction (facts.ts) against the same
 * tables rebuilt from scratch by the bulk backfill: one dossier changed many times across a month
 * boundary (supplement, resubmission that moves the due date, apology, pause, return, rating),
 * many dossiers changed at once (concurrent transactions on PostgreSQL), rejections, withdrawals,
 * a dossier whose agency changes, and the Tết 2026 holidays in the processing times. Every figure
 * the API answers must be the same from both; the recount test compares them to the raw dossiers.
 */
describe('analytics pre-aggregates', () => {
  let w: StatsWorld;
  const at = (iso: string) => w.clock.set(iso);
  const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-Q1', '2026'];

  async function reports(): Promise<OneStopReport[]> {
    const out: OneStopReport[] = [];
    for (const period of PERIODS) {
      for (const groupBy of ['agency', 'procedure', 'field'] as const) out.push(await w.platform.modules.analytics.oneStop.report(w.official, { period, groupBy }));
    }
    return out;
  }

  before(async () => {
    w = await setUpStatsWorld('2026-01-29T02:00:00.000Z');
    // One dossier, many changes: received in January, supplement asked and answered (the due date moves), paused, resumed, returned in February after Tết, rated.
    const many = await w.file('2.000720', 'TAM.H19.X002');
    let d: Dossier = await w.act(many, { action: 'request_supplement', items: [{ partCode: 'thong-bao', reason: 'Bản chụp mờ' }] });
    at('2026-01-30T03:00:00.000Z');
    const upload = await w.platform.modules.tthc.uploads.accept(w.official, { fileName: 'thong-bao.pdf', declaredType: 'application/pdf', bytes: PDF_BYTES });
    d = await w.act(d, { action: 'resubmit', files: [{ uploadId: upload.id, partCode: 'thong-bao' }] });
    d = await w.act(d, { action: 'pause', reason: 'Chờ ý kiến cơ quan khác' });
    at('2026-02-02T03:00:00.000Z');
    d = await w.act(d, { action: 'resume' });
    d = await w.act(d, { action: 'comment', text: 'Đã có ý kiến' });

    // Many dossiers at once: filed, then changed concurrently (separate transactions on PostgreSQL).
    const batch = await Promise.all(Array.from({ length: 8 }, (_, i) => w.file(i % 2 ? '2.001610' : '2.000720', i % 2 ? 'TAM.H19.S02' : 'TAM.H19.X001', { accept: false })));
    await Promise.all(batch.map((b, i) => (i % 4 === 0 ? w.act(b, { action: 'reject', reasons: ['Không đủ điều kiện'] })
      : i % 4 === 1 ? w.act(b, { action: 'withdraw', reason: 'Người nộp xin rút' })
        : w.act(b, { action: 'accept' }))));
    const accepted = await Promise.all(batch.filter((_, i) => i % 4 >= 2).map((b) => w.platform.modules.tthc.dossiers.get(w.official, b.id)));

    // Over Tết (16–20 February 2026) and into March: decisions, an apology, returns on both sides of the month's end.
    at('2026-02-12T03:00:00.000Z');
    const apologised = await w.act(accepted[0]!, { action: 'apologise', newDueDate: '2026-03-03', reason: 'Cần xác minh thêm' });
    d = await w.decide(d);
    await Promise.all([w.decide(accepted[1]!), w.decide(accepted[2]!)]);
    at('2026-02-27T09:00:00.000Z');
    d = await w.act(d, { action: 'return', method: 'desk' });
    await w.rate(d, 5);
    at('2026-03-02T03:00:00.000Z');
    await w.act(await w.decide(apologised), { action: 'return', method: 'desk' });

    // A dossier whose agency changes (as a transfer would): the next change moves its counts from one agency's buckets to the other's.
    const moving = accepted[3]!;
    const other = await w.agencyId('TAM.H19.X002');
    await w.database.db.execute(sql`update tthc.dossiers set agency_id = ${other}::uuid, agency_scope = jsonb_build_array(${other}::text) where id = ${moving.id}::uuid`);
    await w.act(await w.platform.modules.tthc.dossiers.get(w.official, moving.id), { action: 'comment', text: 'Chuyển cơ quan giải quyết' });
  });
  after(() => w?.close());

  it('every change left the pre-aggregates equal to a rebuild from scratch, and every figure the same', async () => {
    const kept = await aggregates(w.database);
    assert.ok(kept.buckets.length >= 12 && kept.pairs.length >= 2, `${kept.buckets.length} buckets, ${kept.pairs.length} pairs`);
    const keptReports = await reports();
    const feb = keptReports[3]!;
    assert.ok(feb.total.finished.total === 1 && feb.total.carriedOver === 1 && feb.total.rejected === 2 && feb.total.withdrawn === 2, JSON.stringify(feb.total));
    assert.ok(feb.total.ratings.count === 1 && feb.total.ratings.average === 5, 'the rating given after the return');
    // The moved dossier counts at its new agency only.
    const [moved] = await queryRows<{ n: number }>(w.database.db, sql`
      select count(*)::int as n from analytics.dossier_facts f join tthc.dossiers d on d.id = f.dossier_id where f.agency_id <> d.agency_id`);
    assert.equal(moved!.n, 0);

    await w.platform.modules.analytics.backfill({ batchSize: 3 });
    assert.deepEqual(await aggregates(w.database), kept, 'the rows kept by deltas are the rows a rebuild writes');
    assert.deepEqual(await reports(), keptReports, 'and so is every figure');
  });

  it('a rebuild while changes land keeps the pre-aggregates exact (the change hook and a batch never count one dossier twice)', async () => {
    const base = await aggregates(w.database);
    const dossierIds = (await queryRows<{ id: string }>(w.database.db, sql`select id::text from tthc.dossiers where status = 'processing' order by id`)).map((r) => r.id);
    assert.ok(dossierIds.length >= 1);
    at('2026-03-03T03:00:00.000Z');
    const { analytics, tthc } = w.platform.modules;
    // Batches of one while the open dossiers are commented on: on PostgreSQL these interleave.
    await Promise.all([
      analytics.backfill({ batchSize: 1 }),
      ...dossierIds.map(async (id) => w.act(await tthc.dossiers.get(w.official, id), { action: 'comment', text: 'Đôn đốc' })),
    ]);
    assert.deepEqual(await aggregates(w.database), base, 'comments change no figure; the rebuild and the hooks together leave the same rows');
    await analytics.backfill({ batchSize: 5 });
    assert.deepEqual(await aggregates(w.database), base);
  });
});
