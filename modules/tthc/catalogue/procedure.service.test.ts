import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { citizen, principalWith, sampleProcedure, setUpCatalogue, type TestCatalogue } from './procedure.test-support.ts';

const fieldsOf = (err: unknown) => {
  assert.ok(err instanceof AppError && err.status === 422 && err.code === 'tthc.procedure_invalid', String(err));
  return (err.details as { field: string }[]).map((d) => d.field);
};

describe('procedures (database)', () => {
  let t: TestCatalogue;
  const page = { limit: 20, offset: 0 };

  before(async () => {
    t = await setUpCatalogue();
  });
  after(async () => t.database.close());

  it('finds procedures with or without diacritics, by code, with % and _ taken literally', async () => {
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', '  dang   ky khai sinh ']) {
      const found = await t.procedures.list({ ...page, q });
      assert.deepEqual(found.items.map((p) => p.nationalCode), ['1.001193', '3.000722'], q);
    }
    assert.deepEqual((await t.procedures.list({ ...page, q: '1.000894' })).items.map((p) => p.name), ['Đăng ký kết hôn']);
    assert.equal((await t.procedures.list({ ...page, q: 'chứng thực bản sao' })).total, 1);
    assert.equal((await t.procedures.list({ ...page, q: '100%' })).total, 0);
    assert.equal((await t.procedures.list({ ...page, q: 'khai_sinh' })).total, 0);
  });

  it('filters by field, level, offering agency and online filing, with totals across pages', async () => {
    assert.equal((await t.procedures.list({ ...page, fieldCode: 'ho-tich' })).total, 5);
    assert.deepEqual((await t.procedures.list({ ...page, level: 'province' })).items.map((p) => p.nationalCode), ['0.000001', '2.001610', '3.000333', '3.000334']);
    const commune = await t.agencyId('TAM.H19.X001');
    assert.equal((await t.procedures.list({ ...page, agencyId: commune })).total, 10);
    assert.equal((await t.procedures.list({ ...page, agencyId: await t.agencyId('TAM.H19.X050') })).total, 0);
    assert.deepEqual((await t.procedures.list({ ...page, agencyId: await t.agencyId('TAM.H19.S02') })).items.map((p) => p.nationalCode), ['2.001610']);
    const online = await t.procedures.list({ ...page, onlineOnly: true });
    assert.equal(online.total, 12, 'the two certifications are counter-only');
    assert.ok(online.items.every((p) => p.methods.includes('online')));
    assert.equal((await t.procedures.list({ ...page, agencyId: commune, level: 'commune', fieldCode: 'chung-thuc', onlineOnly: true })).total, 0);

    const seen: string[] = [];
    for (const offset of [0, 5, 10]) {
      const p = await t.procedures.list({ limit: 5, offset });
      assert.equal(p.total, 14);
      assert.equal(p.offset, offset);
      seen.push(...p.items.map((x) => x.id));
    }
    assert.equal(seen.length, 14);
    assert.equal(new Set(seen).size, 14);
  });

  it('creates procedures, refusing callers without procedure.edit and duplicate codes', async () => {
    const before = await t.count('procedures');
    await assert.rejects(t.procedures.create(citizen, sampleProcedure()), rejectsWith(403, 'auth.forbidden'));
    await assert.rejects(t.procedures.create(principalWith(t.rootId, ['dossier.process']), sampleProcedure()), rejectsWith(403, 'auth.forbidden'));
    assert.equal(await t.count('procedures'), before);
    // A grant anywhere suffices: procedures are province-wide.
    const commune = principalWith(await t.agencyId('TAM.H19.X001'), ['procedure.edit'], 'agency');
    const created = await t.procedures.create(commune, sampleProcedure({ name: '  Cấp giấy phép thử nghiệm  ', processingNote: '' }));
    assert.equal(created.version, 1);
    assert.equal(created.name, 'Cấp giấy phép thử nghiệm');
    assert.equal(created.processingNote, null);
    assert.equal(created.active, true);
    assert.deepEqual(await t.procedures.getByCode('1.999001'), created);
    assert.deepEqual(await t.procedures.get(created.id), created);
    await assert.rejects(t.procedures.create(t.editor, sampleProcedure({ name: 'Bản trùng' })), rejectsWith(409, 'tthc.procedure_code_taken'));
    await assert.rejects(t.procedures.get('00000000-0000-4000-8000-000000000000'), rejectsWith(404, 'tthc.procedure_not_found'));
    await assert.rejects(t.procedures.get('not-a-uuid'), rejectsWith(404, 'tthc.procedure_not_found'));
  });

  it('reports every invalid field with its path (422)', async () => {
    const before = await t.count('procedures');
    const input = sampleProcedure({
      nationalCode: '',
      applicantTypes: ['robot' as 'citizen'],
      methods: [],
      processingDays: 400,
      fees: [
        { kind: 'fee', name: 'Âm', amountVnd: -1 },
        { kind: 'charge', name: 'Lẻ', amountVnd: 1.5 },
      ],
      parts: [
        { code: 'to-khai', name: 'Tờ khai', required: true, originals: 1, copies: 0 },
        { code: 'to-khai', name: 'Trùng mã', required: true, originals: 1, copies: 0 },
        { code: 'Bad Code', name: 'Sai mã', required: false, originals: 1, copies: 0 },
      ],
      legalBases: [{ number: '1/2026', title: 'Ngày sai', issuedOn: '2026-02-30' }],
      fullyOnline: true,
    });
    await assert.rejects(t.procedures.create(t.editor, input), (err) => {
      assert.deepEqual(fieldsOf(err).sort(), [
        'applicantTypes[0]',
        'fees[0].amountVnd',
        'fees[1].amountVnd',
        'fullyOnline',
        'legalBases[0].issuedOn',
        'methods',
        'nationalCode',
        'parts[1].code',
        'parts[2].code',
        'processingDays',
      ]);
      return true;
    });
    // References are checked against the database once the shape is right.
    const unknownForm = sampleProcedure({ nationalCode: '1.999002', fieldCode: 'khong-co', parts: [{ code: 'to-khai', name: 'Tờ khai', required: true, originals: 1, copies: 0, formKey: 'khong-co-bieu-mau' }] });
    await assert.rejects(t.procedures.create(t.editor, unknownForm), (err) => {
      assert.deepEqual(fieldsOf(err), ['fieldCode', 'parts[0].formKey']);
      return true;
    });
    assert.equal(await t.count('procedures'), before);
  });

  it('updates with optimistic concurrency and keeps search in step with the name', async () => {
    const current = await t.procedures.getByCode('1.999001');
    const updated = await t.procedures.update(t.editor, current.id, 1, { name: 'Cấp giấy phép kinh doanh thử nghiệm', processingDays: 7, fees: [] });
    assert.equal(updated.version, 2);
    assert.equal(updated.processingDays, 7);
    assert.deepEqual(updated.parts, current.parts, 'fields not in the patch are kept');
    assert.equal((await t.procedures.list({ ...page, q: 'giay phep kinh doanh thu nghiem' })).total, 1);
    await assert.rejects(t.procedures.update(t.editor, current.id, 1, { processingDays: 1 }), (err) => {
      assert.ok(err instanceof AppError && err.status === 409 && err.code === 'tthc.version_conflict');
      assert.deepEqual(err.details, { currentVersion: 2 });
      return true;
    });
    await assert.rejects(t.procedures.update(citizen, current.id, 2, { processingDays: 1 }), rejectsWith(403, 'auth.forbidden'));
    await assert.rejects(t.procedures.update(t.editor, current.id, 2, { processingDays: -1 }), rejectsWith(422, 'tthc.procedure_invalid'));
    await assert.rejects(t.procedures.update(t.editor, current.id, 2, { nationalCode: '1.001193' }), rejectsWith(409, 'tthc.procedure_code_taken'));
    assert.equal((await t.procedures.get(current.id)).processingDays, 7);
  });

  it('hides inactive procedures unless asked for them', async () => {
    const p = await t.procedures.getByCode('1.999001');
    await t.procedures.update(t.editor, p.id, p.version, { active: false });
    assert.equal((await t.procedures.list({ ...page, q: '1.999001' })).total, 0);
    assert.equal((await t.procedures.list({ ...page, q: '1.999001', includeInactive: true })).total, 1);
  });
});
