import ExcelJS from 'exceljs';
import { PDFMAKE_FONT, pdfmakeWithDejaVu } from '../../packages/platform/index.ts';
import { GROUP_HEADERS, WORKBOOK_COLUMNS } from './one-stop.workbook.ts';
import type { OneStopReport } from './one-stop.service.ts';
import { FORM_COLUMNS, headingLines, noteLine, type PeriodicReport } from './periodic-report.ts';

type Cell = { text: string; bold?: boolean; alignment?: string; rowSpan?: number; colSpan?: number; fontSize?: number } | string;

const BANDS = [...new Set(FORM_COLUMNS.map((c) => c.band))];
const cell = (text: string | number, extra: Omit<Exclude<Cell, string>, 'text'> = {}): Cell => ({ text: String(text), ...extra });
const number = (n: number, bold = false): Cell => cell(n, { alignment: 'right', bold });

/** The form's three header rows (bands, column headers, column numbers), as the printed form has them. */
function formHeader(rowHeader: string): Cell[][] {
  const bands: Cell[] = [cell('TT', { bold: true, rowSpan: 2, alignment: 'center' }), cell(rowHeader, { bold: true, rowSpan: 2, alignment: 'center' })];
  for (const band of BANDS) {
    const width = FORM_COLUMNS.filter((c) => c.band === band).length;
    bands.push(cell(band, { bold: true, colSpan: width, alignment: 'center' }), ...Array.from({ length: width - 1 }, () => ''));
  }
  return [
    bands,
    ['', '', ...FORM_COLUMNS.map((c) => cell(c.header, { bold: true, alignment: 'center' }))],
    ['(1)', '(2)', ...FORM_COLUMNS.map((c) => `(${c.no})`)].map((t) => cell(t, { alignment: 'center', fontSize: 7 })),
  ];
}

/** The periodic report on A4 landscape (pdfmake with the platform's DejaVu fonts). */
export async function periodicReportPdf(r: PeriodicReport): Promise<Buffer> {
  const lines = headingLines(r);
  const body: Cell[][] = [
    ...formHeader(r.rowHeader),
    ...r.rows.map((row) => [cell(row.no, { alignment: 'center' }), row.label, ...row.values.map((v) => number(v))]),
    [cell('Tổng cộng', { bold: true, colSpan: 2 }), '', ...r.total.map((v) => number(v, true))],
  ];
  return pdfmakeWithDejaVu().createPdf({
    pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [36, 32, 36, 36],
    defaultStyle: { font: PDFMAKE_FONT, fontSize: 9 },
    info: { title: `${r.formCode} — ${r.reportingAgency} — ${r.periodKey}`, creator: 'Sen' },
    content: [
      { columns: [{ width: 170, stack: lines.left, bold: true }, { width: '*', text: r.title, bold: true, fontSize: 12, alignment: 'center' }, { width: 230, stack: lines.right }] },
      { stack: lines.period, alignment: 'center', bold: true, margin: [0, 10, 0, 4] },
      { text: 'Đơn vị tính: Số hồ sơ TTHC', italics: true, alignment: 'right', margin: [0, 0, 0, 4] },
      { table: { headerRows: 3, widths: [22, '*', ...FORM_COLUMNS.map(() => 44)], body } },
      { text: noteLine(r), italics: true, fontSize: 8, margin: [0, 6, 0, 0] },
      {
        columns: [{ width: '*', text: '' }, { width: 260, stack: [{ text: 'NGƯỜI LẬP BIỂU', bold: true }, { text: '(Ký, ghi rõ họ tên)', italics: true }], alignment: 'center' }],
        margin: [0, 14, 0, 0], unbreakable: true,
      },
    ],
  }).getBuffer();
}

/** The same report as an Excel sheet: the heading lines, the three header rows, one row per group and the total. */
export async function periodicReportWorkbook(r: PeriodicReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sen';
  const sheet = book.addWorksheet(`Kỳ ${r.periodKey}`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lines = headingLines(r);
  sheet.addRow([lines.left[0]]).font = { bold: true };
  sheet.addRow([r.title]).font = { bold: true, size: 13 };
  for (const line of [...lines.right, ...lines.period]) sheet.addRow([line]);
  const header = formHeader(r.rowHeader).map((row) => row.map((c) => (typeof c === 'string' ? c : c.text)));
  const first = sheet.rowCount + 1;
  for (const row of header) sheet.addRow(row).font = { bold: true };
  sheet.mergeCells(first, 1, first + 1, 1);
  sheet.mergeCells(first, 2, first + 1, 2);
  let column = 3;
  for (const band of BANDS) {
    const width = FORM_COLUMNS.filter((c) => c.band === band).length;
    sheet.mergeCells(first, column, first, column + width - 1);
    column += width;
  }
  sheet.views = [{ state: 'frozen', ySplit: first + 2, xSplit: 2 }];
  for (const row of r.rows) sheet.addRow([row.no, row.label, ...row.values]);
  sheet.addRow(['Tổng cộng', '', ...r.total]).font = { bold: true };
  sheet.addRow([noteLine(r)]).font = { italic: true };
  sheet.getColumn(2).width = 44;
  for (let c = 3; c <= 2 + FORM_COLUMNS.length; c++) sheet.getColumn(c).width = 14;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The statistics export as a PDF (A4 landscape): the period's figures, the same columns as the workbook. */
export async function reportPdf(report: OneStopReport): Promise<Buffer> {
  const fmt = (v: number | null) => (v === null ? '–' : String(v));
  const body: Cell[][] = [
    [cell(GROUP_HEADERS[report.groupBy], { bold: true }), ...WORKBOOK_COLUMNS.map((c) => cell(c.header, { bold: true, alignment: 'center' }))],
    ...report.rows.map((row) => [row.label, ...WORKBOOK_COLUMNS.map((c) => cell(fmt(c.value(row.figures)), { alignment: 'right' }))]),
    [cell('Tổng cộng', { bold: true }), ...WORKBOOK_COLUMNS.map((c) => cell(fmt(c.value(report.total)), { alignment: 'right', bold: true }))],
  ];
  const p = report.period;
  return pdfmakeWithDejaVu().createPdf({
    pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [20, 28, 20, 28],
    defaultStyle: { font: PDFMAKE_FONT, fontSize: 5.5 },
    info: { title: `Thống kê một cửa — ${report.agency.name} — ${p.key}`, creator: 'Sen' },
    content: [
      { text: `Thống kê kết quả giải quyết thủ tục hành chính — ${report.agency.name}`, bold: true, fontSize: 11 },
      { text: `Kỳ ${p.key}: từ ${p.from} đến trước ${p.to}; hồ sơ chưa xong tính đến ngày ${p.snapshot}`, fontSize: 8, margin: [0, 2, 0, 6] },
      { table: { headerRows: 1, widths: [70, ...WORKBOOK_COLUMNS.map(() => '*')], body } },
    ],
  }).getBuffer();
}
