import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, vietnamDate } from '../../packages/platform/index.ts';
import { clientToken, leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import type { Dashboard, PanelData } from './index.ts';

const DAY = 86_400_000;

/** The IOC over HTTP: dashboards as data, each panel's figures within the caller's scope, public aggregates, validation, the commune map, audited exports. */
describe('IOC dashboards over HTTP', () => {
  let w: StatsWorld;
  let leader: string;
  let commune: string;
  let admin: string;
  let x001: string;
  let x002: string;
  const month = vietnamDate().slice(0, 7);

  before(async () => {
    // Two dossiers filed three weeks ago and left open are overdue today; one filed today is today's.
    w = await setUpStatsWorld(new Date(Date.now() - 21 * DAY).toISOString());
    await w.file('2.000720', 'TAM.H19.X001');
    await w.file('2.000720', 'TAM.H19.X002');
    w.clock.set(new Date().toISOString());
    await w.file('2.000720', 'TAM.H19.X001');
    leader = await leaderToken(w);
    x001 = await w.agencyId('TAM.H19.X001');
    x002 = await w.agencyId('TAM.H19.X002');
    commune = await clientToken(w, x001, ['report.read']);
    const root = (await w.platform.modules.catalog.service.rootAgency()).id;
    admin = await clientToken(w, root, ['catalog.edit']);
  });
  after(() => w.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token?: string, payload?: unknown) =>
    w.platform.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const dashboard = async (code: string, token?: string): Promise<Dashboard> => {
    const response = await call('GET', `/api/analytics/dashboards/${code}`, token);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const data = async (code: string, panelId: string, token?: string, query = ''): Promise<PanelData> => {
    const response = await call('GET', `/api/analytics/dashboards/${code}/panels/${panelId}/data${query}`, token);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const audited = async (action: string) => (await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from platform.audit_log where action = ${action}`))[0]!.n;

  it('seeds the province dashboard with the panels of the issue; internal: signed-in report readers only', async () => {
    const province = await dashboard('toan-tinh', leader);
    assert.equal(province.visibility, 'internal');
    assert.deepEqual(province.panels.map((p) => p.measure), ['received_today', 'on_time_rate', 'index_score', 'kpis', 'overdue_by_agency', 'received_by_channel', 'communes_received']);
    assert.equal((await call('GET', '/api/analytics/dashboards/toan-tinh')).statusCode, 401);
    assert.deepEqual(((await call('GET', '/api/analytics/dashboards')).json() as { items: Dashboard[] }).items.map((d) => d.code), [], 'anonymous sees no internal dashboard');
    const citizenLike = await clientToken(w, x001, ['dossier.read']);
    const refused = await call('GET', '/api/analytics/dashboards/toan-tinh', citizenLike);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'analytics.forbidden');
  });

  it('computes each panel from the one-stop figures, within the caller\'s scope', async () => {
    const province = await dashboard('toan-tinh', leader);
    const panel = (measure: string) => province.panels.find((p) => p.measure === measure)!.id;
    const today = await data('toan-tinh', panel('received_today'), leader);
    assert.equal(today.rows[0]!.value, 1, 'one dossier received today');

    const overdue = await data('toan-tinh', panel('overdue_by_agency'), leader, `?period=${month}`);
    const byAgency = new Map(overdue.rows.map((r) => [r.key, r]));
    assert.equal(byAgency.get(x001)?.value, 1);
    assert.equal(byAgency.get(x002)?.value, 1);
    assert.deepEqual(byAgency.get(x001)?.drill, { agency: x001, figure: 'overdue' }, 'a bar leads to the dossiers behind it');
    const report = (await call('GET', `/api/analytics/one-stop?period=${month}`, leader)).json() as { total: { overdue: number } };
    assert.equal(overdue.rows.reduce((sum, r) => sum + (r.value ?? 0), 0), report.total.overdue);

    const mine = await data('toan-tinh', panel('overdue_by_agency'), commune);
    assert.deepEqual(mine.rows.map((r) => r.key), [x001], 'a commune\'s leader sees the commune only');
    const other = await call('GET', `/api/analytics/dashboards/toan-tinh/panels/${panel('overdue_by_agency')}/data?agency=${x002}`, commune);
    assert.equal(other.statusCode, 403);

    const communes = await data('toan-tinh', panel('communes_received'), leader);
    assert.equal(communes.rows.length, 102, 'every commune is a tile');
    assert.ok(communes.rows.every((r) => r.label.length > 0 && !/^TAM\./.test(r.label)), 'named from the catalogue');
    assert.equal(communes.rows.find((r) => r.drill?.agency === x001)?.label, 'UBND xã Tân Hồng');

    const index = await data('toan-tinh', panel('index_score'), leader);
    assert.ok(index.max !== null && index.max > 0 && (index.rows[0]!.value ?? -1) <= index.max);
  });

  it('refuses a malformed period and an unknown agency with their stable codes', async () => {
    const { panels } = await dashboard('toan-tinh', leader);
    const url = `/api/analytics/dashboards/toan-tinh/panels/${panels[4]!.id}/data`;
    const bad = await call('GET', `${url}?period=2026-13`, leader);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'analytics.period_invalid');
    const unknown = await call('GET', `${url}?agency=00000000-0000-4000-8000-000000000000`, leader);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'analytics.agency_not_found');
    const future = await call('GET', `${url}?period=2199`, leader);
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().code, 'analytics.period_in_future');
  });

  it('lets only an administrator configure dashboards; an unknown measure or an unfit chart is 422 and writes nothing', async () => {
    const body = { code: 'cong-khai', titleVi: 'Công khai', titleEn: 'Public', visibility: 'public', refreshSeconds: 60, rotationSeconds: 10 };
    const denied = await call('POST', '/api/analytics/dashboards', leader, body);
    assert.equal(denied.statusCode, 403);
    const created = await call('POST', '/api/analytics/dashboards', admin, body);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await call('POST', '/api/analytics/dashboards', admin, body)).json().code, 'analytics.dashboard_exists');

    const panel = { position: 0, titleVi: 'Quá hạn theo cơ quan', titleEn: 'Overdue by agency', measure: 'overdue_by_agency', chart: 'bar', periodKind: 'month' };
    const unknown = await call('POST', '/api/analytics/dashboards/cong-khai/panels', admin, { ...panel, measure: 'citizens_by_name' });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'analytics.measure_unknown');
    const unfit = await call('POST', '/api/analytics/dashboards/cong-khai/panels', admin, { ...panel, chart: 'gauge' });
    assert.equal(unfit.statusCode, 422);
    assert.equal(unfit.json().code, 'analytics.chart_incompatible');
    assert.equal((await dashboard('cong-khai')).panels.length, 0, 'nothing written');
    assert.equal((await call('POST', '/api/analytics/dashboards/cong-khai/panels', leader, panel)).statusCode, 403);

    const added = await call('POST', '/api/analytics/dashboards/cong-khai/panels', admin, panel);
    assert.equal(added.statusCode, 201, added.body);
    const before = (await dashboard('cong-khai')).version;
    const moved = await call('PATCH', `/api/analytics/dashboards/cong-khai/panels/${added.json().id}`, admin, { chart: 'number' });
    assert.equal(moved.json().code, 'analytics.chart_incompatible');
    const renamed = await call('PATCH', `/api/analytics/dashboards/cong-khai/panels/${added.json().id}`, admin, { titleVi: 'Hồ sơ quá hạn', chart: 'table' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.ok((await dashboard('cong-khai')).version > before);
    assert.ok(await audited('create analytics.dashboard_panel') >= 1);
  });

  it('shows a public dashboard to anyone, as the province\'s aggregates without drill-down; its data downloads only with report.read', async () => {
    const [panel] = (await dashboard('cong-khai')).panels;
    const shown = await data('cong-khai', panel!.id);
    assert.ok(shown.rows.length >= 2);
    assert.ok(shown.rows.every((r) => r.drill === null), 'no way down to dossiers');
    assert.ok(shown.rows.every((r) => Object.keys(r).sort().join() === 'drill,key,label,previous,target,value'), 'aggregates, never a person');
    const anonymous = await call('GET', `/api/analytics/dashboards/cong-khai/panels/${panel!.id}/export?format=csv`);
    assert.equal(anonymous.statusCode, 401);
  });

  it('exports a panel\'s data as CSV and Excel, each audited', async () => {
    const province = await dashboard('toan-tinh', leader);
    const panel = province.panels.find((p) => p.measure === 'overdue_by_agency')!;
    const before = await audited('export analytics.dashboard_panel');
    const csv = await call('GET', `/api/analytics/dashboards/toan-tinh/panels/${panel.id}/export?format=csv&period=${month}`, leader);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(csv.body, /Mã,Tên,Giá trị,Cùng kỳ năm trước,Mục tiêu,Đơn vị/);
    assert.match(csv.body, /UBND xã Tân Hồng,1,0,,hồ sơ/);
    const xlsx = await call('GET', `/api/analytics/dashboards/toan-tinh/panels/${panel.id}/export?format=xlsx&period=${month}`, leader);
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, panel.titleVi);
    const names = sheet.getColumn(2).values.map(String);
    assert.ok(names.includes('UBND xã Tân Hồng'));
    assert.equal(await audited('export analytics.dashboard_panel'), before + 2);
    const bad = await call('GET', `/api/analytics/dashboards/toan-tinh/panels/${panel.id}/export?format=pdf`, leader);
    assert.equal(bad.statusCode, 400);
  });

  it('imports a commune map only when every feature names a catalogue commune', async () => {
    const square = (code: string, x: number) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [[[x, 10], [x + 1, 10], [x + 1, 11], [x, 11], [x, 10]]] } });
    const layer = async () => (await call('GET', '/api/analytics/commune-layer')).json() as { communes: { unitCode: string | null; name: string }[]; map: { features: number } | null };
    assert.equal((await layer()).communes.length, 102);
    assert.equal((await layer()).map, null);

    const wrong = await call('PUT', '/api/analytics/commune-layer/map', admin, { type: 'FeatureCollection', features: [square('29926', 0), square('99999', 1), square('TAM.NOPE', 2)] });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().code, 'analytics.geojson_unknown_communes');
    assert.deepEqual(wrong.json().details.codes, ['99999', 'TAM.NOPE']);
    const point = await call('PUT', '/api/analytics/commune-layer/map', admin, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '29926' }, geometry: { type: 'Point', coordinates: [0, 0] } }] });
    assert.equal(point.json().code, 'analytics.geojson_invalid');
    assert.equal((await layer()).map, null, 'nothing stored');
    assert.equal((await call('PUT', '/api/analytics/commune-layer/map', leader, { type: 'FeatureCollection', features: [square('29926', 0)] })).statusCode, 403);

    const imported = await call('PUT', '/api/analytics/commune-layer/map', admin, { type: 'FeatureCollection', features: [square('29926', 0), square('TAM.H19.X002', 1)] });
    assert.equal(imported.statusCode, 200, imported.body);
    const stored = (await call('GET', '/api/analytics/commune-layer')).json() as { map: { features: number; geojson: { features: { properties: { name: string } }[] } } };
    assert.equal(stored.map.features, 2);
    const { communes } = await layer();
    const x002Unit = communes.find((c) => c.name === 'UBND xã Tân Thành')?.unitCode;
    assert.deepEqual(stored.map.geojson.features.map((f) => f.properties.name), ['29926', x002Unit ?? 'TAM.H19.X002'], 'named by the key the panels\' rows carry');
    assert.equal(await audited('import analytics.commune_map'), 1);
  });
});
