import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { BIRTH_FORM_DATA, act, birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';
import { reviewIntake, satisfiesForm } from './dossier.checklist.ts';

/**
 * The intake checklist on a real database: the desk goes through the procedure's parts (present
 * or missing, original or copy); an incomplete dossier is accepted only with an override and its
 * reason, kept in the history and not shown to the applicant.
 */
describe('intake checklist', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z'); // Monday 09:00 in Việt Nam
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());

  let pushes = 0;
  const pushEmpty = async () => {
    pushes += 1;
    const submission = { applicant: { kind: 'citizen' as const, fullName: 'Võ Thị Lan' }, formData: {}, files: [] };
    const { dossier } = await w.tthc.dossiers.receiveFromNationalPortal(w.desk, { externalCode: `G22.99.01-261123-${String(pushes).padStart(4, '0')}`, offeringId, submission });
    return dossier;
  };

  it('refuses to accept a dossier pushed from the national portal with no parts and no form data, and writes nothing', async () => {
    const dossier = await pushEmpty();
    assert.equal(dossier.channel, 'dvcqg');
    const before = await footprint(w);
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept' }), (error: { status: number; code: string; details: { parts: { partCode: string; problem: string }[] } }) => {
      assert.equal(error.status, 422);
      assert.equal(error.code, 'dossier.parts_missing');
      assert.deepEqual(error.details.parts.map((p) => [p.partCode, p.problem]), [['to-khai', 'missing'], ['giay-chung-sinh', 'missing']]);
      return true;
    });
    const checklist = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: false }];
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist }), rejectsWith(422, 'dossier.parts_missing'));
    assert.equal(await footprint(w), before);
    assert.equal((await w.tthc.dossiers.get(w.desk, dossier.id)).status, 'submitted');
  });

  it('accepts an incomplete dossier only with an override; the checklist and reason stay in the history, not in the applicant\'s', async () => {
    const dossier = await pushEmpty();
    const reason = 'Người dân cam kết nộp bản chính Giấy chứng sinh khi nhận kết quả';
    const checklist = [{ partCode: 'to-khai', present: true, form: 'original' }, { partCode: 'giay-chung-sinh', present: false }];
    const accepted = await act(w, w.desk, dossier, { action: 'accept', checklist, override: { reason } });
    assert.equal(accepted.status, 'processing');
    assert.equal(accepted.flags.acceptedIncomplete, true);
    const event = (await w.tthc.dossiers.history(w.desk, dossier.id)).find((e) => e.action === 'accept')!;
    const intake = event.details.intake as { how: string; missing: string[]; override: { reason: string }; parts: { partCode: string; present: boolean; form: string | null; problem: string | null }[] };
    assert.equal(intake.how, 'checklist');
    assert.deepEqual(intake.missing, ['giay-chung-sinh']);
    assert.equal(intake.override.reason, reason);
    assert.deepEqual(intake.parts.map((p) => [p.partCode, p.present, p.form, p.problem]), [
      ['to-khai', true, 'original', null],
      ['giay-chung-sinh', false, null, 'missing'],
      ['van-ban-uy-quyen', false, null, 'missing'],
    ]);
  });

  it('a required part in a weaker form than the procedure asks for counts as missing', async () => {
    const dossier = await pushEmpty();
    const copy = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true, form: 'certified_copy' }];
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: copy }), (error: { code: string; details: { parts: { partCode: string; problem: string; requiredForm: string }[] } }) => {
      assert.equal(error.code, 'dossier.parts_missing');
      assert.deepEqual(error.details.parts, [{ partCode: 'giay-chung-sinh', name: 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', problem: 'weaker_form', requiredForm: 'original' }]);
      return true;
    });
    const original = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true, form: 'original' }];
    const accepted = await act(w, w.desk, dossier, { action: 'accept', checklist: original });
    assert.equal(accepted.status, 'processing');
    assert.equal(accepted.flags.acceptedIncomplete, undefined);
  });

  it('refuses a checklist with unknown or repeated parts, one that leaves out a required part, and an override with nothing to override', async () => {
    const dossier = await pushEmpty();
    const before = await footprint(w);
    const complete = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true, form: 'original' }];
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: [...complete, { partCode: 'so-do', present: true }] }), rejectsWith(422, 'dossier.unknown_part'));
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: [...complete, complete[0]] }), rejectsWith(422, 'dossier.checklist_invalid'));
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: complete.slice(0, 1), override: { reason: 'Thiếu một phần nhưng vẫn nhận' } }), rejectsWith(422, 'dossier.checklist_incomplete'));
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: complete, override: { reason: 'Không có gì thiếu cả' } }), rejectsWith(422, 'dossier.override_unneeded'));
    assert.equal(await footprint(w), before);
  });

  it('without a checklist, an online dossier with its e-form and file is accepted as before; the derived checklist is recorded', async () => {
    const submission = birthSubmission(BIRTH_FORM_DATA);
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission });
    await assert.rejects(act(w, w.desk, dossier, { action: 'accept', checklist: [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true, form: 'copy' }] }), rejectsWith(422, 'dossier.parts_missing'));
    const another = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission: { ...submission, files: [await upload(w, w.citizen, 'giay-chung-sinh')] } });
    const electronic = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true }];
    assert.equal((await act(w, w.desk, another.dossier, { action: 'accept', checklist: electronic })).status, 'processing', 'the uploaded file is the part, in electronic form');
    await act(w, w.desk, dossier, { action: 'accept' });
    const event = (await w.tthc.dossiers.history(w.desk, dossier.id)).find((e) => e.action === 'accept')!;
    assert.deepEqual((event.details.intake as { how: string; missing: string[] }).missing, []);
    assert.equal((event.details.intake as { how: string }).how, 'derived');
    const applicantEvent = (await w.tthc.dossiers.history(w.citizen, dossier.id)).find((e) => e.action === 'accept')!;
    assert.equal(applicantEvent.details.intake, undefined, 'the desk\'s checklist is not the applicant\'s to read');
    assert.ok(applicantEvent.details.dueDate);
  });

  it('at the counter the checklist goes with the filing; a part handed in as a copy blocks the immediate acceptance', async () => {
    const submission = birthSubmission(BIRTH_FORM_DATA);
    submission.files = [await upload(w, w.desk, 'giay-chung-sinh')];
    const before = await footprint(w);
    const copy = [{ partCode: 'to-khai', present: true }, { partCode: 'giay-chung-sinh', present: true, form: 'copy' as const }];
    await assert.rejects(w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission, checklist: copy }), rejectsWith(422, 'dossier.parts_missing'));
    assert.equal(await footprint(w), before);
    const filed = await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission, checklist: [copy[0]!, { ...copy[1]!, form: 'original' }] });
    assert.equal(filed.dossier.status, 'processing');
    const plain = birthSubmission(BIRTH_FORM_DATA);
    plain.files = [await upload(w, w.desk, 'giay-chung-sinh')];
    const derived = await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission: plain });
    assert.equal(derived.dossier.status, 'processing', 'no checklist: the parts the filing brought count as present');
  });
});

describe('intake checklist rules', () => {
  it('a stronger form satisfies a weaker one, never the reverse', () => {
    assert.equal(satisfiesForm('original', 'certified_copy'), true);
    assert.equal(satisfiesForm('certified_copy', 'certified_copy'), true);
    assert.equal(satisfiesForm('copy', 'certified_copy'), false);
    assert.equal(satisfiesForm(null, 'copy'), false);
    assert.equal(satisfiesForm(null, null), true);
  });

  it('derives presence from e-forms with data and from input or supplement files, not from empty forms or results', () => {
    const parts = [
      { code: 'a', name: 'A', required: true, originals: 1, copies: 0 },
      { code: 'b', name: 'B', required: true, originals: 1, copies: 0 },
      { code: 'c', name: 'C', required: true, originals: 1, copies: 0 },
    ];
    const file = (partCode: string, kind: 'input' | 'result' | 'supplement') => ({ id: partCode, partCode, kind, fileName: '', contentType: '', size: 0, uploadedAt: '' });
    const review = reviewIntake(parts, { formData: { a: {}, b: { x: 1 } }, files: [file('a', 'result'), file('c', 'supplement')] }, undefined);
    assert.deepEqual(review.missing.map((p) => p.partCode), ['a']);
  });
});
