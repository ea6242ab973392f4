import { baseLayout, procedureBlock } from './common.ts';
import { formatDate, formatDateTime, isoDate } from './format.ts';
import { field, type Block, type NoticeLayout } from './model.ts';
import type { ControlSheetNotice, Handover, HandoverOutcome, Instant } from './types.ts';

/** Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export const CONTROL_SHEET_TITLE = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';

export const OUTCOME_LABELS: Record<HandoverOutcome, string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  in_progress: 'Đang xử lý',
};

/** Handed on by the due date → on time, after it → late; still held → in progress until the due date has passed. */
export function outcomeOf(handover: Handover, issuedAt: Instant): HandoverOutcome {
  if (handover.outcome) return handover.outcome;
  const due = isoDate(handover.due);
  if (handover.to) return isoDate(handover.to) <= due ? 'on_time' : 'late';
  return isoDate(issuedAt) > due ? 'late' : 'in_progress';
}

export function controlSheetLayout(doc: ControlSheetNotice): NoticeLayout {
  const body: Block[] = [
    field('Kèm theo hồ sơ của', doc.applicant.name),
    procedureBlock(doc.procedure),
    field('Thời gian nhận hồ sơ', formatDateTime(doc.receivedAt)),
    field('Ngày hẹn trả kết quả', formatDate(doc.dueDate)),
    {
      type: 'table',
      size: 9.5,
      columns: [
        { header: 'STT', share: 0.06, align: 'center' },
        { header: 'Bước xử lý', share: 0.155 },
        { header: 'Cơ quan', share: 0.155 },
        { header: 'Người xử lý', share: 0.135 },
        { header: 'Nhận lúc', share: 0.124, align: 'center' },
        { header: 'Chuyển lúc', share: 0.124, align: 'center' },
        { header: 'Hạn xử lý', share: 0.124, align: 'center' },
        { header: 'Kết quả', share: 0.123, align: 'center' },
      ],
      rows: doc.handovers.map((h, i) => [
        String(i + 1),
        h.step,
        h.agency,
        h.holder,
        formatDateTime(h.from),
        h.to ? formatDateTime(h.to) : '—',
        formatDate(h.due),
        OUTCOME_LABELS[outcomeOf(h, doc.issuedAt)],
      ]),
    },
  ];
  return baseLayout(doc, { title: CONTROL_SHEET_TITLE, subject: doc.procedure.name, body });
}
