import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../../packages/platform/index.ts';
import { catalogueRoutes } from './procedure.routes.ts';
import { appWithHeaderPrincipals, citizen, sampleProcedure, setUpCatalogue, type TestCatalogue } from './procedure.test-support.ts';
import { SIMPLE_PROCESS } from '../process/process.samples.ts';

describe('procedure catalogue HTTP API', () => {
  let t: TestCatalogue;
  let app: App;
  const as = (who: 'editor' | 'citizen') => ({ 'x-test-principal': who });

  before(async () => {
    t = await setUpCatalogue();
    app = appWithHeaderPrincipals(t.database.db, { editor: t.editor, citizen });
    await app.register(catalogueRoutes(t.procedures), { prefix: '/api/tthc' });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await t.database.close();
  });

  it('searches procedures publicly, with the limits of the schema', async () => {
    const res = await app.inject({ url: '/api/tthc/procedures?q=dang%20ky%20ket%20hon' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items.map((p: { nationalCode: string }) => p.nationalCode), ['1.000894']);
    assert.equal(res.json().limit, 20);
    assert.equal((await app.inject({ url: '/api/tthc/procedures?limit=101' })).statusCode, 400);
    assert.equal((await app.inject({ url: '/api/tthc/procedures?colour=red' })).json().code, 'request.invalid');
    const byCode = await app.inject({ url: '/api/tthc/procedure-codes/1.013225' });
    assert.equal(byCode.headers.etag, '"v1"');
    const offerings = await app.inject({ url: `/api/tthc/procedures/${byCode.json().id}/offerings` });
    assert.equal(offerings.json().items.length, 3);
    assert.equal((await app.inject({ url: '/api/tthc/procedures/00000000-0000-4000-8000-000000000000' })).json().code, 'tthc.procedure_not_found');
  });

  it('shows the verification markers to administrators only, and never an unconfirmed code as if it were real', async () => {
    const asEditor = await app.inject({ url: '/api/tthc/procedure-codes/0.000001', headers: as('editor') });
    assert.equal(asEditor.json().nationalCode, '0.000001');
    assert.equal(asEditor.json().verification.status, 'unverified');
    assert.deepEqual(asEditor.json().verification.unverified, ['nationalCode', 'processingDays']);
    for (const headers of [{}, as('citizen')]) {
      const food = await app.inject({ url: '/api/tthc/procedure-codes/0.000001', headers });
      assert.equal(food.statusCode, 200);
      assert.equal(food.json().nationalCode, '', 'the provisional code is not shown');
      assert.equal(food.json().verification, null);
      const judicial = await app.inject({ url: `/api/tthc/procedures/${asEditor.json().id}`, headers });
      assert.equal(judicial.json().verification, null);
      const page = await app.inject({ url: '/api/tthc/procedures?level=province', headers });
      assert.ok(page.json().items.every((p: { verification: unknown }) => p.verification === null));
      assert.ok(!page.json().items.some((p: { nationalCode: string }) => p.nationalCode === '0.000001'));
      assert.ok(page.json().items.some((p: { nationalCode: string }) => p.nationalCode === ''), 'listed, without its code');
      const exported = await app.inject({ url: '/api/tthc/procedures/export?format=json', headers });
      assert.ok(!exported.body.includes('0.000001') && !exported.body.includes('"unverified"'));
    }
    const verified = await app.inject({ url: '/api/tthc/procedure-codes/1.001193' });
    assert.equal(verified.json().nationalCode, '1.001193', 'a verified code is shown to everyone');
    const editorExport = await app.inject({ url: '/api/tthc/procedures/export?format=csv', headers: as('editor') });
    assert.ok(editorExport.body.includes('0.000001') && editorExport.body.includes('unverified'));
  });

  it('refuses writes without authentication or permission, and writes nothing', async () => {
    const payload = sampleProcedure({ nationalCode: '1.999401' });
    const before = await t.count('procedures');
    assert.equal((await app.inject({ method: 'POST', url: '/api/tthc/procedures', payload })).statusCode, 401);
    const refused = await app.inject({ method: 'POST', url: '/api/tthc/procedures', payload, headers: as('citizen') });
    assert.equal(refused.statusCode, 403);
    assert.equal(await t.count('procedures'), before);
    assert.equal((await app.inject({ method: 'POST', url: '/api/tthc/procedures', payload: { ...payload, admin: true }, headers: as('editor') })).statusCode, 400);
    const invalid = await app.inject({ method: 'POST', url: '/api/tthc/procedures', payload: { ...payload, processingDays: 999 }, headers: as('editor') });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(invalid.json().details, [{ field: 'processingDays', message: 'must be an integer from 0 to 365' }]);
    const created = await app.inject({ method: 'POST', url: '/api/tthc/procedures', payload, headers: as('editor') });
    assert.equal(created.statusCode, 201);
    assert.equal(await t.count('procedures'), before + 1);
  });

  it('updates with If-Match or version and reports stale writes', async () => {
    const { id } = (await app.inject({ url: '/api/tthc/procedure-codes/1.999401' })).json();
    const url = `/api/tthc/procedures/${id}`;
    assert.equal((await app.inject({ method: 'PATCH', url, payload: { processingDays: 5 }, headers: as('editor') })).statusCode, 428);
    const ok = await app.inject({ method: 'PATCH', url, payload: { processingDays: 5 }, headers: { ...as('editor'), 'if-match': '"v1"' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers.etag, '"v2"');
    const stale = await app.inject({ method: 'PATCH', url, payload: { processingDays: 6, version: 1 }, headers: as('editor') });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'tthc.version_conflict');
    assert.equal((await app.inject({ url })).json().processingDays, 5);
  });

  it('exports CSV and imports it back all or nothing', async () => {
    // The administrators' export is the import format (the public one leaves out the verification markers).
    const csv = await app.inject({ url: '/api/tthc/procedures/export?format=csv', headers: as('editor') });
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.equal(JSON.parse((await app.inject({ url: '/api/tthc/procedures/export' })).body).length, 15, 'JSON by default');
    const imported = await app.inject({ method: 'POST', url: '/api/tthc/procedures/import', payload: { csv: csv.body }, headers: as('editor') });
    assert.deepEqual(imported.json(), { created: 0, updated: 0, unchanged: 15 });
    const bad = await app.inject({ method: 'POST', url: '/api/tthc/procedures/import', payload: { json: [sampleProcedure({ nationalCode: 'x' })] }, headers: as('editor') });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().details, [{ row: 1, field: 'nationalCode', message: 'must be a national procedure code such as 1.001193' }]);
  });

  it('serves published forms, checks form data and keeps drafts to editors', async () => {
    const form = await app.inject({ url: '/api/tthc/forms/don-de-nghi-cap-giay-phep-xay-dung' });
    assert.equal(form.statusCode, 200);
    assert.equal(form.json().schema.properties.building.properties.floors.type, 'integer');
    const check = await app.inject({ method: 'POST', url: '/api/tthc/forms/don-de-nghi-cap-giay-phep-xay-dung/validate', payload: { building: { floors: 0 } } });
    assert.equal(check.json().valid, false);
    assert.ok(check.json().errors.some((e: { field: string }) => e.field === '/building/floors'));
    assert.equal((await app.inject({ url: '/api/tthc/forms', headers: as('citizen') })).statusCode, 403);
    const draft = await app.inject({ method: 'PUT', url: '/api/tthc/forms/mau-thu/draft', payload: { title: 'Mẫu thử', schema: { type: 'object' }, layout: {} }, headers: as('editor') });
    assert.equal(draft.statusCode, 200);
    assert.equal((await app.inject({ url: '/api/tthc/forms/mau-thu/versions/1' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/tthc/forms/mau-thu/versions/1', headers: as('editor') })).json().status, 'draft');
    const published = await app.inject({ method: 'POST', url: '/api/tthc/forms/mau-thu/versions/1/publish', headers: as('editor') });
    assert.equal(published.json().status, 'published');
  });

  it('serves processes with their graph and as BPMN, and validates drafts', async () => {
    const view = await app.inject({ url: '/api/tthc/processes/cap-phep-xay-dung' });
    assert.equal(view.statusCode, 200);
    assert.ok(view.json().graph.nodes.some((n: { stepId?: string }) => n.stepId === 'tham_dinh_pccc'));
    const bpmn = await app.inject({ url: '/api/tthc/processes/cap-phep-xay-dung/versions/1/bpmn' });
    assert.match(bpmn.headers['content-type'] as string, /^application\/xml/);
    assert.ok(bpmn.body.includes('Thẩm định an toàn PCCC'));
    const invalid = await app.inject({ method: 'PUT', url: '/api/tthc/processes/moi/draft', payload: { name: 'Mới', definition: { ...SIMPLE_PROCESS, start: 'khong_co' } }, headers: as('editor') });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(invalid.json().details.map((d: { path: string }) => d.path), ['start']);
    assert.equal((await app.inject({ url: '/api/tthc/processes', headers: as('editor') })).json().items.length, 3);
  });
});
