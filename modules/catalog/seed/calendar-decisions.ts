/**
 * Days off and swapped days announced for 2025 and 2026 (state agencies, 5-day week), from
 * `shared/reference/holidays-vn-2025-2027.md`. Each row names its document; where the number
 * of the publishing notice was not found, the text says so rather than inventing one.
 * 2027 is not decided: the Labour Code rule proposes its days, shown as provisional.
 * 24/11 (Vietnam Culture Day, Resolution 80-NQ/TW) is not yet law: not seeded; an
 * administrator adds it as a day-off exception once a law or notice makes it official.
 */
import type { DecisionKind } from '../holidays.ts';

export interface SeedDecision {
  date: string;
  kind: DecisionKind;
  name: string;
  nameEn: string;
  document: string;
  source: string;
}

const LABOUR_CODE = 'Bộ luật Lao động 45/2019/QH14, Điều 112';
const LABOUR_CODE_COMP = 'Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3';
const VPCP_2025 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng quyết định; số thông báo của Bộ LĐTBXH chưa xác minh)';
const BNV_2025_QK = 'Thông báo của Bộ Nội vụ ngày 04/8/2025 (số chưa xác minh)';
const VPCP_2026_NY = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025';
const BNV_2026 = 'Thông báo 9441/TB-BNV ngày 16/10/2025';

const SRC = {
  tet2025: 'https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html',
  april2025: 'https://en.baochinhphu.vn/three-days-off-in-celebration-for-hung-kings-commemoration-day-111250304153250976.htm',
  sept2025: 'https://vietnamnews.vn/society/1722634/national-day-holiday-to-last-four-days.html',
  ny2026: 'https://en.sggp.org.vn/government-approves-four-day-new-year-holiday-for-2026-post122755.html',
  bnv2026: 'https://vietnamnews.vn/politics-laws/1727514/ministry-of-home-affairs-announces-2026-holiday-schedule-for-lunar-new-year-national-day.html',
  april2026: 'https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm',
} as const;

const row = (date: string, kind: DecisionKind, name: string, nameEn: string, document: string, source: string): SeedDecision => ({ date, kind, name, nameEn, document, source });
const tet = (dates: string[], document: string, source: string) => dates.map((d) => row(d, 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)', document, source));

export const SEED_CALENDAR_DECISIONS: readonly SeedDecision[] = [
  // 2025
  row('2025-01-01', 'holiday', 'Tết Dương lịch', "New Year's Day", LABOUR_CODE, SRC.tet2025),
  ...tet(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], VPCP_2025, SRC.tet2025),
  row('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings Commemoration', LABOUR_CODE, SRC.april2025),
  row('2025-04-26', 'swapped_work', 'Làm bù cho Thứ Sáu 02/5/2025', 'Worked in exchange for Friday 2 May 2025', VPCP_2025, SRC.april2025),
  row('2025-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day', LABOUR_CODE, SRC.april2025),
  row('2025-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day', LABOUR_CODE, SRC.april2025),
  row('2025-05-02', 'swapped_off', 'Nghỉ hoán đổi (làm bù Thứ Bảy 26/4/2025)', 'Swapped for Saturday 26 April 2025', VPCP_2025, SRC.april2025),
  row('2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', BNV_2025_QK, SRC.sept2025),
  row('2025-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day', BNV_2025_QK, SRC.sept2025),
  // 2026
  row('2026-01-01', 'holiday', 'Tết Dương lịch', "New Year's Day", VPCP_2026_NY, SRC.ny2026),
  row('2026-01-02', 'swapped_off', 'Nghỉ hoán đổi (làm bù Thứ Bảy 10/01/2026)', 'Swapped for Saturday 10 January 2026', VPCP_2026_NY, SRC.ny2026),
  row('2026-01-10', 'swapped_work', 'Làm bù cho Thứ Sáu 02/01/2026', 'Worked in exchange for Friday 2 January 2026', VPCP_2026_NY, SRC.ny2026),
  ...tet(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], BNV_2026, SRC.bnv2026),
  row('2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings Commemoration', LABOUR_CODE, SRC.april2026),
  row('2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'In lieu of Hùng Kings Commemoration', LABOUR_CODE_COMP, SRC.april2026),
  row('2026-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day', LABOUR_CODE, SRC.april2026),
  row('2026-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day', LABOUR_CODE, SRC.april2026),
  row('2026-08-22', 'swapped_work', 'Làm bù cho Thứ Hai 31/8/2026', 'Worked in exchange for Monday 31 August 2026', BNV_2026, SRC.bnv2026),
  row('2026-08-31', 'swapped_off', 'Nghỉ hoán đổi (làm bù Thứ Bảy 22/8/2026)', 'Swapped for Saturday 22 August 2026', BNV_2026, SRC.bnv2026),
  row('2026-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', BNV_2026, SRC.bnv2026),
  row('2026-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day', BNV_2026, SRC.bnv2026),
];
