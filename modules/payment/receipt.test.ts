import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rejectsWith } from '../../packages/platform/testing.ts';
import type { PaymentRequest } from './payment.types.ts';
import { createReceiptRenderer, formatVnd } from './receipt.ts';
import { crc16Ccitt, transferDescription, vietQrPayload } from './vietqr.ts';

test('CRC16-CCITT matches a published VietQR payload and the standard check value', () => {
  // CRC-16/CCITT-FALSE check value of "123456789" is 29B1.
  assert.equal(crc16Ccitt('123456789'), '29B1');
  // A static VietQR (Vietcombank BIN 970436) as printed by a public VietQR library, ending 6304CD60.
  assert.equal(crc16Ccitt('00020001021238570010A00000072701270006970436011308810004580860208QRIBFTTA53037045802VN6304'), 'CD60');
});

test('the VietQR payload carries the NAPAS template, the amount and a plain description', () => {
  const payload = vietQrPayload({ bankBin: '970436', accountNumber: '0881000458086', amount: 150000, description: 'Lệ phí hồ sơ H19.25-0001' });
  assert.ok(payload.startsWith('000201010212'));
  assert.ok(payload.includes('38570010A00000072701270006970436011308810004580860208QRIBFTTA'));
  assert.ok(payload.includes('5303704540615000058' + '02VN'));
  assert.ok(payload.includes(`62${String(4 + transferDescription('Lệ phí hồ sơ H19.25-0001').length).padStart(2, '0')}08`));
  assert.equal(transferDescription('Lệ phí hồ sơ H19.25-0001'), 'Le phi ho so H19 25 0001');
  assert.equal(payload.slice(-4), crc16Ccitt(payload.slice(0, -4)));
  assert.throws(() => vietQrPayload({ bankBin: '97', accountNumber: '1' }));
});

const paidRequest: PaymentRequest = {
  id: '2f1c7f8e-4b6a-4e59-9a51-0f6f1d2a3b4c', owner: 'tthc:dossier:x', purpose: 'intake', agencyId: 'a', agencyCode: '000.00.00.H19',
  payerName: 'Nguyễn Thị Bích Ngọc', description: 'Lệ phí cấp Phiếu lý lịch tư pháp số 1', amount: 200_000,
  lines: [{ code: 'LP-LLTP', name: 'Lệ phí cấp Phiếu lý lịch tư pháp', amount: 200_000, kind: 'charge' }],
  status: 'paid', method: 'counter', providerTransactionNo: null, receiptNo: 'BL-0001', paidAt: '2026-12-05T03:15:00.000Z', createdAt: '2026-12-05T03:00:00.000Z',
};
const anyone = { kind: 'anonymous' as const };

function pdfText(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'receipt-')), 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the receipt is a PDF with the payer, every line, the total and the receipt number, in Vietnamese', async () => {
  const renderer = createReceiptRenderer({ get: async () => paidRequest, transferAccount: undefined });
  const pdf = await renderer.receipt(anyone, paidRequest.id);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  for (const expected of ['BIÊN LAI THU PHÍ, LỆ PHÍ', 'Nguyễn Thị Bích Ngọc', 'Lệ phí cấp Phiếu lý lịch tư pháp', formatVnd(200_000), 'BL-0001', 'Nộp tại quầy', '10:15 ngày 05/12/2026']) {
    assert.ok(text.includes(expected), `missing ${expected}`);
  }
  const unpaid = createReceiptRenderer({ get: async () => ({ ...paidRequest, status: 'pending', method: null, paidAt: null }), transferAccount: undefined });
  await assert.rejects(unpaid.receipt(anyone, paidRequest.id), rejectsWith(409, 'payment.not_paid'));
});

test('the fee notice of a pending request shows the transfer account next to its VietQR code', async () => {
  const account = { bankBin: '970405', accountNumber: '1234567890123', accountName: 'TRUNG TAM PHUC VU HANH CHINH CONG' };
  const renderer = createReceiptRenderer({ get: async () => ({ ...paidRequest, status: 'pending', method: null, paidAt: null }), transferAccount: account });
  const text = pdfText(await renderer.notice(anyone, paidRequest.id));
  for (const expected of ['THÔNG BÁO NỘP PHÍ, LỆ PHÍ', 'Chuyển khoản bằng mã VietQR', '1234567890123', 'SEN 2f1c7f8e']) assert.ok(text.includes(expected), `missing ${expected}`);
});
