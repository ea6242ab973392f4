import ExcelJS from 'exceljs';
import { writeCsv } from '../../packages/platform/index.ts';
import type { Panel, PanelData } from './dashboards.service.ts';

const UNIT_NAMES: Readonly<Record<PanelData['unit'], string>> = { count: 'hồ sơ', '%': '%', points: 'điểm' };
const COLUMNS = ['Mã', 'Tên', 'Giá trị', 'Cùng kỳ năm trước', 'Mục tiêu', 'Đơn vị'] as const;

const lines = (data: PanelData) => data.rows.map((r) => ({ Mã: r.key, Tên: r.label, 'Giá trị': r.value, 'Cùng kỳ năm trước': r.previous, 'Mục tiêu': r.target, 'Đơn vị': UNIT_NAMES[data.unit] }));

/** A panel's rows as CSV (UTF-8 with a BOM, so a spreadsheet reads the Vietnamese right). */
export const panelCsv = (_panel: Panel, data: PanelData): string => writeCsv(COLUMNS, lines(data));

/** A panel's rows as an Excel sheet, titled and dated. */
export async function panelWorkbook(panel: Panel, data: PanelData): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sen';
  const sheet = book.addWorksheet(`Kỳ ${data.period}`);
  sheet.addRow([panel.titleVi]).font = { bold: true };
  sheet.addRow([`Kỳ ${data.period}; số liệu lúc ${data.computedAt}`]);
  sheet.addRow([...COLUMNS]).font = { bold: true };
  for (const row of lines(data)) sheet.addRow(COLUMNS.map((c) => row[c]));
  sheet.getColumn(2).width = 50;
  return Buffer.from(await book.xlsx.writeBuffer());
}
