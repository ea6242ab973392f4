import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import type { Principal } from '../../../packages/platform/index.ts';
import { birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';
import type { Submission } from './dossier.intake.ts';
import { stampIdentity } from './applicant.identity.ts';

/**
 * What VNeID said prefills an application and binds it: the profile a citizen's forms start
 * from, the identity the server writes whatever was typed, and filing for an enterprise only
 * by its representative.
 */
describe('applicant identity from VNeID', () => {
  let w: World;
  let person: Principal;
  let representative: Principal;
  const address = { line: 'Số 8, Đường Lý Thường Kiệt, Khóm 3', commune: 'Phường Cao Lãnh', province: 'Tỉnh Đồng Tháp' };
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z');
    person = await w.signInWithVneid({ personalId: '087195002468', fullName: 'Phạm Thị Thu', dateOfBirth: '1995-06-14', phone: '0913555777', address });
    representative = await w.signInWithVneid({ personalId: '087080001357', fullName: 'Võ Minh Tâm', dateOfBirth: '1980-01-30', enterpriseCode: '1402345678' });
  });
  after(() => w.close());

  it('the profile is what VNeID said at the last sign-in, for citizens only', async () => {
    assert.deepEqual(await w.tthc.dossiers.applicantProfile(person), {
      fullName: 'Phạm Thị Thu', personalId: '087195002468', dateOfBirth: '1995-06-14', phone: '0913555777',
      address: { line: address.line, commune: address.commune, province: address.province }, enterpriseCode: null,
    });
    const again = await w.signInWithVneid({ personalId: '087195002468', fullName: 'Phạm Thị Thu' });
    const refreshed = await w.tthc.dossiers.applicantProfile(again);
    assert.equal(refreshed.dateOfBirth, null, 'what VNeID no longer says is not kept');
    assert.equal(refreshed.address, null);
    await w.signInWithVneid({ personalId: '087195002468', fullName: 'Phạm Thị Thu', dateOfBirth: '1995-06-14', phone: '0913555777', address });
    await assert.rejects(w.tthc.dossiers.applicantProfile(w.desk), rejectsWith(403, 'dossier.citizens_only'));
  });

  const fileBirth = async (who: Principal, applicant: Submission['applicant']) => {
    const submission = { ...birthSubmission(), applicant };
    submission.files = [await upload(w, who, 'giay-chung-sinh')];
    return w.tthc.dossiers.submitOnline(who, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission });
  };

  it('identity fields are VNeID\'s whatever was typed; contact details stay as typed', async () => {
    const { dossier } = await fileBirth(person, { kind: 'citizen', fullName: 'Someone Else', personalId: '001000000000', dateOfBirth: '2000-01-01', phone: '0900000001', address: { line: 'Chỗ khác' } });
    assert.equal(dossier.applicant.fullName, 'Phạm Thị Thu');
    assert.equal(dossier.applicant.personalId, '087195002468');
    assert.equal(dossier.applicant.dateOfBirth, '1995-06-14');
    assert.equal(dossier.applicant.phone, '0900000001');
    assert.equal(dossier.applicant.address?.line, 'Chỗ khác');
    const requester = (dossier.formData['to-khai'] as { requester: Record<string, string> }).requester;
    assert.equal(requester.fullName, 'Phạm Thị Thu', 'the e-form\'s requester is the signed-in person, not what was typed');
    assert.equal(requester.idNumber, '087195002468');
    assert.equal(requester.relationship, 'Cha', 'fields VNeID does not know stay as typed');
  });

  it('stampIdentity: locked fields in nested objects, others untouched, non-objects passed through', () => {
    const schema = { type: 'object', properties: {
      owner: { type: 'object', properties: { fullName: { type: 'string', 'x-prefill': 'fullName' }, dateOfBirth: { type: 'string', 'x-prefill': 'dateOfBirth' }, residence: { type: 'string', 'x-prefill': 'address' } } },
      note: { type: 'string' },
    } };
    const identity = { personalId: '087195002468', fullName: 'Phạm Thị Thu', enterpriseCode: null, dateOfBirth: null, phone: null, address: null };
    assert.deepEqual(stampIdentity(schema, { owner: { fullName: 'X', dateOfBirth: '2000-01-01', residence: 'Y' }, note: 'n' }, identity),
      { owner: { fullName: 'Phạm Thị Thu', dateOfBirth: '2000-01-01', residence: 'Y' }, note: 'n' }, 'no birth date from VNeID: the typed one stays; the address is only prefilled');
    assert.equal(stampIdentity(schema, 'not an object', identity), 'not an object');
  });

  /** The food-safety certificate admits organisations and has no e-form: every part is an upload. */
  const organisationOffering = async () => {
    const procedure = await w.tthc.procedures.getByCode('0.000001');
    assert.ok(procedure.applicantTypes.includes('organisation'));
    const target = (await w.tthc.procedures.listOfferings({ procedureId: procedure.id })).find((o) => o.active && o.onlineEnabled);
    assert.ok(target, 'offered online somewhere');
    return target.id;
  };

  it('an enterprise\'s representative files for it; the code is VNeID\'s, the dossier records the organisation', async () => {
    const typed = { kind: 'organisation' as const, fullName: 'typed', organisationName: '  Công ty TNHH Sen Hồng  ', enterpriseCode: '9999999999' };
    const { dossier } = await fileFor(representative, await organisationOffering(), typed);
    assert.equal(dossier.applicant.kind, 'organisation');
    assert.equal(dossier.applicant.enterpriseCode, '1402345678', 'from VNeID, not as typed');
    assert.equal(dossier.applicant.organisationName, 'Công ty TNHH Sen Hồng');
    assert.equal(dossier.applicant.fullName, 'Võ Minh Tâm', 'the representative');
    assert.deepEqual((await w.tthc.dossiers.mine(representative, 20, 0)).items.map((d) => d.id), [dossier.id], 'in the representative\'s own list');
  });

  it('only a representative files for an organisation, only where the procedure admits organisations, and with its name; nothing written', async () => {
    const before = await footprint(w);
    await assert.rejects(fileBirth(person, { kind: 'organisation', fullName: 'x', organisationName: 'Công ty A' }), rejectsWith(403, 'dossier.not_representative'));
    await assert.rejects(fileBirth(representative, { kind: 'organisation', fullName: 'x', organisationName: 'Công ty A' }), rejectsWith(422, 'dossier.applicant_type_not_offered'));
    await assert.rejects(fileFor(representative, await organisationOffering(), { kind: 'organisation', fullName: 'x', organisationName: '   ' }), rejectsWith(422, 'dossier.organisation_name_required'));
    assert.equal(await footprint(w), before);
  });

  /** Files with every required part uploaded and the e-form data the procedure's seed tests use. */
  async function fileFor(who: Principal, offeringId: string, applicant: Submission['applicant']) {
    const context = (await w.tthc.procedures.offeringContext(offeringId))!;
    const files = [];
    for (const part of context.procedure.parts as { code: string; required?: boolean; formKey?: string }[]) {
      if (part.required !== false && !part.formKey) files.push(await upload(w, who, part.code));
    }
    return w.tthc.dossiers.submitOnline(who, { offeringId, submission: { applicant, formData: {}, files } });
  }
});
