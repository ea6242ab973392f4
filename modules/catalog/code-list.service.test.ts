import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, loadConfig, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../packages/platform/testing.ts';
import type { Database } from '../../packages/platform/index.ts';
import { createCatalogModule, type CatalogModule } from './index.ts';
import { editorOn, countRows } from './test-support.ts';




describe('code lists (database)', () => {
  let database: Database;
  let catalog: CatalogModule;
  let admin: Principal;

  before(async () => {
    database = await createTestDatabase();
    catalog = createCatalogModule({ db: database.db, config: loadConfig({}) });
    await catalog.seed();
    admin = editorOn((await catalog.service.rootAgency()).id);
  });
  after(async () => database.close());

  it('serves the 54 ethnic groups in the official order', async () => {
    const view = await catalog.service.readCodeList('ethnic-groups', {});
    assert.ok(!view.notModified);
    assert.deepEqual(view.items.slice(0, 5).map((i) => `${i.code} ${i.name}`), ['01 Kinh', '02 Tày', '03 Thái', '04 Hoa', '05 Khơ-me']);
    assert.equal(view.items.find((i) => i.code === '54')?.name, 'Rơ-măm');
    const search = await catalog.service.readCodeList('ethnic-groups', { q: 'kho me' });
    assert.ok(!search.notModified && search.items.map((i) => i.code).includes('05'));
    const religion = await catalog.service.readCodeList('religions', { q: 'hoa hao' });
    assert.ok(!religion.notModified && religion.items[0]?.name === 'Phật giáo Hòa Hảo');
  });

  it('answers If-None-Match without reading items, and changes the ETag with the content', async () => {
    const first = await catalog.service.readCodeList('religions', { at: '2026-01-01' });
    const again = await catalog.service.readCodeList('religions', { at: '2026-01-01' }, first.etag);
    assert.deepEqual(again, { notModified: true, etag: first.etag });
    const searched = await catalog.service.readCodeList('religions', { at: '2026-01-01', q: 'giao' });
    assert.notEqual(searched.etag, first.etag);
  });

  it('supersedes a version from its effective date; drafts stay invisible until published', async () => {
    const v2 = await catalog.service.importVersion(admin, 'religions', {
      csv: 'code,name,nameEn,registeredBy\n00,Không,None,\n01,Phật giáo,Buddhism,"Giáo hội Phật giáo Việt Nam"\n',
      effectiveFrom: '2030-01-01',
      publish: true,
    });
    assert.equal(v2.version, 2);
    const draft = await catalog.service.importVersion(admin, 'religions', { items: [{ code: '00', name: 'Không' }], effectiveFrom: '2031-01-01', publish: false });
    assert.equal(draft.status, 'draft');
    const on = async (at: string) => {
      const r = await catalog.service.readCodeList('religions', { at });
      assert.ok(!r.notModified);
      return r;
    };
    assert.equal((await on('2029-12-31')).version.version, 1);
    const in2030 = await on('2030-01-01');
    assert.equal(in2030.version.version, 2);
    assert.equal(in2030.items[1]?.extra.registeredBy, 'Giáo hội Phật giáo Việt Nam');
    assert.equal((await on('2032-06-01')).version.version, 2);
    const versions = await catalog.service.codeListVersions('religions');
    assert.equal(versions[0]?.effectiveTo, '2030-01-01');
    assert.equal(versions[1]?.effectiveTo, null);
    await catalog.service.publishVersion(admin, 'religions', 3);
    assert.equal((await on('2032-06-01')).version.version, 3);
    assert.equal((await catalog.service.codeListVersions('religions'))[1]?.effectiveTo, '2031-01-01');
    await assert.rejects(catalog.service.publishVersion(admin, 'religions', 3), rejectsWith(409, 'catalog.version_published'));
  });

  it('rejects invalid items with row details and writes nothing', async () => {
    const versionsBefore = await countRows(database, 'code_list_versions');
    const itemsBefore = await countRows(database, 'code_list_items');
    await assert.rejects(
      catalog.service.importVersion(admin, 'document-types', {
        csv: 'code,name,parentCode,sortOrder\nQĐ,Quyết định,,1\nQĐ,Trùng,,2\nCV,,,3\nTB,Thông báo,XX,abc\n',
        effectiveFrom: '2030-01-01',
        publish: true,
      }),
      (err: unknown) => {
        assert.ok(err instanceof AppError && err.status === 422 && err.code === 'catalog.import_invalid');
        assert.deepEqual((err.details as { row: number; field: string }[]).map((d) => `${d.row}:${d.field}`), ['3:code', '4:name', '5:sortOrder', '5:parentCode']);
        return true;
      },
    );
    await assert.rejects(catalog.service.importVersion(admin, 'document-types', { csv: 'code,name\n"QĐ,x\n', effectiveFrom: '2030-01-01', publish: true }), rejectsWith(400, 'catalog.csv_invalid'));
    assert.equal(await countRows(database, 'code_list_versions'), versionsBefore);
    assert.equal(await countRows(database, 'code_list_items'), itemsBefore);
  });

  it('exports what it imports', async () => {
    const exported = await catalog.service.exportCodeList('procedure-fields', 'csv', {});
    const created = await catalog.service.createCodeList(admin, { code: 'procedure-fields-copy', name: 'Bản sao' });
    assert.equal(created.extendable, false);
    await catalog.service.importVersion(admin, 'procedure-fields-copy', { csv: exported.body, effectiveFrom: '2025-01-01', publish: true });
    const original = await catalog.service.readCodeList('procedure-fields', {});
    const copy = await catalog.service.readCodeList('procedure-fields-copy', {});
    assert.ok(!original.notModified && !copy.notModified);
    assert.ok(original.items.length >= 20);
    assert.deepEqual(copy.items, original.items);
  });
});
