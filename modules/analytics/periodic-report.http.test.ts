import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, vietnamDate } from '../../packages/platform/index.ts';
import { pdfText } from '../../packages/platform/testing.ts';
import { clientToken, leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import type { Figures, OneStopReport } from './index.ts';

/** The form's thirteen columns from the statistics' JSON, written out here independently of the report's code. */
const formValues = (f: Figures) => [
  f.carriedOver + f.received.total, f.received.online + f.received.nationalPortal, f.received.counter + f.received.post, f.carriedOver,
  f.finished.total, f.finished.early, f.finished.onTime, f.finished.late,
  f.inProcessing, f.inProcessing - f.overdue, f.overdue,
];

describe('the periodic report (form II.06a/VPCP/KSTT) and the PDF export', () => {
  let w: StatsWorld;
  let leader: string;
  let x001: string;
  const month = vietnamDate().slice(0, 7);

  before(async () => {
    w = await setUpStatsWorld(new Date().toISOString());
    leader = await leaderToken(w);
    x001 = await w.agencyId('TAM.H19.X001');
    // A month with dossiers in every column: at the counter, from the national portal, returned, still in processing.
    const returned = await w.file('2.000720', 'TAM.H19.X001');
    await w.act(await w.decide(returned), { action: 'return', method: 'desk' });
    await w.file('2.000720', 'TAM.H19.X001', { channel: 'dvcqg' });
    await w.file('2.000720', 'TAM.H19.X002');
  });
  after(() => w.close());

  const get = (url: string, token = leader) => w.platform.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const audited = async (action: string) => (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from platform.audit_log where action = ${action}`))[0]!.n;
  async function figures(query: Record<string, string>): Promise<OneStopReport> {
    const response = await get(`/api/analytics/one-stop?${new URLSearchParams(query)}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  it('the PDF holds the form\'s heading, the reporting agency, the period and the same figures as the statistics', async () => {
    const shown = await figures({ period: month, groupBy: 'field' });
    assert.ok(shown.total.received.total >= 3 && shown.total.finished.total >= 1 && shown.total.inProcessing >= 2, 'the month has dossiers in the columns');
    const before = await audited('export analytics.periodic_report');
    const response = await get(`/api/analytics/one-stop/report?period=${month}&format=pdf`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const { text, title } = await pdfText(response.rawPayload);
    const flat = text.replace(/\s+/g, ' ');
    for (const words of ['Biểu số II.06a/VPCP/KSTT', 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', `Đơn vị báo cáo: ${shown.agency.name}`, `Kỳ báo cáo: Tháng ${Number(month.slice(5))} năm ${month.slice(0, 4)}`, 'Văn phòng Chính phủ', 'Trong hạn']) {
      assert.ok(flat.replace(/\s/g, '').includes(words.replace(/\s/g, '')), `the PDF says "${words}"`);
    }
    assert.match(title ?? '', /II\.06a/);
    const total = /Tổng cộng((?: \d+){11})/.exec(flat);
    assert.ok(total, `a total row in: ${flat.slice(-600)}`);
    assert.deepEqual(total[1]!.trim().split(' ').map(Number), formValues(shown.total));
    for (const row of shown.rows) assert.ok(flat.replace(/\s/g, '').includes(row.label.replace(/\s/g, '')), `a row for ${row.label}`);
    assert.equal(await audited('export analytics.periodic_report'), before + 1);
  });

  it('the workbook has the thirteen columns and a row per field, each equal to the statistics\' figures', async () => {
    const shown = await figures({ period: month, groupBy: 'field' });
    const response = await get(`/api/analytics/one-stop/report?period=${month}&format=xlsx`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    assert.equal(rows[0]![0], 'Biểu số II.06a/VPCP/KSTT');
    const numbers = rows.findIndex((r) => r[0] === '(1)');
    assert.deepEqual(rows[numbers], ['(1)', '(2)', ...Array.from({ length: 11 }, (_, i) => `(${i + 3})`)]);
    const body = rows.slice(numbers + 1, numbers + 1 + shown.rows.length);
    assert.deepEqual(body.map((r) => r[1]), shown.rows.map((r) => r.label));
    assert.deepEqual(body.map((r) => r.slice(2)), shown.rows.map((r) => formValues(r.figures)));
    const total = rows[numbers + 1 + shown.rows.length]!;
    assert.equal(total[0], 'Tổng cộng');
    assert.deepEqual(total.slice(2), formValues(shown.total));
  });

  it('one commune\'s report has its figures only; another agency is refused and nothing is audited', async () => {
    const commune = await clientToken(w, x001, ['report.read']);
    const shown = await figures({ period: month, agency: x001, groupBy: 'agency' });
    const response = await get(`/api/analytics/one-stop/report?period=${month}&groupBy=agency&format=xlsx`, commune);
    assert.equal(response.statusCode, 200, response.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const total = rows.find((r) => r[0] === 'Tổng cộng')!;
    assert.deepEqual(total.slice(2), formValues(shown.total));
    assert.ok(rows.some((r) => String(r[0]).startsWith('Đơn vị nhận báo cáo: ') && !String(r[0]).includes('Văn phòng Chính phủ')), 'a commune reports to the agency above it');

    const before = await audited('export analytics.periodic_report');
    const root = (await w.platform.modules.catalog.service.rootAgency()).id;
    const refused = await get(`/api/analytics/one-stop/report?period=${month}&agency=${root}&format=pdf`, commune);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'analytics.forbidden');
    const none = await clientToken(w, x001, ['dossier.read']);
    assert.equal((await get(`/api/analytics/one-stop/report?period=${month}&format=pdf`, none)).json().code, 'analytics.forbidden');
    assert.equal(await audited('export analytics.periodic_report'), before);
  });

  it('bad input gets a 4xx with a stable code and writes nothing', async () => {
    const before = await audited('export analytics.periodic_report');
    const cases: [string, number, string][] = [
      ['/api/analytics/one-stop/report?period=2026-13&format=pdf', 400, 'analytics.period_invalid'],
      ['/api/analytics/one-stop/report?period=2026-Q0', 400, 'analytics.period_invalid'],
      ['/api/analytics/one-stop/report?period=2199-Q1&format=pdf', 422, 'analytics.period_in_future'],
      [`/api/analytics/one-stop/report?period=${month}&agency=00000000-0000-4000-8000-000000000000`, 404, 'analytics.agency_not_found'],
      [`/api/analytics/one-stop/report?period=${month}&format=docx`, 400, ''],
      [`/api/analytics/one-stop/report?period=${month}&extra=1`, 400, ''],
      [`/api/analytics/one-stop/export?period=${month}&format=csv`, 400, ''],
    ];
    for (const [url, status, code] of cases) {
      const response = await get(url);
      assert.equal(response.statusCode, status, `${url}: ${response.body}`);
      if (code) assert.equal(response.json().code, code, url);
    }
    assert.equal(await audited('export analytics.periodic_report'), before);
    assert.equal((await w.platform.app.inject({ url: `/api/analytics/one-stop/report?period=${month}` })).statusCode, 401);
  });

  it('the statistics export as a PDF: the same totals as the workbook, audited', async () => {
    const shown = await figures({ period: month, groupBy: 'agency' });
    const before = await audited('export analytics.one_stop');
    const response = await get(`/api/analytics/one-stop/export?period=${month}&format=pdf`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['content-disposition'], `attachment; filename="thong-ke-mot-cua-${month}-agency.pdf"; filename*=UTF-8''thong-ke-mot-cua-${month}-agency.pdf`);
    const flat = (await pdfText(response.rawPayload)).text.replace(/\s+/g, ' ');
    const total = /Tổng cộng((?: \S+){5})/.exec(flat);
    assert.ok(total, flat.slice(-400));
    const t = shown.total;
    assert.deepEqual(total[1]!.trim().split(' ').map(Number), [t.received.total, t.received.online, t.received.counter, t.received.nationalPortal, t.received.post]);
    assert.equal(await audited('export analytics.one_stop'), before + 1);
  });
});
