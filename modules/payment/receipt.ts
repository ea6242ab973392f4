import QRCode from 'qrcode';
import { AppError, PDFMAKE_FONT, pdfmakeWithDejaVu, type Principal } from '../../packages/platform/index.ts';
import type { PaymentRequest } from './payment.types.ts';
import { vietQrPayload } from './vietqr.ts';

/** Printable payment papers: the receipt (biên lai) of a paid request and the fee notice with a VietQR code. */
export interface ReceiptRenderer {
  receipt(principal: Principal, id: string): Promise<Buffer>;
  notice(principal: Principal, id: string): Promise<Buffer>;
}

export interface TransferAccount {
  bankBin: string;
  accountNumber: string;
  accountName: string;
}


/** `1500000` → `1.500.000 đồng`. */
export const formatVnd = (amount: number): string => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;

const vietnamTime = (iso: string): string => {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
};

const METHOD_VI = { online: 'Trực tuyến qua Nền tảng thanh toán', counter: 'Nộp tại quầy', transfer: 'Chuyển khoản' } as const;

function linesTable(request: PaymentRequest) {
  return {
    table: {
      headerRows: 1, widths: [24, '*', 70, 90],
      body: [
        ['STT', 'Nội dung', 'Mã', 'Số tiền'].map((text) => ({ text, bold: true })),
        ...request.lines.map((line, i) => [String(i + 1), `${line.kind === 'charge' ? 'Lệ phí' : 'Phí'}: ${line.name}`, line.code, { text: formatVnd(line.amount), alignment: 'right' }]),
        [{ text: 'Tổng cộng', bold: true, colSpan: 3 }, '', '', { text: formatVnd(request.amount), bold: true, alignment: 'right' }],
      ],
    },
    margin: [0, 8, 0, 8],
  };
}

async function render(title: string, request: PaymentRequest, body: unknown[]): Promise<Buffer> {
  return pdfmakeWithDejaVu().createPdf({
    pageSize: 'A4', pageMargins: [56, 48, 48, 48], defaultStyle: { font: PDFMAKE_FONT, fontSize: 11 },
    info: { title: `${title} ${request.id}` },
    content: [
      { columns: [{ text: request.agencyCode, bold: true }, { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc', bold: true, alignment: 'center' }] },
      { text: title, bold: true, fontSize: 15, alignment: 'center', margin: [0, 18, 0, 10] },
      { text: `Người nộp: ${request.payerName}` },
      { text: `Nội dung: ${request.description}` },
      linesTable(request),
      ...body,
    ],
  }).getBuffer();
}

export function createReceiptRenderer(deps: { get(principal: Principal, id: string): Promise<PaymentRequest>; transferAccount: TransferAccount | undefined }): ReceiptRenderer {
  return {
    async receipt(principal, id) {
      const request = await deps.get(principal, id);
      if (request.status !== 'paid' || !request.method || !request.paidAt) {
        throw new AppError(409, 'payment.not_paid', 'Chưa thanh toán nên chưa có biên lai / Not paid yet: no receipt');
      }
      return render('BIÊN LAI THU PHÍ, LỆ PHÍ', request, [
        { text: `Số biên lai: ${request.receiptNo ?? ''}` },
        { text: `Hình thức: ${METHOD_VI[request.method]}` },
        ...(request.providerTransactionNo ? [{ text: `Mã giao dịch: ${request.providerTransactionNo}` }] : []),
        { text: `Thời điểm nộp: ${vietnamTime(request.paidAt)}` },
        { text: `Bằng chữ số: ${formatVnd(request.amount)}`, italics: true, margin: [0, 8, 0, 0] },
      ]);
    },

    async notice(principal, id) {
      const request = await deps.get(principal, id);
      const account = deps.transferAccount;
      const transfer: unknown[] = [];
      if (account && request.status === 'pending') {
        const payload = vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: request.amount, description: `SEN ${request.id.slice(0, 8)}` });
        const image = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 180 });
        transfer.push(
          { text: 'Chuyển khoản bằng mã VietQR', bold: true, margin: [0, 8, 0, 4] },
          { columns: [{ image, width: 130 }, { stack: [
            `Tài khoản: ${account.accountNumber}`, `Chủ tài khoản: ${account.accountName}`, `Ngân hàng (BIN): ${account.bankBin}`,
            `Nội dung chuyển khoản: SEN ${request.id.slice(0, 8)}`,
          ], margin: [12, 0, 0, 0] }] },
        );
      }
      return render('THÔNG BÁO NỘP PHÍ, LỆ PHÍ', request, [
        { text: request.status === 'paid' ? 'Đã nộp đủ.' : 'Có thể thanh toán trực tuyến trên Cổng dịch vụ công, nộp tại quầy hoặc chuyển khoản.' },
        ...transfer,
      ]);
    },
  };
}
