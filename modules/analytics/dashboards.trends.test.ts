import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../../packages/platform/index.ts';
import { rawDossiers, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import { dayYearBefore, trendSlots } from './dashboards.trends.ts';
import type { PanelData } from './index.ts';

const TRENDS = ['received_by_month', 'on_time_by_month', 'on_time_rate_by_month', 'received_by_day', 'on_time_by_day', 'on_time_rate_by_day'] as const;

describe('trend slots', () => {
  it('ends with the period\'s snapshot day: 12 months or 30 days, each beside the same slot a year before', () => {
    const months = trendSlots('month', '2026-05', '2026-05-10');
    assert.deepEqual([months[0]!.key, months.at(-1)!.key, months.length], ['2025-06', '2026-05', 12]);
    assert.deepEqual([months[0]!.label, months[0]!.day, months[0]!.previousDay], ['06/2025', '2025-06-01', '2024-06-01']);
    const days = trendSlots('day', '2026-05', '2026-05-10');
    assert.deepEqual([days[0]!.key, days.at(-1)!.key, days.length], ['2026-04-11', '2026-05-10', 30]);
    assert.deepEqual(trendSlots('month', '2025', '2026-05-10').map((s) => s.key), Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`), 'a past year: its own 12 months');
    assert.equal(dayYearBefore('2028-02-29'), '2027-02-28');
    assert.throws(() => trendSlots('day', '2026-13', '2026-05-10'), /YYYY/);
  });
});

/**
 * The IOC's time series against the one-stop figures: dossiers received and returned (early, on
 * time, late) in months of 2025 and 2026; each month's value and its same-month-last-year value
 * must equal the one-stop report of that month, and each day's a recount from tthc's own rows.
 */
describe('IOC time series', () => {
  let w: StatsWorld;
  let admin: Principal;
  let commune: Principal;
  const panels = new Map<string, string>();
  const at = (iso: string) => w.clock.set(iso);
  const returned = async (d: Parameters<StatsWorld['decide']>[0]) => w.act(await w.decide(d), { action: 'return', method: 'desk' });

  before(async () => {
    w = await setUpStatsWorld('2025-04-21T02:00:00.000Z');
    // April–May 2025 (the year before): one returned early, one returned weeks late.
    const a1 = await w.file('2.000720', 'TAM.H19.X001');
    const a2 = await w.file('2.000720', 'TAM.H19.X002');
    at('2025-04-22T03:00:00.000Z');
    await returned(a1);
    at('2025-05-03T02:00:00.000Z');
    const a3 = await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg' });
    at('2025-05-28T03:00:00.000Z');
    await returned(a2);
    await returned(a3);
    // September 2025 and April–May 2026 (this year).
    at('2025-09-15T02:00:00.000Z');
    await w.file('2.001610', 'TAM.H19.S02');
    at('2026-04-20T02:00:00.000Z');
    const b1 = await w.file('2.000720', 'TAM.H19.X001');
    const b2 = await w.file('2.000720', 'TAM.H19.X002');
    at('2026-04-21T03:00:00.000Z');
    await returned(b1);
    at('2026-05-04T02:00:00.000Z');
    const b3 = await w.file('2.000720', 'TAM.H19.X001');
    await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg' });
    at('2026-05-08T03:00:00.000Z');
    await returned(b2);
    await returned(b3);
    at('2026-05-10T03:00:00.000Z');

    const { catalog, analytics } = w.platform.modules;
    const root = (await catalog.service.rootAgency()).id;
    admin = { kind: 'system', clientId: 'trend-admin', grants: [{ agencyId: root, scope: 'subtree', permissions: ['catalog.edit'] }] };
    commune = { kind: 'system', clientId: 'trend-commune', grants: [{ agencyId: await w.agencyId('TAM.H19.X001'), scope: 'agency', permissions: ['report.read'] }] };
    await analytics.dashboards.createDashboard(admin, { code: 'xu-huong', titleVi: 'Xu hướng', titleEn: 'Trends', visibility: 'internal', refreshSeconds: 300, rotationSeconds: 20 });
    for (const [position, measure] of TRENDS.entries()) {
      const panel = await analytics.dashboards.createPanel(admin, 'xu-huong', { position, titleVi: measure, titleEn: measure, measure, chart: 'line', periodKind: 'month' });
      panels.set(measure, panel.id);
    }
  });
  after(() => w.close());

  const series = (measure: (typeof TRENDS)[number], period: string, principal: Principal = w.official): Promise<PanelData> =>
    w.platform.modules.analytics.dashboards.panelData(principal, 'xu-huong', panels.get(measure)!, { period });

  it('gives each month of the last 12 the one-stop figures of that month, and the same month a year before', async () => {
    const [received, onTime, rate] = await Promise.all([series('received_by_month', '2026-05'), series('on_time_by_month', '2026-05'), series('on_time_rate_by_month', '2026-05')]);
    assert.deepEqual(received.rows.map((r) => r.key), trendSlots('month', '2026-05', '2026-05-10').map((s) => s.key));
    assert.ok(received.rows.some((r) => (r.value ?? 0) > 0) && received.rows.some((r) => (r.previous ?? 0) > 0), 'both years have dossiers');
    assert.ok(rate.rows.some((r) => r.value !== null && r.value < 100) || rate.rows.some((r) => r.previous !== null && r.previous < 100), 'a late return counts against the rate');
    for (const [i, month] of received.rows.map((r) => r.key).entries()) {
      const report = await w.platform.modules.analytics.oneStop.report(w.official, { period: month });
      const f = report.total;
      const p = report.previousTotal;
      assert.deepEqual(
        [received.rows[i]!.value, received.rows[i]!.previous, onTime.rows[i]!.value, onTime.rows[i]!.previous, rate.rows[i]!.value, rate.rows[i]!.previous],
        [f.received.total, p.received.total, f.finished.early + f.finished.onTime, p.finished.early + p.finished.onTime, f.onTimeRate, p.onTimeRate],
        `${month}: received, returned on time, on-time rate (and a year before) equal the one-stop report`,
      );
    }
    assert.equal(received.rows.find((r) => r.key === '2026-05')!.value, 2);
    assert.equal(received.rows.find((r) => r.key === '2025-09')!.value, 1);
    assert.equal(rate.rows.find((r) => r.key === '2026-05')!.previous, 0, 'May 2025: two returned, both late');
  });

  it('gives each of the last 30 days a recount of that day from tthc\'s rows, and the days add up to the month\'s figures', async () => {
    const [received, onTime, rate] = await Promise.all([series('received_by_day', '2026-05'), series('on_time_by_day', '2026-05'), series('on_time_rate_by_day', '2026-05')]);
    const raw = await rawDossiers(w.database);
    const returnedOn = (day: string) => raw.filter((r) => r.status === 'completed' && r.finishedOn === day);
    const dueOf = (r: (typeof raw)[number]) => (r.apologised ? r.originalDueDate ?? r.dueDate : r.dueDate)!;
    for (const [i, slot] of trendSlots('day', '2026-05', '2026-05-10').entries()) {
      const count = (day: string) => {
        const back = returnedOn(day);
        const inTime = back.filter((r) => r.finishedOn! <= dueOf(r)).length;
        return [raw.filter((r) => r.receivedOn === day).length, inTime, back.length === 0 ? null : Math.round((inTime * 100 / back.length) * 100) / 100];
      };
      assert.deepEqual([received.rows[i]!.value, onTime.rows[i]!.value, rate.rows[i]!.value], count(slot.day), slot.day);
      assert.deepEqual([received.rows[i]!.previous, onTime.rows[i]!.previous, rate.rows[i]!.previous], count(slot.previousDay), `${slot.previousDay} (a year before ${slot.day})`);
    }
    const may = (await w.platform.modules.analytics.oneStop.report(w.official, { period: '2026-05' })).total;
    const sum = (rows: PanelData['rows'], from: string) => rows.filter((r) => r.key >= from).reduce((s, r) => s + (r.value ?? 0), 0);
    assert.equal(sum(received.rows, '2026-05-01'), may.received.total);
    assert.equal(sum(onTime.rows, '2026-05-01'), may.finished.early + may.finished.onTime);
    assert.equal(received.rows.find((r) => r.key === '2026-04-20')!.value, 2);
  });

  it('keeps to the caller\'s scope and refuses a malformed period', async () => {
    const mine = await series('received_by_month', '2026-05', commune);
    assert.equal(mine.rows.find((r) => r.key === '2026-04')!.value, 1, 'only the commune\'s dossier of April 2026');
    assert.equal(mine.rows.find((r) => r.key === '2026-05')!.value, 2);
    await assert.rejects(series('received_by_day', '2026-13'), (e: { code?: string }) => e.code === 'analytics.period_invalid');
    await assert.rejects(series('received_by_day', '2199'), (e: { code?: string }) => e.code === 'analytics.period_in_future');
  });

  it('draws the seeded province dashboard\'s 12-month line from the same series', async () => {
    const province = await w.platform.modules.analytics.dashboards.get(w.official, 'toan-tinh');
    const line = province.panels.find((p) => p.chart === 'line' && p.measure === 'received_by_month');
    assert.ok(line, 'the seeded dashboard has a line panel');
    const data = await w.platform.modules.analytics.dashboards.panelData(w.official, 'toan-tinh', line.id, { period: '2026-05' });
    assert.deepEqual(data.rows.map((r) => [r.key, r.value, r.previous]), (await series('received_by_month', '2026-05')).rows.map((r) => [r.key, r.value, r.previous]));
  });
});
