import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { JobRunner, queryRows } from '../../packages/platform/index.ts';
import { leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import { BACKFILL_QUEUE, createBackfill } from './backfill.ts';

/**
 * The backfill off the start-up path: facts missing at start-up start a job chain (one batch
 * per job here), the API answers 503 `analytics.rebuilding` until it ends, a start-up in the
 * middle resumes the same chain without a second one, and the rows end as the change hooks wrote them.
 */
describe('analytics backfill job', () => {
  let w: StatsWorld;
  let token: string;
  const facts = async () => (await queryRows<Record<string, unknown>>(w.database.db, sql`select * from analytics.dossier_facts order by dossier_id`))
    .map(({ updated_at: _at, ...row }) => row);
  const pendingJobs = async () => (await queryRows<{ n: number }>(w.database.db, sql`
    select count(*)::int as n from platform.jobs where queue = ${BACKFILL_QUEUE} and status = 'pending'`))[0]!.n;
  const get = (url: string, auth = true) => w.platform.app.inject({ url, headers: auth ? { authorization: `Bearer ${token}` } : {} });

  before(async () => {
    w = await setUpStatsWorld('2026-03-02T02:00:00.000Z');
    token = await leaderToken(w);
    const returned = await w.file('2.000720', 'TAM.H19.X001');
    w.clock.set('2026-03-03T03:00:00.000Z');
    await w.act(await w.decide(returned), { action: 'return', method: 'desk' });
    await w.file('2.001610', 'TAM.H19.S02', { channel: 'dvcqg' });
    await w.file('2.000720', 'TAM.H19.X001', { accept: false });
  });
  after(() => w?.close());

  it('rebuilds missing facts as a chain of jobs while the API says the figures are being rebuilt', async () => {
    const { analytics } = w.platform.modules;
    const figures = (await get('/api/analytics/one-stop?period=2026-03')).json();
    const hookWritten = await facts();
    assert.ok(hookWritten.length >= 3);

    await w.database.db.execute(sql`delete from analytics.dossier_facts`);
    await analytics.seed();
    const state = await analytics.backfillState();
    assert.deepEqual({ rebuilding: state?.rebuilding, written: state?.written, total: state?.total }, { rebuilding: true, written: 0, total: hookWritten.length });
    assert.equal(await pendingJobs(), 1, 'the first job is enqueued, nothing written at start-up');
    assert.equal((await facts()).length, 0);

    for (const url of ['/api/analytics/one-stop?period=2026-03', '/api/analytics/one-stop/dossiers?period=2026-03&figure=received', '/api/analytics/indicators?period=2026-03']) {
      const response = await get(url);
      assert.equal(response.statusCode, 503, url);
      assert.equal(response.json().code, 'analytics.rebuilding');
      assert.deepEqual(response.json().details.total, hookWritten.length);
    }
    assert.equal((await get('/api/analytics/public/agencies?period=2026-03', false)).json().code, 'analytics.rebuilding', 'the public page too');
    // The routes flagged as answering figures (config.figures) are refused; the dashboards' definitions stay readable.
    const publicList = await get('/api/analytics/public/dashboards', false);
    assert.equal(publicList.statusCode, 200);
    const [shown] = (publicList.json() as { items: { code: string; panels: { id: string }[] }[] }).items;
    const panelData = await get(`/api/analytics/public/dashboards/${shown!.code}/panels/${shown!.panels[0]!.id}/data`, false);
    assert.equal(panelData.statusCode, 503);
    assert.equal(panelData.json().code, 'analytics.rebuilding', 'the public dashboard too');

    const logged: { written: number; total: number; done: boolean }[] = [];
    const handler = createBackfill(w.database.db, w.platform.modules.tthc.dossierChanges).handler({ info: (details) => logged.push(details as never) }, { batchSize: 1, sliceMs: 0 });
    const runner = new JobRunner(w.database.db, { handlers: { [BACKFILL_QUEUE]: handler }, batchSize: 1 });
    assert.equal(await runner.runOnce(), 1);
    assert.deepEqual(logged, [{ written: 1, total: hookWritten.length, done: false }]);
    assert.equal((await facts()).length, 1, 'one batch of one dossier');
    assert.equal(await pendingJobs(), 1, 'the batch enqueued the next job');

    // A replica starting now resumes the same chain: the job already pending is not doubled.
    await analytics.seed();
    assert.equal(await pendingJobs(), 1);

    await runner.drain();
    assert.equal(logged.at(-1)!.done, true);
    assert.equal(logged.at(-1)!.written, hookWritten.length);
    assert.equal(await pendingJobs(), 0);
    assert.deepEqual(await facts(), hookWritten, 'every fact as the change hooks wrote it, none twice');
    assert.equal((await analytics.backfillState())?.rebuilding, false);
    const response = await get('/api/analytics/one-stop?period=2026-03');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), figures);
  });

  it('a start-up with the facts in place starts nothing', async () => {
    const before = await pendingJobs();
    await w.platform.modules.analytics.seed();
    assert.equal(await pendingJobs(), before);
    assert.equal((await w.platform.modules.analytics.backfillState())?.rebuilding, false);
  });

  it('facts without their pre-aggregates (the upgrade that added them) start a rebuild, and the figures come back the same', async () => {
    const { analytics } = w.platform.modules;
    const figures = (await get('/api/analytics/one-stop?period=2026-03')).json();
    assert.ok(figures.total.received.total >= 2);
    await w.database.db.execute(sql`delete from analytics.figure_buckets`);
    await w.database.db.execute(sql`delete from analytics.duration_pairs`);
    await analytics.seed();
    assert.equal((await analytics.backfillState())?.rebuilding, true);
    assert.equal((await get('/api/analytics/one-stop?period=2026-03')).statusCode, 503);
    const handler = createBackfill(w.database.db, w.platform.modules.tthc.dossierChanges).handler({ info: () => undefined });
    await new JobRunner(w.database.db, { handlers: { [BACKFILL_QUEUE]: handler }, batchSize: 1 }).drain();
    assert.equal((await analytics.backfillState())?.rebuilding, false);
    assert.deepEqual((await get('/api/analytics/one-stop?period=2026-03')).json(), figures);
  });
});
