import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, loadConfig, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../packages/platform/testing.ts';
import type { Database } from '../../packages/platform/index.ts';
import { createCatalogModule, ROOT_AGENCY_CODE, type CatalogModule } from './index.ts';
import { editorOn, countRows } from './test-support.ts';




describe('organisation chart (database)', () => {
  let database: Database;
  let catalog: CatalogModule;
  let rootId: string;
  let admin: Principal;

  before(async () => {
    database = await createTestDatabase();
    catalog = createCatalogModule({ db: database.db, config: loadConfig({}) });
  });
  after(async () => database.close());

  it('seeds the chart and the code lists once, even when two seeders race', async () => {
    const started = performance.now();
    await Promise.all([catalog.seed(), catalog.seed()]);
    const firstMs = performance.now() - started;
    await catalog.seed();
    assert.equal(await countRows(database, 'agencies'), 1 + 13 + 11 + 102 + 1 + 102, 'with the provincial and 102 commune service centres');
    assert.equal(await countRows(database, 'code_lists'), 6);
    assert.equal(await countRows(database, 'code_list_versions'), 6);
    assert.ok(firstMs < 5000, `seeding took ${firstMs} ms`);
    const again = performance.now();
    await catalog.seed();
    assert.ok(performance.now() - again < 1000);
    const root = await catalog.service.findAgencyByCode(ROOT_AGENCY_CODE);
    assert.ok(root && root.parentId === null && root.kind === 'province');
    rootId = root.id;
    admin = editorOn(rootId);
  });

  it('knows each agency’s ancestors, nearest first', async () => {
    const communes = await catalog.service.listAgencyPage({ kind: 'commune', limit: 200, offset: 0 });
    assert.equal(communes.total, 102);
    assert.ok(communes.items.every((c) => c.placeholder));
    assert.deepEqual(await catalog.service.agencyAncestors(communes.items[0]!.id), [rootId]);
    assert.deepEqual(await catalog.service.agencyAncestors(rootId), []);
    await assert.rejects(catalog.service.agencyAncestors('00000000-0000-4000-8000-000000000000'), rejectsWith(404, 'catalog.agency_not_found'));
  });

  it('searches agencies with or without diacritics', async () => {
    for (const q of ['so tu phap', 'Sở Tư pháp', 'SỞ TƯ PHÁP']) {
      const page = await catalog.service.listAgencyPage({ q, limit: 10, offset: 0 });
      assert.deepEqual(page.items.map((a) => a.name), ['Sở Tư pháp'], q);
    }
    const none = await catalog.service.listAgencyPage({ q: '100%', limit: 10, offset: 0 });
    assert.equal(none.total, 0);
  });

  it('rejects an import with bad rows and writes nothing', async () => {
    const before = await catalog.service.exportAgencies('json');
    const csv = [
      'code,name,nameEn,kind,parentCode',
      'H19.01,"Sở Nội vụ, tỉnh Đồng Tháp",,department,000.00.00.H19',
      'H19.02,,,department,000.00.00.H19',
      'H19.03,Phòng X,,bureau,H19.99',
      'H19.01,Trùng mã,,department,000.00.00.H19',
    ].join('\n');
    await assert.rejects(catalog.service.importAgencies(admin, { csv }), (err: unknown) => {
      assert.ok(err instanceof AppError && err.code === 'catalog.import_invalid' && err.status === 422);
      const rows = (err.details as { row: number; field: string }[]).map((d) => `${d.row}:${d.field}`);
      assert.deepEqual(rows, ['3:name', '4:kind', '5:code']);
      return true;
    });
    // A parent that does not exist is caught only against the database.
    await assert.rejects(
      catalog.service.importAgencies(admin, { rows: [{ code: 'H19.05', name: 'Phòng Y', kind: 'other', parentCode: 'NOPE' }] }),
      rejectsWith(422, 'catalog.import_invalid'),
    );
    assert.equal(await catalog.service.exportAgencies('json'), before);
  });

  it('imports the official list: renames stand-ins by name or replacesCode, adds new rows', async () => {
    const result = await catalog.service.importAgencies(admin, {
      rows: [
        { code: '000.00.11.H19', name: 'Sở Tư pháp', nameEn: 'Department of Justice', kind: 'department', parentCode: ROOT_AGENCY_CODE },
        { code: '000.01.11.H19', name: 'Phòng Hành chính tư pháp', kind: 'other', parentCode: '000.00.11.H19' },
        { code: '000.00.31.H19', name: 'UBND phường Cao Lãnh', kind: 'commune', parentCode: ROOT_AGENCY_CODE, replacesCode: 'TAM.H19.X001' },
      ],
    });
    assert.deepEqual(result, { created: 1, updated: 2, unchanged: 0 });
    const justice = await catalog.service.findAgencyByCode('000.00.11.H19');
    assert.ok(justice && !justice.placeholder && justice.version === 2);
    assert.equal(await catalog.service.findAgencyByCode('TAM.H19.X001'), undefined);
    const bureau = await catalog.service.findAgencyByCode('000.01.11.H19');
    assert.deepEqual(await catalog.service.agencyAncestors(bureau!.id), [justice.id, rootId]);
    assert.equal(await countRows(database, 'agencies'), 128 + 103);
    // Re-importing the same rows changes nothing.
    const again = await catalog.service.importAgencies(admin, { rows: [{ code: '000.01.11.H19', name: 'Phòng Hành chính tư pháp', kind: 'other', parentCode: '000.00.11.H19' }] });
    assert.deepEqual(again, { created: 0, updated: 0, unchanged: 1 });
  });

  it('updates with optimistic concurrency, refuses cycles and out-of-scope edits', async () => {
    const justice = (await catalog.service.findAgencyByCode('000.00.11.H19'))!;
    const bureau = (await catalog.service.findAgencyByCode('000.01.11.H19'))!;
    const renamed = await catalog.service.updateAgency(admin, bureau.id, bureau.version, { name: 'Phòng Hành chính - Tư pháp' });
    assert.equal(renamed.version, bureau.version + 1);
    await assert.rejects(catalog.service.updateAgency(admin, bureau.id, bureau.version, { active: false }), rejectsWith(409, 'catalog.version_conflict'));
    await assert.rejects(catalog.service.updateAgency(admin, justice.id, justice.version, { parentId: bureau.id }), rejectsWith(422, 'catalog.agency_cycle'));
    const justiceEditor = editorOn(justice.id);
    const ok = await catalog.service.updateAgency(justiceEditor, bureau.id, renamed.version, { nameEn: 'Administrative Justice Office' });
    assert.equal(ok.nameEn, 'Administrative Justice Office');
    const health = (await catalog.service.listAgencyPage({ q: 'so y te', limit: 1, offset: 0 })).items[0]!;
    await assert.rejects(catalog.service.updateAgency(justiceEditor, health.id, health.version, { name: 'X' }), rejectsWith(403, 'auth.out_of_scope'));
    await assert.rejects(catalog.service.importAgencies(justiceEditor, { rows: [] }), rejectsWith(403, 'auth.out_of_scope'));
    await assert.rejects(
      catalog.service.createAgency(admin, { code: ROOT_AGENCY_CODE, name: 'Trùng', kind: 'other', parentId: justice.id }),
      rejectsWith(409, 'catalog.agency_code_taken'),
    );
  });
});
