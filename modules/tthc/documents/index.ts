/**
 * Printable documents of the one-stop desk: the seven forms of Circular 03/2025/TT-VPCP
 * (Appendix I) — receipt and promised date (01), supplement request (02), rejection (03),
 * apology and extension (04), notice of stopping (05), control sheet (06) and the tracking
 * register (07, also as an Excel workbook) — as A4 PDFs laid out with pdfmake.
 */
export { renderNotice } from './render.ts';
export { noticeFileName, noticeText } from './notice.ts';
export { registerLayout, registerWorkbook, renderRegister, REGISTER_HEADERS } from './register.ts';
export { documentNumber, FORMS, formLabel, type FormKind } from './forms.ts';
export { asciiSlug as asciiFileStem, atVietnamTime, formatDate, formatDateTime, formatMoney, placeAndDate } from './format.ts';
export type {
  ApologyNotice,
  CivilDate,
  ControlSheetNotice,
  Handover,
  HandoverOutcome,
  Instant,
  NoticeAgency,
  NoticeApplicant,
  NoticeBase,
  NoticeChannel,
  NoticeDocument,
  NoticeKind,
  NoticeProcedure,
  NoticeSigner,
  ReceiptNotice,
  ReceivedPart,
  RegisterEntry,
  RejectionNotice,
  StopNotice,
  SupplementItem,
  SupplementRequestNotice,
  TrackingRegister,
} from './types.ts';
export { blankFormLayout, renderBlankForm } from './blank-form.ts';
