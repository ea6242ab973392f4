import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, vietnamDate } from '../../packages/platform/index.ts';
import { aggregates, leaderToken, rawDossiers, setUpStatsWorld, type RawDossier, type StatsWorld } from './analytics.test-support.ts';
import { agencyGroupOf, parsePeriod, sameTimeLastYear, type Figures, type GroupBy, type OneStopReport } from './index.ts';

/**
 * Exactness: dossiers filed, decided, returned late and early, rejected, withdrawn, paid and
 * rated across 2025 and 2026 (over New Year, Tết 2026 and the April–May holidays of both
 * years' calendar decisions), at communes, departments and a central agency; then every figure
 * the API answers is recounted here from tthc's own rows and must be equal.
 */

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 100 / whole) * 100) / 100);
const avg = (values: number[]) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100);
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 100) / 100;
}

interface Window { from: string; to: string; snapshot: string; soon: string }

/** Every figure of a set of raw dossiers, by the definitions in docs/analytics.md, with the catalog's own working-day count. */
async function recount(rows: RawDossier[], w: Window, workingDays: (from: string, to: string) => Promise<number>): Promise<Figures> {
  const inP = (d: string | null) => d !== null && d >= w.from && d < w.to;
  const received = rows.filter((r) => inP(r.receivedOn));
  const open = rows.filter((r) => r.receivedOn !== null && r.receivedOn <= w.snapshot && (r.finishedOn === null || r.finishedOn > w.snapshot));
  const dueOf = (r: RawDossier) => (r.apologised ? r.originalDueDate ?? r.dueDate : r.dueDate);
  const returned = rows.filter((r) => r.status === 'completed' && inP(r.finishedOn) && dueOf(r) !== null);
  const outcome = (r: RawDossier) => (r.finishedOn! < dueOf(r)! ? 'early' : r.finishedOn === dueOf(r) ? 'on_time' : 'late');
  const count = (list: RawDossier[], test: (r: RawDossier) => boolean) => list.filter(test).length;
  const early = count(returned, (r) => outcome(r) === 'early');
  const onTime = count(returned, (r) => outcome(r) === 'on_time');
  const late = count(returned, (r) => outcome(r) === 'late');
  const days = await Promise.all(returned.map((r) => workingDays(r.receivedOn!, r.finishedOn!)));
  const paid = received.filter((r) => r.flags.feePaid);
  const rated = returned.filter((r) => r.rating !== null);
  return {
    received: {
      total: received.length, online: count(received, (r) => r.channel === 'online'), counter: count(received, (r) => r.channel === 'counter'),
      nationalPortal: count(received, (r) => r.channel === 'dvcqg'), post: count(received, (r) => r.channel === 'post'),
    },
    carriedOver: count(rows, (r) => r.receivedOn !== null && r.receivedOn < w.from && (r.finishedOn === null || r.finishedOn >= w.from)),
    inProcessing: open.length,
    waiting: count(open, (r) => r.status === 'supplement_requested' || r.status === 'awaiting_payment'),
    dueSoon: count(open, (r) => dueOf(r) !== null && dueOf(r)! >= w.snapshot && dueOf(r)! <= w.soon),
    overdue: count(open, (r) => dueOf(r) !== null && dueOf(r)! < w.snapshot),
    finished: { total: early + onTime + late, early, onTime, late },
    rejected: count(rows, (r) => r.status === 'rejected' && inP(r.finishedOn)),
    withdrawn: count(rows, (r) => r.status === 'withdrawn' && inP(r.finishedOn)),
    onTimeRate: pct(early + onTime, early + onTime + late),
    onlineShare: pct(count(received, (r) => r.channel === 'online' || r.channel === 'dvcqg'), received.length),
    fullyOnlineShare: pct(count(received, (r) => r.procedureFullyOnline && (r.channel === 'online' || r.channel === 'dvcqg')), received.length),
    onlinePaymentShare: pct(count(paid, (r) => r.flags.feePaidOnline === true), paid.length),
    digitisedShare: pct(count(received, (r) => r.inputFiles > 0 && (r.status !== 'completed' || r.resultFiles > 0)), received.length),
    processingDays: { average: avg(days), median: median(days) },
    ratings: { count: rated.length, average: avg(rated.map((r) => r.rating!)) },
  };
}

