import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { lateness } from './apology.ts';
import { outcomeOf } from './control-sheet.ts';
import { FORMS } from './forms.ts';
import { formatDate, formatDateTime, formatMoney, noticeFileName, noticeText, placeAndDate, REGISTER_HEADERS, registerLayout, registerWorkbook, renderNotice, renderRegister, type NoticeDocument, type TrackingRegister } from './index.ts';
import { linesOf } from './model.ts';
import { missingWords, pdfText } from '../../../packages/platform/testing.ts';
import { sampleApology, sampleControlSheet, sampleReceipt, sampleRegister, sampleRejection, sampleStop, sampleSupplement } from './samples.ts';

const all: [string, NoticeDocument, keyof typeof FORMS][] = [
  ['receipt', sampleReceipt, 'receipt'],
  ['supplement request', sampleSupplement, 'supplement_request'],
  ['rejection', sampleRejection, 'rejection'],
  ['apology and extension', sampleApology, 'apology'],
  ['stop', sampleStop, 'stop'],
  ['control sheet', sampleControlSheet(), 'control_sheet'],
];

/** A 200-character text of distinct words, so that each missing word is noticed. */
function long(tag: string): string {
  let text = '';
  for (let i = 1; text.length < 200; i++) text += `${text ? ' ' : ''}${tag}${i}ờ`;
  return text.slice(0, 200).replace(/\s\S*$/, '');
}

/** Every name, agency, reason and part of a form made 200 characters long. */
function stretched(doc: NoticeDocument): NoticeDocument {
  const applicant = { ...doc.applicant, name: long('Hường'), address: long('Đường') };
  const common = {
    ...doc, applicant, agency: { parent: long('Tỉnh'), name: long('Sở') }, desk: long('Mộtcửa'), place: long('Nơi').slice(0, 60),
    procedure: { name: long('Thủtục'), code: '1.001193' },
  };
  switch (common.kind) {
    case 'receipt': return { ...common, parts: [{ name: long('Giấy'), originals: 1, copies: 2 }], resultDelivery: long('Nhận'), official: long('Cánbộ') };
    case 'supplement_request': return { ...common, items: [{ part: long('Phần'), reason: long('Lýdo') }, { part: long('Tờkhai'), reason: long('Thiếu') }], note: long('Ghichú'), official: long('Hướngdẫn') };
    case 'rejection': return { ...common, reasons: [long('Lýdo'), long('Khác')], legalGround: long('Căncứ'), official: long('Tiếpnhận') };
    case 'apology': return { ...common, reason: long('Vìsao'), signer: { title: long('Chứcvụ'), name: long('Ký') } };
    case 'stop': return { ...common, reason: long('Dừng'), legalGround: long('Căncứ'), signer: { title: long('Chứcvụ'), name: long('Ký') } };
    case 'control_sheet': return {
      ...common,
      handovers: common.handovers.map((h, i) => ({ ...h, step: long(`Bước${i}`), fromAgency: long(`Giao${i}`), toAgency: long(`Nhận${i}`), giver: long(`Người${i}`), receiver: long(`Ai${i}`) })),
    };
  }
}

describe('the seven forms on pdfmake', () => {
  for (const [name, doc, form] of all) {
    test(`${name}: form ${FORMS[form].number}, its title, number, desk and every word of its text`, async () => {
      const pdf = await renderNotice(doc);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
      const lines = noticeText(doc);
      for (const expected of [`Mẫu số ${FORMS[form].number}`, FORMS[form].title, 'SỞ TƯ PHÁP', 'BỘ PHẬN MỘT CỬA SỞ TƯ PHÁP TỈNH ĐỒNG THÁP', 'Số: 0012/2026/TN', 'Đồng Tháp, ngày 27 tháng 11 năm 2026']) {
        assert.ok(lines.includes(expected), `missing line: ${expected}`);
      }
      const { text, title } = await pdfText(pdf);
      assert.equal(title, `${FORMS[form].title} - 000.00.00.H19-261127-0001`);
      assert.deepEqual(missingWords(text, lines), []);
    });

    test(`${name}: with 200-character names, agencies and reasons nothing is cut`, async () => {
      const big = stretched(doc);
      const lines = noticeText(big);
      assert.ok(lines.some((l) => l.includes(long('Hường'))) || big.kind === 'apology' || big.kind === 'control_sheet');
      const { text } = await pdfText(await renderNotice(big));
      assert.deepEqual(missingWords(text, lines), []);
    });
  }

  test('a 60-row control sheet runs over pages, repeating the table header, every row present', async () => {
    const sheet = sampleControlSheet(60);
    const { text, pages } = await pdfText(await renderNotice(sheet));
    assert.ok(pages >= 3, `${pages} page(s)`);
    const headers = text.replace(/\s+/g, '').split('Ngườigiao(ký,ghirõhọtên)').length - 1;
    assert.ok(headers >= pages, `the header row repeats on every page: ${headers} header(s), ${pages} pages`);
    assert.deepEqual(missingWords(text, noticeText(sheet)), []);
  });

  test('identical input gives identical bytes', async () => {
    const first = await renderNotice(sampleReceipt);
    assert.ok((await renderNotice(structuredClone(sampleReceipt))).equals(first));
  });

  test('rejects an unreadable date', async () => {
    await assert.rejects(renderNotice({ ...sampleReceipt, returnAt: 'tomorrow' }), RangeError);
    await assert.rejects(renderNotice({ ...sampleApology, newDueDate: '2026-02-30' }), RangeError);
    await assert.rejects(renderNotice({ ...sampleReceipt, receivedAt: 'yesterday' }), RangeError);
  });
});

