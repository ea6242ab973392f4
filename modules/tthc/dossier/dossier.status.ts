/**
 * The canonical dossier status set and its mapping to the national portal's status codes.
 * Intake, supplement, pause, return, withdrawal and cancellation follow the one-stop rules
 * (Decree 118/2025/NĐ-CP, which replaced Decree 61/2018, and Circular 03/2025/TT-VPCP) and are fixed here; what happens inside `processing` is data
 * (the process definition).
 */
export const DOSSIER_STATUSES = [
  'submitted', 'supplement_requested', 'rejected', 'processing', 'paused', 'awaiting_payment', 'ready_to_return', 'completed', 'withdrawn', 'stopped', 'cancelled',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export interface StatusInfo {
  vi: string;
  en: string;
  /** Status code on the National Public Service Portal (DVCQG). */
  national: number;
  /** No further action can change it. */
  final: boolean;
}

export const STATUS_INFO: Readonly<Record<DossierStatus, StatusInfo>> = {
  submitted: { vi: 'Chờ tiếp nhận', en: 'Awaiting intake check', national: 1, final: false },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested', national: 5, final: false },
  rejected: { vi: 'Từ chối tiếp nhận', en: 'Rejected at intake', national: 3, final: true },
  processing: { vi: 'Đang giải quyết', en: 'Processing', national: 4, final: false },
  paused: { vi: 'Tạm dừng xử lý', en: 'Paused', national: 8, final: false },
  // "Thực hiện nghĩa vụ tài chính": the fee the schedule names is awaited (fees/, dossier.payment.ts).
  awaiting_payment: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting payment of fees', national: 6, final: false },
  ready_to_return: { vi: 'Đã có kết quả, chờ trả', en: 'Result ready to return', national: 9, final: false },
  completed: { vi: 'Đã trả kết quả', en: 'Result returned', national: 10, final: true },
  withdrawn: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn by the applicant', national: 7, final: true },
  /** Form 05 of Circular 03/2025: processing stopped with a notice to the applicant; national 8 "Dừng xử lý". */
  stopped: { vi: 'Dừng giải quyết', en: 'Processing stopped', national: 8, final: true },
  cancelled: { vi: 'Hủy hồ sơ', en: 'Cancelled', national: 8, final: true },
};

/** The national code reported when a dossier is accepted at intake (it then moves on to processing). */
export const NATIONAL_RECEIVED = 2;
