import { applicantBlocks, baseLayout, codeLine, numberedSections, officialSlot, procedureBlock } from './common.ts';
import { formatDateTime, formatHourMinute, formatMoney, twoDigits } from './format.ts';
import { bold, field, para, plain, type Block, type NoticeLayout, type Table } from './model.ts';
import type { NoticeChannel, ReceiptNotice, ReceivedPart } from './types.ts';


export const CHANNEL_LABELS: Record<NoticeChannel, string> = {
  counter: 'nộp trực tiếp',
  online: 'nộp trực tuyến',
  dvcqg: 'nộp qua Cổng Dịch vụ công quốc gia',
  post: 'nộp qua bưu chính công ích',
};

/** "01 bản chính, 02 bản sao"; a part with neither was received as a file. */
export function partCount(part: ReceivedPart): string {
  const counts = [
    part.originals > 0 ? `${twoDigits(part.originals)} bản chính` : '',
    part.copies > 0 ? `${twoDigits(part.copies)} bản sao` : '',
  ].filter(Boolean);
  return counts.length ? counts.join(', ') : 'Bản điện tử';
}

function partsTable(parts: ReceivedPart[]): Table {
  return {
    type: 'table',
    size: 11,
    columns: [
      { header: 'STT', share: 0.08, align: 'center' },
      { header: 'Tên thành phần hồ sơ', share: 0.64 },
      { header: 'Số lượng', share: 0.28, align: 'center' },
    ],
    rows: parts.map((part, i) => [String(i + 1), part.name, partCount(part)]),
  };
}

export function receiptLayout(doc: ReceiptNotice): NoticeLayout {
  const body: Block[] = [
    field('Bộ phận tiếp nhận và trả kết quả', doc.desk),
    ...applicantBlocks(doc.applicant, 'Tiếp nhận hồ sơ của'),
    procedureBlock(doc.procedure),
    ...numberedSections([
      { runs: [plain('Thành phần hồ sơ nộp gồm:')], children: [partsTable(doc.parts)] },
      { runs: [plain('Số lượng hồ sơ: '), bold(`${twoDigits(doc.sets ?? 1)} bộ`)] },
      doc.processingTime ? { runs: [plain('Thời gian giải quyết hồ sơ theo quy định: '), bold(doc.processingTime)] } : undefined,
      { runs: [plain('Thời gian nhận hồ sơ: '), bold(formatDateTime(doc.receivedAt)), plain(` (${CHANNEL_LABELS[doc.channel]})`)] },
      { runs: [plain('Thời gian trả kết quả giải quyết hồ sơ: '), bold(`vào lúc ${formatHourMinute(doc.returnAt)}`)] },
      doc.fee !== undefined ? { runs: [plain('Phí, lệ phí: '), bold(formatMoney(doc.fee))] } : undefined,
      { runs: [plain('Đăng ký nhận kết quả tại: '), bold(doc.resultDelivery)] },
    ]),
    para([plain('Tra cứu hồ sơ (hoặc quét mã QR): '), bold(doc.lookupUrl)]),
  ];
  return baseLayout(doc, {
    form: 'receipt',
    subject: doc.procedure.name,
    subtitle: [codeLine(doc.dossierCode), [plain('Mã tra cứu: '), bold(doc.lookupSecret)]],
    body,
    // Only a dossier handed in at the desk is signed by the person who brought it.
    signatures: [...(doc.channel === 'counter' ? [officialSlot('NGƯỜI NỘP HỒ SƠ', '')] : []), officialSlot('NGƯỜI TIẾP NHẬN HỒ SƠ', doc.official)],
  });
}
