import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFormSchema } from '../catalogue/form.validation.ts';
import { SEED_FORMS } from '../seed/forms.ts';
import { bindingsOf, leafFields, readBinding, type CitizenRecord } from './bindings.ts';
import { formShare } from './share.ts';

const record: CitizenRecord = {
  personalId: '087090001234', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-01', sex: 'female', birthRegistrationPlace: 'x', homeTown: 'y',
  ethnicity: 'Khơ-me', religion: 'Không', nationality: 'VN', maritalStatus: 'single',
  permanentResidence: { text: 'Số 12, Khóm 2, Phường Cao Lãnh, Tỉnh Đồng Tháp' }, currentResidence: { text: 'Chỗ khác' },
};

describe('e-form bindings to the national databases', () => {
  it('finds bound fields through nested objects, and the form editor refuses an unknown binding', () => {
    const schema = { type: 'object', properties: { owner: { type: 'object', properties: { name: { type: 'string', 'x-national': 'population.fullName' }, phone: { type: 'string' } } } } };
    assert.deepEqual(bindingsOf(schema).map((b) => [b.pointer, b.source, b.field]), [['/owner/name', 'population', 'fullName']]);
    assert.deepEqual(checkFormSchema(schema), []);
    const bad = { type: 'object', properties: { name: { type: 'string', 'x-national': 'population.salary' } } };
    assert.equal(checkFormSchema(bad)[0]?.keyword, 'x-national');
    assert.equal(checkFormSchema(bad)[0]?.field, '/name');
  });

  it('turns a record into form values: sex in words, an ethnicity name into its code-list code, an address on one line', () => {
    const codes = new Map([['Kinh', '01'], ['Khơ-me', '05']]);
    const codeOf = (_list: string, name: string) => codes.get(name);
    const read = (field: string, catalog?: string) => readBinding({ pointer: '/x', path: ['x'], source: 'population', field, ...(catalog ? { catalog } : {}) }, { population: record }, codeOf);
    assert.equal(read('sex'), 'Nữ');
    assert.equal(read('ethnicity', 'ethnic-groups'), '05');
    assert.equal(read('permanentAddress'), 'Số 12, Khóm 2, Phường Cao Lãnh, Tỉnh Đồng Tháp');
    assert.equal(read('fullName'), 'Nguyễn Văn An');
    assert.equal(readBinding({ pointer: '/x', path: ['x'], source: 'business', field: 'enterpriseName' }, { population: record }, codeOf), null, 'no enterprise record: no value');
  });

  it('binds only known fields in the seeded forms, and counts leaves as a person fills them', () => {
    for (const { key, draft } of SEED_FORMS) assert.deepEqual(checkFormSchema(draft.schema), [], key);
    const building = SEED_FORMS.find((f) => f.key === 'don-de-nghi-cap-giay-phep-xay-dung')!.draft.schema;
    // Applicant 4 + land 5 + building 6 + completion months 1.
    assert.equal(leafFields(building).length, 16);
    assert.deepEqual(formShare(building, ['/applicant/fullName', '/applicant/idNumber', '/not/a/field']), { fields: 16, bound: 3, prefilled: 2 });
  });
});
