// Every dossier status and every command the server defines has a label in both languages, so the
// English switch never shows a raw code or a Vietnamese label on the dossier pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOSSIER_ACTIONS, DOSSIER_EVENTS, DOSSIER_STATUSES, STATUS_INFO } from '../../../../modules/tthc/index.ts';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

const catalogues = { vi, en } as const;
/** The labels under a `tthc.*` group of a catalogue. */
const group = (language: keyof typeof catalogues, name: string): Record<string, unknown> =>
  (catalogues[language].tthc as unknown as Record<string, Record<string, unknown>>)[name] ?? {};

const missing = (labels: Record<string, unknown>, codes: readonly string[]) =>
  codes.filter((code) => typeof labels[code] !== 'string' || (labels[code] as string).trim() === '');

for (const language of ['vi', 'en'] as const) {
  test(`${language}: every dossier status has a label`, () => {
    assert.deepEqual(missing(group(language, 'status'), DOSSIER_STATUSES), []);
  });

  test(`${language}: every history event (filing and each command) has a label`, () => {
    assert.ok(DOSSIER_ACTIONS.length > 10);
    assert.deepEqual(missing(group(language, 'actions'), DOSSIER_EVENTS), []);
  });
}

test('the status labels are the server\'s own names for them, in both languages', () => {
  for (const status of DOSSIER_STATUSES) {
    assert.equal(group('vi', 'status')[status], STATUS_INFO[status].vi, status);
    assert.equal(group('en', 'status')[status], STATUS_INFO[status].en, status);
  }
});

test('the English labels are English, not the Vietnamese ones copied', () => {
  const vietnamese = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
  for (const name of ['status', 'actions', 'actionLabels', 'transitions']) {
    const english = Object.entries(group('en', name)).filter(([, label]) => vietnamese.test(String(label)));
    assert.deepEqual(english, [], name);
  }
});
