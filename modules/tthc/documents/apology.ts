import { baseLayout, procedureLabel, PROSE_INDENT } from './common.ts';
import { formatDate, formatDateTime, upper } from './format.ts';
import { bold, para, plain, type Block, type NoticeLayout } from './model.ts';
import type { ApologyNotice } from './types.ts';

/** Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed by the head of the agency. */
export const APOLOGY_TITLE = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';

export function apologyLayout(doc: ApologyNotice): NoticeLayout {
  const prose = { align: 'justify' as const, firstLineIndent: PROSE_INDENT };
  const previousDue = bold(formatDate(doc.previousDueDate));
  const body: Block[] = [
    para([plain('Kính gửi: '), bold(doc.applicant.name)], { align: 'center' }),
    { type: 'spacer', height: 6 },
    para([plain(`${doc.agency.name} xin lỗi Ông/Bà vì hồ sơ đề nghị giải quyết thủ tục hành chính ${procedureLabel(doc.procedure)} bị quá hạn giải quyết.`)], prose),
    para(
      doc.receivedAt
        ? [plain('Thời gian nhận hồ sơ: '), bold(formatDateTime(doc.receivedAt)), plain('; ngày hẹn trả kết quả: '), previousDue, plain('.')]
        : [plain('Ngày hẹn trả kết quả: '), previousDue, plain('.')],
      { firstLineIndent: PROSE_INDENT },
    ),
    para([plain(`Lý do: ${doc.reason}`)], prose),
    para([
      plain(`Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${doc.agency.name} xin lỗi và hẹn trả kết quả vào `),
      bold(`ngày ${formatDate(doc.newDueDate)}`),
      plain('.'),
    ], { firstLineIndent: PROSE_INDENT }),
    para([plain('Rất mong nhận được sự thông cảm của Ông/Bà./.')], { firstLineIndent: PROSE_INDENT }),
  ];
  const signer = {
    ...(doc.signer.onBehalf ? { onBehalf: upper(doc.signer.onBehalf) } : {}),
    title: upper(doc.signer.title),
    hint: '(Ký, ghi rõ họ tên và đóng dấu)',
    name: doc.signer.name,
  };
  return baseLayout(doc, { title: APOLOGY_TITLE, subject: doc.procedure.name, body, signatures: [signer] });
}
