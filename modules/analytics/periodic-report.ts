/**
 * The periodic report sent upward: form II.06a/VPCP/KSTT "Tình hình, kết quả giải quyết thủ tục
 * hành chính" (Circular 01/2020/TT-VPCP, as rendered by public one-stop software; the 2025
 * texts publish no replacement that could be read: docs/periodic-report.md). Its thirteen
 * columns are computed from the one-stop figures of the same period and scope, so the report
 * and the statistics page never disagree.
 */
import type { Figures } from './figures.ts';
import type { OneStopReport } from './one-stop.service.ts';

export const FORM_CODE = 'Biểu số II.06a/VPCP/KSTT';
export const FORM_TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
/** Who receives the report of the province itself (Circular 01/2020/TT-VPCP: provinces report to the Government Office). */
export const NATIONAL_RECIPIENT = 'Văn phòng Chính phủ (Cục Kiểm soát thủ tục hành chính)';

/** Columns 3–13 of the form: number, header band, header and the one-stop figures they are made of. */
export interface FormColumn {
  no: number;
  band: 'Tiếp nhận' | 'Số hồ sơ đã giải quyết' | 'Số hồ sơ đang giải quyết';
  header: string;
  value: (f: Figures) => number;
}

export const FORM_COLUMNS: readonly FormColumn[] = [
  { no: 3, band: 'Tiếp nhận', header: 'Tổng số', value: (f) => f.carriedOver + f.received.total },
  { no: 4, band: 'Tiếp nhận', header: 'Trong kỳ: trực tuyến', value: (f) => f.received.online + f.received.nationalPortal },
  { no: 5, band: 'Tiếp nhận', header: 'Trong kỳ: trực tiếp, dịch vụ bưu chính', value: (f) => f.received.counter + f.received.post },
  { no: 6, band: 'Tiếp nhận', header: 'Từ kỳ trước chuyển sang', value: (f) => f.carriedOver },
  { no: 7, band: 'Số hồ sơ đã giải quyết', header: 'Tổng số', value: (f) => f.finished.total },
  { no: 8, band: 'Số hồ sơ đã giải quyết', header: 'Trước hạn', value: (f) => f.finished.early },
  { no: 9, band: 'Số hồ sơ đã giải quyết', header: 'Đúng hạn', value: (f) => f.finished.onTime },
  { no: 10, band: 'Số hồ sơ đã giải quyết', header: 'Quá hạn', value: (f) => f.finished.late },
  { no: 11, band: 'Số hồ sơ đang giải quyết', header: 'Tổng số', value: (f) => f.inProcessing },
  { no: 12, band: 'Số hồ sơ đang giải quyết', header: 'Trong hạn', value: (f) => f.inProcessing - f.overdue },
  { no: 13, band: 'Số hồ sơ đang giải quyết', header: 'Quá hạn', value: (f) => f.overdue },
];

const ROW_HEADERS: Readonly<Record<OneStopReport['groupBy'], string>> = {
  field: 'Lĩnh vực giải quyết', agency: 'Đơn vị', agency_group: 'Khối cơ quan', procedure: 'Thủ tục hành chính',
};

export interface PeriodicReport {
  formCode: string;
  title: string;
  reportingAgency: string;
  recipient: string;
  periodKey: string;
  /** `dd/mm/yyyy` of the first and last day of the period, and the day unfinished dossiers are counted at. */
  from: string;
  to: string;
  snapshot: string;
  rowHeader: string;
  rows: { no: number; label: string; values: number[] }[];
  total: number[];
  /** Outside columns 7–10: rejected at intake and withdrawn in the period (the form has no column for them). */
  rejected: number;
  withdrawn: number;
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const ROMAN = ['I', 'II', 'III', 'IV'];
/** `2026-05` → `Tháng 5 năm 2026`, `2026-Q2` → `Quý II năm 2026`, `2026` → `Năm 2026`. */
export function periodLabel(key: string): string {
  const [year, part] = key.split('-');
  if (!part) return `Năm ${year}`;
  if (part.startsWith('Q')) return `Quý ${ROMAN[Number(part.slice(1)) - 1]} năm ${year}`;
  return `Tháng ${Number(part)} năm ${year}`;
}
const valuesOf = (f: Figures) => FORM_COLUMNS.map((c) => c.value(f));

/** The form's content for a one-stop report: one row per group, the total row, and the period and agencies in words. */
export function periodicReport(report: OneStopReport, recipient: string): PeriodicReport {
  return {
    formCode: FORM_CODE, title: FORM_TITLE, reportingAgency: report.agency.name, recipient,
    periodKey: report.period.key, from: vnDate(report.period.from), to: vnDate(dayBefore(report.period.to)), snapshot: vnDate(report.period.snapshot),
    rowHeader: ROW_HEADERS[report.groupBy],
    rows: report.rows.map((r, i) => ({ no: i + 1, label: r.label, values: valuesOf(r.figures) })),
    total: valuesOf(report.total),
    rejected: report.total.rejected, withdrawn: report.total.withdrawn,
  };
}

/** The lines above the table, shared by the PDF and the workbook. */
export function headingLines(r: PeriodicReport): { left: string[]; right: string[]; period: string[] } {
  return {
    left: [r.formCode],
    right: [`Đơn vị báo cáo: ${r.reportingAgency}`, `Đơn vị nhận báo cáo: ${r.recipient}`],
    period: [`Kỳ báo cáo: ${periodLabel(r.periodKey)}`, `(Từ ngày ${r.from} đến ngày ${r.to}; hồ sơ đang giải quyết tính đến ngày ${r.snapshot})`],
  };
}

export const noteLine = (r: PeriodicReport): string =>
  `Ghi chú: ngoài các cột trên, trong kỳ có ${r.rejected} hồ sơ từ chối tiếp nhận và ${r.withdrawn} hồ sơ rút, không tính vào cột (7)–(10). Số liệu lấy từ Hệ thống thông tin giải quyết TTHC Sen.`;
