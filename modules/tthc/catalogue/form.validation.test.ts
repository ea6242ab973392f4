import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormSchema, validateFormData } from './form.validation.ts';

const birthForm = {
  type: 'object',
  additionalProperties: false,
  required: ['childName', 'dateOfBirth', 'sex', 'father'],
  properties: {
    childName: { type: 'string', title: 'Họ, chữ đệm, tên', minLength: 2, maxLength: 100 },
    dateOfBirth: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
    sex: { type: 'string', enum: ['male', 'female'], 'x-widget': 'radio' },
    weightGrams: { type: 'integer', minimum: 300, maximum: 8000 },
    father: {
      type: 'object',
      required: ['fullName'],
      properties: { fullName: { type: 'string', minLength: 2 }, email: { type: 'string', format: 'email' } },
    },
  },
};

describe('e-form validation', () => {
  it('accepts valid data', () => {
    assert.deepEqual(validateFormData(birthForm, {
      childName: 'Nguyễn Thị Sen', dateOfBirth: '2026-11-20', sex: 'female', weightGrams: 3100, father: { fullName: 'Nguyễn Văn An' },
    }), []);
  });

  it('reports each broken field once, by JSON Pointer, in Vietnamese and English', () => {
    const errors = validateFormData(birthForm, {
      childName: 'S', dateOfBirth: '2026-13-40', sex: 'other', weightGrams: 90000, father: { email: 'not-an-email' }, extra: 1,
    });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
    assert.deepEqual(Object.keys(byField).sort(), ['/childName', '/dateOfBirth', '/extra', '/father/email', '/father/fullName', '/sex', '/weightGrams']);
    assert.equal(byField['/father/fullName']!.message, 'Trường này là bắt buộc');
    assert.equal(byField['/dateOfBirth']!.message, 'Ngày không hợp lệ (YYYY-MM-DD)');
    assert.equal(byField['/weightGrams']!.keyword, 'maximum');
    assert.match(byField['/childName']!.messageEn, /fewer than 2|at least|must NOT have fewer/);
  });

  it('refuses unusable form schemas', () => {
    assert.equal(checkFormSchema(birthForm).length, 0);
    assert.equal(checkFormSchema({ type: 'array' })[0]!.keyword, 'type');
    assert.equal(checkFormSchema({ type: 'object', properties: { a: { $ref: 'https://evil.example/x.json' } } })[0]!.keyword, '$ref');
    assert.equal(checkFormSchema({ type: 'object', properties: { a: { type: 'strnig' } } })[0]!.keyword, 'schema');
  });
});
