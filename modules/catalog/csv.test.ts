import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvSyntaxError, parseCsv, parseCsvRecords, writeCsv } from './csv.ts';

describe('CSV', () => {
  it('parses quoted fields with commas, quotes and line breaks', () => {
    const text = 'code,name\r\n01,"Sở Văn hóa, Thể thao và Du lịch"\r\n02,"Tên ""trong ngoặc"""\n03,"hai\ndòng"\n';
    assert.deepEqual(parseCsv(text), [
      ['code', 'name'],
      ['01', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['02', 'Tên "trong ngoặc"'],
      ['03', 'hai\ndòng'],
    ]);
  });

  it('keeps Vietnamese text, strips a byte-order mark and keeps empty fields', () => {
    assert.deepEqual(parseCsv('\uFEFFmã,tên,\nĐT,Đồng Tháp,'), [
      ['mã', 'tên', ''],
      ['ĐT', 'Đồng Tháp', ''],
    ]);
  });

  it('numbers records by line, counting line breaks inside quotes', () => {
    const { columns, records } = parseCsvRecords('code,name\n"a","x\ny"\nb,z\n');
    assert.deepEqual(columns, ['code', 'name']);
    assert.deepEqual(records.map((r) => [r.line, r.values.code]), [
      [2, 'a'],
      [3, 'b'],
    ]);
  });

  it('reports malformed quoting', () => {
    assert.throws(() => parseCsv('a,"b\n'), CsvSyntaxError);
    assert.throws(() => parseCsv('a,"b"c\n'), CsvSyntaxError);
    assert.throws(() => parseCsv('a,b"c"\n'), CsvSyntaxError);
  });

  it('round-trips what it writes', () => {
    const rows = [{ code: 'X1', name: 'Ủy ban, "nhân dân"\nxã' }, { code: 'X2', name: null }];
    const text = writeCsv(['code', 'name'], rows);
    assert.ok(text.startsWith('\uFEFF'));
    assert.deepEqual(parseCsv(text), [
      ['code', 'name'],
      ['X1', 'Ủy ban, "nhân dân"\nxã'],
      ['X2', ''],
    ]);
  });
});
