import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { anonymous, auditKeys, createHttpApp, loadConfig, queryRows, type App, type Database, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { createCatalogModule, ROOT_AGENCY_CODE } from './index.ts';

// Test-only wiring: the caller is chosen by a header instead of a bearer token.
function principalFor(who: string | undefined, rootId: string): Principal {
  if (who === 'editor') {
    return { kind: 'user', userId: 'editor', userType: 'official', displayName: 'Editor', grants: [{ agencyId: rootId, scope: 'subtree', permissions: ['catalog.edit', 'calendar.edit'] }], scopes: ['api'] };
  }
  if (who === 'viewer') return { kind: 'user', userId: 'viewer', userType: 'official', displayName: 'Viewer', grants: [], scopes: ['api'] };
  return anonymous;
}

describe('catalog HTTP API', () => {
  let database: Database;
  let app: App;
  let rootId = '';
  const as = (who?: string) => (who ? { 'x-test-principal': who } : {});
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from catalog.${table}`)))[0]?.n ?? 0;

  before(async () => {
    database = await createTestDatabase();
    const config = loadConfig({});
    const catalog = createCatalogModule({ db: database.db, config });
    await catalog.seed();
    rootId = (await catalog.service.findAgencyByCode(ROOT_AGENCY_CODE))!.id;
    app = createHttpApp({
      db: database.db,
      auditKeys: auditKeys(config.masterKey),
      logLevel: 'silent',
      bodyLimitBytes: 1_048_576,
      authenticate: async (request) => principalFor(request.headers['x-test-principal'] as string | undefined, rootId),
    });
    await app.register(catalog.routes, { prefix: '/api/catalog' });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('lists and searches agencies, with limits enforced by the schema', async () => {
    const res = await app.inject({ url: '/api/catalog/agencies?q=van%20phong%20uy%20ban' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items.map((a: { name: string }) => a.name), ['Văn phòng Ủy ban nhân dân tỉnh']);
    assert.equal((await app.inject({ url: '/api/catalog/agencies?limit=500' })).statusCode, 400);
    const unknown = await app.inject({ url: '/api/catalog/agencies?colour=red' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().code, 'request.invalid');
    const tree = (await app.inject({ url: '/api/catalog/agencies/tree' })).json().items;
    assert.equal(tree.length, 230);
    assert.equal(tree[0].depth, 0);
    assert.equal((await app.inject({ url: '/api/catalog/agencies/00000000-0000-4000-8000-000000000000' })).json().code, 'catalog.agency_not_found');
  });

  it('refuses writes without authentication or permission, and writes nothing', async () => {
    const body = { code: 'H19.NEW', name: 'Trung tâm Phục vụ hành chính công', kind: 'other', parentId: rootId };
    const before = await count('agencies');
    const anon = await app.inject({ method: 'POST', url: '/api/catalog/agencies', payload: body });
    assert.equal(anon.statusCode, 401);
    const viewer = await app.inject({ method: 'POST', url: '/api/catalog/agencies', payload: body, headers: as('viewer') });
    assert.equal(viewer.statusCode, 403);
    assert.equal(viewer.json().code, 'auth.forbidden');
    const calendar = await app.inject({ method: 'POST', url: '/api/catalog/calendar/exceptions', payload: { date: '2026-05-04', kind: 'day_off', name: 'x' }, headers: as('viewer') });
    assert.equal(calendar.statusCode, 403);
    assert.equal(await count('agencies'), before);
    assert.equal(await count('calendar_exceptions'), 0);
    const extra = await app.inject({ method: 'POST', url: '/api/catalog/agencies', payload: { ...body, admin: true }, headers: as('editor') });
    assert.equal(extra.statusCode, 400);
    const created = await app.inject({ method: 'POST', url: '/api/catalog/agencies', payload: body, headers: as('editor') });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.etag, '"v1"');
    assert.equal(await count('agencies'), before + 1);
  });

  it('updates with If-Match and reports stale versions', async () => {
    const agency = (await app.inject({ url: '/api/catalog/agencies?q=H19.NEW' })).json().items[0];
    const url = `/api/catalog/agencies/${agency.id}`;
    const etag = (await app.inject({ url })).headers.etag as string;
    const noPrecondition = await app.inject({ method: 'PATCH', url, payload: { active: false }, headers: as('editor') });
    assert.equal(noPrecondition.statusCode, 428);
    const ok = await app.inject({ method: 'PATCH', url, payload: { nameEn: 'Public Administration Service Centre' }, headers: { ...as('editor'), 'if-match': etag } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    const stale = await app.inject({ method: 'PATCH', url, payload: { active: false }, headers: { ...as('editor'), 'if-match': etag } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'catalog.version_conflict');
    assert.equal((await app.inject({ url })).json().active, true);
  });

  it('imports all or nothing and exports CSV', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/catalog/agencies/import',
      payload: { csv: 'code,name,kind,parentCode\nH19.A,Phòng A,other,000.00.00.H19\nH19.B,Phòng B,nonsense,000.00.00.H19\n' },
      headers: as('editor'),
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().details, [{ row: 3, field: 'kind', message: 'kind must be one of province, department, board, central, commune, service_centre, other' }]);
    assert.equal((await app.inject({ url: '/api/catalog/agencies?q=H19.A' })).json().total, 0);
    const csv = await app.inject({ url: '/api/catalog/agencies/export?format=csv' });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFFcode,name,nameEn,kind,parentCode'));
    assert.ok(csv.body.includes('"Sở Văn hóa, Thể thao và Du lịch"'));
    const json = await app.inject({ url: '/api/catalog/agencies/export' });
    assert.equal(JSON.parse(json.body).length, 128 + 103);
  });

  it('serves code lists with a strong ETag, 304 and a cache lifetime', async () => {
    const url = '/api/catalog/code-lists/ethnic-groups?at=2026-03-01';
    const first = await app.inject({ url });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['cache-control'], 'public, max-age=300');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    assert.equal(first.json().items.length, 55);
    const cached = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.body, '');
    assert.equal((await app.inject({ url: '/api/catalog/code-lists/ethnic-groups?at=2026-02-30' })).statusCode, 400);
    assert.equal((await app.inject({ url: '/api/catalog/code-lists/no-such-list' })).json().code, 'catalog.code_list_not_found');
    const lists = (await app.inject({ url: '/api/catalog/code-lists' })).json().items;
    assert.equal(lists.length, 6);
    const exported = await app.inject({ url: '/api/catalog/code-lists/document-types/export?format=csv' });
    assert.ok(exported.body.includes('QĐ,Quyết định'));
  });

  it('creates code-list versions only with permission', async () => {
    const payload = { items: [{ code: 'VN', name: 'Việt Nam' }], effectiveFrom: '2030-01-01', publish: true };
    const refused = await app.inject({ method: 'POST', url: '/api/catalog/code-lists/nationalities/versions', payload, headers: as('viewer') });
    assert.equal(refused.statusCode, 403);
    assert.equal(await count('code_list_versions'), 6);
    const created = await app.inject({ method: 'POST', url: '/api/catalog/code-lists/nationalities/versions', payload, headers: as('editor') });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().version, 2);
  });

  it('computes calendars and due dates', async () => {
    const year = await app.inject({ url: '/api/catalog/calendar/years/2026' });
    assert.equal(year.statusCode, 200);
    const tet = year.json().daysOff.filter((d: { name: string }) => d.name === 'Tết Nguyên đán').map((d: { date: string }) => d.date);
    assert.deepEqual(tet, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    assert.equal((await app.inject({ url: '/api/catalog/calendar/years/1800' })).statusCode, 400);
    const due = await app.inject({ url: '/api/catalog/calendar/add-working-days?start=2026-02-12&days=2' });
    assert.equal(due.json().result, '2026-02-23');
    const between = await app.inject({ url: '/api/catalog/calendar/working-days-between?from=2026-02-12&to=2026-02-23' });
    assert.equal(between.json().workingDays, 2);
    const added = await app.inject({
      method: 'POST',
      url: '/api/catalog/calendar/exceptions',
      payload: { date: '2026-02-23', kind: 'day_off', name: 'Nghỉ bắc cầu' },
      headers: as('editor'),
    });
    assert.equal(added.statusCode, 201);
    assert.equal((await app.inject({ url: '/api/catalog/calendar/add-working-days?start=2026-02-12&days=2' })).json().result, '2026-02-24');
    const removed = await app.inject({ method: 'DELETE', url: `/api/catalog/calendar/exceptions/${added.json().id}`, headers: as('editor') });
    assert.equal(removed.statusCode, 204);
    assert.equal(await count('calendar_exceptions'), 0);
  });

  it('shows the announced decisions with their documents, provisional days for undecided years, and days=0 never lands on a day off', async () => {
    const y2026 = (await app.inject({ url: '/api/catalog/calendar/years/2026' })).json();
    assert.equal(y2026.decided, true);
    const swapped = y2026.daysOff.find((d: { date: string }) => d.date === '2026-08-31');
    assert.equal(swapped.kind, 'swapped_off');
    assert.match(swapped.document, /9441\/TB-BNV/);
    const saturdays = y2026.workingDays.map((d: { date: string }) => d.date);
    assert.deepEqual(saturdays, ['2026-01-10', '2026-08-22']);
    const y2027 = (await app.inject({ url: '/api/catalog/calendar/years/2027' })).json();
    assert.equal(y2027.decided, false);
    assert.ok(y2027.daysOff.length > 0 && y2027.daysOff.every((d: { provisional?: boolean }) => d.provisional === true));
    const sameDay = await app.inject({ url: '/api/catalog/calendar/add-working-days?start=2026-12-05&days=0' });
    assert.equal(sameDay.statusCode, 200);
    assert.equal(sameDay.json().result, '2026-12-07');
  });
});
