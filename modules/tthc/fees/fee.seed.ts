import { eq, inArray } from 'drizzle-orm';
import { newId, type Db } from '../../../packages/platform/index.ts';
import { offerings, procedures } from '../db/schema.ts';
import { feeScheduleRepository, type FeeStage, type ScheduledFee } from './fee.schedule.ts';

/**
 * Fee schedules of the seeded fee-bearing procedures, from 1 July 2025 (the merged province).
 * Amounts set by the provincial People's Council are the typical figures of other provinces
 * until Đồng Tháp's own resolution is entered: `verified: false` says so in the data. Amounts
 * set by a Finance Ministry circular are as that circular reads, still `verified: false` until
 * checked against the text in force in 2025.
 */
interface SeedSchedule {
  nationalCode: string;
  stage: FeeStage;
  stopsClock: boolean;
  lines: ScheduledFee[];
  sourceDocument: string;
  verified: boolean;
}

const MERGED_PROVINCE_FROM = '2025-07-01';
const HDND = 'Nghị quyết của HĐND tỉnh về phí, lệ phí (mức điển hình, chưa đối chiếu Nghị quyết của tỉnh Đồng Tháp)';

export const SEED_FEE_SCHEDULES: readonly SeedSchedule[] = [
  {
    nationalCode: '3.000333', stage: 'intake', stopsClock: true, verified: false,
    sourceDocument: 'Thông tư 244/2016/TT-BTC (phí cung cấp thông tin lý lịch tư pháp), chưa đối chiếu văn bản sửa đổi năm 2025',
    lines: [
      { code: 'PHI-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp (trẻ em, người cao tuổi, người khuyết tật, hộ nghèo: miễn)', amount: 0, kind: 'fee', when: { field: 'to-khai.doiTuong', in: ['tre-em', 'nguoi-cao-tuoi', 'nguoi-khuyet-tat', 'ho-ngheo'] } },
      { code: 'PHI-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp (sinh viên, người có công, thân nhân liệt sĩ)', amount: 100_000, kind: 'fee', when: { field: 'to-khai.doiTuong', in: ['sinh-vien', 'nguoi-co-cong', 'than-nhan-liet-si'] } },
      { code: 'PHI-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200_000, kind: 'fee' },
    ],
  },
  {
    nationalCode: '1.004873', stage: 'intake', stopsClock: true, verified: false, sourceDocument: HDND,
    lines: [{ code: 'LP-XNHN', name: 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', amount: 15_000, kind: 'charge' }],
  },
  {
    nationalCode: '2.000884', stage: 'intake', stopsClock: true, verified: false, sourceDocument: 'Thông tư 226/2016/TT-BTC (phí chứng thực), chưa đối chiếu văn bản sửa đổi',
    lines: [{ code: 'PHI-CTCK', name: 'Phí chứng thực chữ ký', amount: 10_000, kind: 'fee' }],
  },
  {
    nationalCode: '1.001612', stage: 'intake', stopsClock: true, verified: false, sourceDocument: HDND,
    lines: [{ code: 'LP-DKHKD', name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, kind: 'charge' }],
  },
  {
    nationalCode: '2.000720', stage: 'intake', stopsClock: true, verified: false, sourceDocument: HDND,
    lines: [{ code: 'LP-TDHKD', name: 'Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh', amount: 50_000, kind: 'charge' }],
  },
  {
    // The permit is handed over against the charge.
    nationalCode: '1.013225', stage: 'return', stopsClock: false, verified: false, sourceDocument: HDND,
    lines: [{ code: 'LP-GPXD', name: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', amount: 75_000, kind: 'charge' }],
  },
  {
    // The appraisal fee is paid before the on-site appraisal, during processing; the time limit waits for it.
    nationalCode: '0.000001', stage: 'processing', stopsClock: true, verified: false, sourceDocument: 'Thông tư 67/2021/TT-BTC (phí thẩm định cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm), chưa đối chiếu văn bản sửa đổi',
    lines: [
      { code: 'PHI-ATTP', name: 'Phí thẩm định cơ sở sản xuất thực phẩm nhỏ lẻ', amount: 500_000, kind: 'fee', when: { field: 'don-de-nghi.loaiCoSo', in: ['san-xuat-nho-le'] } },
      { code: 'PHI-ATTP', name: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn', amount: 700_000, kind: 'fee', when: { field: 'don-de-nghi.loaiCoSo', in: ['an-uong-duoi-200'] } },
      { code: 'PHI-ATTP', name: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ từ 200 suất ăn trở lên', amount: 1_000_000, kind: 'fee', when: { field: 'don-de-nghi.loaiCoSo', in: ['an-uong-tu-200'] } },
      { code: 'PHI-ATTP', name: 'Phí thẩm định cơ sở sản xuất thực phẩm (trừ cơ sở sản xuất nhỏ lẻ)', amount: 2_500_000, kind: 'fee' },
    ],
  },
];

/** Inserts the schedules missing for the seeded offerings (idempotent: one per offering and start date). */
export async function seedFeeSchedules(db: Db): Promise<void> {
  const byCode = new Map(SEED_FEE_SCHEDULES.map((s) => [s.nationalCode, s]));
  const rows = await db.select({ offeringId: offerings.id, nationalCode: procedures.nationalCode }).from(offerings)
    .innerJoin(procedures, eq(procedures.id, offerings.procedureId)).where(inArray(procedures.nationalCode, [...byCode.keys()]));
  await feeScheduleRepository.insertMissing(db, rows.map(({ offeringId, nationalCode }) => {
    const { stage, stopsClock, lines, sourceDocument, verified } = byCode.get(nationalCode)!;
    return { id: newId(), offeringId, stage, stopsClock, lines, sourceDocument, verified, validFrom: MERGED_PROVINCE_FROM };
  }));
}
