/**
 * Procedure import/export (layout documented in docs/procedures-import.md). JSON is an array of
 * procedures without ids; CSV has one line per procedure, the simple lists `|`-separated and the
 * structured ones (fees, parts, legal bases) as JSON in their cell. Both round-trip: exporting
 * and importing the result changes nothing.
 */
import { badRequest, CsvSyntaxError, parseCsvRecords, writeCsv } from '../../../packages/platform/index.ts';
import type { ImportRowError, ProcedureFields, ProcedureImportRow } from './procedure.inputs.ts';

export const MAX_IMPORT_ROWS = 2000;

export const CSV_COLUMNS = [
  'nationalCode', 'name', 'fieldCode', 'level', 'processingDays', 'processingNote', 'resultType', 'fullyOnline', 'active',
  'implementingAgencies', 'applicantTypes', 'methods', 'fees', 'parts', 'legalBases', 'conditions', 'steps', 'verification',
] as const;
const REQUIRED_COLUMNS = ['nationalCode', 'name', 'fieldCode', 'level', 'processingDays', 'resultType', 'applicantTypes', 'methods'];
const PIPE_LISTS = ['implementingAgencies', 'applicantTypes', 'methods'] as const;
const JSON_LISTS = ['fees', 'parts', 'legalBases', 'steps'] as const;

/** An import row with where it came from; `value` is unchecked (checkProcedure decides). */
export interface NumberedRow {
  row: number;
  value: Record<string, unknown>;
}

export function exportRows(procedures: ProcedureFields[], format: 'json' | 'csv'): string {
  if (format === 'json') return JSON.stringify(procedures);
  return writeCsv(
    CSV_COLUMNS,
    procedures.map((p) => ({
      ...p,
      implementingAgencies: p.implementingAgencies.join('|'),
      applicantTypes: p.applicantTypes.join('|'),
      methods: p.methods.join('|'),
      fees: JSON.stringify(p.fees),
      parts: JSON.stringify(p.parts),
      legalBases: JSON.stringify(p.legalBases),
      steps: JSON.stringify(p.steps),
      verification: p.verification ? JSON.stringify(p.verification) : '',
    })),
  );
}

export function rowsFromJson(rows: ProcedureImportRow[]): NumberedRow[] {
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest('tthc.import_too_large', `At most ${MAX_IMPORT_ROWS} procedures per import`);
  return rows.map((value, i) => ({ row: i + 1, value: { ...value } }));
}

/** A cell read as what it says; anything unreadable is kept as text so that the checks name the field. */
function integerCell(text: string): unknown {
  return /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : text;
}
function booleanCell(text: string): unknown {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : text;
}

/** Rows of a CSV file with a header; errors are the cells that are not even readable (bad JSON). */
export function rowsFromCsv(text: string): { rows: NumberedRow[]; errors: ImportRowError[] } {
  let parsed: ReturnType<typeof parseCsvRecords>;
  try {
    parsed = parseCsvRecords(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw badRequest('tthc.csv_invalid', `CSV syntax error on line ${err.line}: ${err.message}`, { line: err.line });
    throw err;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !parsed.columns.includes(c));
  const unknown = parsed.columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  // An unknown column is refused rather than ignored: a misspelt "fee" must not silently drop the fees.
  if (missing.length || unknown.length) throw badRequest('tthc.csv_invalid', 'The CSV header does not match the documented columns', { missing, unknown });
  if (parsed.records.length > MAX_IMPORT_ROWS) throw badRequest('tthc.import_too_large', `At most ${MAX_IMPORT_ROWS} procedures per import`);
  const errors: ImportRowError[] = [];
  const rows = parsed.records.map(({ line, values }) => {
    const has = (c: string) => parsed.columns.includes(c);
    const value: Record<string, unknown> = {
      nationalCode: values.nationalCode,
      name: values.name,
      fieldCode: values.fieldCode,
      level: values.level?.trim(),
      processingDays: integerCell(values.processingDays ?? ''),
      resultType: values.resultType,
    };
    if (has('processingNote')) value.processingNote = values.processingNote;
    if (has('conditions')) value.conditions = values.conditions;
    for (const c of ['fullyOnline', 'active'] as const) if (has(c)) value[c] = booleanCell(values[c] ?? '');
    for (const c of PIPE_LISTS) {
      if (!has(c)) continue;
      const cell = (values[c] ?? '').trim();
      value[c] = cell === '' ? [] : cell.split('|').map((s) => s.trim());
    }
    for (const c of JSON_LISTS) {
      if (!has(c)) continue;
      const cell = (values[c] ?? '').trim();
      if (cell === '') value[c] = [];
      else {
        try {
          value[c] = JSON.parse(cell);
        } catch {
          errors.push({ row: line, field: c, message: 'must be a JSON list, e.g. []' });
        }
      }
    }
    const verification = (values.verification ?? '').trim();
    if (verification !== '') {
      try {
        value.verification = JSON.parse(verification);
      } catch {
        errors.push({ row: line, field: 'verification', message: 'must be a JSON object, e.g. {"status":"verified",…}' });
      }
    }
    return { row: line, value };
  });
  return { rows, errors };
}

/** JSON with object keys sorted: jsonb reorders keys, so equality is checked on this form. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
