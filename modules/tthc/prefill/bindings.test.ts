import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFormSchema } from '../catalogue/form.validation.ts';
import { SEED_FORMS } from '../seed/forms.ts';
import { bindingsOf, conditionHolds, leafFields, populationParts, readBinding, type CitizenRecord } from './bindings.ts';
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
    // Applicant 4 (all bound, the phone too) + land 5 + building 6 + completion months 1.
    assert.equal(leafFields(building).length, 16);
    assert.deepEqual(formShare(building, ['/applicant/fullName', '/applicant/idNumber', '/not/a/field']), { fields: 16, bound: 4, prefilled: 2 });
  });

  it('binds a group only when the record says it is the person looked up (x-national-if), and refuses a malformed condition', () => {
    const marriage = SEED_FORMS.find((f) => f.key === 'to-khai-dang-ky-ket-hon')!.draft.schema;
    const bindings = bindingsOf(marriage);
    assert.deepEqual(bindings.filter((b) => b.pointer.startsWith('/bride/')).map((b) => b.pointer),
      ['/bride/fullName', '/bride/dateOfBirth', '/bride/ethnicity', '/bride/nationality', '/bride/idNumber', '/bride/residence']);
    const codeOf = (_list: string, name: string) => (name === 'Khơ-me' ? '05' : undefined);
    const value = (pointer: string, r: CitizenRecord) => readBinding(bindings.find((b) => b.pointer === pointer)!, { population: r }, codeOf);
    // The record is a woman's: she is "Bên nữ"; the groom's fields stay empty.
    assert.equal(value('/bride/fullName', record), 'Nguyễn Văn An');
    assert.equal(value('/bride/ethnicity', record), '05');
    assert.equal(value('/groom/fullName', record), null);
    const man: CitizenRecord = { ...record, sex: 'male' };
    assert.equal(value('/groom/residence', man), 'Số 12, Khóm 2, Phường Cao Lãnh, Tỉnh Đồng Tháp');
    assert.equal(value('/bride/residence', man), null);
    assert.equal(conditionHolds({ binding: 'population.sex', equals: 'Nữ' }, {}), false, 'no record: no side');
    // The marriage numbers and the copies are not bound: 12 of 15 fields are, 6 for either side.
    assert.deepEqual(formShare(marriage, ['/bride/fullName']), { fields: 15, bound: 12, prefilled: 1 });
    const bad = { type: 'object', properties: { side: { type: 'object', 'x-national-if': { binding: 'population.salary', equals: 'x' }, properties: {} } } };
    assert.deepEqual(checkFormSchema(bad).map((e) => [e.field, e.keyword]), [['/side', 'x-national-if']]);
  });

  it('states only a never-married status from the record; a marriage must be stated with what the record lacks', () => {
    const binding = { pointer: '/m', path: ['m'], source: 'population' as const, field: 'maritalStatus' };
    assert.equal(readBinding(binding, { population: record }, () => undefined), 'Hiện tại chưa đăng ký kết hôn với ai');
    assert.equal(readBinding(binding, { population: { ...record, maritalStatus: 'divorced' } }, () => undefined), null);
  });

  it('counts the new declarations as their official forms have them', () => {
    const schema = (key: string) => SEED_FORMS.find((f) => f.key === key)!.draft.schema;
    // Requester 4 + person 7 + earlier residence 3 + marital status 1 + purpose 1; bound: requester 3, person 7, the status.
    assert.deepEqual(formShare(schema('to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan'), []), { fields: 16, bound: 11, prefilled: 0 });
    // Person 14 (the id document's number, date and place) + residence history 1 + certificate no., ban confirmation, purpose,
    // extra copies, and the fee-exemption category the fee schedule reads. Bound: the person's fields but other names.
    assert.deepEqual(formShare(schema('to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap'), []), { fields: 20, bound: 13, prefilled: 0 });
    // Requester 4 (3 bound) + the deceased 11 + the death notice 3 + copies 1: the deceased's record is not the signed-in person's.
    assert.deepEqual(formShare(schema('to-khai-dang-ky-khai-tu'), []), { fields: 19, bound: 3, prefilled: 0 });
  });

  it('reads the new parts of the record, and asks the lookup only for the parts a form binds', () => {
    const full: CitizenRecord = {
      ...record, father: { fullName: 'Nguyễn Văn Ba', personalId: '087060001111' }, mother: { fullName: 'Trần Thị Tư', personalId: '087162002222' },
      spouse: null, temporaryResidence: { text: 'Ấp 3, Xã Tháp Mười, Tỉnh Đồng Tháp' }, phoneNumber: '0912345678', email: null,
      idCard: { issuedOn: '2024-08-01', issuedBy: 'Bộ Công an' }, placeOfBirth: 'Phường Sa Đéc, Tỉnh Đồng Tháp',
    };
    const read = (field: string, r: CitizenRecord = full) => readBinding({ pointer: '/x', path: ['x'], source: 'population', field }, { population: r }, () => undefined);
    assert.equal(read('fatherName'), 'Nguyễn Văn Ba');
    assert.equal(read('motherPersonalId'), '087162002222');
    assert.equal(read('spouseName'), null, 'not married: no spouse');
    assert.equal(read('temporaryAddress'), 'Ấp 3, Xã Tháp Mười, Tỉnh Đồng Tháp');
    assert.equal(read('idIssuedOn'), '2024-08-01');
    assert.equal(read('phone'), '0912345678');
    assert.equal(read('fatherName', record), null, 'a record without the part: no value');
    const judicial = bindingsOf(SEED_FORMS.find((f) => f.key === 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap')!.draft.schema);
    assert.deepEqual(populationParts(judicial), ['idCard', 'placeOfBirth', 'relatives', 'temporaryResidence']);
    assert.deepEqual(populationParts(bindingsOf(SEED_FORMS.find((f) => f.key === 'to-khai-dang-ky-ket-hon')!.draft.schema)), []);
  });

  it('fills the birth declaration\'s other parent from the requester\'s spouse (x-national-otherwise), and refuses a stray one', () => {
    const birth = SEED_FORMS.find((f) => f.key === 'to-khai-dang-ky-khai-sinh')!.draft.schema;
    const bindings = bindingsOf(birth);
    const codeOf = () => undefined;
    const mother: CitizenRecord = { ...record, spouse: { fullName: 'Lê Văn Tâm', personalId: '087089003333' } };
    const value = (pointer: string, r: CitizenRecord) => readBinding(bindings.find((b) => b.pointer === pointer)!, { population: r }, codeOf);
    // A mother files: she is the mother; the father's name and id are her husband's; his other fields stay empty.
    assert.equal(value('/mother/fullName', mother), 'Nguyễn Văn An');
    assert.equal(value('/father/fullName', mother), 'Lê Văn Tâm');
    assert.equal(value('/father/idNumber', mother), '087089003333');
    assert.equal(value('/father/dateOfBirth', mother), null);
    // A father files: the reverse.
    const father: CitizenRecord = { ...mother, sex: 'male' };
    assert.equal(value('/father/idNumber', father), '087090001234');
    assert.equal(value('/mother/fullName', father), 'Lê Văn Tâm');
    assert.equal(value('/mother/residence', father), null);
    assert.deepEqual(populationParts(bindings), ['relatives']);
    const stray = { type: 'object', properties: { name: { type: 'string', 'x-national': 'population.fullName', 'x-national-otherwise': 'population.spouseName' } } };
    assert.deepEqual(checkFormSchema(stray).map((e) => [e.field, e.keyword]), [['/name', 'x-national-otherwise']]);
    const foreign = { type: 'object', properties: { side: { type: 'object', 'x-national-if': { binding: 'population.sex', equals: 'Nam' }, properties: {
      name: { type: 'string', 'x-national': 'population.fullName', 'x-national-otherwise': 'business.enterpriseName' } } } } };
    assert.deepEqual(checkFormSchema(foreign).map((e) => [e.field, e.keyword]), [['/side/name', 'x-national-otherwise']]);
  });
});
