import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, formatMoney, noticeFileName, noticeText, placeAndDate, renderNotice, type NoticeDocument } from './index.ts';
import { outcomeOf } from './control-sheet.ts';
import { noticeLayout } from './notice.ts';
import { renderLayout } from './render.ts';
import { sampleApology, sampleControlSheet, sampleReceipt, sampleRejection, sampleSupplement } from './samples.ts';

/** The body of indirect object `id`. */
function objectBody(pdf: string, id: string): string {
  const start = pdf.indexOf(`\n${id} 0 obj\n`);
  assert.ok(start >= 0, `object ${id} not found`);
  const from = start + `\n${id} 0 obj\n`.length;
  return pdf.slice(from, pdf.indexOf('\nendobj', from));
}

/** A PDF literal string `( … )`: escapes undone, UTF-16BE (with its byte-order mark) decoded. */
function literal(body: string): string {
  assert.ok(body.startsWith('(') && body.endsWith(')'), `not a literal string: ${body.slice(0, 40)}`);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
  const raw = body.slice(1, -1).replace(/\\([0-7]{1,3}|.)/gs, (_m, c: string) => escapes[c] ?? (/^[0-7]+$/.test(c) ? String.fromCharCode(parseInt(c, 8)) : c));
  const bytes = Buffer.from(raw, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return raw;
}

/** An entry of the document information dictionary. */
function info(pdf: Buffer, key: string): string {
  const text = pdf.toString('latin1');
  const infoId = /\/Info (\d+) 0 R/.exec(text)?.[1];
  assert.ok(infoId, 'no /Info in the trailer');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(objectBody(text, infoId))?.[1];
  assert.ok(ref, `no /${key} in the info dictionary`);
  return literal(objectBody(text, ref));
}

const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

function assertPdf(pdf: Buffer): void {
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.toString('latin1').trimEnd().endsWith('%%EOF'));
}

interface Rendered {
  pdf: Buffer;
  trace: string[];
}

/** Each sample is rendered once, with the renderer's trace of the strings it draws. */
const renders = new Map<NoticeDocument, Promise<Rendered>>();
function rendered(doc: NoticeDocument): Promise<Rendered> {
  let result = renders.get(doc);
  if (!result) {
    const trace: string[] = [];
    result = renderLayout(noticeLayout(doc), trace).then((pdf) => ({ pdf, trace }));
    renders.set(doc, result);
  }
  return result;
}

