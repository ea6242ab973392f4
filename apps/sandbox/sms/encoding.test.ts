import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SEGMENTS, analyseSmsText, hasDiacritics } from './encoding.ts';
import { isFailingTestNumber, localPhone, normalisePhone } from './phone.ts';

const segments = (text: string): number => analyseSmsText(text).segments;

test('GSM-7: 160 characters in one SMS, 153 per part; extension characters take two', () => {
  assert.deepEqual(analyseSmsText('DONGTHAP: Ho so H19.001 da duoc tiep nhan'), { encoding: 'GSM7', units: 41, segments: 1, hasDiacritics: false });
  assert.equal(segments('a'.repeat(160)), 1);
  assert.equal(segments('a'.repeat(161)), 2);
  assert.equal(segments('a'.repeat(306)), 2);
  assert.equal(segments('a'.repeat(307)), 3);
  assert.deepEqual(analyseSmsText('€'.repeat(80)), { encoding: 'GSM7', units: 160, segments: 1, hasDiacritics: false });
  assert.equal(segments('[]'.repeat(41)), 2);
  // 306 septets would fit two parts, but the escaped € cannot straddle the boundary.
  assert.equal(segments(`${'a'.repeat(152)}€${'a'.repeat(152)}`), 3);
  assert.equal(segments('a'.repeat(153 * MAX_SEGMENTS)), MAX_SEGMENTS);
});

test('UCS-2: 70 in one SMS, 67 per part, counted in UTF-16 units; surrogate pairs are not split', () => {
  assert.deepEqual(analyseSmsText('Hồ sơ đã được tiếp nhận'), { encoding: 'UCS2', units: 23, segments: 1, hasDiacritics: true });
  assert.equal(segments('ạ'.repeat(70)), 1);
  assert.equal(segments('ạ'.repeat(71)), 2);
  assert.equal(segments('ạ'.repeat(134)), 2);
  assert.equal(segments('ạ'.repeat(135)), 3);
  assert.equal(analyseSmsText('😀').units, 2);
  assert.equal(segments(`${'ạ'.repeat(66)}😀${'ạ'.repeat(66)}`), 3);
  assert.equal(segments('ạ'.repeat(67 * MAX_SEGMENTS)), MAX_SEGMENTS);
  // One character outside the GSM alphabet turns the whole message into UCS-2.
  assert.deepEqual(analyseSmsText(`${'a'.repeat(100)}ư`), { encoding: 'UCS2', units: 101, segments: 2, hasDiacritics: true });
});

test('diacritics are detected in any normalisation form, including GSM-7 letters like é', () => {
  assert.equal(hasDiacritics('Dong Thap'), false);
  assert.equal(hasDiacritics('Đ'), true);
  assert.equal(hasDiacritics('Ho\u0302'), true);
  assert.deepEqual(analyseSmsText('Café'), { encoding: 'GSM7', units: 4, segments: 1, hasDiacritics: true });
  assert.equal(analyseSmsText('Ho\u0302').encoding, 'UCS2');
});

test('phones: 0, 84 or +84 and nine digits of a mobile range; anything else is refused', () => {
  for (const input of ['0912345678', '+84912345678', '84912345678', '0912 345 678', '091.234.5678', '0312-345-678', '0512345678', '0712345678', '0812345678']) {
    assert.match(normalisePhone(input) ?? 'refused', /^84[35789]\d{8}$/, input);
  }
  assert.equal(normalisePhone('+84 912 345 678'), '84912345678');
  for (const input of ['0212345678', '0612345678', '091234567', '09123456789', '+8491234567', '0084912345678', 'abc', '', '+840912345678']) {
    assert.equal(normalisePhone(input), undefined, input);
  }
  assert.equal(localPhone('84912345678'), '0912345678');
  assert.equal(isFailingTestNumber('84912340000'), true);
  assert.equal(isFailingTestNumber('84912340001'), false);
});
