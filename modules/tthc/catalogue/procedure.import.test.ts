import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, parseCsvRecords, writeCsv } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { CSV_COLUMNS } from './procedure.import.ts';
import type { ProcedureFields } from './procedure.inputs.ts';
import { citizen, sampleProcedure, setUpCatalogue, type TestCatalogue } from './procedure.test-support.ts';

const detailsOf = (err: unknown) => {
  assert.ok(err instanceof AppError && err.status === 422 && err.code === 'tthc.import_invalid', String(err));
  return (err.details as { row: number; field: string }[]).map((d) => `${d.row}:${d.field}`);
};

describe('procedure CSV', () => {
  it('round-trips commas, quotes, line breaks and Vietnamese text', () => {
    const rows = [{ a: 'Sở Văn hóa, Thể thao và Du lịch', b: 'dòng 1\ndòng 2', c: 'nói "xin chào"' }, { a: ' cách ', b: '', c: null }];
    const csv = writeCsv(['a', 'b', 'c'], rows);
    assert.ok(csv.startsWith('\uFEFFa,b,c\r\n'));
    const parsed = parseCsvRecords(csv);
    assert.deepEqual(parsed.columns, ['a', 'b', 'c']);
    assert.deepEqual(parsed.records.map((r) => r.values), [{ ...rows[0] }, { a: ' cách ', b: '', c: '' }]);
    assert.deepEqual(parsed.records.map((r) => r.line), [2, 4], 'a record starts on the line after a quoted line break');
  });
});

describe('procedure import and export (database)', () => {
  let t: TestCatalogue;

  before(async () => {
    t = await setUpCatalogue();
  });
  after(async () => t.database.close());

  it('exports JSON and CSV that import back unchanged, and restores edited procedures', async () => {
    const json = await t.procedures.exportProcedures('json');
    const csv = await t.procedures.exportProcedures('csv');
    const exported = JSON.parse(json) as ProcedureFields[];
    assert.equal(exported.length, 14);
    assert.ok(exported.every((p) => !('id' in p) && !('version' in p)));
    assert.ok(csv.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`));
    assert.ok(csv.includes(',citizen|foreigner,online|counter|post,'), 'simple lists are |-separated');

    assert.deepEqual(await t.procedures.importProcedures(t.editor, { csv }), { created: 0, updated: 0, unchanged: 14 });
    assert.deepEqual(await t.procedures.importProcedures(t.editor, { json: exported }), { created: 0, updated: 0, unchanged: 14 });

    const khaiSinh = await t.procedures.getByCode('1.001193');
    await t.procedures.update(t.editor, khaiSinh.id, khaiSinh.version, { name: 'Đăng ký khai sinh (sửa)', fees: [], conditions: null });
    assert.deepEqual(await t.procedures.importProcedures(t.editor, { csv }), { created: 0, updated: 1, unchanged: 13 });
    assert.equal(await t.procedures.exportProcedures('csv'), csv);
    assert.equal(await t.procedures.exportProcedures('json'), json);
    assert.equal((await t.procedures.getByCode('1.001193')).version, khaiSinh.version + 2);
  });

  it('creates new procedures from JSON rows', async () => {
    const row = sampleProcedure({ nationalCode: '1.999101' });
    assert.deepEqual(await t.procedures.importProcedures(t.editor, { json: [row] }), { created: 1, updated: 0, unchanged: 0 });
    const created = await t.procedures.getByCode('1.999101');
    assert.equal(created.name, row.name);
    assert.deepEqual(created.fees, row.fees);
  });

  it('writes nothing when any row is wrong, and says which row and field', async () => {
    const before = await t.procedures.exportProcedures('json');
    const good = ['1.999201', 'Thủ tục mới hợp lệ', 'thuong-mai', 'province', '5', '', 'Giấy phép', 'false', 'true', 'Sở Công thương', 'organisation', 'online|counter', '[]', '[]', '[]', ''];
    const badLevel = ['1.999202', 'Sai cấp', 'thuong-mai', 'district', 'five', '', 'Giấy phép', 'maybe', 'true', '', 'citizen', 'counter', '[{"kind":"fee","name":"Phí","amountVnd":-5}]', '[]', '[]', ''];
    const badJson = ['1.999203', 'JSON hỏng', 'thuong-mai', 'province', '5', '', 'Giấy phép', 'false', 'true', '', 'citizen', 'counter', '[{', '[]', '[]', ''];
    const duplicate = [...good.slice(0, 1), 'Trùng mã', ...good.slice(2)];
    const csv = writeCsv(CSV_COLUMNS, [good, badLevel, badJson, duplicate].map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))));
    await assert.rejects(t.procedures.importProcedures(t.editor, { csv }), (err) => {
      assert.deepEqual(detailsOf(err), ['3:level', '3:processingDays', '3:fees[0].amountVnd', '3:fullyOnline', '4:fees', '5:nationalCode']);
      return true;
    });
    await assert.rejects(
      t.procedures.importProcedures(t.editor, { json: [sampleProcedure({ nationalCode: '1.999204' }), sampleProcedure({ nationalCode: '1.999205', parts: [{ code: 'x', name: 'X', required: true, originals: 1, copies: 0, formKey: 'khong-co' }] })] }),
      (err) => {
        assert.deepEqual(detailsOf(err), ['2:parts[0].formKey']);
        return true;
      },
    );
    assert.equal(await t.procedures.exportProcedures('json'), before);
  });

  it('refuses malformed files and callers without procedure.edit', async () => {
    await assert.rejects(t.procedures.importProcedures(t.editor, { csv: 'nationalCode,name,fee\n1.999301,X,0\n' }), (err) => {
      assert.ok(err instanceof AppError && err.status === 400 && err.code === 'tthc.csv_invalid');
      assert.deepEqual((err.details as { unknown: string[] }).unknown, ['fee']);
      return true;
    });
    await assert.rejects(t.procedures.importProcedures(t.editor, { csv: 'nationalCode,"name\n' }), rejectsWith(400, 'tthc.csv_invalid'));
    await assert.rejects(t.procedures.importProcedures(t.editor, {}), rejectsWith(400, 'tthc.import_source'));
    await assert.rejects(t.procedures.importProcedures(citizen, { json: [] }), rejectsWith(403, 'auth.forbidden'));
  });
});
