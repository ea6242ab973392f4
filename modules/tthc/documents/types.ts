/**
 * Printable documents of the one-stop desk (Circular 01/2018/TT-VPCP, forms 01–05), as data.
 * Every text is already formatted by the caller (names, the masked id number, addresses,
 * durations); only dates and times, formatted here in Vietnam time, and the fee, an amount in
 * đồng, are given raw.
 */

/**
 * An instant: a `Date`, or an ISO 8601 timestamp string (`2026-11-27T01:30:00Z`). It is shown
 * in Asia/Ho_Chi_Minh time (UTC+7, no daylight saving).
 */
export type Instant = Date | string;

/**
 * A civil date in Vietnam: `YYYY-MM-DD` (as the deadline calendar produces), or an instant,
 * read as its date in Vietnam.
 */
export type CivilDate = Date | string;

/** How the dossier came in (the same values as the dossier's own channel). */
export type NoticeChannel = 'online' | 'counter' | 'dvcqg' | 'post';

/** The issuing agency, as printed top left (upper-cased when drawn). */
export interface NoticeAgency {
  /** The governing agency (cơ quan chủ quản), e.g. "UBND tỉnh Đồng Tháp"; printed in regular type. */
  parent?: string | undefined;
  /** The agency itself, e.g. "Sở Tư pháp"; printed in bold with a short rule under it. */
  name: string;
}

export interface NoticeApplicant {
  /** Full name of the citizen, or name of the organisation. */
  name: string;
  /** Personal id number, already masked by the caller except its last 3 digits (`*********123`). */
  idNumber?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface NoticeProcedure {
  name: string;
  /** Code of the procedure in the national database, e.g. `1.001612`. */
  code?: string | undefined;
}

/** Fields shared by all the forms. */
export interface NoticeBase {
  agency: NoticeAgency;
  /** The one-stop desk (Bộ phận tiếp nhận và trả kết quả), e.g. "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp". */
  desk: string;
  dossierCode: string;
  /** When the document is issued: the place-and-date line and the PDF's CreationDate. */
  issuedAt: Instant;
  /** Place on the place-and-date line; default "Đồng Tháp". */
  place?: string | undefined;
  /** Document number printed under the agency ("Số: …"), when the agency numbers its forms. */
  number?: string | undefined;
  /** Look-up URL of the dossier; printed as a QR code at the bottom right when given. */
  lookupUrl?: string | undefined;
}

export interface ReceivedPart {
  name: string;
  originals: number;
  copies: number;
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptNotice extends NoticeBase {
  kind: 'receipt';
  /** The look-up secret given to the applicant ("Mã tra cứu"). */
  lookupSecret: string;
  lookupUrl: string;
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  parts: ReceivedPart[];
  /** Number of dossier sets received; default 1. */
  sets?: number | undefined;
  channel: NoticeChannel;
  receivedAt: Instant;
  /** Processing time as the procedure states it, e.g. "05 ngày làm việc". */
  processingTime?: string | undefined;
  /** Promised return date. */
  dueDate: CivilDate;
  /** Fees and charges, in đồng. */
  fee?: number | undefined;
  /** Where and how the result is returned, e.g. "Nhận trực tiếp tại Bộ phận Một cửa". */
  resultDelivery: string;
  /** The official who received the dossier. */
  official: string;
}

export interface SupplementItem {
  part: string;
  reason: string;
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestNotice extends NoticeBase {
  kind: 'supplement_request';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  receivedAt?: Instant | undefined;
  items: SupplementItem[];
  note?: string | undefined;
  /** Date by which the applicant should supplement, when there is one. */
  supplementBy?: CivilDate | undefined;
  official: string;
  /** Phone number to call for guidance. */
  contactPhone?: string | undefined;
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RejectionNotice extends NoticeBase {
  kind: 'rejection';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  reasons: string[];
  official: string;
}

/** Who signs for the agency, e.g. `{ title: 'Giám đốc', name: 'Nguyễn Văn A' }`. */
export interface NoticeSigner {
  title: string;
  name: string;
  /** Authority line above the title when signing on behalf ("KT. GIÁM ĐỐC"). */
  onBehalf?: string | undefined;
}

/** Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
export interface ApologyNotice extends NoticeBase {
  kind: 'apology';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  receivedAt?: Instant | undefined;
  previousDueDate: CivilDate;
  reason: string;
  newDueDate: CivilDate;
  signer: NoticeSigner;
}

export type HandoverOutcome = 'on_time' | 'late' | 'in_progress';

export interface Handover {
  step: string;
  agency: string;
  holder: string;
  from: Instant;
  /** When the step was handed on; absent or null while the dossier is still there. */
  to?: Instant | null | undefined;
  due: CivilDate;
  /**
   * Given by the caller, or derived: handed on by its due date → on time, after → late; not
   * handed on → in progress, or late once the issue date is past the due date.
   */
  outcome?: HandoverOutcome | undefined;
}

/** Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetNotice extends NoticeBase {
  kind: 'control_sheet';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  receivedAt: Instant;
  dueDate: CivilDate;
  handovers: Handover[];
}

export type NoticeDocument = ReceiptNotice | SupplementRequestNotice | RejectionNotice | ApologyNotice | ControlSheetNotice;
export type NoticeKind = NoticeDocument['kind'];
