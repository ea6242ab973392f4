import { applicantBlocks, baseLayout, officialSlot, procedureBlock, PROSE_INDENT } from './common.ts';
import { formatDate, formatDateTime } from './format.ts';
import { bold, field, para, plain, type Block, type NoticeLayout } from './model.ts';
import type { SupplementRequestNotice } from './types.ts';


export function supplementLayout(doc: SupplementRequestNotice): NoticeLayout {
  const contact = doc.contactPhone ? `${doc.official}, số điện thoại ${doc.contactPhone},` : doc.official;
  const body: Block[] = [
    ...applicantBlocks(doc.applicant, 'Hồ sơ của'),
    procedureBlock(doc.procedure),
    ...(doc.receivedAt ? [field('Thời gian nhận hồ sơ', formatDateTime(doc.receivedAt))] : []),
    para([plain('Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:')]),
    {
      type: 'table',
      size: 11,
      columns: [
        { header: 'STT', share: 0.08, align: 'center' },
        { header: 'Thành phần hồ sơ', share: 0.4 },
        { header: 'Nội dung cần bổ sung, hoàn thiện', share: 0.52 },
      ],
      rows: doc.items.map((item, i) => [String(i + 1), item.part, item.reason]),
    },
    ...(doc.note ? [para([plain(`Ghi chú: ${doc.note}`)], { align: 'justify' })] : []),
    ...(doc.supplementBy ? [para([plain('Thời hạn bổ sung, hoàn thiện hồ sơ: '), bold(`trước ngày ${formatDate(doc.supplementBy)}`)])] : []),
    para([plain(`Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${contact} để được hướng dẫn.`)], {
      align: 'justify', firstLineIndent: PROSE_INDENT,
    }),
  ];
  return baseLayout(doc, { form: 'supplement_request', subject: doc.procedure.name, body, signatures: [officialSlot('NGƯỜI HƯỚNG DẪN', doc.official)] });
}
