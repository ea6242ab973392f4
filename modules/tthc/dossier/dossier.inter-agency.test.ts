import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { BIRTH_FORM_DATA, act, setUpWorld, upload, type World } from './dossier.test-support.ts';

/**
 * Inter-agency work (liên thông): the birth – residence – health-insurance procedure consults
 * the provincial police (T02) and social insurance (T11) in parallel. Each consulted agency
 * sees the dossier in its own queue, only while and after it holds it, and only its step.
 */
describe('inter-agency dossier with parallel consultation', () => {
  let w: World;
  let police: Principal;
  let insurance: Principal;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z');
    const official = (agencyId: string, name: string): Principal => ({
      kind: 'user', userId: `official-${name}`, userType: 'official', displayName: name,
      grants: [{ agencyId, scope: 'agency', permissions: ['dossier.process', 'dossier.read'] }],
    });
    police = official(await w.agencyId('TAM.H19.T02'), 'Cán bộ Công an tỉnh');
    insurance = official(await w.agencyId('TAM.H19.T11'), 'Cán bộ BHXH tỉnh');
  });
  after(() => w.close());

  it('consults both agencies at once, waits for both, then returns to the commune for approval', async () => {
    const offeringId = await w.offering('3.000722', 'TAM.H19.X001');
    const submission = {
      applicant: { kind: 'citizen' as const, fullName: 'Nguyễn Văn An', phone: '0912345678' },
      formData: { 'to-khai-khai-sinh': BIRTH_FORM_DATA },
      files: [await upload(w, w.citizen, 'giay-chung-sinh'), await upload(w, w.citizen, 'to-khai-cu-tru')],
    };
    let dossier = (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission })).dossier;
    await assert.rejects(w.tthc.dossiers.get(police, dossier.id), rejectsWith(404, 'dossier.not_found'), 'not before the police holds it');

    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'consult' });
    assert.deepEqual(dossier.activeSteps.map((s) => s.stepId).sort(), ['y_kien_1', 'y_kien_2']);
    const t02 = await w.agencyId('TAM.H19.T02');
    const queue = await w.tthc.dossiers.queue(police, { queue: 'to_process', agencyId: t02, limit: 20, offset: 0 });
    assert.deepEqual(queue.items.map((d) => d.id), [dossier.id], 'the police sees it in its own queue');
    const view = await w.tthc.dossiers.get(police, dossier.id);
    assert.deepEqual(view.allowed.steps.map((s) => s.stepId), ['y_kien_1'], 'and may act only on its own step');

    await assert.rejects(act(w, police, dossier, { action: 'transition', stepId: 'y_kien_2', transition: 'reply' }), rejectsWith(403, 'dossier.forbidden'));
    dossier = await act(w, insurance, dossier, { action: 'transition', stepId: 'y_kien_2', transition: 'reply', comment: 'Đã cấp thẻ BHYT' });
    assert.deepEqual(dossier.activeSteps.map((s) => s.stepId), ['y_kien_1'], 'the join waits for the other branch');
    dossier = await act(w, police, dossier, { action: 'transition', stepId: 'y_kien_1', transition: 'reply', comment: 'Đã đăng ký thường trú' });
    assert.deepEqual(dossier.activeSteps.map((s) => s.stepId), ['tong_hop']);
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tong_hop', transition: 'submit' });
    dossier = await act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve' });
    assert.equal(dossier.status, 'ready_to_return');

    const sheet = await w.tthc.dossiers.controlSheet(w.desk, dossier.id);
    assert.deepEqual(sheet.map((h) => h.stepId), ['tiep_nhan', 'tham_dinh', 'y_kien_1', 'y_kien_2', 'tong_hop', 'phe_duyet']);
    assert.equal(sheet.find((h) => h.stepId === 'y_kien_1')!.agencyId, t02);
    assert.ok((await w.tthc.dossiers.get(police, dossier.id)).id, 'an agency that held it keeps read access');
  });
});
