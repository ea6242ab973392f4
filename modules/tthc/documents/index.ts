/**
 * Printable documents of the one-stop desk: receipt and appointment (Mẫu 01), request to
 * supplement (Mẫu 02), refusal (Mẫu 03), apology with a new date (Mẫu 04) and control sheet
 * (Mẫu 05) of Circular 01/2018/TT-VPCP, as A4 PDFs in Vietnamese administrative style.
 */
export { renderNotice } from './render.ts';
export { noticeFileName, noticeText } from './notice.ts';
export { formatDate, formatDateTime, formatMoney, placeAndDate } from './format.ts';
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
  RejectionNotice,
  SupplementItem,
  SupplementRequestNotice,
} from './types.ts';
export { blankFormLayout, renderBlankForm } from './blank-form.ts';