describe('form contents', () => {
  test('receipt: return time with hour and minute; online dossiers carry one signature', () => {
    const text = noticeText(sampleReceipt).join('\n');
    assert.match(text, /^5\. Thời gian trả kết quả giải quyết hồ sơ: vào lúc 16 giờ 00 phút, ngày 11\/12\/2026$/m);
    assert.match(text, /Số định danh cá nhân: \*{9}123/);
    assert.ok(noticeText(sampleReceipt).includes('NGƯỜI NỘP HỒ SƠ'));
    assert.ok(!noticeText({ ...sampleReceipt, channel: 'online' }).includes('NGƯỜI NỘP HỒ SƠ'));
  });

  test('rejection names its legal ground', () => {
    assert.ok(noticeText(sampleRejection).includes('Căn cứ: Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ.'));
  });

  test('apology: "will be late" before or on the promised date, "is late" after it', () => {
    assert.equal(lateness({ issuedAt: '2026-11-27T02:15:00Z', previousDueDate: '2026-11-27' }), 'sẽ bị trễ hạn');
    assert.equal(lateness({ issuedAt: '2026-11-27T17:00:00Z', previousDueDate: '2026-11-27' }), 'đã trễ hạn'); // 00:00 on the 28th in Vietnam
    assert.match(noticeText(sampleApology).join('\n'), /sẽ bị trễ hạn giải quyết/);
    assert.match(noticeText({ ...sampleApology, issuedAt: '2026-11-30T02:00:00Z' }).join('\n'), /đã trễ hạn giải quyết/);
    assert.match(noticeText(sampleApology).join('\n'), /hẹn trả kết quả vào ngày 04\/12\/2026\./);
  });

  test('stop: reason, ground and the head of the agency', () => {
    const lines = noticeText(sampleStop);
    assert.ok(lines.some((l) => l.endsWith(sampleStop.reason)));
    assert.ok(lines.includes('PHÓ GIÁM ĐỐC') && lines.includes('Lê Minh Quang'));
  });

  test('control sheet: one row per hand-over with giver and receiver; early, on time, late', () => {
    const sheet = sampleControlSheet(6);
    const lines = noticeText(sheet);
    assert.ok(lines.includes('Trần Văn Đức') && lines.includes('Phạm Thị Thu Hà'));
    assert.ok(lines.some((l) => l.startsWith('Trước hạn')) && lines.some((l) => l.startsWith('Quá hạn')) && lines.some((l) => l.startsWith('Đang xử lý')));
    const issued = '2026-11-20T00:00:00Z';
    const step = { due: '2026-11-18' };
    assert.equal(outcomeOf({ ...step, endedAt: '2026-11-17T16:59:00Z' }, issued), 'early'); // 23:59 on the 17th in Vietnam
    assert.equal(outcomeOf({ ...step, endedAt: '2026-11-17T17:00:00Z' }, issued), 'on_time');
    assert.equal(outcomeOf({ ...step, endedAt: '2026-11-18T16:59:00Z' }, issued), 'on_time');
    assert.equal(outcomeOf({ ...step, endedAt: '2026-11-18T17:00:00Z' }, issued), 'late');
    assert.equal(outcomeOf({ ...step, endedAt: null }, issued), 'late');
    assert.equal(outcomeOf({ due: '2026-11-25' }, issued), 'in_progress');
  });
});

describe('tracking register (Mẫu số 07)', () => {
  const entries = Array.from({ length: 40 }, (_, i) => ({ ...sampleRegister.entries[0]!, dossierCode: `000.00.00.H19-261127-${String(i + 1).padStart(4, '0')}`, applicant: long(`Dân${i}`) }));
  const register: TrackingRegister = { ...sampleRegister, entries };

  test('a landscape PDF of every dossier of the period, nothing cut', async () => {
    const pdf = await renderRegister(register);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/);
    const { text, pages } = await pdfText(pdf);
    assert.ok(pages >= 2);
    const lines = linesOf(registerLayout(register));
    assert.ok(lines.includes('Mẫu số 07') && lines.includes('SỔ THEO DÕI HỒ SƠ') && lines.includes('Từ ngày 01/11/2026 đến ngày 30/11/2026'));
    assert.deepEqual(missingWords(text, lines), []);
  });

  test('an Excel workbook with one row per dossier under the header row', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await registerWorkbook(register) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let headerRow = 0;
    sheet.eachRow((row, n) => { if (row.getCell(1).value === 'STT') headerRow = n; });
    assert.ok(headerRow > 0);
    assert.deepEqual((sheet.getRow(headerRow).values as unknown[]).slice(1), REGISTER_HEADERS);
    const rows = Array.from({ length: entries.length }, (_, i) => (sheet.getRow(headerRow + 1 + i).values as unknown[]).slice(1));
    assert.deepEqual(rows.map((r) => r[1]), entries.map((e) => e.dossierCode));
    assert.deepEqual(rows.map((r) => r[4]), entries.map((e) => e.applicant));
    assert.equal(rows[0]![7], '08:30 13/11/2026');
    assert.equal(sheet.getRow(headerRow + entries.length + 1).values.length ?? 0, 0);
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
