import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkProcedure, mergeProcedure } from '../catalogue/procedure.validation.ts';
import { setUpCatalogue, type TestCatalogue } from '../catalogue/procedure.test-support.ts';
import { FIELD_LIST } from '../catalogue/procedure.service.ts';
import { randomUUID } from 'node:crypto';
import { procedureRepository } from '../catalogue/procedure.repository.ts';
import { COMBINED_JUDICIAL_RECORD_NAME } from './civil-procedures.ts';
import { seedProcedureCatalog } from './index.ts';
import { SEED_PROCEDURES } from './procedures.ts';
import { BIRTH_FORM, BUILDING_PERMIT_FORM, JUDICIAL_RECORD_FORM, MARITAL_STATUS_FORM, MARRIAGE_FORM, SEED_FORMS } from './forms.ts';
import { forms } from '../db/schema.ts';
import { insertVersionIfMissing } from '../catalogue/procedure.versions.ts';
import { bindingsOf } from '../prefill/bindings.ts';

describe('procedure catalogue seed', () => {
  let t: TestCatalogue;
  const counts = async () => ({
    procedures: await t.count('procedures'),
    offerings: await t.count('offerings'),
    forms: await t.count('forms'),
    processes: await t.count('processes'),
  });

  before(async () => {
    t = await setUpCatalogue({ seedProcedures: false });
  });
  after(async () => t.database.close());

  it('meets the rules editors are held to', async () => {
    const fields = new Set((await t.catalog.readCodeList(FIELD_LIST, { limit: 1000 }).then((v) => (v.notModified ? [] : v.items))).map((i) => i.code));
    const formKeys = new Set(SEED_FORMS.map((f) => f.key));
    assert.ok(SEED_PROCEDURES.length >= 12);
    for (const { fields: p } of SEED_PROCEDURES) {
      assert.deepEqual(checkProcedure(mergeProcedure(undefined, { ...p })), [], p.nationalCode);
      assert.ok(fields.has(p.fieldCode), `${p.nationalCode}: field ${p.fieldCode}`);
      for (const part of p.parts) if (part.formKey) assert.ok(formKeys.has(part.formKey), `${p.nationalCode}: form ${part.formKey}`);
    }
    const withForms = SEED_PROCEDURES.filter((p) => p.fields.parts.some((part) => part.formKey)).map((p) => p.fields.nationalCode);
    for (const code of ['1.001193', '1.000894', '1.001612', '1.013225', '1.004873', '3.000333', '3.000334', '1.000656']) assert.ok(withForms.includes(code), code);
    assert.equal(new Set(SEED_PROCEDURES.map((p) => p.fields.nationalCode)).size, SEED_PROCEDURES.length);
  });

  it('is idempotent, also when two instances start together', async () => {
    await Promise.all([seedProcedureCatalog(t.database.db, t.catalog), seedProcedureCatalog(t.database.db, t.catalog)]);
    const first = await counts();
    assert.deepEqual(first, { procedures: 14, offerings: 10 * 3 + 4, forms: 7, processes: 3 });
    await seedProcedureCatalog(t.database.db, t.catalog);
    assert.deepEqual(await counts(), first);
  });

  it('never overwrites an editor’s changes, nor brings back a procedure whose code was corrected', async () => {
    const khaiSinh = await t.procedures.getByCode('1.001193');
    await t.procedures.update(t.editor, khaiSinh.id, khaiSinh.version, { processingDays: 1, processingNote: 'Theo quy định của tỉnh' });
    const attp = await t.procedures.getByCode('0.000001');
    await t.procedures.update(t.editor, attp.id, attp.version, { nationalCode: '1.999999' });
    const [offering] = await t.procedures.listOfferings({ procedureId: khaiSinh.id });
    await t.procedures.updateOffering(t.editor, offering!.id, offering!.version, { active: false });
    await t.procedures.saveFormDraft(t.editor, 'to-khai-dang-ky-khai-sinh', { title: 'Tờ khai (bản nháp)', schema: { type: 'object' }, layout: {} });

    const before = await counts();
    await seedProcedureCatalog(t.database.db, t.catalog);
    assert.deepEqual(await counts(), before);
    const after = await t.procedures.getByCode('1.001193');
    assert.deepEqual([after.processingDays, after.processingNote, after.version], [1, 'Theo quy định của tỉnh', khaiSinh.version + 1]);
    assert.equal((await t.procedures.listOfferings({ procedureId: khaiSinh.id })).find((o) => o.id === offering!.id)?.active, false);
    assert.equal((await t.procedures.getForm('to-khai-dang-ky-khai-sinh')).title, 'Tờ khai đăng ký khai sinh');
    await assert.rejects(t.procedures.getByCode('0.000001'));
  });

  it('wires each procedure to a published process and the agencies that offer it', async () => {
    const permit = await t.procedures.getByCode('1.013225');
    const [offering] = await t.procedures.offeringsOfProcedure(permit.id);
    const context = await t.procedures.offeringContext(offering!.id);
    assert.deepEqual([context?.process.key, context?.process.version], ['cap-phep-xay-dung', 1]);
    for (const code of ['3.000333', '3.000334']) {
      const judicial = await t.procedures.getByCode(code);
      assert.deepEqual((await t.procedures.offeringsOfProcedure(judicial.id)).map((o) => o.agencyName), ['Công an tỉnh']);
    }
    const linked = await t.procedures.getByCode('3.000722');
    const [communeOffering] = await t.procedures.offeringsOfProcedure(linked.id);
    const process = (await t.procedures.offeringContext(communeOffering!.id))?.process;
    assert.equal(process?.key, 'lien-thong-khai-sinh');
    const bpmn = await t.procedures.exportBpmn('lien-thong-khai-sinh', 1);
    assert.ok(bpmn.includes('agency TAM.H19.T02') && bpmn.includes('agency TAM.H19.T11'));
  });
});

