/**
 * The seven forms of Circular 03/2025/TT-VPCP (Appendix I), 15/09/2025, guiding Decree
 * 118/2025/NĐ-CP. Numbers and titles as listed by thuviennhadat.vn ("Tải file word biểu mẫu
 * Thông tư 03/2025/TT-VPCP", read 2026-12-05); the official layouts were not read, so the
 * catalogue is data a reviewer can correct in one place.
 */
export const FORM_SOURCE = 'Thông tư 03/2025/TT-VPCP, Phụ lục I';

export const FORMS = {
  receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', code: 'TN' },
  supplement_request: { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', code: 'BS' },
  rejection: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', code: 'TC' },
  apology: { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', code: 'XL' },
  stop: { number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', code: 'DXL' },
  control_sheet: { number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', code: 'KS' },
  register: { number: '07', title: 'SỔ THEO DÕI HỒ SƠ', code: 'STD' },
} as const satisfies Record<string, { number: string; title: string; code: string }>;

export type FormKind = keyof typeof FORMS;

/** "Mẫu số 01". */
export const formLabel = (kind: FormKind): string => `Mẫu số ${FORMS[kind].number}`;

/**
 * A document number of a desk's yearly series: "0012/2026/TN" (the sequence, padded to four
 * digits, the year and the form's short code).
 */
export const documentNumber = (kind: FormKind, year: number, sequence: number): string =>
  `${String(sequence).padStart(4, '0')}/${year}/${FORMS[kind].code}`;
