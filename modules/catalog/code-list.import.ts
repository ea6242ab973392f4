/** Reading and checking the items of a new code-list version before anything is written. */
import { badRequest, canonicalJson, CsvSyntaxError, parseCsvRecords, sha256Hex, writeCsv } from '../../packages/platform/index.ts';

import type { ImportRowError } from './agency.types.ts';
import type { CodeListItem, ItemInput } from './code-list.types.ts';
import type { ItemInsert } from './code-list.repository.ts';
import { searchFold } from './agency.repository.ts';

export const ITEM_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;
export const LIST_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_ITEMS = 10_000;
const MAX_TEXT = 500;
const KNOWN_COLUMNS = ['code', 'name', 'nameEn', 'parentCode', 'sortOrder'];

export interface NumberedItem {
  row: number;
  value: ItemInput;
}

/** CSV with a header; columns other than the known ones go into each item's `extra`. */
export function itemsFromCsv(text: string): NumberedItem[] {
  let parsed: ReturnType<typeof parseCsvRecords>;
  try {
    parsed = parseCsvRecords(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw badRequest('catalog.csv_invalid', `CSV syntax error on line ${err.line}: ${err.message}`, { line: err.line });
    throw err;
  }
  const missing = ['code', 'name'].filter((c) => !parsed.columns.includes(c));
  if (missing.length) throw badRequest('catalog.csv_invalid', `The CSV header lacks column(s): ${missing.join(', ')}`, { missing });
  if (parsed.records.length > MAX_ITEMS) throw badRequest('catalog.import_too_large', `At most ${MAX_ITEMS} items per version`);
  const extraColumns = parsed.columns.filter((c) => c && !KNOWN_COLUMNS.includes(c));
  return parsed.records.map(({ line, values }) => {
    const extra: Record<string, unknown> = {};
    for (const c of extraColumns) if ((values[c] ?? '') !== '') extra[c] = values[c];
    const sort = (values.sortOrder ?? '').trim();
    return {
      row: line,
      value: {
        code: (values.code ?? '').trim(),
        name: (values.name ?? '').trim(),
        nameEn: (values.nameEn ?? '').trim() || null,
        parentCode: (values.parentCode ?? '').trim() || null,
        sortOrder: sort === '' ? undefined : /^-?\d{1,9}$/.test(sort) ? Number(sort) : Number.NaN,
        extra,
      },
    };
  });
}

export const itemsFromJson = (items: ItemInput[]): NumberedItem[] =>
  items.map((value, i) => ({ row: i + 1, value: { ...value, code: value.code.trim(), name: value.name.trim() } }));

export function checkItems(items: NumberedItem[]): { errors: ImportRowError[]; rows: ItemInsert[] } {
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of items) {
    if (!ITEM_CODE.test(value.code)) errors.push({ row, field: 'code', message: 'code must be 1–64 letters, digits, ".", "_" or "-"' });
    if (!value.name || value.name.length > MAX_TEXT) errors.push({ row, field: 'name', message: `name must be 1–${MAX_TEXT} characters` });
    if ((value.nameEn ?? '').length > MAX_TEXT) errors.push({ row, field: 'nameEn', message: `nameEn is longer than ${MAX_TEXT} characters` });
    if (value.sortOrder !== undefined && !Number.isInteger(value.sortOrder)) errors.push({ row, field: 'sortOrder', message: 'sortOrder must be an integer' });
    const first = seen.get(value.code);
    if (first !== undefined) errors.push({ row, field: 'code', message: `code ${value.code} already appears on row ${first}` });
    else seen.set(value.code, row);
  }
  for (const { row, value } of items) {
    if (value.parentCode && !seen.has(value.parentCode)) errors.push({ row, field: 'parentCode', message: `no item has the code ${value.parentCode}` });
    if (value.parentCode === value.code) errors.push({ row, field: 'parentCode', message: 'an item cannot be its own parent' });
  }
  const rows = items.map(({ value }, i) => ({
    code: value.code,
    name: value.name,
    nameEn: value.nameEn || null,
    parentCode: value.parentCode || null,
    sortOrder: value.sortOrder ?? (i + 1) * 10,
    extra: value.extra ?? {},
    search: searchFold(`${value.code} ${value.name} ${value.nameEn ?? ''}`),
  }));
  return { errors: errors.sort((a, b) => a.row - b.row), rows };
}

export function contentHash(items: CodeListItem[]): string {
  return sha256Hex(canonicalJson(items.map(({ code, name, nameEn, parentCode, sortOrder, extra }) => [code, name, nameEn, parentCode, sortOrder, extra])));
}

/** CSV of items: the known columns, then one column per `extra` key found in any item. */
export function itemsToCsv(items: CodeListItem[]): string {
  const extraKeys = [...new Set(items.flatMap((i) => Object.keys(i.extra)))].filter((k) => !KNOWN_COLUMNS.includes(k)).sort();
  const rows = items.map((i) => {
    const row: Record<string, string | number | null> = { code: i.code, name: i.name, nameEn: i.nameEn, parentCode: i.parentCode, sortOrder: i.sortOrder };
    for (const k of extraKeys) {
      const v = i.extra[k];
      row[k] = v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
    }
    return row;
  });
  return writeCsv([...KNOWN_COLUMNS, ...extraKeys], rows);
}
