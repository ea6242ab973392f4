/**
 * Dossier status codes of the National Public Service Portal (trạng thái hồ sơ), as publicly
 * described for provincial synchronisation. The official integration specification is not
 * public: codes and labels must be verified against it before Sen relies on them in production.
 */
export const DVCQG_DOSSIER_STATUSES = [
  { code: 1, key: 'new', vi: 'Mới đăng ký', en: 'Newly registered' },
  { code: 2, key: 'received', vi: 'Được tiếp nhận', en: 'Received' },
  { code: 3, key: 'rejected_at_intake', vi: 'Không được tiếp nhận', en: 'Rejected at intake' },
  { code: 4, key: 'processing', vi: 'Đang xử lý', en: 'Processing' },
  { code: 5, key: 'supplement_requested', vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplementary documents requested' },
  { code: 6, key: 'payment_requested', vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation (payment) requested' },
  { code: 7, key: 'withdrawn', vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn at the applicant’s request' },
  { code: 8, key: 'stopped', vi: 'Dừng xử lý', en: 'Processing stopped' },
  { code: 9, key: 'processed', vi: 'Đã xử lý xong', en: 'Processed' },
  { code: 10, key: 'result_returned', vi: 'Đã trả kết quả', en: 'Result returned' },
] as const;

export type DvcqgDossierStatus = (typeof DVCQG_DOSSIER_STATUSES)[number];
export type DvcqgStatusCode = DvcqgDossierStatus['code'];

export function dossierStatus(code: number): DvcqgDossierStatus | undefined {
  return DVCQG_DOSSIER_STATUSES.find((status) => status.code === code);
}

/** For schema descriptions: the list, and the warning that it is not the official text. */
export const STATUS_CODE_DESCRIPTION = `National dossier status code: ${DVCQG_DOSSIER_STATUSES.map((s) => `${s.code} ${s.vi} (${s.en})`).join('; ')}. `
  + 'Modelled on the publicly described list; verify against the official DVCQG integration specification. '
  + 'Any other number is refused with 422 dvcqg.invalid_dossier / dvcqg.invalid_status.';
