import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvSyntaxError, parseCsv, parseCsvRecords, parseCsvRows, writeCsv } from './csv.ts';

describe('CSV (RFC 4180)', () => {
  it('parses quoted fields with commas, quotes and line breaks', () => {
    const text = 'code,name\r\n01,"Sở Văn hóa, Thể thao và Du lịch"\r\n02,"Tên ""trong ngoặc"""\n03,"hai\r\ndòng"\n';
    assert.deepEqual(parseCsv(text), [
      ['code', 'name'],
      ['01', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['02', 'Tên "trong ngoặc"'],
      ['03', 'hai\r\ndòng'],
    ]);
  });

  it('keeps Vietnamese text, strips a byte-order mark and keeps empty fields', () => {
    assert.deepEqual(parseCsv('\uFEFFmã,tên,\nĐT,Đồng Tháp,'), [
      ['mã', 'tên', ''],
      ['ĐT', 'Đồng Tháp', ''],
    ]);
  });

  it('skips fully empty lines but keeps a row of one quoted empty field', () => {
    assert.deepEqual(parseCsv('a\r\n\r\n\nb\n""\n'), [['a'], ['b'], ['']]);
    assert.deepEqual(parseCsv(''), []);
    assert.deepEqual(parseCsv('\uFEFF'), []);
  });

  it('handles a last line without a line end and a trailing empty field', () => {
    assert.deepEqual(parseCsv('a,b\r\nc,'), [['a', 'b'], ['c', '']]);
    assert.deepEqual(parseCsv('a,"b"'), [['a', 'b']]);
  });

  it('numbers rows by the physical line they start on, counting line breaks inside quotes', () => {
    assert.deepEqual(parseCsvRows('h\n"x\ny"\nz\r\n\r\nw').map((r) => r.line), [1, 2, 4, 6]);
    const { columns, records } = parseCsvRecords(' code ,name\n"a","x\ny"\nb,z\n');
    assert.deepEqual(columns, ['code', 'name']);
    assert.deepEqual(records.map((r) => [r.line, r.values.code, r.values.name]), [
      [2, 'a', 'x\ny'],
      [4, 'b', 'z'],
    ]);
  });

  it('gives missing trailing columns as empty strings', () => {
    assert.deepEqual(parseCsvRecords('a,b,c\n1\n').records[0]!.values, { a: '1', b: '', c: '' });
  });

  it('reports malformed quoting with its line', () => {
    assert.throws(() => parseCsv('a,"b\n'), CsvSyntaxError);
    assert.throws(() => parseCsv('a,"b"c\n'), CsvSyntaxError);
    assert.throws(() => parseCsv('x\na,b"c"\n'), (err: unknown) => err instanceof CsvSyntaxError && err.line === 2);
  });

  it('round-trips what it writes, with a byte-order mark and CRLF', () => {
    const rows = [{ code: 'X1', name: 'Ủy ban, "nhân dân"\nxã' }, { code: 'X2', name: null }, { code: ' padded ', name: 3 }];
    const text = writeCsv(['code', 'name'], rows);
    assert.ok(text.startsWith('\uFEFFcode,name\r\n'));
    assert.deepEqual(parseCsv(text), [
      ['code', 'name'],
      ['X1', 'Ủy ban, "nhân dân"\nxã'],
      ['X2', ''],
      [' padded ', '3'],
    ]);
  });
});
