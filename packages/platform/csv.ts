/**
 * RFC 4180 CSV, the platform's one parser and writer: quoted fields may hold commas, quotes ("")
 * and line breaks; CRLF or LF line ends; a leading byte-order mark is ignored on reading and one
 * is written (so spreadsheet software opens Vietnamese text as UTF-8). Fully empty lines are
 * skipped.
 */
export class CsvSyntaxError extends Error {
  /** 1-based physical line where the error was found. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

export interface CsvRow {
  /** 1-based physical line where the row starts (line breaks inside quotes count). */
  line: number;
  fields: string[];
}

/** Parses CSV text into rows of fields, each with the line it starts on. */
export function parseCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false;
  let line = 1;
  let startLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (touched || fields.length > 1 || fields[0] !== '') rows.push({ line: startLine, fields });
    fields = [];
    touched = false;
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new CsvSyntaxError('unexpected character after a closing quote', line);
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== '') throw new CsvSyntaxError('a quote inside an unquoted field', line);
      quoted = true;
      touched = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      startLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', line);
  if (field !== '' || fields.length > 0 || touched) endRow();
  return rows;
}

/** Parses CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.fields);
}

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Parses CSV with a header row into records keyed by the (trimmed) column names. */
export function parseCsvRecords(text: string): { columns: string[]; records: CsvRecord[] } {
  const [header, ...body] = parseCsvRows(text);
  if (!header) return { columns: [], records: [] };
  const columns = header.fields.map((h) => h.trim());
  const records = body.map((r) => ({ line: r.line, values: Object.fromEntries(columns.map((c, i) => [c, r.fields[i] ?? ''])) }));
  return { columns, records };
}

const quote = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes CSV with CRLF line ends and a byte-order mark. */
export function writeCsv(columns: readonly string[], rows: readonly Record<string, string | number | boolean | null | undefined>[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c] === null || row[c] === undefined ? '' : String(row[c]))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