describe('procedure catalogue seed on a database seeded before the judicial-record split', () => {
  let t: TestCatalogue;
  before(async () => {
    t = await setUpCatalogue({ seedProcedures: false });
  });
  after(async () => t.database.close());

  it('renames the combined procedure to certificate no. 1 in place, adds no. 2, and fills in the verification records', async () => {
    const no1 = SEED_PROCEDURES.find((p) => p.fields.nationalCode === '3.000333')!.fields;
    const oldId = randomUUID();
    // As the earlier seed wrote it: one procedure for both certificates, no verification record.
    await procedureRepository.insert(t.database.db, oldId, { ...no1, name: COMBINED_JUDICIAL_RECORD_NAME, resultType: 'Phiếu lý lịch tư pháp số 1 hoặc số 2', verification: null });
    await seedProcedureCatalog(t.database.db, t.catalog);
    const renamed = await t.procedures.getByCode('3.000333');
    assert.equal(renamed.id, oldId, 'same record: its offerings and dossiers stay attached');
    assert.equal(renamed.name, no1.name);
    assert.equal(renamed.resultType, 'Phiếu lý lịch tư pháp số 1');
    assert.equal(renamed.version, 2);
    assert.deepEqual(renamed.verification?.unverified, ['nationalCode', 'name']);
    const no2 = await t.procedures.getByCode('3.000334');
    assert.match(no2.name, /số 2/);
    assert.ok(!no2.parts.some((p) => p.code === 'van-ban-uy-quyen'), 'certificate no. 2 is requested in person only');
    assert.equal((await t.procedures.offeringsOfProcedure(no2.id)).length, 1);
    assert.equal((await t.procedures.offeringsOfProcedure(oldId)).length, 1);
    await seedProcedureCatalog(t.database.db, t.catalog);
    assert.equal((await t.procedures.getByCode('3.000333')).version, 2, 'the upgrade runs once');
  });
});

describe('procedure catalogue seed on a database seeded before the once-only forms (issue 11)', () => {
  let t: TestCatalogue;
  before(async () => {
    t = await setUpCatalogue({ seedProcedures: false });
  });
  after(async () => t.database.close());

  it('publishes a changed seeded form as the next version, keeps the old one, and gives unedited procedures their new e-forms', async () => {
    const marriage = SEED_FORMS.find((f) => f.key === MARRIAGE_FORM)!;
    // As the earlier seed wrote them: the marriage declaration without bindings, version 1; the marital-status certificate without an e-form.
    const unbound = JSON.parse(JSON.stringify(marriage.draft.schema, (key, value: unknown) => (key === 'x-national' || key === 'x-national-if' ? undefined : value))) as Record<string, unknown>;
    await insertVersionIfMissing(t.database.db, forms, { key: MARRIAGE_FORM, version: 1, status: 'published', ...marriage.draft, schema: unbound });
    // The judicial-record, birth and building-permit declarations as version 1 had them (issue 11 binds more of them in version 2).
    for (const key of [JUDICIAL_RECORD_FORM, BIRTH_FORM, BUILDING_PERMIT_FORM]) {
      const seeded = SEED_FORMS.find((f) => f.key === key)!;
      const bare = JSON.parse(JSON.stringify(seeded.draft.schema, (k, value: unknown) => (k.startsWith('x-national') ? undefined : value))) as Record<string, unknown>;
      await insertVersionIfMissing(t.database.db, forms, { key, version: 1, status: 'published', ...seeded.draft, schema: bare });
    }
    const certificate = SEED_PROCEDURES.find((p) => p.fields.nationalCode === '1.004873')!.fields;
    const id = randomUUID();
    await procedureRepository.insert(t.database.db, id, { ...certificate, parts: certificate.parts.map(({ formKey: _formKey, ...part }) => part) });

    await seedProcedureCatalog(t.database.db, t.catalog);
    assert.equal(marriage.version, 2);
    const published = await t.procedures.getForm(MARRIAGE_FORM);
    assert.equal(published.version, 2);
    assert.deepEqual(bindingsOf(published.schema).filter((b) => b.pointer.startsWith('/bride/')).map((b) => [b.pointer, b.when?.equals]).slice(0, 1), [['/bride/fullName', 'Nữ']]);
    assert.equal(bindingsOf((await t.procedures.getForm(MARRIAGE_FORM, 1)).schema).length, 0, 'version 1 stays as filed dossiers used it');
    const judicial = await t.procedures.getForm(JUDICIAL_RECORD_FORM);
    assert.equal(judicial.version, 2);
    assert.ok(bindingsOf(judicial.schema).some((b) => b.pointer === '/person/fatherName' && b.field === 'fatherName'));
    const birth = await t.procedures.getForm(BIRTH_FORM);
    assert.equal(birth.version, 2);
    assert.deepEqual(bindingsOf(birth.schema).filter((b) => b.pointer === '/father/idNumber').map((b) => [b.field, b.when?.equals, b.otherwise]), [['personalId', 'Nam', 'spousePersonalId']]);
    assert.equal((await t.procedures.getForm(BUILDING_PERMIT_FORM)).version, 2);
    const upgraded = await t.procedures.getByCode('1.004873');
    assert.equal(upgraded.id, id);
    assert.equal(upgraded.parts.find((p) => p.code === 'to-khai')?.formKey, MARITAL_STATUS_FORM);
    assert.equal(upgraded.version, 2);
  });
});
