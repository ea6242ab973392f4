import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrefillAnswer } from '../../../api/tthc.ts';
import type { FieldSchema } from '../../../components/eform/schema.ts';
import { applyNational, hasNationalBindings } from './useNationalPrefill.ts';

const schema: FieldSchema = {
  type: 'object',
  properties: {
    owner: {
      type: 'object',
      properties: {
        fullName: { type: 'string', 'x-prefill': 'fullName', 'x-national': 'population.fullName' } as FieldSchema,
        residence: { type: 'string', 'x-national': 'population.permanentAddress' } as FieldSchema,
        sex: { type: 'string', 'x-national': 'population.sex' } as FieldSchema,
      },
    },
    phone: { type: 'string' },
  },
};
const field = (pointer: string, value: string) => ({ pointer, value, source: 'population' as const, fetchedAt: '2026-12-06T07:00:00.000Z', messageId: 'm-1' });
const answer: PrefillAnswer = {
  id: 'p-1', formKey: 'f', missing: [],
  fields: [field('/owner/fullName', 'Trần Thị Bé'), field('/owner/residence', 'Số 1, Phường Cao Lãnh'), field('/owner/sex', 'Nữ'), field('/owner/unknown', 'x')],
};

describe('national prefill in the filing wizard', () => {
  it('fills empty fields and VNeID suggestions, never what the applicant typed, and ignores fields the form lacks', () => {
    const out = applyNational(schema, { owner: { fullName: 'Từ VNeID', residence: 'Tự gõ' }, phone: '0912345678' }, answer);
    assert.deepEqual(out, { owner: { fullName: 'Trần Thị Bé', residence: 'Tự gõ', sex: 'Nữ' }, phone: '0912345678' });
  });

  it('knows whether a form is bound to a national database', () => {
    assert.equal(hasNationalBindings(schema), true);
    assert.equal(hasNationalBindings({ type: 'object', properties: { phone: { type: 'string' } } }), false);
  });
});
