// The procedure editor's verification section: what it sends back, what it refuses, and a label
// for every field it offers in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../../i18n/tthc-admin.en.json' with { type: 'json' };
import vi from '../../../i18n/tthc-admin.vi.json' with { type: 'json' };
import { checkVerificationDraft, toVerification, toVerificationDraft, VERIFIABLE_FIELDS } from './verification.ts';

const t = (key: string) => key;
const stored = { status: 'unverified' as const, source: 'dichvucong.gov.vn', checkedOn: '2025-11-20', unverified: ['nationalCode', 'processingDays'], note: 'Mã tạm' };

test('a stored verification comes back unchanged through the editor', () => {
  const draft = toVerificationDraft(stored);
  assert.equal(draft.checkedOn, '20/11/2025', 'dates are typed dd/mm/yyyy');
  assert.deepEqual(toVerification(draft), stored);
});

test('no record stays null; "verified" sends no unverified fields; a blank note is left out', () => {
  assert.equal(toVerification(toVerificationDraft(null)), null);
  const verified = toVerification({ ...toVerificationDraft(stored), status: 'verified', note: '  ' });
  assert.deepEqual(verified, { status: 'verified', source: 'dichvucong.gov.vn', checkedOn: '2025-11-20', unverified: [] });
});

test('a verification needs its source and a real date; none needs nothing', () => {
  assert.deepEqual(checkVerificationDraft({ ...toVerificationDraft(stored), source: ' ', checkedOn: '31/02/2025' }, t), {
    'verification.source': 'form.required', 'verification.checkedOn': 'form.invalidDate',
  });
  assert.deepEqual(checkVerificationDraft({ ...toVerificationDraft(null), source: '' }, t), {});
});

test('every field the editor offers has a label in both languages', () => {
  for (const catalogue of [vi, en]) {
    const labels = catalogue.tthcAdmin.verification.fields as Record<string, string>;
    assert.deepEqual(VERIFIABLE_FIELDS.filter((f) => !labels[f]?.trim()), []);
  }
});
