import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Figures } from './figures.ts';
import {
  FRAMEWORK_KPIS, INDEX_GROUPS, INDEX_INDICATORS, MEASURES, evaluateIndex, evaluateKpis, pointsFor, type IndicatorInputs, type Scoring,
} from './indicators.ts';

/** Figures of an agency for a period, every other figure as a one-stop report would give it. */
function figures(over: Partial<Figures> = {}): Figures {
  return {
    received: { total: 200, online: 90, counter: 70, nationalPortal: 30, post: 10 },
    carriedOver: 20, inProcessing: 40, waiting: 5, dueSoon: 6, overdue: 8,
    finished: { total: 150, early: 60, onTime: 75, late: 15 },
    rejected: 4, withdrawn: 2,
    onTimeRate: 90, onlineShare: 60, fullyOnlineShare: 45, onlinePaymentShare: 45, digitisedShare: 75,
    processingDays: { average: 4.5, median: 4 },
    ratings: { count: 100, average: 4.6 },
    ...over,
  };
}

/** The same agency with every count that lives beside the figures. */
const full: IndicatorInputs = {
  figures: figures(),
  procedures: { total: 400, online: 300, eligibleFullyOnline: 250, fullyOnline: 200, withFees: 120, withFeesPayableOnline: 108, withFeesPaidOnline: 60 },
  dossiers: { syncedToNationalPortal: 190, withElectronicResult: 120, reusingDigitisedData: 50, usingPopulationData: 100, dissatisfiedOrComplained: 19 },
  lgsp: { departments: 20, departmentsIntegrated: 13 },
};

const byId = <T extends { id: string }>(rows: readonly T[], id: string): T => {
  const row = rows.find((r) => r.id === id);
  assert.ok(row, `no ${id}`);
  return row;
};

describe('the service-quality index (Decision 766) as data', () => {
  it('groups sum to 100 and each group\'s indicators to the group (online services 12 + payment 10 = the decision\'s 22)', () => {
    assert.equal(INDEX_GROUPS.reduce((s, g) => s + g.maxPoints, 0), 100);
    for (const group of INDEX_GROUPS) {
      const points = INDEX_INDICATORS.filter((i) => i.group === group.id).reduce((s, i) => s + (i.scoring?.maxPoints ?? 0), 0);
      assert.equal(points, group.maxPoints, group.id);
    }
    const byDecisionGroup = (n: number) => INDEX_GROUPS.filter((g) => g.decisionGroup === n).reduce((s, g) => s + g.maxPoints, 0);
    assert.deepEqual([1, 2, 3, 4, 5].map(byDecisionGroup), [18, 20, 22, 22, 18]);
  });

  it('every indicator and KPI has a unique id, sources, and either a measure Sen computes or the system that would feed it', () => {
    for (const rows of [INDEX_INDICATORS, FRAMEWORK_KPIS]) {
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
      for (const row of rows) {
        assert.ok(row.sources.length > 0, row.id);
        const o = row.observation;
        if (o.observable) assert.ok(o.measure in MEASURES, row.id);
        else assert.ok(o.feeder.length > 0 && o.why.length > 0, row.id);
      }
    }
  });
});

describe('points', () => {
  const scoring: Scoring = { maxPoints: 4, maxPointsConfidence: 'secondary', fullAt: 80, fullAtConfidence: 'secondary' };
  it('full points from the threshold up, in proportion below, nothing without a value', () => {
    assert.equal(pointsFor(95, scoring), 4);
    assert.equal(pointsFor(80, scoring), 4);
    assert.equal(pointsFor(75, scoring), 3.75);
    assert.equal(pointsFor(0, scoring), 0);
    assert.equal(pointsFor(-3, scoring), 0);
    assert.equal(pointsFor(null, scoring), null);
  });
});

