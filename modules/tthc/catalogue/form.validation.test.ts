import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueFields, checkFormSchema, validateEForm, validateFormData } from './form.validation.ts';

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

describe('e-form fields from shared code lists (x-catalog)', () => {
  const form = {
    type: 'object',
    required: ['person'],
    properties: {
      person: {
        type: 'object',
        properties: {
          ethnicity: { type: 'string', title: 'Dân tộc', 'x-catalog': 'ethnic-groups' },
          nationality: { type: 'string', title: 'Quốc tịch', 'x-catalog': 'nationalities' },
          age: { type: 'integer', minimum: 0 },
        },
      },
      religion: { type: 'string', 'x-catalog': 'religions', minLength: 2 },
    },
  };
  const lists: Record<string, string[]> = { 'ethnic-groups': ['01', '02'], nationalities: ['VN', 'LA'], religions: ['00', '01'] };
  const codesOf = async (list: string) => (lists[list] ? new Set(lists[list]) : undefined);

  it('finds the catalogue fields through nested objects', () => {
    assert.deepEqual(catalogueFields(form).map((f) => [f.pointer, f.list]), [['/person/ethnicity', 'ethnic-groups'], ['/person/nationality', 'nationalities'], ['/religion', 'religions']]);
  });

  it('accepts codes of the current lists and refuses anything else, field by field', async () => {
    assert.deepEqual(await validateEForm(form, { person: { ethnicity: '02', nationality: 'LA' }, religion: '01' }, codesOf), []);
    const errors = await validateEForm(form, { person: { ethnicity: 'Kinh', nationality: 'VN', age: -1 }, religion: 'x' }, codesOf);
    assert.deepEqual(errors.map((e) => [e.field, e.keyword]).sort(), [['/person/age', 'minimum'], ['/person/ethnicity', 'x-catalog'], ['/religion', 'minLength']], 'one error per field; the schema\'s first');
    assert.equal(errors.find((e) => e.field === '/person/ethnicity')!.message, 'Giá trị không có trong danh mục dùng chung');
    assert.deepEqual(await validateEForm(form, { person: {} }, codesOf), [], 'absent optional fields are not checked');
    const unknownList = { type: 'object', properties: { x: { type: 'string', 'x-catalog': 'no-such-list' } } };
    assert.deepEqual((await validateEForm(unknownList, { x: '01' }, codesOf)).map((e) => e.field), ['/x'], 'a list that does not exist accepts nothing');
    assert.deepEqual((await validateEForm(form, { person: { ethnicity: 1 } }, codesOf)).map((e) => e.keyword), ['type']);
  });

  it('allows x-catalog only as a code-list code on a string field', () => {
    assert.deepEqual(checkFormSchema(form), []);
    assert.equal(checkFormSchema({ type: 'object', properties: { n: { type: 'integer', 'x-catalog': 'ethnic-groups' } } })[0]?.keyword, 'x-catalog');
    assert.equal(checkFormSchema({ type: 'object', properties: { n: { type: 'string', 'x-catalog': 'Dân tộc' } } })[0]?.field, '/n');
  });
});
