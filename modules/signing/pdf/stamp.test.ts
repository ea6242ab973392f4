import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isQrOf, pdfText, qrModules, readSquareGrid } from '../../../packages/platform/testing.ts';
import { renderStampPage, STAMP_HEIGHT } from './stamp.ts';

const text = { signer: 'Lê Văn Lãnh', agency: 'Ủy ban nhân dân tỉnh Đồng Tháp', time: '14:05:09 06/12/2026' };
const result = { code: 'KQ-7KQ2-MNPR-XY34', verificationUrl: 'https://dichvucong.dongthap.gov.vn/xac-minh?ma=KQ-7KQ2-MNPR-XY34' };

test('the stamp of a registered result reads: signed, by whom, which agency, when, and the result\'s code', async () => {
  const stamp = await renderStampPage({ ...text, result });
  const { text: read } = await pdfText(stamp);
  for (const line of ['ĐÃ KÝ SỐ / DIGITALLY SIGNED', 'Ký bởi: Lê Văn Lãnh', 'Cơ quan: Ủy ban nhân dân tỉnh Đồng Tháp', 'Thời gian: 14:05:09 06/12/2026', 'Mã kết quả: KQ-7KQ2-MNPR-XY34']) {
    assert.ok(read.replace(/\s+/g, ' ').includes(line), `the stamp shows "${line}": ${read}`);
  }
});

test('its QR, printed 54 pt wide, is the verification address module for module; a stamp without a code has none', async () => {
  const qrArea = { x: 3, y: 3, width: 60, height: STAMP_HEIGHT - 6 };
  const grid = await readSquareGrid(await renderStampPage({ ...text, result }), qrArea, qrModules(result.verificationUrl));
  assert.equal(isQrOf(grid, result.verificationUrl), true);
  const plain = await renderStampPage(text);
  assert.equal(isQrOf(await readSquareGrid(plain, qrArea, qrModules(result.verificationUrl)), result.verificationUrl), false);
  assert.equal((await pdfText(plain)).text.includes('Mã kết quả'), false);
});
