import { test } from 'node:test';
import assert from 'node:assert/strict';
import i18next from 'i18next';
import en from '../../../i18n/en.json' with { type: 'json' };
import vi from '../../../i18n/vi.json' with { type: 'json' };
import { transitionLabel } from './transition-label.ts';

// The same set-up as the app (src/i18n/index.ts): Vietnamese is the fallback language.
async function i18nIn(lng: 'vi' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng, fallbackLng: 'vi', interpolation: { escapeValue: false } });
  return i18n;
}

test('in Vietnamese a transition reads as the process labels it, whatever its code', async () => {
  const i18n = await i18nIn('vi');
  assert.equal(transitionLabel(i18n, 'approve', 'Phê duyệt'), 'Phê duyệt');
  assert.equal(transitionLabel(i18n, 'submit', 'Chuyển thẩm định PCCC'), 'Chuyển thẩm định PCCC');
  assert.equal(transitionLabel(i18n, 'ky_so', 'Ký số'), 'Ký số');
});

test('in English a known transition code reads from the catalogue', async () => {
  const i18n = await i18nIn('en');
  assert.equal(transitionLabel(i18n, 'approve', 'Phê duyệt'), 'Approve');
  assert.equal(transitionLabel(i18n, 'send_back', 'Trả lại chuyên viên'), 'Send back to the specialist');
});

test('in English a code the catalogue does not know keeps the process label (data)', async () => {
  const i18n = await i18nIn('en');
  assert.equal(transitionLabel(i18n, 'ky_so', 'Ký số'), 'Ký số');
  assert.equal(transitionLabel(i18n, 'toString', 'Chuyển'), 'Chuyển');
});

test("in English the process's own English label comes first; Vietnamese ignores it", async () => {
  assert.equal(transitionLabel(await i18nIn('en'), 'submit', 'Chuyển thẩm định PCCC', 'Send for fire-safety review'), 'Send for fire-safety review');
  assert.equal(transitionLabel(await i18nIn('vi'), 'submit', 'Chuyển thẩm định PCCC', 'Send for fire-safety review'), 'Chuyển thẩm định PCCC');
});
