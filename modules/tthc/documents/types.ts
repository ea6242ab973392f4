/**
 * Printable documents of the one-stop desk (Circular 03/2025/TT-VPCP, forms 01–07), as data.
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
  /**
   * The one-stop desk or service centre that issues the form, e.g. "Trung tâm Phục vụ hành chính
   * công tỉnh Đồng Tháp"; printed under the agency in the header, and in the text.
   */
  desk: string;
  dossierCode: string;
  /** When the document is issued: the place-and-date line and the PDF's CreationDate. */
  issuedAt: Instant;
  /** Place on the place-and-date line: the issuing agency's own place (a commune's name for a commune). */
  place: string;
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

/** Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
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
  /** Promised return time, with hour and minute (on the due date). */
  returnAt: Instant;
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

/** Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
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

/** Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RejectionNotice extends NoticeBase {
  kind: 'rejection';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  reasons: string[];
  /** The legal ground of the refusal, e.g. "Khoản 2 Điều 9 Nghị định 118/2025/NĐ-CP". */
  legalGround: string;
  official: string;
}

/** Who signs for the agency, e.g. `{ title: 'Giám đốc', name: 'Nguyễn Văn A' }`. */
export interface NoticeSigner {
  title: string;
  name: string;
  /** Authority line above the title when signing on behalf ("KT. GIÁM ĐỐC"). */
  onBehalf?: string | undefined;
}

/**
 * Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. Issued on or before the
 * promised date it says the dossier *will be* late; after it, that it *is* late.
 */
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

/** Mẫu số 05 — Thông báo dừng giải quyết hồ sơ. */
export interface StopNotice extends NoticeBase {
  kind: 'stop';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  receivedAt?: Instant | undefined;
  /** Why processing stops, in words a person can read. */
  reason: string;
  /** The legal ground, when the agency names one. */
  legalGround?: string | undefined;
  signer: NoticeSigner;
}

/** Result of a step (Mẫu số 06): handed on before the day it was due, on that day, after it; or still held. */
export type HandoverOutcome = 'early' | 'on_time' | 'late' | 'in_progress';

/** One hand-over of the dossier: who gave it, who received it and when, and how the giver's step ended. */
export interface Handover {
  /** The step the dossier was handed on to. */
  step: string;
  /** Agency that gave, and agency that received. */
  fromAgency: string;
  toAgency: string;
  /** Official who gave (the one who ended the previous step) and who received (holder of the step). */
  giver: string;
  receiver: string;
  /** When the dossier was handed over. */
  at: Instant;
  /** When the receiving step was handed on in turn; absent or null while it is still held. */
  endedAt?: Instant | null | undefined;
  /** The receiving step's due date. */
  due: CivilDate;
  /** Given by the caller, or derived from `endedAt` and `due` (see control-sheet.ts). */
  outcome?: HandoverOutcome | undefined;
}

/** Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetNotice extends NoticeBase {
  kind: 'control_sheet';
  applicant: NoticeApplicant;
  procedure: NoticeProcedure;
  receivedAt: Instant;
  dueDate: CivilDate;
  handovers: Handover[];
}

export type NoticeDocument = ReceiptNotice | SupplementRequestNotice | RejectionNotice | ApologyNotice | StopNotice | ControlSheetNotice;
export type NoticeKind = NoticeDocument['kind'];

/** One dossier in the tracking register. */
export interface RegisterEntry {
  dossierCode: string;
  /** Number of the receipt (Mẫu số 01), when one was issued. */
  receiptNumber?: string | undefined;
  procedure: string;
  applicant: string;
  /** Address and phone, as one line. */
  contact?: string | undefined;
  /** The agency that decides (cơ quan chủ trì giải quyết). */
  agency: string;
  receivedAt: Instant;
  dueDate: CivilDate;
  /** When the result was returned (or the dossier otherwise closed). */
  finishedAt?: Instant | null | undefined;
  /** The dossier's status in words. */
  status: string;
  note?: string | undefined;
}

/** Mẫu số 07 — Sổ theo dõi hồ sơ: the dossiers a desk received in a period. */
export interface TrackingRegister {
  agency: NoticeAgency;
  desk: string;
  place: string;
  /** Inclusive civil dates. */
  from: CivilDate;
  to: CivilDate;
  issuedAt: Instant;
  entries: RegisterEntry[];
}
