import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { loadConfig, queryRows, type Database } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import { createCatalogModule, type CatalogModule } from '../index.ts';
import { editorOn } from '../test-support.ts';
import { seedAgencies } from './agencies.ts';
import { seedCodeLists } from './code-lists.ts';
import { communeCode, seedCommunes } from './communes.ts';

/** What the first release printed in place of a name: "UBND xã/phường số 001 (chưa có tên chính thức)". */
const PLACEHOLDER = /chưa có tên|số 0\d|official name pending|no\. 0\d/i;

describe('communes of Đồng Tháp from 01/07/2025 (seed data)', () => {
  it('has the 102 units of Resolution 1663/NQ-UBTVQH15: 20 wards and 82 communes, each with its code and source', () => {
    const communes = seedCommunes();
    assert.equal(communes.length, 102);
    assert.equal(communes.filter((c) => c.type === 'phường').length, 20);
    assert.equal(communes.filter((c) => c.type === 'xã').length, 82);
    assert.equal(new Set(communes.map((c) => c.unitCode)).size, 102, 'codes are unique');
    assert.equal(new Set(communes.map((c) => `${c.type} ${c.name}`)).size, 102, 'names are unique');
    for (const c of communes) {
      assert.match(c.unitCode, /^\d{5}$/, c.name);
      assert.match(c.source, /1663\/NQ-UBTVQH15 Điều 1 khoản \d+; mã: 19\/2025\/QĐ-TTg/, c.name);
      assert.ok(c.formedFrom.length >= 1, c.name);
    }
    assert.deepEqual(
      communes.slice(0, 3).map((c) => [c.type, c.name, c.unitCode]),
      [['xã', 'Tân Hồng', '29926'], ['xã', 'Tân Thành', '29938'], ['xã', 'Tân Hộ Cơ', '29929']],
    );
    assert.ok(communes.some((c) => c.type === 'phường' && c.name === 'Cao Lãnh'));
    assert.ok(communes.some((c) => c.type === 'phường' && c.name === 'Mỹ Tho'));
  });

  it('seeds no placeholder name in the chart or in any code list', () => {
    for (const a of seedAgencies()) {
      assert.doesNotMatch(a.name, PLACEHOLDER, a.code);
      assert.doesNotMatch(a.nameEn ?? '', PLACEHOLDER, a.code);
    }
    for (const list of seedCodeLists()) {
      for (const item of list.items) {
        assert.doesNotMatch(item.name, PLACEHOLDER, `${list.code} ${item.code}`);
        assert.notEqual(item.extra?.['placeholder'], true, `${list.code} ${item.code}`);
      }
    }
    const communes = seedAgencies().filter((a) => a.kind === 'commune');
    assert.equal(communes.length, 102);
    assert.equal(communes[0]!.name, 'UBND xã Tân Hồng');
    assert.ok(communes.some((a) => a.name === 'UBND phường Cao Lãnh'));
  });
});

