import { signerSlot } from './apology.ts';
import { applicantBlocks, baseLayout, procedureBlock, PROSE_INDENT } from './common.ts';
import { formatDateTime } from './format.ts';
import { bold, field, para, plain, type Block, type NoticeLayout } from './model.ts';
import type { StopNotice } from './types.ts';

/** Mẫu số 05 — Thông báo dừng giải quyết hồ sơ, signed by the head of the agency. */
export function stopLayout(doc: StopNotice): NoticeLayout {
  const body: Block[] = [
    ...applicantBlocks(doc.applicant, 'Kính gửi'),
    procedureBlock(doc.procedure),
    ...(doc.receivedAt ? [field('Thời gian nhận hồ sơ', formatDateTime(doc.receivedAt))] : []),
    para([plain(`${doc.agency.name} thông báo dừng giải quyết hồ sơ nêu trên với lý do: `), bold(doc.reason)], { align: 'justify', firstLineIndent: PROSE_INDENT }),
    ...(doc.legalGround ? [para([plain('Căn cứ: '), bold(doc.legalGround), plain('.')], { align: 'justify' })] : []),
    para([plain('Hồ sơ không tiếp tục được giải quyết. Ông/Bà có thể liên hệ Bộ phận Một cửa để nhận lại hồ sơ hoặc được hướng dẫn./.')], {
      align: 'justify', firstLineIndent: PROSE_INDENT,
    }),
  ];
  return baseLayout(doc, { form: 'stop', subject: doc.procedure.name, body, signatures: [signerSlot(doc.signer)] });
}
