import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { SIMPLE_PROCESS } from '../process/process.samples.ts';
import { citizen, principalWith, setUpCatalogue, type TestCatalogue } from './procedure.test-support.ts';

const invalidFields = (err: unknown) => {
  assert.ok(err instanceof AppError && err.status === 422 && err.code === 'tthc.offering_invalid', String(err));
  return (err.details as { field: string }[]).map((d) => d.field);
};

describe('offerings (database)', () => {
  let t: TestCatalogue;
  let khaiSinh: string;
  let x004: string;

  before(async () => {
    t = await setUpCatalogue();
    khaiSinh = (await t.procedures.getByCode('1.001193')).id;
    x004 = await t.agencyId('TAM.H19.X004');
  });
  after(async () => t.database.close());

  it('lists where to file a procedure, with agency names', async () => {
    const where = await t.procedures.offeringsOfProcedure(khaiSinh);
    assert.deepEqual(where.map((o) => o.agencyCode), ['TAM.H19.X001', 'TAM.H19.X002', 'TAM.H19.X003']);
    assert.ok(where.every((o) => /^UBND (xã|phường) \p{Lu}/u.test(o.agencyName) && o.deskAgencyName === o.agencyName && o.processKey === 'mot-cua-co-ban'));
    const finance = await t.agencyId('TAM.H19.S02');
    assert.deepEqual((await t.procedures.listOfferings({ agencyId: finance })).map((o) => o.procedureId), [(await t.procedures.getByCode('2.001610')).id]);
    assert.equal((await t.procedures.listOfferings({ procedureId: khaiSinh })).length, 3);
    await assert.rejects(t.procedures.offeringsOfProcedure('00000000-0000-4000-8000-000000000000'), rejectsWith(404, 'tthc.procedure_not_found'));
  });

  it('lets an editor offer procedures only at agencies within the grant', async () => {
    const communeEditor = principalWith(x004, ['procedure.edit'], 'agency');
    const before = await t.count('offerings');
    await assert.rejects(t.procedures.createOffering(citizen, { procedureId: khaiSinh, agencyId: x004, processKey: 'mot-cua-co-ban' }), rejectsWith(403, 'auth.forbidden'));
    const x005 = await t.agencyId('TAM.H19.X005');
    await assert.rejects(t.procedures.createOffering(communeEditor, { procedureId: khaiSinh, agencyId: x005, processKey: 'mot-cua-co-ban' }), rejectsWith(403, 'auth.out_of_scope'));
    assert.equal(await t.count('offerings'), before);

    const offering = await t.procedures.createOffering(communeEditor, { procedureId: khaiSinh, agencyId: x004, processKey: 'mot-cua-co-ban', codePattern: '{agencyCode}-{yyyy}-{seq6}' });
    assert.equal(offering.deskAgencyId, x004);
    assert.equal(offering.version, 1);
    assert.equal(offering.onlineEnabled, true);
    assert.deepEqual((await t.procedures.offeringsOfProcedure(khaiSinh)).map((o) => o.agencyCode).at(-1), 'TAM.H19.X004');
    // A subtree grant on the province covers every agency.
    await t.procedures.createOffering(t.editor, { procedureId: khaiSinh, agencyId: x005, processKey: 'mot-cua-co-ban' });
    await assert.rejects(t.procedures.createOffering(t.editor, { procedureId: khaiSinh, agencyId: x005, processKey: 'mot-cua-co-ban' }), rejectsWith(409, 'tthc.offering_exists'));
  });

  it('refuses unknown references, unpublished processes, bad code patterns and fees (422)', async () => {
    await t.procedures.saveProcessDraft(t.editor, 'chi-ban-nhap', { name: 'Chỉ có bản nháp', definition: structuredClone(SIMPLE_PROCESS) });
    const x006 = await t.agencyId('TAM.H19.X006');
    const attempt = {
      procedureId: '00000000-0000-4000-8000-000000000000',
      agencyId: x006,
      deskAgencyId: '00000000-0000-4000-8000-000000000001',
      processKey: 'chi-ban-nhap',
      codePattern: '{agencyCode}-{yyMMdd}',
      fees: [{ kind: 'fee' as const, name: 'Phí', amountVnd: -1 }],
    };
    await assert.rejects(t.procedures.createOffering(t.editor, attempt), (err) => {
      assert.deepEqual(invalidFields(err), ['procedureId', 'deskAgencyId', 'processKey', 'codePattern', 'fees[0].amountVnd']);
      return true;
    });
    await assert.rejects(t.procedures.createOffering(t.editor, { procedureId: khaiSinh, agencyId: '00000000-0000-4000-8000-000000000002', processKey: 'mot-cua-co-ban' }), (err) => {
      assert.deepEqual(invalidFields(err), ['agencyId']);
      return true;
    });
  });

  it('updates an offering with its version, within the agency scope', async () => {
    const [offering] = await t.procedures.listOfferings({ procedureId: khaiSinh, agencyId: x004 });
    assert.ok(offering);
    const fees = [{ kind: 'charge' as const, name: 'Lệ phí riêng', amountVnd: 8_000, note: '  Áp dụng tại xã  ' }];
    const updated = await t.procedures.updateOffering(principalWith(x004, ['procedure.edit'], 'agency'), offering.id, 1, { onlineEnabled: false, fees });
    assert.equal(updated.version, 2);
    assert.equal(updated.onlineEnabled, false);
    assert.deepEqual(updated.fees, [{ ...fees[0], note: 'Áp dụng tại xã' }]);
    await assert.rejects(t.procedures.updateOffering(t.editor, offering.id, 1, { active: false }), rejectsWith(409, 'tthc.version_conflict'));
    await assert.rejects(t.procedures.updateOffering(principalWith(await t.agencyId('TAM.H19.X001'), ['procedure.edit'], 'agency'), offering.id, 2, { active: false }), rejectsWith(403, 'auth.out_of_scope'));
    await assert.rejects(t.procedures.updateOffering(t.editor, offering.id, 2, { intakeCutoff: '24:00' }), (err) => invalidFields(err).includes('intakeCutoff'));
    const cutoff = await t.procedures.updateOffering(t.editor, offering.id, 2, { intakeCutoff: '16:30' });
    assert.equal(cutoff.intakeCutoff, '16:30');
    const reset = await t.procedures.updateOffering(t.editor, offering.id, 3, { fees: null, codePattern: null, intakeCutoff: null });
    assert.equal(reset.fees, null);
    assert.equal(reset.codePattern, null);
    assert.equal(reset.intakeCutoff, null);
    await assert.rejects(t.procedures.updateOffering(t.editor, '00000000-0000-4000-8000-000000000000', 1, { active: false }), rejectsWith(404, 'tthc.offering_not_found'));
  });

  it('gives the dossier side the offering, its procedure and the newest published process', async () => {
    const [offering] = await t.procedures.listOfferings({ procedureId: khaiSinh, agencyId: await t.agencyId('TAM.H19.X001') });
    assert.ok(offering);
    const first = await t.procedures.offeringContext(offering.id);
    assert.equal(first?.procedure.nationalCode, '1.001193');
    assert.deepEqual([first?.process.key, first?.process.version, first?.process.status], ['mot-cua-co-ban', 1, 'published']);

    const v2 = await t.procedures.saveProcessDraft(t.editor, 'mot-cua-co-ban', { name: 'Quy trình một cửa (sửa đổi)', definition: structuredClone(SIMPLE_PROCESS) });
    assert.equal(v2.version, 2);
    assert.equal((await t.procedures.offeringContext(offering.id))?.process.version, 1, 'a draft is not used');
    await t.procedures.publishProcess(t.editor, 'mot-cua-co-ban', 2);
    await t.procedures.saveProcessDraft(t.editor, 'mot-cua-co-ban', { name: 'Bản nháp tiếp theo', definition: structuredClone(SIMPLE_PROCESS) });
    const latest = await t.procedures.offeringContext(offering.id);
    assert.deepEqual([latest?.process.version, latest?.process.name], [2, 'Quy trình một cửa (sửa đổi)']);
    // A dossier started on version 1 still finds it.
    assert.equal((await t.procedures.processVersion('mot-cua-co-ban', 1))?.status, 'published');
    assert.equal(await t.procedures.offeringContext('00000000-0000-4000-8000-000000000000'), undefined);
    assert.equal(await t.procedures.offeringContext('not-an-id'), undefined);
    // The seeded birth declaration is version 2 (its parents bound to the population record, issue 11).
    assert.equal((await t.procedures.publishedForm('to-khai-dang-ky-khai-sinh'))?.version, 2);
    assert.equal(await t.procedures.publishedForm('khong-co'), undefined);
  });
});