const longSheet = sampleControlSheet(60);
const all: [string, NoticeDocument, string][] = [
  ['receipt', sampleReceipt, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
  ['supplement request', sampleSupplement, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
  ['rejection', sampleRejection, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
  ['apology', sampleApology, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'],
  ['control sheet', sampleControlSheet(), 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
];

describe('renderNotice', () => {
  for (const [name, doc, title] of all) {
    test(`${name}: a one-page A4 PDF with its title and agency in the metadata`, async () => {
      const { pdf } = await rendered(doc);
      assertPdf(pdf);
      assert.equal(pageCount(pdf), 1);
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
      assert.equal(info(pdf, 'Title'), `${title} - 000.00.00.H19-261127-0001`);
      assert.equal(info(pdf, 'Author'), 'Sở Tư pháp');
      assert.equal(info(pdf, 'Subject'), sampleReceipt.procedure.name);
      assert.equal(info(pdf, 'CreationDate'), 'D:20261127021500Z');
      assert.ok(noticeText(doc).includes(title));
    });

    test(`${name}: draws exactly the lines of noticeText`, async () => {
      const { trace } = await rendered(doc);
      assert.deepEqual(trace, noticeText(doc));
    });
  }

  test('identical input gives identical bytes', async () => {
    const { pdf } = await rendered(sampleReceipt);
    assert.ok((await renderNotice(structuredClone(sampleReceipt))).equals(pdf));
  });

  test('a 60-row control sheet runs over pages, repeating the table header', async () => {
    const { pdf, trace } = await rendered(longSheet);
    assertPdf(pdf);
    const pages = pageCount(pdf);
    assert.ok(pages >= 2, `${pages} page(s)`);
    // Page numbers are drawn last, from the second page on.
    const numbers = trace.slice(trace.length - (pages - 1));
    assert.deepEqual(numbers, Array.from({ length: pages - 1 }, (_, i) => String(i + 2)));
    const body = trace.slice(0, trace.length - (pages - 1));
    assert.equal(body.filter((line) => line === 'Người xử lý').length, pages);
    const headers = new Set(['STT', 'Bước xử lý', 'Cơ quan', 'Người xử lý', 'Nhận lúc', 'Chuyển lúc', 'Hạn xử lý', 'Kết quả']);
    assert.deepEqual(body.filter((line, i) => !headers.has(line) || body.indexOf(line) === i), noticeText(longSheet));
  });

  test('a receipt with a very long procedure name wraps and keeps it whole', async () => {
    const name = 'Thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi '.repeat(12).trim();
    const doc = { ...sampleReceipt, procedure: { name, code: '1.001193' } };
    const pdf = await renderNotice(doc);
    assertPdf(pdf);
    assert.ok(pageCount(pdf) >= 1);
    assert.ok(noticeText(doc).includes(`Nội dung yêu cầu giải quyết: ${name} (mã thủ tục: 1.001193)`));
  });

  test('a long list of reasons continues on new pages', async () => {
    const reasons = Array.from({ length: 80 }, (_, i) => `Lý do thứ ${i + 1}: giấy tờ không hợp lệ theo quy định của thủ tục hành chính.`);
    const pdf = await renderNotice({ ...sampleRejection, reasons });
    assertPdf(pdf);
    assert.ok(pageCount(pdf) >= 3);
  });

  test('rejects an unreadable date', async () => {
    await assert.rejects(renderNotice({ ...sampleReceipt, dueDate: '2026-02-30' }), RangeError);
    await assert.rejects(renderNotice({ ...sampleReceipt, receivedAt: 'yesterday' }), RangeError);
  });
});

describe('noticeText', () => {
  test('receipt: codes, applicant with masked id, dates in Vietnam time, parts, fee, signatures', () => {
    const lines = noticeText(sampleReceipt);
    const text = lines.join('\n');
    for (const expected of [
      'SỞ TƯ PHÁP', 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Đồng Tháp, ngày 27 tháng 11 năm 2026', 'Mã hồ sơ: 000.00.00.H19-261127-0001', 'Mã tra cứu: 7QK2-M9XD',
      'Tiếp nhận hồ sơ của: Nguyễn Thị Ngọc Hường', 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Trần Văn Đức',
      'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)', '01 bản chính', 'Bản điện tử',
      'Quét mã QR để tra cứu hồ sơ',
    ]) assert.ok(lines.includes(expected), `missing line: ${expected}`);
    assert.match(text, /Số định danh cá nhân: \*{9}123/);
    assert.match(text, /^4\. Thời gian nhận hồ sơ: 08:30 27\/11\/2026 \(nộp trực tiếp\)$/m);
    assert.match(text, /^5\. Thời gian trả kết quả giải quyết hồ sơ: ngày 11\/12\/2026$/m);
    assert.match(text, /^6\. Phí, lệ phí: 200\.000 đồng$/m);
    assert.ok(text.includes(sampleReceipt.lookupUrl));
    // Diacritics stay precomposed (NFC), as typed.
    assert.equal(text, text.normalize('NFC'));
  });

  test('receipt: numbering skips what is not given; online dossiers carry one signature', () => {
    const lines = noticeText({ ...sampleReceipt, channel: 'online', fee: undefined, processingTime: undefined });
    assert.ok(!lines.includes('NGƯỜI NỘP HỒ SƠ'));
    assert.ok(lines.includes('3. Thời gian nhận hồ sơ: 08:30 27/11/2026 (nộp trực tuyến)'));
    assert.ok(lines.includes('5. Đăng ký nhận kết quả tại: Nhận trực tiếp tại Bộ phận Một cửa Sở Tư pháp'));
  });

  test('supplement request: the items table and the deadline', () => {
    const lines = noticeText(sampleSupplement);
    assert.ok(lines.includes('Giấy tờ chứng minh nơi thường trú'));
    assert.ok(lines.includes('Chưa ghi mục "Nơi cư trú" và chưa ký tên người yêu cầu.'));
    assert.ok(lines.includes('Thời hạn bổ sung, hoàn thiện hồ sơ: trước ngày 04/12/2026'));
    assert.ok(lines.includes('NGƯỜI HƯỚNG DẪN'));
  });

  test('rejection: the reasons, numbered', () => {
    const lines = noticeText(sampleRejection);
    assert.ok(lines.includes(`1. ${sampleRejection.reasons[0]}`));
    assert.ok(lines.includes(`2. ${sampleRejection.reasons[1]}`));
  });

  test('apology: both dates, the reason and the head of the agency', () => {
    const text = noticeText(sampleApology).join('\n');
    assert.match(text, /ngày hẹn trả kết quả: 27\/11\/2026\./);
    assert.match(text, /hẹn trả kết quả vào ngày 04\/12\/2026\./);
    assert.match(text, /^KT\. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\(Ký, ghi rõ họ tên và đóng dấu\)\nLê Minh Quang$/m);
  });

  test('control sheet: hand-overs with their outcome', () => {
    const lines = noticeText(longSheet);
    assert.ok(lines.includes('Thời gian nhận hồ sơ: 08:30 13/11/2026'));
    assert.ok(lines.includes('Ngày hẹn trả kết quả: 27/11/2026'));
    assert.ok(lines.includes('60'));
    assert.ok(lines.includes('—'));
    assert.ok(lines.includes('Đúng hạn') && lines.includes('Trễ hạn'));
    const issued = '2026-11-20T00:00:00Z';
    const step = { step: 'Thẩm định', agency: 'Phòng', holder: 'A', from: '2026-11-13T01:30:00Z', due: '2026-11-18' };
    assert.equal(outcomeOf({ ...step, to: '2026-11-18T16:59:00Z' }, issued), 'on_time'); // 23:59 on the 18th in Vietnam
    assert.equal(outcomeOf({ ...step, to: '2026-11-18T17:00:00Z' }, issued), 'late');
    assert.equal(outcomeOf({ ...step, to: null }, issued), 'late');
    assert.equal(outcomeOf({ ...step, due: '2026-11-25' }, issued), 'in_progress');
    assert.equal(outcomeOf({ ...step, to: null, outcome: 'on_time' }, issued), 'on_time');
  });
});

describe('noticeFileName', () => {
  test('ASCII, by kind and dossier code', () => {
    assert.equal(noticeFileName(sampleReceipt), 'giay-tiep-nhan-000.00.00.H19-261127-0001.pdf');
    for (const [, doc] of all) assert.match(noticeFileName(doc), /^[a-z-]+-000\.00\.00\.H19-261127-0001\.pdf$/);
    assert.equal(noticeFileName({ ...sampleRejection, dossierCode: 'HỒ SƠ/Đồng Tháp 01' }), 'phieu-tu-choi-tiep-nhan-HO-SO-Dong-Thap-01.pdf');
  });
});

describe('formats', () => {
  test('dates and times in Vietnam time, place and date, money', () => {
    assert.equal(formatDate('2026-11-27'), '27/11/2026');
    assert.equal(formatDate(new Date('2026-11-27T17:30:00Z')), '28/11/2026');
    assert.equal(formatDateTime('2026-12-31T17:05:00Z'), '00:05 01/01/2027');
    assert.equal(placeAndDate('Đồng Tháp', '2027-02-05'), 'Đồng Tháp, ngày 05 tháng 02 năm 2027');
    assert.equal(placeAndDate('Cao Lãnh', '2026-11-27'), 'Cao Lãnh, ngày 27 tháng 11 năm 2026');
    assert.equal(formatMoney(1_500_000), '1.500.000 đồng');
    assert.equal(formatMoney(0), '0 đồng');
    assert.throws(() => formatDate('2026-13-01'), RangeError);
  });
});
