/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Parses CSV text into rows of fields. A leading byte-order mark is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '' && !fieldStarted)) rows.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError('unexpected character after a closing quote', line);
        }
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvSyntaxError('a quote inside an unquoted field', line);
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', line);
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

export interface CsvRecord {
  /** 1-based line of the record in the file (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Parses CSV with a header row into records keyed by (trimmed) column name. */
export function parseCsvRecords(text: string): { columns: string[]; records: CsvRecord[] } {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return { columns: [], records: [] };
  const columns = header.map((h) => h.trim());
  const records = body.map((fields, index) => {
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      values[column] = fields[i] ?? '';
    });
    if (fields.length > columns.length) values['__extra__'] = fields.slice(columns.length).join(',');
    return { line: index + 2, values };
  });
  return { columns, records };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes CSV with CRLF line ends and a byte-order mark, so spreadsheet software opens
 * Vietnamese text as UTF-8.
 */
export function writeCsv(columns: readonly string[], rows: readonly Record<string, string | number | boolean | null | undefined>[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c] === null || row[c] === undefined ? '' : String(row[c]))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
