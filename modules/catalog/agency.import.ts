/** Reading and checking the official list of agencies before anything is written. */
import { badRequest, CsvSyntaxError, parseCsvRecords } from '../../packages/platform/index.ts';
import { AGENCY_KINDS, type AgencyImportRow, type ImportRowError } from './agency.types.ts';

export const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_NAME = 300;
export const MAX_IMPORT_ROWS = 5000;

export interface NumberedRow<T> {
  row: number;
  value: T;
}

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** Rows of a CSV file with a header (code,name,nameEn,kind,parentCode[,replacesCode]); `row` is the line. */
export function agencyRowsFromCsv(text: string): NumberedRow<AgencyImportRow>[] {
  let parsed: ReturnType<typeof parseCsvRecords>;
  try {
    parsed = parseCsvRecords(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw badRequest('catalog.csv_invalid', `CSV syntax error on line ${err.line}: ${err.message}`, { line: err.line });
    throw err;
  }
  const missing = ['code', 'name', 'kind'].filter((c) => !parsed.columns.includes(c));
  if (missing.length) throw badRequest('catalog.csv_invalid', `The CSV header lacks column(s): ${missing.join(', ')}`, { missing });
  if (parsed.records.length > MAX_IMPORT_ROWS) throw badRequest('catalog.import_too_large', `At most ${MAX_IMPORT_ROWS} rows per import`);
  return parsed.records.map(({ line, values }) => ({
    row: line,
    value: {
      code: (values.code ?? '').trim(),
      name: (values.name ?? '').trim(),
      nameEn: parsed.columns.includes('nameEn') ? blankToNull(values.nameEn) : undefined,
      kind: (values.kind ?? '').trim(),
      parentCode: blankToNull(values.parentCode),
      replacesCode: blankToNull(values.replacesCode),
    },
  }));
}

export function agencyRowsFromJson(rows: AgencyImportRow[]): NumberedRow<AgencyImportRow>[] {
  return rows.map((value, i) => ({
    row: i + 1,
    value: { ...value, code: value.code.trim(), name: value.name.trim(), kind: value.kind.trim() },
  }));
}

/** Checks each row on its own and codes across rows; the database-dependent checks come later. */
export function checkAgencyRows(rows: NumberedRow<AgencyImportRow>[]): ImportRowError[] {
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of rows) {
    if (!AGENCY_CODE.test(value.code)) errors.push({ row, field: 'code', message: 'code must be 1–64 letters, digits, ".", "_" or "-"' });
    if (!value.name) errors.push({ row, field: 'name', message: 'name is required' });
    else if (value.name.length > MAX_NAME) errors.push({ row, field: 'name', message: `name is longer than ${MAX_NAME} characters` });
    if ((value.nameEn ?? '').length > MAX_NAME) errors.push({ row, field: 'nameEn', message: `nameEn is longer than ${MAX_NAME} characters` });
    if (!(AGENCY_KINDS as readonly string[]).includes(value.kind)) {
      errors.push({ row, field: 'kind', message: `kind must be one of ${AGENCY_KINDS.join(', ')}` });
    }
    if (value.parentCode && value.parentCode === value.code) errors.push({ row, field: 'parentCode', message: 'an agency cannot be its own parent' });
    const first = seen.get(value.code);
    if (first !== undefined) errors.push({ row, field: 'code', message: `code ${value.code} already appears on row ${first}` });
    else seen.set(value.code, row);
  }
  return errors;
}
