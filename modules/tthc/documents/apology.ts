import { baseLayout, procedureLabel, PROSE_INDENT } from './common.ts';
import { formatDate, formatDateTime, isoDate, upper } from './format.ts';
import { bold, para, plain, type Block, type NoticeLayout, type SignatureSlot } from './model.ts';
import type { ApologyNotice, NoticeSigner } from './types.ts';

/** The agency head's signature slot ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"), with the seal. */
export function signerSlot(signer: NoticeSigner): SignatureSlot {
  return {
    ...(signer.onBehalf ? { onBehalf: upper(signer.onBehalf) } : {}),
    title: upper(signer.title),
    hint: '(Ký, ghi rõ họ tên và đóng dấu)',
    name: signer.name,
  };
}

/** Issued on or before the promised date, the dossier *will be* late; after it, it *is*. */
export const lateness = (doc: Pick<ApologyNotice, 'issuedAt' | 'previousDueDate'>): 'sẽ bị trễ hạn' | 'đã trễ hạn' =>
  isoDate(doc.issuedAt) <= isoDate(doc.previousDueDate) ? 'sẽ bị trễ hạn' : 'đã trễ hạn';

/** Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, signed by the head of the agency. */
export function apologyLayout(doc: ApologyNotice): NoticeLayout {
  const prose = { align: 'justify' as const, firstLineIndent: PROSE_INDENT };
  const previousDue = bold(formatDate(doc.previousDueDate));
  const body: Block[] = [
    para([plain('Kính gửi: '), bold(doc.applicant.name)], { align: 'center' }),
    { type: 'spacer', height: 6 },
    para([plain(`${doc.agency.name} xin lỗi Ông/Bà vì hồ sơ đề nghị giải quyết thủ tục hành chính ${procedureLabel(doc.procedure)} ${lateness(doc)} giải quyết so với thời hạn đã hẹn.`)], prose),
    para(
      doc.receivedAt
        ? [plain('Thời gian nhận hồ sơ: '), bold(formatDateTime(doc.receivedAt)), plain('; ngày hẹn trả kết quả: '), previousDue, plain('.')]
        : [plain('Ngày hẹn trả kết quả: '), previousDue, plain('.')],
      { firstLineIndent: PROSE_INDENT },
    ),
    para([plain(`Lý do: ${doc.reason}`)], prose),
    para([
      plain(`${doc.agency.name} xin gia hạn thời gian giải quyết và hẹn trả kết quả vào `),
      bold(`ngày ${formatDate(doc.newDueDate)}`),
      plain('.'),
    ], { firstLineIndent: PROSE_INDENT }),
    para([plain('Rất mong nhận được sự thông cảm của Ông/Bà./.')], { firstLineIndent: PROSE_INDENT }),
  ];
  return baseLayout(doc, { form: 'apology', subject: doc.procedure.name, body, signatures: [signerSlot(doc.signer)] });
}
