import { baseLayout, procedureBlock } from './common.ts';
import { formatDate, formatDateTime, isoDate } from './format.ts';
import { field, type Block, type NoticeLayout } from './model.ts';
import type { ControlSheetNotice, Handover, HandoverOutcome, Instant } from './types.ts';

export const OUTCOME_LABELS: Record<HandoverOutcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  in_progress: 'Đang xử lý',
};

/**
 * The result of a step, from when it was handed on and the day it was due: before that day →
 * early, on it → on time, after it → late. A step still held is in progress until its due day
 * has passed, then late.
 */
export function outcomeOf(handover: Pick<Handover, 'endedAt' | 'due' | 'outcome'>, issuedAt: Instant): HandoverOutcome {
  if (handover.outcome) return handover.outcome;
  const due = isoDate(handover.due);
  if (handover.endedAt) {
    const ended = isoDate(handover.endedAt);
    return ended < due ? 'early' : ended === due ? 'on_time' : 'late';
  }
  return isoDate(issuedAt) > due ? 'late' : 'in_progress';
}

/** Mẫu số 06 — one row per hand-over: agencies, time, giver and receiver with room to sign, result. */
export function controlSheetLayout(doc: ControlSheetNotice): NoticeLayout {
  const body: Block[] = [
    field('Kèm theo hồ sơ của', doc.applicant.name),
    procedureBlock(doc.procedure),
    field('Thời gian nhận hồ sơ', formatDateTime(doc.receivedAt)),
    field('Ngày hẹn trả kết quả', formatDate(doc.dueDate)),
    {
      type: 'table',
      size: 9.5,
      minRowHeight: 18,
      columns: [
        { header: 'STT', share: 0.06, align: 'center' },
        { header: 'Tên cơ quan, bộ phận giao, nhận; bước xử lý', share: 0.28 },
        { header: 'Thời gian giao, nhận hồ sơ', share: 0.13, align: 'center' },
        { header: 'Người giao (ký, ghi rõ họ tên)', share: 0.16, align: 'center' },
        { header: 'Người nhận (ký, ghi rõ họ tên)', share: 0.16, align: 'center' },
        { header: 'Kết quả giải quyết (hạn xử lý)', share: 0.21, align: 'center' },
      ],
      rows: doc.handovers.map((h, i) => [
        String(i + 1),
        `Giao: ${h.fromAgency}\nNhận: ${h.toAgency}\nBước: ${h.step}`,
        formatDateTime(h.at).replace(' ', '\n'),
        h.giver,
        h.receiver,
        [OUTCOME_LABELS[outcomeOf(h, doc.issuedAt)], `Hạn: ${formatDate(h.due)}`, ...(h.endedAt ? [`Chuyển: ${formatDateTime(h.endedAt)}`] : [])].join('\n'),
      ]),
    },
  ];
  return baseLayout(doc, { form: 'control_sheet', subject: doc.procedure.name, body });
}
