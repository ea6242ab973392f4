import { applicantBlocks, baseLayout, numberedList, officialSlot, procedureBlock, PROSE_INDENT } from './common.ts';
import { bold, field, para, plain, type Block, type NoticeLayout } from './model.ts';
import type { RejectionNotice } from './types.ts';


export function rejectionLayout(doc: RejectionNotice): NoticeLayout {
  const body: Block[] = [
    field('Bộ phận tiếp nhận và trả kết quả', doc.desk),
    ...applicantBlocks(doc.applicant, 'Tiếp nhận hồ sơ của'),
    procedureBlock(doc.procedure),
    para([plain(`Qua xem xét, ${doc.desk} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`)], {
      align: 'justify', firstLineIndent: PROSE_INDENT,
    }),
    ...numberedList(doc.reasons),
    para([plain('Căn cứ: '), bold(doc.legalGround), plain('.')], { align: 'justify' }),
    para([plain('Xin thông báo để Ông/Bà được biết và thực hiện./.')], { firstLineIndent: PROSE_INDENT }),
  ];
  return baseLayout(doc, { form: 'rejection', subject: doc.procedure.name, body, signatures: [officialSlot('NGƯỜI TIẾP NHẬN HỒ SƠ', doc.official)] });
}