describe('the index of an agency, computed by hand', () => {
  it('from the one-stop figures alone: 35.29 points out of the 48 Sen measures', () => {
    const index = evaluateIndex({ figures: figures() });
    const value = (id: string) => byId(index.indicators, id).value;
    const points = (id: string) => byId(index.indicators, id).points;
    // 2.1: (60 early + 75 on time + (40 in processing − 8 overdue)) / (150 finished + 40) = 167/190
    assert.equal(value('766.2.1'), 87.89);
    assert.equal(points('766.2.1'), 17.58);
    assert.equal(value('766.2.2'), 4.5);
    assert.equal(points('766.2.2'), null, 'monitored, not scored');
    assert.equal(points('766.3.4'), 5.4, '45 % × 12 / 100');
    assert.equal(points('766.3.6'), 2.7, '45 % × 6 / 100');
    assert.equal(points('766.4.2'), 3.75, '75 % × 4 / 80 %');
    // 5.4 without complaints supplied: 100 − late share = the portal on-time rate, an upper bound; 87.89 × 6 / 90
    assert.equal(value('766.5.4'), 87.89);
    assert.equal(points('766.5.4'), 5.86);
    assert.equal(value('766.3.3'), 60);
    for (const id of ['766.1.4', '766.3.5', '766.4.1', '766.4.3']) assert.equal(value(id), null, `${id}: its input is missing`);
    for (const id of ['766.1.1', '766.4.4', '766.5.2']) assert.equal(byId(index.indicators, id).observable, false);
    assert.equal(index.points, 35.29);
    assert.equal(index.measuredMax, 48);
    assert.equal(index.maxPoints, 100);
    assert.deepEqual(index.groups.find((g) => g.group === 'transparency'), { group: 'transparency', maxPoints: 18, points: 0, measuredMax: 0 }, 'nothing measured without the sync counts');
  });

  it('with the catalogue, sync and e-data counts: 49.75 points out of 68', () => {
    const index = evaluateIndex(full);
    const points = (id: string) => byId(index.indicators, id).points;
    assert.equal(points('766.1.4'), 5.7, '190/200 synced = 95 % × 6 / 100');
    assert.equal(byId(index.indicators, '766.3.1').value, 75, '300 of 400 procedures online, monitored');
    assert.equal(points('766.3.5'), 2, '108/120 = 90 % ≥ 80 %: full points');
    assert.equal(points('766.3.5b'), 1, '60/120 = 50 % × 2 / 100');
    assert.equal(points('766.4.1'), 4.8, '120 of 150 returned = 80 % × 6 / 100');
    assert.equal(points('766.4.3'), 0.63, '50/200 = 25 % × 2 / 80 %');
    assert.equal(points('766.4.5b'), 1, '100/200 = 50 % × 2 / 100');
    // 5.4: 87.89 − 19/190 (10 %) = 77.89; × 6 / 90
    assert.equal(byId(index.indicators, '766.5.4').value, 77.89);
    assert.equal(points('766.5.4'), 5.19);
    const group = (id: string) => index.groups.find((g) => g.group === id)!;
    assert.deepEqual([group('online_payment').points, group('online_payment').measuredMax], [5.7, 10]);
    assert.deepEqual([group('digitisation').points, group('digitisation').measuredMax], [10.18, 14]);
    assert.equal(index.points, 49.75);
    assert.equal(index.measuredMax, 68);
  });

  it('nothing received and nothing finished gives no value and no points, not zero', () => {
    const empty = figures({
      received: { total: 0, online: 0, counter: 0, nationalPortal: 0, post: 0 }, inProcessing: 0, overdue: 0,
      finished: { total: 0, early: 0, onTime: 0, late: 0 }, onTimeRate: null, onlineShare: null, fullyOnlineShare: null,
      onlinePaymentShare: null, digitisedShare: null, processingDays: { average: null, median: null },
    });
    const index = evaluateIndex({ figures: empty });
    assert.equal(byId(index.indicators, '766.2.1').value, null);
    assert.equal(byId(index.indicators, '766.5.4').points, null);
    assert.equal(index.points, 0);
    assert.equal(index.measuredMax, 0);
  });
});

describe('the framework KPIs against their 2030 targets', () => {
  const lastYear: IndicatorInputs = {
    figures: figures({ received: { total: 100, online: 40, counter: 45, nationalPortal: 10, post: 5 }, onlineShare: 50, digitisedShare: 80 }),
  };
  const results = evaluateKpis(full, lastYear);

  it('contactless, digitised and online shares with their gap and trend', () => {
    // (90 online + 30 national portal + 10 post) / 200 = 65 %, a year before (40 + 10 + 5) / 100 = 55 %
    assert.deepEqual(byId(results, 'kpi.4'), { id: 'kpi.4', observable: true, value: 65, previous: 55, change: 10, target: 100, gap: 35, met: false, trend: 'towards' });
    assert.deepEqual(byId(results, 'kpi.5'), { id: 'kpi.5', observable: true, value: 75, previous: 80, change: -5, target: 100, gap: 25, met: false, trend: 'away' });
    assert.equal(byId(results, 'kpi.7').gap, 25, '60 % against ≥ 85 %');
  });

  it('catalogue and LGSP counts, a KPI without a number, one Sen cannot observe', () => {
    assert.equal(byId(results, 'kpi.6').value, 80, '200 of 250 eligible procedures fully online');
    assert.equal(byId(results, 'kpi.6').previous, null, 'no catalogue counts for last year');
    assert.deepEqual([byId(results, 'kpi.10').value, byId(results, 'kpi.10').gap], [65, 20]);
    assert.deepEqual([byId(results, 'kpi.national-sync').value, byId(results, 'kpi.national-sync').met], [95, null]);
    assert.deepEqual(byId(results, 'kpi.1'), { id: 'kpi.1', observable: false, value: null, previous: null, change: null, target: 0.75, gap: null, met: null, trend: null });
  });

  it('a target reached is met with no gap', () => {
    const [digitised] = evaluateKpis({ figures: figures({ digitisedShare: 100 }) }, undefined, [byId(FRAMEWORK_KPIS, 'kpi.5')]);
    assert.deepEqual([digitised!.met, digitised!.gap, digitised!.trend], [true, 0, null]);
  });
});
