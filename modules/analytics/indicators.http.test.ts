import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { vietnamDate } from '../../packages/platform/index.ts';
import { clientToken, leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import type { OneStopReport } from './index.ts';

interface Indicators {
  period: string;
  agency: { id: string };
  index: { points: number; measuredMax: number; maxPoints: number; groups: { group: string; points: number; measuredMax: number }[]; indicators: { id: string; value: number | null; points: number | null; maxPoints: number | null; observable: boolean; note: string | null }[] };
  kpis: { id: string; value: number | null; target: number | null; met: boolean | null; observable: boolean }[];
}

/** The index and the KPIs over HTTP: computed from the very figures of the statistics, within the caller's scope. */
describe('service-quality index and framework KPIs over HTTP', () => {
  let w: StatsWorld;
  let leader: string;
  const month = vietnamDate().slice(0, 7);

  before(async () => {
    w = await setUpStatsWorld(new Date().toISOString());
    leader = await leaderToken(w);
    const returned = await w.file('2.000720', 'TAM.H19.X001');
    await w.act(await w.decide(returned), { action: 'return', method: 'desk' });
    await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg' });
    await w.file('2.000720', 'TAM.H19.X002');
  });
  after(() => w.close());

  const get = (url: string, token = leader) => w.platform.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  it('scores each observable indicator from the period\'s figures, out of what Sen measured', async () => {
    const figures = ((await get(`/api/analytics/one-stop?period=${month}`)).json() as OneStopReport).total;
    const response = await get(`/api/analytics/indicators?period=${month}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Indicators;
    assert.equal(body.period, month);

    // 2.1 by the portal's rule: finished early or on time, plus in processing and not overdue, over finished plus in processing.
    const expected = ((figures.finished.early + figures.finished.onTime + figures.inProcessing - figures.overdue) * 100) / (figures.finished.total + figures.inProcessing);
    const onTime = body.index.indicators.find((i) => i.id === '766.2.1')!;
    assert.ok(Math.abs((onTime.value ?? -1) - expected) < 0.01, `${onTime.value} ≈ ${expected}`);
    assert.equal(onTime.points, 20, 'everything is within its due date today');

    const scored = body.index.indicators.filter((i) => i.points !== null);
    assert.ok(scored.length > 0);
    for (const i of scored) assert.ok(i.points! <= i.maxPoints!, `${i.id}: ${i.points} ≤ ${i.maxPoints}`);
    assert.equal(body.index.measuredMax, scored.reduce((sum, i) => sum + i.maxPoints!, 0));
    assert.ok(body.index.measuredMax < body.index.maxPoints, 'not every indicator is observable by Sen');
    for (const i of body.index.indicators.filter((x) => !x.observable)) assert.ok(i.note, `${i.id} says which system would feed it`);

    const online = body.kpis.find((k) => k.id === 'kpi.7')!;
    assert.equal(online.value, figures.onlineShare);
    assert.equal(online.target, 85);
    assert.equal(online.met, (figures.onlineShare ?? 0) >= 85);
  });

  it('passes the national sync\'s count (766.1.4, kpi.national-sync) and the LGSP registry\'s (kpi.10) into the index', async () => {
    const x002 = await w.agencyId('TAM.H19.X002');
    // A commune with two dossiers this month: the portal has acknowledged one of them, not the other.
    const second = await w.file('2.000720', 'TAM.H19.X002');
    const figures = ((await get(`/api/analytics/one-stop?period=${month}&agency=${x002}`)).json() as OneStopReport).total;
    assert.equal(figures.received.total, 2);
    await w.database.db.execute(sql`update tthc.national_syncs set state = 'pending' where dossier_id in (select id from tthc.dossiers where agency_id = ${x002}::uuid)`);
    await w.database.db.execute(sql`update tthc.national_syncs set state = 'sent' where dossier_id = ${second.id}::uuid`);

    const body = (await get(`/api/analytics/indicators?period=${month}&agency=${x002}`)).json() as Indicators;
    const synced = body.index.indicators.find((i) => i.id === '766.1.4')!;
    assert.equal(synced.value, 50, '1 of 2 received');
    assert.equal(synced.points, 3, '50 % of 6 points');
    assert.equal(body.kpis.find((k) => k.id === 'kpi.national-sync')!.value, 50);
    assert.equal(body.kpis.find((k) => k.id === 'kpi.10')!.value, null, 'a commune has no departments: nothing to divide by');

    // The province: its departments, none publishing a service on LGSP yet.
    const province = (await get(`/api/analytics/indicators?period=${month}`)).json() as Indicators;
    assert.equal(province.kpis.find((k) => k.id === 'kpi.10')!.value, 0);

    // The IOC's index and KPI panels take the same counts (one read: indicators.report.ts), so they show the same score.
    const ioc = (await get('/api/analytics/dashboards/toan-tinh')).json() as { panels: { id: string; measure: string }[] };
    const panel = async (measure: string, agency?: string) => {
      const response = await get(`/api/analytics/dashboards/toan-tinh/panels/${ioc.panels.find((p) => p.measure === measure)!.id}/data?period=${month}${agency ? `&agency=${agency}` : ''}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { rows: { key: string; value: number | null }[] };
    };
    assert.equal((await panel('index_score', x002)).rows[0]!.value, body.index.points, 'the commune\'s score, with 766.1.4 counted');
    assert.equal((await panel('index_score')).rows[0]!.value, province.index.points);
    const kpis = await panel('kpis', x002);
    assert.equal(kpis.rows.find((k) => k.key === 'kpi.national-sync')?.value, 50, 'the national sync\'s share on the IOC too');
    assert.equal((await panel('kpis')).rows.find((k) => k.key === 'kpi.10')?.value, 0, 'and the LGSP registry\'s');
  });

  it('keeps a commune\'s leader to the commune, and refuses a bad period', async () => {
    const x001 = await w.agencyId('TAM.H19.X001');
    const commune = await clientToken(w, x001, ['report.read']);
    const mine = await get(`/api/analytics/indicators?period=${month}`, commune);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal((mine.json() as Indicators).agency.id, x001);
    const root = (await w.platform.modules.catalog.service.rootAgency()).id;
    const refused = await get(`/api/analytics/indicators?period=${month}&agency=${root}`, commune);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'analytics.forbidden');
    const bad = await get('/api/analytics/indicators?period=2026-13');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'analytics.period_invalid');
  });
});