describe('one-stop statistics recount', () => {
  let w: StatsWorld;
  let token: string;
  const at = (iso: string) => w.clock.set(iso);

  before(async () => {
    w = await setUpStatsWorld('2025-04-21T02:00:00.000Z');
    // April 2025: one returned early at a commune, one from the national portal returned after the 30 April – 1 May holidays.
    const a1 = await w.file('2.000720', 'TAM.H19.X001');
    const a2 = await w.file('2.001610', 'TAM.H19.S02', { channel: 'dvcqg' });
    at('2025-04-22T03:00:00.000Z');
    await w.act(await w.decide(a1), { action: 'return', method: 'desk' }).then((d) => w.rate(d, 4));
    at('2025-05-06T03:00:00.000Z');
    await w.act(await w.decide(a2), { action: 'return', method: 'desk' });

    // Late December 2025: dossiers that cross New Year (carried over into January 2026).
    at('2025-12-29T02:00:00.000Z');
    const d1 = await w.file('0.000001', 'TAM.H19.S08');
    const d2 = await w.file('3.000334', 'TAM.H19.T02');
    const d3 = await w.file('2.000720', 'TAM.H19.X002', { channel: 'dvcqg' });
    at('2026-01-06T03:00:00.000Z');
    await w.act(await w.decide(d3), { action: 'return', method: 'desk' }).then((d) => w.rate(d, 2));

    // February 2026, around Tết: fees paid online and at the desk, a rejection, a withdrawal, an extension with apology.
    at('2026-02-10T02:00:00.000Z');
    const f1 = await w.file('2.000720', 'TAM.H19.X001');
    const f2 = await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg' });
    const f3 = await w.file('2.001610', 'TAM.H19.S02', { channel: 'dvcqg' });
    for (const method of ['online', 'counter'] as const) {
      const fee = await w.file('2.000884', 'TAM.H19.X002', { accept: false });
      const asked = await w.act(fee, { action: 'request_payment' });
      await w.act(await w.paid(asked, method), { action: 'accept' });
    }
    const unpaid = await w.file('2.000884', 'TAM.H19.X002', { accept: false });
    await w.act(unpaid, { action: 'request_payment' });
    const rejected = await w.file('2.001610', 'TAM.H19.S02', { channel: 'dvcqg', accept: false });
    await w.act(rejected, { action: 'reject', reasons: ['Không thuộc thẩm quyền'] });
    const withdrawn = await w.file('3.000334', 'TAM.H19.T02');
    await w.act(withdrawn, { action: 'withdraw', reason: 'Người nộp xin rút' });
    const extended = await w.act(f2, { action: 'apologise', newDueDate: '2026-03-02', reason: 'Cần xác minh thêm' });
    at('2026-02-11T03:00:00.000Z');
    await w.act(await w.decide(f1), { action: 'return', method: 'desk' }).then((d) => w.rate(d, 5));
    at('2026-02-24T03:00:00.000Z');
    await w.act(await w.decide(extended), { action: 'return', method: 'desk' }).then((d) => w.rate(d, 3));
    await w.act(await w.decide(d2), { action: 'return', method: 'desk' });
    at('2026-03-02T03:00:00.000Z');
    await w.decide(f3); // result ready, not yet returned

    // April 2026: a supplement asked (waiting), one left to run late; December 2025's food-safety dossier returned late in May.
    at('2026-04-24T02:00:00.000Z');
    const s1 = await w.file('2.000720', 'TAM.H19.X002');
    await w.act(s1, { action: 'request_supplement', items: [{ partCode: 'thong-bao', reason: 'Bản chụp mờ' }] });
    await w.file('0.000001', 'TAM.H19.S08');
    at('2026-05-05T03:00:00.000Z');
    await w.act(await w.decide(d1), { action: 'return', method: 'desk' });
    // Today, for the current period (due soon and overdue read at today's date).
    at(new Date().toISOString());
    await w.file('2.000720', 'TAM.H19.X001');
    await w.file('2.001610', 'TAM.H19.S02', { channel: 'dvcqg' });
    token = await leaderToken(w);
  });
  after(() => w.close());

  async function api(query: Record<string, string>): Promise<OneStopReport> {
    const response = await w.platform.app.inject({ url: `/api/analytics/one-stop?${new URLSearchParams(query)}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  async function windowOf(key: string): Promise<Window> {
    const period = parsePeriod(key);
    const today = vietnamDate(w.clock.now);
    const snapshot = period.last < today ? period.last : today;
    return { from: period.from, to: period.to, snapshot, soon: await w.platform.modules.catalog.service.addWorkingDays(snapshot, 2) };
  }

  const PERIODS = ['2025-04', '2025-Q2', '2025', '2025-12', '2026-01', '2026-02', '2026-Q1', '2026-04', '2026-05', '2026', vietnamDate().slice(0, 7)];
  const GROUPS: GroupBy[] = ['agency', 'agency_group', 'procedure', 'field'];

  async function everyFigureEqualsRecount(): Promise<void> {
    const raw = await rawDossiers(w.database);
    assert.ok(raw.length >= 15, `the scenario filed ${raw.length} dossiers`);
    const { catalog } = w.platform.modules;
    const kinds = new Map((await catalog.service.listAgencies()).map((a) => [a.id, a.kind]));
    const keyOf: Record<GroupBy, (r: RawDossier) => string> = {
      agency: (r) => r.agencyId, agency_group: (r) => agencyGroupOf(kinds.get(r.agencyId)!), procedure: (r) => r.procedureId, field: (r) => r.fieldCode,
    };
    const workingDays = (from: string, to: string) => catalog.service.workingDaysBetween(from, to);
    let compared = 0;
    for (const key of PERIODS) {
      const window = await windowOf(key);
      const previous = await windowOf(sameTimeLastYear(parsePeriod(key)).key);
      for (const groupBy of GROUPS) {
        const report = await api({ period: key, groupBy });
        assert.deepEqual(report.total, await recount(raw, window, workingDays), `${key} total`);
        assert.deepEqual(report.previousTotal, await recount(raw, previous, workingDays), `${key} same period last year`);
        for (const row of report.rows) {
          const mine = raw.filter((r) => keyOf[groupBy](r) === row.key);
          assert.deepEqual(row.figures, await recount(mine, window, workingDays), `${key} ${groupBy} ${row.label}`);
          assert.deepEqual(row.previous, await recount(mine, previous, workingDays), `${key} ${groupBy} ${row.label} last year`);
          compared += 1;
        }
        // No group with figures is left out of the rows.
        const shown = new Set(report.rows.map((r) => r.key));
        for (const r of raw) {
          const active = (await recount([r], window, workingDays));
          const counts = active.received.total + active.carriedOver + active.inProcessing + active.finished.total + active.rejected + active.withdrawn;
          if (counts > 0) assert.ok(shown.has(keyOf[groupBy](r)), `${key} ${groupBy}: ${keyOf[groupBy](r)} missing`);
        }
      }
    }
    assert.ok(compared > 100, `compared ${compared} rows`);
  }

  it('every figure of every period, grouping and comparison period equals a recount from the raw dossiers', everyFigureEqualsRecount);

  it('the scenario reaches every kind of figure (so the equality above means something)', async () => {
    const q1 = await api({ period: '2026-Q1' });
    assert.ok(q1.total.finished.early + q1.total.finished.onTime > 0 && q1.total.finished.late > 0, JSON.stringify(q1.total.finished));
    assert.ok(q1.total.carriedOver > 0 && q1.total.rejected === 1 && q1.total.withdrawn === 1);
    assert.equal(q1.total.onlinePaymentShare, 50, 'one fee paid online, one at the desk');
    assert.ok(q1.total.ratings.count >= 2 && q1.total.processingDays.median !== null);
    assert.ok(q1.total.received.nationalPortal > 0 && q1.total.received.counter > 0);
    const april = await api({ period: '2026-04' });
    assert.equal(april.total.waiting, 1, 'the supplement asked in April');
    const year = await api({ period: '2026' });
    assert.ok(year.total.overdue + year.total.dueSoon + year.total.inProcessing > 0);
    assert.equal(year.previousPeriod.key, '2025');
    assert.ok(year.previousTotal.received.total >= 2, 'last year\'s dossiers are the comparison');
  });

  it('the bulk backfill, batch by batch, writes the very rows the change hooks wrote, and the recount still matches', async () => {
    // Every column but the time of writing, in a stable order.
    const facts = async () => (await queryRows<Record<string, unknown>>(w.database.db, sql`select * from analytics.dossier_facts order by dossier_id`))
      .map(({ updated_at: _at, ...row }) => row);
    const hookWritten = await facts();
    const hookAggregates = await aggregates(w.database);
    assert.ok(hookWritten.length >= 15);
    for (const table of ['dossier_facts', 'figure_buckets', 'duration_pairs']) await w.database.db.execute(sql`delete from ${sql.identifier('analytics')}.${sql.identifier(table)}`);
    assert.equal((await api({ period: '2026', groupBy: 'procedure' })).total.received.total, 0, 'no facts, no figures');
    const progress: number[] = [];
    const written = await w.platform.modules.analytics.backfill({ batchSize: 4, onProgress: (s) => progress.push(s.written) });
    assert.equal(written, hookWritten.length);
    assert.equal(progress.length, Math.ceil(hookWritten.length / 4), 'one progress report per batch of 4');
    assert.deepEqual(await facts(), hookWritten);
    assert.deepEqual(await aggregates(w.database), hookAggregates, 'the pre-aggregates rebuilt from scratch equal the ones the change hooks kept by deltas');
    assert.equal((await w.platform.modules.analytics.backfillState())?.rebuilding, false);
    await everyFigureEqualsRecount();
  });
});
