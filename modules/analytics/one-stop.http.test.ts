import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, vietnamDate } from '../../packages/platform/index.ts';
import { clientToken, leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import { WORKBOOK_COLUMNS, type OneStopReport } from './index.ts';

/** Freshness (a change shows in the very next read), access and scope, bad input, the export and the public aggregates, through HTTP. */
describe('one-stop statistics over HTTP', () => {
  let w: StatsWorld;
  let leader: string;
  let commune: string;
  let x001: string;
  const month = vietnamDate().slice(0, 7);

  before(async () => {
    w = await setUpStatsWorld(new Date().toISOString());
    leader = await leaderToken(w);
    x001 = await w.agencyId('TAM.H19.X001');
    commune = await clientToken(w, x001, ['report.read']);
  });
  after(() => w.close());

  const get = (url: string, token?: string) => w.platform.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  async function report(query: Record<string, string>, token = leader): Promise<OneStopReport> {
    const response = await get(`/api/analytics/one-stop?${new URLSearchParams(query)}`, token);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  it('filing, accepting and returning a dossier change the figures at once', async () => {
    const start = (await report({ period: month })).total;
    const atCounter = await w.file('2.000720', 'TAM.H19.X001');
    let now = (await report({ period: month })).total;
    assert.equal(now.received.counter, start.received.counter + 1, 'filed and accepted at the counter');
    assert.equal(now.inProcessing, start.inProcessing + 1);

    const online = await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg', accept: false });
    assert.equal((await report({ period: month })).total.received.total, now.received.total, 'not received until the desk accepts it');
    const accepted = await w.act(online, { action: 'accept' });
    now = (await report({ period: month })).total;
    assert.equal(now.received.nationalPortal, start.received.nationalPortal + 1);
    assert.equal(now.onlineShare, Math.round((now.received.online + now.received.nationalPortal) * 10000 / now.received.total) / 100);

    await w.act(await w.decide(accepted), { action: 'return', method: 'desk' });
    const returned = (await report({ period: month })).total;
    assert.equal(returned.finished.total, start.finished.total + 1);
    assert.equal(returned.inProcessing, now.inProcessing - 1);
    assert.equal(returned.onTimeRate, 100, 'returned the day it was received');
    await w.rate(await w.act(await w.decide(atCounter), { action: 'return', method: 'desk' }), 5);
    assert.equal((await report({ period: month })).total.ratings.average, 5);
  });

  it('the fact is written in the dossier\'s transaction: if it cannot be, the change is refused and nothing is written', async () => {
    const dossier = await w.file('2.000720', 'TAM.H19.X002');
    let failing = true;
    w.platform.modules.tthc.dossierChanges.register(async () => {
      if (failing) throw new Error('statistics unavailable');
    });
    await assert.rejects(w.act(dossier, { action: 'request_supplement', items: [{ partCode: 'thong-bao', reason: 'Bản chụp mờ' }] }), /statistics unavailable/);
    failing = false;
    const [row] = await queryRows<{ status: string; version: number }>(w.database.db, sql`select status, version from tthc.dossiers where id = ${dossier.id}::uuid`);
    assert.deepEqual(row, { status: 'processing', version: dossier.version });
  });

  it('a leader of one commune sees its figures and its dossiers only', async () => {
    const mine = await report({ period: month }, commune);
    assert.equal(mine.agency.id, x001, 'the caller\'s own agency by default');
    assert.deepEqual(mine.rows.map((r) => r.key), [x001]);
    const province = await report({ period: month });
    assert.ok(province.total.received.total > mine.total.received.total, 'other agencies received dossiers too');
    const root = (await w.platform.modules.catalog.service.rootAgency()).id;
    const refused = await get(`/api/analytics/one-stop?period=${month}&agency=${root}`, commune);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'analytics.forbidden');
    const drill = await get(`/api/analytics/one-stop/dossiers?period=${month}&figure=received`, commune);
    assert.equal(drill.statusCode, 200, drill.body);
    const page = drill.json() as { items: { agencyId: string; code: string }[]; total: number };
    assert.equal(page.total, mine.total.received.total);
    assert.ok(page.items.length > 0 && page.items.every((d) => d.agencyId === x001));
    assert.ok(page.items.every((d) => !('applicant' in d)), 'codes and states, never the applicant');
  });

  it('bad input gets a 4xx with a stable code', async () => {
    const cases: [string, number, string][] = [
      ['/api/analytics/one-stop?period=2026-13', 400, 'analytics.period_invalid'],
      ['/api/analytics/one-stop?period=26', 400, 'analytics.period_invalid'],
      ['/api/analytics/one-stop?period=2026-Q5', 400, 'analytics.period_invalid'],
      ['/api/analytics/one-stop?period=2199-01', 422, 'analytics.period_in_future'],
      [`/api/analytics/one-stop?period=${month}&agency=00000000-0000-4000-8000-000000000000`, 404, 'analytics.agency_not_found'],
      [`/api/analytics/one-stop/dossiers?period=${month}&figure=everything`, 400, ''],
      ['/api/analytics/public/agencies?period=x', 400, 'analytics.period_invalid'],
    ];
    for (const [url, status, code] of cases) {
      const response = await get(url, leader);
      assert.equal(response.statusCode, status, `${url}: ${response.body}`);
      if (code) assert.equal(response.json().code, code, url);
    }
    assert.equal((await get(`/api/analytics/one-stop?period=${month}`)).statusCode, 401);
  });

  it('the Excel export holds the same figures and is audited', async () => {
    const shown = await report({ period: month, groupBy: 'procedure' });
    const audited = async () => (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from platform.audit_log where action = 'export analytics.one_stop'`))[0]!.n;
    const before = await audited();
    const response = await get(`/api/analytics/one-stop/export?period=${month}&groupBy=procedure`, leader);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = sheet.getRow(3).values as unknown[];
    assert.equal(header[2], 'Tiếp nhận');
    const totalRow = sheet.getRow(3 + shown.rows.length + 1).values as unknown[];
    assert.equal(totalRow[1], 'Tổng cộng');
    assert.deepEqual(Array.from(totalRow.slice(2), (v) => v ?? null), WORKBOOK_COLUMNS.map((c) => c.value(shown.total)));
    assert.equal(book.worksheets.length, 2, 'and the same period last year');
    assert.equal(await audited(), before + 1);
  });

  it('the public page\'s aggregates: each agency\'s on-time rate, online share and ratings, for anyone, no person', async () => {
    const response = await get(`/api/analytics/public/agencies?period=${month.slice(0, 4)}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { agencies: Record<string, unknown>[] };
    const x = body.agencies.find((a) => a.agencyId === x001)!;
    assert.ok(x, 'the commune that returned dossiers is listed');
    assert.deepEqual(Object.keys(x).sort(), ['agencyId', 'finished', 'name', 'onTimeRate', 'onlineShare', 'ratingAverage', 'ratingCount', 'received']);
    const internal = (await report({ period: month.slice(0, 4), agency: x001 })).total;
    assert.deepEqual([x.onTimeRate, x.onlineShare, x.ratingAverage, x.received], [internal.onTimeRate, internal.onlineShare, internal.ratings.average, internal.received.total]);
  });
});
