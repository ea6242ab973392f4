import ExcelJS from 'exceljs';
import type { Figures } from './figures.ts';
import type { OneStopReport } from './one-stop.service.ts';

/** The report's columns: Vietnamese header, then the figure they show. */
export const WORKBOOK_COLUMNS: readonly { header: string; value: (f: Figures) => number | null }[] = [
  { header: 'Tiếp nhận', value: (f) => f.received.total },
  { header: 'Trực tuyến', value: (f) => f.received.online },
  { header: 'Trực tiếp', value: (f) => f.received.counter },
  { header: 'Cổng DVCQG', value: (f) => f.received.nationalPortal },
  { header: 'Bưu chính', value: (f) => f.received.post },
  { header: 'Kỳ trước chuyển sang', value: (f) => f.carriedOver },
  { header: 'Đang giải quyết', value: (f) => f.inProcessing },
  { header: 'Chờ bổ sung, nộp phí', value: (f) => f.waiting },
  { header: 'Sắp đến hạn', value: (f) => f.dueSoon },
  { header: 'Quá hạn', value: (f) => f.overdue },
  { header: 'Trước hạn', value: (f) => f.finished.early },
  { header: 'Đúng hạn', value: (f) => f.finished.onTime },
  { header: 'Trễ hạn', value: (f) => f.finished.late },
  { header: 'Từ chối', value: (f) => f.rejected },
  { header: 'Rút hồ sơ', value: (f) => f.withdrawn },
  { header: 'Tỷ lệ đúng hạn (%)', value: (f) => f.onTimeRate },
  { header: 'Tỷ lệ trực tuyến (%)', value: (f) => f.onlineShare },
  { header: 'Tỷ lệ toàn trình (%)', value: (f) => f.fullyOnlineShare },
  { header: 'Tỷ lệ thanh toán trực tuyến (%)', value: (f) => f.onlinePaymentShare },
  { header: 'Tỷ lệ số hóa (%)', value: (f) => f.digitisedShare },
  { header: 'Thời gian xử lý TB (ngày làm việc)', value: (f) => f.processingDays.average },
  { header: 'Trung vị (ngày làm việc)', value: (f) => f.processingDays.median },
  { header: 'Lượt đánh giá', value: (f) => f.ratings.count },
  { header: 'Điểm hài lòng TB', value: (f) => f.ratings.average },
];

export const GROUP_HEADERS: Readonly<Record<OneStopReport['groupBy'], string>> = { agency: 'Cơ quan', agency_group: 'Khối cơ quan', procedure: 'Thủ tục', field: 'Lĩnh vực' };

/** One sheet for the period and one for the same period a year before, each with its total row. */
export async function reportWorkbook(report: OneStopReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sen';
  const sheets = [
    { name: `Kỳ ${report.period.key}`, period: report.period, total: report.total, pick: (r: OneStopReport['rows'][number]) => r.figures },
    { name: `Cùng kỳ ${report.previousPeriod.key}`, period: report.previousPeriod, total: report.previousTotal, pick: (r: OneStopReport['rows'][number]) => r.previous },
  ];
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    sheet.addRow([`Thống kê kết quả giải quyết thủ tục hành chính — ${report.agency.name}`]).font = { bold: true };
    sheet.addRow([`Kỳ ${s.period.key}: từ ${s.period.from} đến trước ${s.period.to}; hồ sơ chưa xong tính đến ngày ${s.period.snapshot}`]);
    const header = sheet.addRow([GROUP_HEADERS[report.groupBy], ...WORKBOOK_COLUMNS.map((c) => c.header)]);
    header.font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 1 }];
    for (const row of report.rows) sheet.addRow([row.label, ...WORKBOOK_COLUMNS.map((c) => c.value(s.pick(row)))]);
    sheet.addRow(['Tổng cộng', ...WORKBOOK_COLUMNS.map((c) => c.value(s.total))]).font = { bold: true };
    sheet.getColumn(1).width = 40;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
