import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { BIRTH_FORM_DATA, act, birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';

/**
 * A dossier's whole life under the one-stop rules, on a real database: filed online, received
 * at the desk, processed through the process definition, result returned; and every refusal
 * on the way leaves nothing behind.
 */
describe('dossier lifecycle', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z'); // Monday 09:00 in Việt Nam
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());

  const fileBirth = async (formData = BIRTH_FORM_DATA) => {
    const submission = birthSubmission(formData);
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    return w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission });
  };

  it('online: the applicant is who VNeID says, the code follows the pattern, the secret looks the dossier up', async () => {
    const { dossier, lookupSecret } = await fileBirth();
    assert.equal(dossier.status, 'submitted');
    assert.equal(dossier.channel, 'online');
    assert.match(dossier.code, /^29926-261123-\d{4}$/, 'the commune\'s administrative-unit code, not its provisional agency code');
    assert.equal(dossier.applicant.personalId, '087090001234');
    assert.equal(dossier.files.length, 1);
    const status = await w.tthc.dossiers.lookup(dossier.code.toLowerCase(), lookupSecret);
    assert.equal(status.statusLabel, 'Chờ tiếp nhận');
    await assert.rejects(w.tthc.dossiers.lookup(dossier.code, 'WRONGSECRET'), rejectsWith(404, 'dossier.lookup_failed'));
    await assert.rejects(w.tthc.dossiers.lookup('29926-000000-0000', lookupSecret), rejectsWith(404, 'dossier.lookup_failed'));
    assert.equal((await w.tthc.dossiers.secretFor(w.desk, dossier.id)).lookupSecret, lookupSecret, 'a reprinted receipt shows the same secret');
  });

  it('bad e-form data, missing parts and unknown uploads are refused with details and write nothing', async () => {
    const before = await footprint(w);
    const broken = { ...BIRTH_FORM_DATA, child: { ...BIRTH_FORM_DATA.child, dateOfBirth: '2026-13-45', sex: 'X' } };
    await assert.rejects(fileBirth(broken), (error: { status: number; code: string; details: { parts: { partCode: string; errors: { field: string }[] }[] } }) => {
      assert.equal(error.status, 422);
      assert.equal(error.code, 'dossier.form_invalid');
      assert.deepEqual(error.details.parts[0]!.errors.map((e) => e.field).sort(), ['/child/dateOfBirth', '/child/sex']);
      return true;
    });
    // Ethnicity and nationality are codes of the shared code lists, not free text.
    const freeText = { ...BIRTH_FORM_DATA, child: { ...BIRTH_FORM_DATA.child, ethnicity: 'Kinh', nationality: 'ZZ' } };
    await assert.rejects(fileBirth(freeText), (error: { code: string; details: { parts: { errors: { field: string; keyword: string }[] }[] } }) => {
      assert.equal(error.code, 'dossier.form_invalid');
      assert.deepEqual(error.details.parts[0]!.errors.map((e) => [e.field, e.keyword]), [['/child/ethnicity', 'x-catalog'], ['/child/nationality', 'x-catalog']]);
      return true;
    });
    await assert.rejects(w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission: birthSubmission() }), rejectsWith(422, 'dossier.parts_missing'));
    const stolen = { ...birthSubmission(), files: [{ uploadId: '00000000-0000-4000-8000-000000000000', partCode: 'giay-chung-sinh' }] };
    await assert.rejects(w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission: stolen }), rejectsWith(422, 'dossier.upload_not_found'));
    await assert.rejects(w.tthc.dossiers.submitOnline(w.desk, { offeringId, submission: birthSubmission() }), rejectsWith(403, 'dossier.citizens_only'));
    assert.equal(await footprint(w), before);
  });

  it('received → processed through the steps → result ready → returned, with history, hand-overs and notices', async () => {
    let { dossier } = await fileBirth();
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.dueDate, '2026-11-23', 'same-day procedure: due the day of receipt');
    assert.deepEqual(dossier.activeSteps.map((s) => s.stepId), ['tiep_nhan']);
    const inbox = await w.count(`tthc.notifications where dossier_id = '${dossier.id}' and event = 'received'`);
    assert.equal(inbox, 1, 'an in-app receipt notice for the applicant');
    assert.equal(await w.count(`platform.jobs where queue = 'tthc.notice' and payload->>'dossierId' = '${dossier.id}' and payload->>'event' = 'received'`), 2, 'mail and SMS queued');

    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    const candidates = await w.tthc.dossiers.assignees(w.leader, dossier.id, 'tham_dinh');
    assert.ok(candidates.some((c) => c.fullName === 'Trần Văn Xử Lý (demo)'), 'the specialist can take the review');
    assert.ok(!candidates.some((c) => c.fullName.startsWith('Nguyễn Thị Một Cửa')), 'the desk officer cannot');
    const specialistId = candidates.find((c) => c.fullName === 'Trần Văn Xử Lý (demo)')!.id;
    dossier = await act(w, w.leader, dossier, { action: 'assign', stepId: 'tham_dinh', officialId: specialistId });
    assert.equal(dossier.activeSteps[0]!.assigneeName, 'Trần Văn Xử Lý (demo)');
    const deskOfficer = w.desk.kind === 'user' ? w.desk.userId : '';
    await assert.rejects(act(w, w.leader, dossier, { action: 'assign', stepId: 'tham_dinh', officialId: deskOfficer }), rejectsWith(422, 'dossier.assignee_not_eligible'));
    await assert.rejects(w.tthc.dossiers.assignees(w.leader, dossier.id, 'phe_duyet'), rejectsWith(409, 'dossier.step_not_active'));
    const view = await w.tthc.dossiers.get(w.specialist, dossier.id);
    assert.deepEqual(view.allowed.steps.map((s) => [s.stepId, s.actions.map((a) => a.action)]), [['tham_dinh', ['submit']]]);
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    await assert.rejects(act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'send_back' }), rejectsWith(422, 'dossier.comment_required'));
    dossier = await act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });
    assert.equal(dossier.status, 'ready_to_return');
    assert.equal(dossier.result, 'approved');
    assert.deepEqual(dossier.activeSteps, []);

    dossier = await act(w, w.desk, dossier, { action: 'return', method: 'desk' });
    assert.equal(dossier.status, 'completed');
    assert.equal(dossier.nationalStatus, 10);

    const history = await w.tthc.dossiers.history(w.desk, dossier.id);
    assert.deepEqual(history.map((e) => e.action), ['submit', 'accept', 'transition', 'assign', 'transition', 'transition', 'return']);
    const applicantHistory = await w.tthc.dossiers.history(w.citizen, dossier.id);
    assert.deepEqual(applicantHistory.map((e) => e.action), ['submit', 'accept', 'transition', 'return'], 'internal steps are not shown to the applicant');
    const sheet = await w.tthc.dossiers.controlSheet(w.desk, dossier.id);
    assert.deepEqual(sheet.map((h) => h.stepId), ['tiep_nhan', 'tham_dinh', 'tham_dinh', 'phe_duyet'], 'the assignment is a hand-over too');
    assert.equal(sheet[2]!.holderName, 'Trần Văn Xử Lý (demo)');
    assert.ok(sheet.every((h) => h.endedAt && h.onTime === true));
    await assert.rejects(w.tthc.dossiers.controlSheet(w.citizen, dossier.id), rejectsWith(404, 'dossier.not_found'));
  });

  it('an action not allowed in the current state is a 409 and changes nothing', async () => {
    const { dossier } = await fileBirth();
    const before = await footprint(w);
    await assert.rejects(act(w, w.desk, dossier, { action: 'return', method: 'desk' }), rejectsWith(409, 'dossier.action_not_allowed'));
    await assert.rejects(act(w, w.leader, dossier, { action: 'resume' }), rejectsWith(409, 'dossier.action_not_allowed'));
    await assert.rejects(act(w, w.desk, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' }), rejectsWith(409, 'dossier.action_not_allowed'));
    assert.equal(await footprint(w), before);
  });

  it('an official of another agency gets "not found"; one who sees it but lacks the permission gets 403; nothing is written', async () => {
    const { dossier } = await fileBirth();
    const before = await footprint(w);
    await assert.rejects(w.tthc.dossiers.get(w.stranger, dossier.id), rejectsWith(404, 'dossier.not_found'));
    await assert.rejects(act(w, w.stranger, dossier, { action: 'accept' }), rejectsWith(404, 'dossier.not_found'));
    await assert.rejects(act(w, w.specialist, dossier, { action: 'accept' }), rejectsWith(403, 'dossier.forbidden'));
    await assert.rejects(w.tthc.dossiers.queue(w.stranger, { queue: 'to_receive', agencyId: await w.agencyId('TAM.H19.X001'), limit: 20, offset: 0 }), rejectsWith(403, 'dossier.forbidden'));
    assert.equal(await footprint(w), before);
  });

  it('two officials acting at once: one succeeds, the other gets 409', async () => {
    const { dossier } = await fileBirth();
    const results = await Promise.allSettled([
      act(w, w.desk, dossier, { action: 'accept' }),
      act(w, w.desk, dossier, { action: 'reject', reasons: ['Thiếu giấy chứng sinh bản chính'] }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(failure.reason.status, 409);
    const history = await w.tthc.dossiers.history(w.desk, dossier.id);
    assert.equal(history.length, 2, 'one submit, one decision');
  });

  it('an idempotency key replays the first outcome: a retried accept does not act twice', async () => {
    const { dossier } = await fileBirth();
    const first = await act(w, w.desk, dossier, { action: 'accept' }, 'retry-accept-0001');
    const retry = await act(w, w.desk, dossier, { action: 'accept' }, 'retry-accept-0001');
    assert.deepEqual(retry, first);
    assert.equal((await w.tthc.dossiers.history(w.desk, dossier.id)).length, 2);
    await assert.rejects(act(w, w.desk, dossier, { action: 'reject', reasons: ['x'] }, 'retry-accept-0001'), rejectsWith(422, 'idempotency.key_reused'));
  });

  it('a dossier keeps the process version it started with when a new version is published', async () => {
    let older = (await fileBirth()).dossier;
    older = await act(w, w.desk, older, { action: 'accept' });
    const editor = { ...w.leader, grants: [{ agencyId: (await w.catalog.rootAgency()).id, scope: 'subtree' as const, permissions: ['procedure.edit'] }] };
    // Version 2 skips the specialist: the desk forwards straight to the leader.
    const v1 = (await w.tthc.procedures.getProcess('mot-cua-co-ban', 1)) as unknown as { definition: { start: string; steps: { id: string }[]; transitions: { from: string; to: string }[] } };
    const definition = {
      ...v1.definition,
      steps: v1.definition.steps.filter((step) => step.id !== 'tham_dinh'),
      transitions: [
        ...v1.definition.transitions.filter((t) => t.from !== 'tham_dinh' && t.to !== 'tham_dinh'),
        { from: 'tiep_nhan', action: 'forward', label: 'Trình lãnh đạo', to: 'phe_duyet' },
      ],
    };
    const draft = await w.tthc.procedures.saveProcessDraft(editor, 'mot-cua-co-ban', { name: 'Một cửa rút gọn', definition });
    await w.tthc.procedures.publishProcess(editor, 'mot-cua-co-ban', draft.version);

    older = await act(w, w.desk, older, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    assert.deepEqual(older.process, { key: 'mot-cua-co-ban', version: 1 });
    assert.deepEqual(older.activeSteps.map((s) => s.stepId), ['tham_dinh'], 'the old dossier still goes through the specialist');
    let newer = (await fileBirth()).dossier;
    assert.deepEqual(newer.process, { key: 'mot-cua-co-ban', version: draft.version });
    newer = await act(w, w.desk, newer, { action: 'accept' });
    newer = await act(w, w.desk, newer, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    assert.deepEqual(newer.activeSteps.map((s) => s.stepId), ['phe_duyet'], 'a new dossier follows the new version');
  });

  it('rejection at intake and withdrawal by the applicant are final', async () => {
    const first = (await fileBirth()).dossier;
    const rejected = await act(w, w.desk, first, { action: 'reject', reasons: ['Người yêu cầu không có quyền đăng ký'] });
    assert.equal(rejected.status, 'rejected');
    await assert.rejects(act(w, w.desk, rejected, { action: 'accept' }), rejectsWith(409, 'dossier.action_not_allowed'));
    const second = (await fileBirth()).dossier;
    const withdrawn = await act(w, w.citizen, second, { action: 'withdraw', reason: 'Nộp nhầm thủ tục' });
    assert.equal(withdrawn.status, 'withdrawn');
    const mine = await w.tthc.dossiers.mine(w.citizen, 100, 0);
    assert.ok(mine.items.some((d) => d.id === second.id && d.status === 'withdrawn'));
  });
});