describe('communes of Đồng Tháp (database)', () => {
  let database: Database;
  let catalog: CatalogModule;

  before(async () => {
    database = await createTestDatabase();
    catalog = createCatalogModule({ db: database.db, config: loadConfig({}) });
    await catalog.seed();
  });
  after(async () => database.close());

  it('links each commune’s People’s Committee to its administrative unit and official code', async () => {
    const view = await catalog.service.readCodeList('administrative-units', {});
    assert.ok(!view.notModified);
    assert.equal(view.total, 103);
    const units = view.items.filter((i) => i.parentCode === '82');
    assert.equal(units.length, 102);
    assert.deepEqual(new Set(units.map((u) => u.code)), new Set(seedCommunes().map((c) => c.unitCode)));
    assert.equal(units.filter((u) => u.name.startsWith('Phường ')).length, 20);
    const tanHong = (await catalog.service.findAgencyByCode(communeCode(1)))!;
    assert.equal(tanHong.name, 'UBND xã Tân Hồng');
    assert.deepEqual(await catalog.service.administrativeUnitOf(tanHong.id), { code: '29926', name: 'Xã Tân Hồng', level: 'commune' });
    const justice = (await catalog.service.listAgencyPage({ q: 'Sở Tư pháp', limit: 1, offset: 0 })).items[0]!;
    assert.equal(await catalog.service.administrativeUnitOf(justice.id), undefined);
  });

  it('has the provincial service centre and one under each commune’s People’s Committee (Decree 118/2025/NĐ-CP)', async () => {
    const tree = await catalog.service.tree();
    const root = tree[0]!;
    const provincial = tree.filter((a) => a.name === 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp');
    assert.equal(provincial.length, 1);
    assert.equal(provincial[0]!.parentId, root.id);
    const tanHong = tree.find((a) => a.code === communeCode(1))!;
    assert.deepEqual(tree.filter((a) => a.parentId === tanHong.id).map((a) => [a.name, a.depth]), [['Trung tâm Phục vụ hành chính công xã Tân Hồng', 2]]);
    const centres = tree.filter((a) => a.name.startsWith('Trung tâm Phục vụ hành chính công ') && a.depth === 2);
    assert.equal(centres.length, 102);
    assert.ok(centres.every((c) => tree.find((p) => p.id === c.parentId)?.kind === 'commune'));
  });

  it('matches an official import to the seeded commune by its real name, keeping its id', async () => {
    const seeded = (await catalog.service.findAgencyByCode(communeCode(2)))!;
    const root = await catalog.service.rootAgency();
    const result = await catalog.service.importAgencies(editorOn(root.id), {
      rows: [{ code: 'TEST.31.02.H19', name: 'UBND xã Tân Thành', kind: 'commune', parentCode: root.code }],
    });
    assert.deepEqual(result, { created: 0, updated: 1, unchanged: 0 });
    const imported = (await catalog.service.findAgencyByCode('TEST.31.02.H19'))!;
    assert.equal(imported.id, seeded.id);
    assert.equal(imported.placeholder, false);
  });

  it('renames the stand-ins an earlier release seeded, keeping ids, and is idempotent', async () => {
    // Put the database back in the state the earlier release left it in.
    await database.db.execute(sql`update catalog.agencies
      set name = 'UBND xã/phường số ' || substr(code, 10) || ' (chưa có tên chính thức)', name_en = 'Commune/ward no. ' || substr(code, 10)
      where code like 'TAM.H19.X%'`);
    const renamedByAdmin = (await catalog.service.findAgencyByCode(communeCode(102)))!;
    await database.db.execute(sql`update catalog.agencies set name = 'UBND xã Tên Do Quản Trị Đặt' where id = ${renamedByAdmin.id}`);
    await database.db.execute(sql`update catalog.code_list_items set name = 'Xã/phường số ' || lpad(sort_order::text, 3, '0') || ' (chưa có tên chính thức)'
      where parent_code is not null and version_id in (select id from catalog.code_list_versions where list_code = 'administrative-units')`);
    // …and before the service centres existed.
    await database.db.execute(sql`delete from catalog.agencies where code like '%TTPVHCC' and code <> ${communeCode(5)} || '.TTPVHCC'`);
    const before = new Map((await catalog.service.listAgencies()).map((a) => [a.code, a.id]));
    const kept = before.get(`${communeCode(5)}.TTPVHCC`);

    await catalog.seed();
    await catalog.seed();

    const after = await catalog.service.listAgencies();
    const afterIds = new Map(after.map((a) => [a.code, a.id]));
    for (const [code, id] of before) assert.equal(afterIds.get(code), id, `${code} keeps its id`);
    assert.equal(after.length, before.size + 102, 'the service centres are added, once');
    assert.equal(afterIds.get(`${communeCode(5)}.TTPVHCC`), kept);
    const imported = after.find((a) => a.code === 'TEST.31.02.H19')!;
    assert.equal(after.find((a) => a.name === 'Trung tâm Phục vụ hành chính công xã Tân Thành')!.parentId, imported.id, 'under the recoded commune, found by name');
    assert.equal(after.find((a) => a.code === communeCode(1))!.name, 'UBND xã Tân Hồng');
    assert.equal(after.find((a) => a.code === communeCode(1))!.nameEn, "People's Committee of Tân Hồng Commune");
    assert.equal(after.find((a) => a.code === communeCode(102))!.name, 'UBND xã Tên Do Quản Trị Đặt', 'an administrator’s name is kept');
    assert.deepEqual(after.filter((a) => PLACEHOLDER.test(a.name) || PLACEHOLDER.test(a.nameEn ?? '')), []);

    const versions = await catalog.service.codeListVersions('administrative-units');
    assert.deepEqual(versions.map((v) => v.version), [1, 2], 'one new version, not one per start');
    const view = await catalog.service.readCodeList('administrative-units', { at: '2025-07-01' });
    assert.ok(!view.notModified);
    assert.equal(view.version.version, 2);
    assert.deepEqual(view.items.filter((i) => PLACEHOLDER.test(i.name)), []);
    const [stale] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from catalog.code_list_versions
      where list_code = 'administrative-units' and version = 1 and effective_to = effective_from`);
    assert.equal(stale!.n, 1, 'the stand-in version is never in force again');
  });
});
