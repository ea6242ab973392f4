/**
 * Procedures seeded at start-up, as published in the national procedure database (CSDLQG về
 * TTHC) after the 2025 two-level local government reform: civil status, certification,
 * household businesses and detached-house building permits at the commune; judicial records,
 * enterprise registration and food safety at provincial agencies.
 *
 * Provenance is noted per procedure. "unverified" marks a number or code recalled or taken from
 * a secondary source, to be checked against dichvucong.gov.vn before production — this matters
 * for codes in particular, because an import of the official list matches procedures by code.
 * Charges set by the provincial People's Council (Thông tư 85/2019/TT-BTC) are typical amounts,
 * not Đồng Tháp's resolution, unless stated otherwise.
 */
import type { FeeItem, LegalBasis, ProcedurePart, ProcedureVerification } from '../catalogue/procedure.types.ts';
import type { ProcedureFields } from '../catalogue/procedure.inputs.ts';

/** The process each seeded procedure follows (keys of seed/index.ts). */
export type SeedProcessKey = 'mot-cua-co-ban' | 'cap-phep-xay-dung' | 'lien-thong-khai-sinh';

export interface SeedProcedure {
  fields: ProcedureFields;
  processKey: SeedProcessKey;
  /** Provincial procedures: the agency offering it (catalog seed code). Commune ones: the seeded communes. */
  agencyCode?: string;
}

export const part = (code: string, name: string, options: Partial<ProcedurePart> = {}): ProcedurePart => ({ code, name, required: true, originals: 1, copies: 0, ...options });
export const optionalPart = (code: string, name: string, options: Partial<ProcedurePart> = {}) => part(code, name, { required: false, ...options });
export const charge = (name: string, amountVnd: number, note?: string): FeeItem => ({ kind: 'charge', name, amountVnd, ...(note ? { note } : {}) });
export const fee = (name: string, amountVnd: number, note?: string): FeeItem => ({ kind: 'fee', name, amountVnd, ...(note ? { note } : {}) });
export const law = (number: string, title: string, issuedOn?: string): LegalBasis => ({ number, title, ...(issuedOn ? { issuedOn } : {}) });

export const LUAT_HO_TICH = law('60/2014/QH13', 'Luật Hộ tịch', '2014-11-20');
export const ND_HO_TICH = law('123/2015/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch', '2015-11-15');
export const TT_HO_TICH = law('04/2020/TT-BTP', 'Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP', '2020-05-28');
export const TT_LE_PHI_HDND = law('85/2019/TT-BTC', 'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh', '2019-11-29');
export const ND_CHUNG_THUC = law('23/2015/NĐ-CP', 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch', '2015-02-16');
export const TT_PHI_CHUNG_THUC = law('226/2016/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực', '2016-11-11');
export const LUAT_DOANH_NGHIEP = law('59/2020/QH14', 'Luật Doanh nghiệp', '2020-06-17');
// Replaced Nghị định 01/2021 from 1 July 2025 and moved household-business registration to the commune (issue date unverified).
export const ND_DANG_KY_KINH_DOANH = law('168/2025/NĐ-CP', 'Nghị định về đăng ký doanh nghiệp');
export const COMMUNE = ['Ủy ban nhân dân cấp xã'];
export const CIVIL_STATUS_ONLINE = ['online', 'counter', 'post'] as const;
export const SAME_DAY = 'Giải quyết ngay trong ngày làm việc tiếp nhận; hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.';

/**
 * Trình tự thực hiện as the one-stop mechanism sets it for every procedure (Decree 118/2025/NĐ-CP,
 * which keeps the sequence of Decree 61/2018/NĐ-CP art. 15–20 as amended by Decree 107/2021/NĐ-CP):
 * filing, the desk's check and receipt, handling by the competent agency, return of the result.
 * A procedure's own published steps replace these when an editor enters them.
 */
export const ONE_STOP_STEPS = [
  'Bước 1: Tổ chức, cá nhân nộp hồ sơ trực tiếp tại Bộ phận Một cửa, qua dịch vụ bưu chính hoặc trực tuyến trên Cổng Dịch vụ công.',
  'Bước 2: Bộ phận Một cửa kiểm tra hồ sơ: hồ sơ đầy đủ, hợp lệ thì tiếp nhận và lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần; hồ sơ không thuộc thẩm quyền thì từ chối và nêu rõ lý do.',
  'Bước 3: Cơ quan có thẩm quyền thẩm định, giải quyết hồ sơ theo quy định và chuyển kết quả về Bộ phận Một cửa; trường hợp quá hạn thì có văn bản xin lỗi và hẹn lại ngày trả kết quả.',
  'Bước 4: Bộ phận Một cửa trả kết quả cho tổ chức, cá nhân (trực tiếp, qua dịch vụ bưu chính hoặc trực tuyến) theo ngày hẹn.',
];

export const base = { processingNote: null, conditions: null, steps: ONE_STOP_STEPS, fullyOnline: false, active: true } as const;

/** When the seeded records were last reviewed against their sources. */
export const SEED_CHECKED_ON = '2026-12-05';
/** Every field checked against `source`. */
export const checked = (source: string): ProcedureVerification => ({ status: 'verified', source, checkedOn: SEED_CHECKED_ON, unverified: [] });
/** Some fields not confirmed against the national procedure database: administrators see which. */
export const unconfirmed = (fields: string[], source: string, note?: string): ProcedureVerification =>
  ({ status: 'unverified', source, checkedOn: SEED_CHECKED_ON, unverified: fields, ...(note ? { note } : {}) });
/** Charges the provincial People's Council sets (Thông tư 85/2019/TT-BTC): the amount is a typical one, not Đồng Tháp's resolution. */
export const TYPICAL_COUNCIL_CHARGE = 'Lệ phí do HĐND tỉnh quyết định: mức điển hình, chưa đối chiếu Nghị quyết của HĐND tỉnh Đồng Tháp.';
