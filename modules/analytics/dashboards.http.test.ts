import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, vietnamDate } from '../../packages/platform/index.ts';
import { clientToken, leaderToken, setUpStatsWorld, type StatsWorld } from './analytics.test-support.ts';
import type { Dashboard, PanelData } from './index.ts';

const PUBLIC_CODE = 'ket-qua-giai-quyet-tthc';

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
    assert.deepEqual(province.panels.map((p) => p.measure), ['received_today', 'on_time_rate', 'index_score', 'kpis', 'overdue_by_agency', 'received_by_channel', 'received_by_month', 'on_time_rate_by_month', 'communes_received']);
    assert.equal((await call('GET', '/api/analytics/dashboards/toan-tinh')).statusCode, 401);
    assert.deepEqual(((await call('GET', '/api/analytics/dashboards')).json() as { items: Dashboard[] }).items.map((d) => d.code), [PUBLIC_CODE], 'anonymous sees the seeded public dashboard, no internal one');
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

  it('answers anonymous visitors with public dashboards only, the province\'s aggregates, cached like reference data', async () => {
    const list = await call('GET', '/api/analytics/public/dashboards');
    assert.equal(list.statusCode, 200, list.body);
    assert.match(list.headers['cache-control'] as string, /^public, max-age=60/);
    const items = (list.json() as { items: { code: string; panels: { id: string; measure: string }[] }[] }).items;
    assert.deepEqual(items.map((d) => d.code).sort(), ['cong-khai', PUBLIC_CODE], 'the seeded public dashboard and the one made public above; never toan-tinh');
    const seeded = items.find((d) => d.code === PUBLIC_CODE)!;
    assert.deepEqual(seeded.panels.map((p) => p.measure), ['on_time_rate', 'online_share', 'rating_average', 'on_time_rate_by_agency', 'online_share_by_agency', 'rating_average_by_agency', 'communes_on_time_rate']);

    // An internal dashboard does not exist for the public API, signed in or not.
    const province = await dashboard('toan-tinh', leader);
    for (const token of [undefined, leader]) {
      const hidden = await call('GET', '/api/analytics/public/dashboards/toan-tinh', token);
      assert.equal(hidden.statusCode, 404);
      assert.equal(hidden.json().code, 'analytics.dashboard_not_found');
      const panel = await call('GET', `/api/analytics/public/dashboards/toan-tinh/panels/${province.panels[4]!.id}/data`, token);
      assert.equal(panel.statusCode, 404);
    }
    // A panel of another dashboard is not reachable through a public one.
    const foreign = await call('GET', `/api/analytics/public/dashboards/${PUBLIC_CODE}/panels/${province.panels[4]!.id}/data`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().code, 'analytics.panel_not_found');

    // The online share per agency: the same figure as the public statistics page, and only aggregates.
    const onlineId = seeded.panels.find((p) => p.measure === 'online_share_by_agency')!.id;
    const url = `/api/analytics/public/dashboards/${PUBLIC_CODE}/panels/${onlineId}/data?period=${month}`;
    const shown = await call('GET', url);
    assert.equal(shown.statusCode, 200, shown.body);
    const body = shown.json() as { rows: Record<string, unknown>[] } & Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['chart', 'computedAt', 'max', 'measure', 'panelId', 'period', 'rows', 'unit']);
    assert.ok(body.rows.length >= 1, 'the commune that received today\'s dossier');
    assert.ok(body.rows.every((r) => Object.keys(r).sort().join() === 'key,label,previous,target,value'), 'a label and its numbers: no drill-down, no person');
    assert.doesNotMatch(shown.body, /Nguyễn Văn An|drill|dossier/i, 'no applicant, no way down to dossiers');
    const agencies = (await call('GET', `/api/analytics/public/agencies?period=${month}`)).json() as { agencies: { agencyId: string; onlineShare: number | null }[] };
    const row = body.rows.find((r) => r['key'] === x001)!;
    assert.equal(row['label'], 'UBND xã Tân Hồng');
    assert.equal(row['value'], agencies.agencies.find((a) => a.agencyId === x001)!.onlineShare);
    assert.equal(row['value'], 0, 'a rate of 0 % is shown, not left out');

    // Reference caching: a second request with the validator is answered 304 without a body.
    const again = await call('GET', url, undefined);
    assert.equal(again.headers['etag'], shown.headers['etag'], 'the validator ignores the computing time');
    const cached = await w.platform.app.inject({ method: 'GET', url, headers: { 'if-none-match': shown.headers['etag'] as string } });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.body, '');

    // Province aggregates only: no agency filter; a malformed period is refused with its code.
    const filtered = await call('GET', `${url}&agency=${x001}`);
    assert.equal(filtered.statusCode, 400);
    const bad = await call('GET', `/api/analytics/public/dashboards/${PUBLIC_CODE}/panels/${onlineId}/data?period=2026-13`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'analytics.period_invalid');

    // The commune layer of the public page: every commune a tile, still without drill-down.
    const communesId = seeded.panels.find((p) => p.measure === 'communes_on_time_rate')!.id;
    const communes = (await call('GET', `/api/analytics/public/dashboards/${PUBLIC_CODE}/panels/${communesId}/data`)).json() as { rows: Record<string, unknown>[]; period: string };
    assert.equal(communes.rows.length, 102);
    assert.equal(communes.period, vietnamDate().slice(0, 4), 'the public panels show the year by default');
  });

  it('seeds the public dashboard once: a second start-up adds nothing', async () => {
    await w.platform.modules.analytics.seed();
    const all = (await call('GET', '/api/analytics/dashboards', leader)).json() as { items: Dashboard[] };
    assert.deepEqual(all.items.map((d) => d.code).filter((c) => c === PUBLIC_CODE || c === 'toan-tinh').sort(), [PUBLIC_CODE, 'toan-tinh']);
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
