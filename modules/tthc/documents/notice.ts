import { apologyLayout } from './apology.ts';
import { controlSheetLayout } from './control-sheet.ts';
import { asciiSlug } from './format.ts';
import { linesOf, type NoticeLayout } from './model.ts';
import { receiptLayout } from './receipt.ts';
import { rejectionLayout } from './rejection.ts';
import { stopLayout } from './stop.ts';
import { supplementLayout } from './supplement.ts';
import type { NoticeDocument, NoticeKind } from './types.ts';

/** The layout of a notice: every string it prints, in order, and how to place it. */
export function noticeLayout(doc: NoticeDocument): NoticeLayout {
  switch (doc.kind) {
    case 'receipt': return receiptLayout(doc);
    case 'supplement_request': return supplementLayout(doc);
    case 'rejection': return rejectionLayout(doc);
    case 'apology': return apologyLayout(doc);
    case 'stop': return stopLayout(doc);
    case 'control_sheet': return controlSheetLayout(doc);
  }
}

/**
 * The lines the PDF prints, in order (table cells one by one): what `renderNotice` prints,
 * apart from page numbers and the table header repeated on continuation pages.
 */
export function noticeText(doc: NoticeDocument): string[] {
  return linesOf(noticeLayout(doc));
}

const FILE_PREFIX: Record<NoticeKind, string> = {
  receipt: 'giay-tiep-nhan',
  supplement_request: 'phieu-yeu-cau-bo-sung',
  rejection: 'phieu-tu-choi-tiep-nhan',
  apology: 'van-ban-xin-loi-gia-han',
  stop: 'thong-bao-dung-giai-quyet',
  control_sheet: 'phieu-kiem-soat',
};

/** `giay-tiep-nhan-000.00.00.H19-261127-0001.pdf`: ASCII only, safe in a Content-Disposition header. */
export function noticeFileName(doc: NoticeDocument): string {
  const code = asciiSlug(doc.dossierCode);
  return `${FILE_PREFIX[doc.kind]}${code ? `-${code}` : ''}.pdf`;
}
