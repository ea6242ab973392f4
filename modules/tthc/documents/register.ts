import ExcelJS from 'exceljs';
import { headerLines } from './common.ts';
import { FORMS, formLabel } from './forms.ts';
import { formatDate, formatDateTime, placeAndDate, toInstant } from './format.ts';
import type { NoticeLayout, TableColumn } from './model.ts';
import { renderLayout } from './render.ts';
import type { RegisterEntry, TrackingRegister } from './types.ts';

/** Mẫu số 07 — Sổ theo dõi hồ sơ: one row per dossier a desk received in the period. */
const COLUMNS: (TableColumn & { xlsxWidth: number; value: (e: RegisterEntry, i: number) => string })[] = [
  { header: 'STT', share: 0.04, align: 'center', xlsxWidth: 6, value: (_e, i) => String(i + 1) },
  { header: 'Mã hồ sơ', share: 0.11, xlsxWidth: 26, value: (e) => e.dossierCode },
  { header: 'Số giấy tiếp nhận', share: 0.07, xlsxWidth: 16, value: (e) => e.receiptNumber ?? '' },
  { header: 'Tên thủ tục hành chính', share: 0.15, xlsxWidth: 40, value: (e) => e.procedure },
  { header: 'Tên cá nhân, tổ chức', share: 0.1, xlsxWidth: 26, value: (e) => e.applicant },
  { header: 'Địa chỉ, số điện thoại', share: 0.11, xlsxWidth: 32, value: (e) => e.contact ?? '' },
  { header: 'Cơ quan chủ trì giải quyết', share: 0.1, xlsxWidth: 26, value: (e) => e.agency },
  { header: 'Nhận hồ sơ', share: 0.07, align: 'center', xlsxWidth: 17, value: (e) => formatDateTime(e.receivedAt) },
  { header: 'Hẹn trả kết quả', share: 0.07, align: 'center', xlsxWidth: 14, value: (e) => formatDate(e.dueDate) },
  { header: 'Trả kết quả / kết thúc', share: 0.07, align: 'center', xlsxWidth: 17, value: (e) => (e.finishedAt ? formatDateTime(e.finishedAt) : '') },
  { header: 'Trạng thái, ghi chú', share: 0.11, xlsxWidth: 30, value: (e) => [e.status, e.note].filter(Boolean).join('; ') },
];

const period = (r: TrackingRegister): string => `Từ ngày ${formatDate(r.from)} đến ngày ${formatDate(r.to)}`;

export function registerLayout(r: TrackingRegister): NoticeLayout {
  const issuedAt = toInstant(r.issuedAt);
  const title = FORMS.register.title;
  return {
    info: { title: `${title} - ${r.desk}`, author: r.agency.name, subject: period(r), keywords: 'so-theo-doi-ho-so', creationDate: issuedAt },
    form: formLabel('register'),
    orientation: 'landscape',
    ...headerLines(r.agency, r.desk),
    placeDate: placeAndDate(r.place, issuedAt),
    title,
    subtitle: [[{ text: period(r) }], [{ text: `Tổng số hồ sơ: ${r.entries.length}` }]],
    body: [{ type: 'table', size: 8.5, columns: COLUMNS, rows: r.entries.map((e, i) => COLUMNS.map((c) => c.value(e, i))) }],
    signatures: [],
  };
}

export const renderRegister = (r: TrackingRegister): Promise<Buffer> => renderLayout(registerLayout(r));

/** The register as an Excel workbook: a title block, then one row per dossier under a frozen header row. */
export async function registerWorkbook(r: TrackingRegister): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sen';
  book.created = toInstant(r.issuedAt);
  const sheet = book.addWorksheet('Sổ theo dõi hồ sơ', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lines = [formLabel('register'), ...[r.agency.parent, r.agency.name, r.desk].filter((l): l is string => Boolean(l)), FORMS.register.title, period(r)];
  for (const line of lines) sheet.addRow([line]).font = { bold: line === FORMS.register.title };
  const headerRow = sheet.addRow(COLUMNS.map((c) => c.header));
  headerRow.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: headerRow.number }];
  r.entries.forEach((e, i) => sheet.addRow(COLUMNS.map((c) => c.value(e, i))));
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.xlsxWidth;
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The header row's number in the workbook (for readers of the export). */
export const REGISTER_HEADERS = COLUMNS.map((c) => c.header);
