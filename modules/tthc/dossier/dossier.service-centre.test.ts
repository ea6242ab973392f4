import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { BIRTH_FORM_DATA, act, birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';

/**
 * Decree 118/2025/NĐ-CP: the provincial and commune Public Administration Service Centres receive
 * dossiers of any procedure in the province, regardless of boundaries. The dossier records the
 * receiving desk and the deciding agency; each action is checked against the right one.
 */
describe('service centres receive any procedure of the province', () => {
  let w: World;
  let offeringId: string;
  let provincialCentre: string;
  let otherCommuneCentre: string;
  let commune: string;
  let centreOfficer: Principal;
  let communeOfficials: Principal;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z'); // Monday 09:00 in Việt Nam
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
    commune = await w.agencyId('TAM.H19.X001');
    provincialCentre = await w.agencyId('TAM.H19.TTPVHCC');
    otherCommuneCentre = await w.agencyId('TAM.H19.X002.TTPVHCC');
    const official = (userId: string, displayName: string, agencyId: string, permissions: string[]): Principal =>
      ({ kind: 'user', userId, userType: 'official', displayName, grants: [{ agencyId, scope: 'agency', permissions }] });
    centreOfficer = official('centre-officer', 'Cán bộ Trung tâm', provincialCentre, ['dossier.receive', 'dossier.read']);
    communeOfficials = official('commune-officials', 'Cán bộ xã', commune, ['dossier.receive', 'dossier.process', 'dossier.approve', 'dossier.read']);
  });
  after(() => w.close());

  const submission = async (by: Principal) => {
    const s = birthSubmission(BIRTH_FORM_DATA);
    s.files = [await upload(w, by, 'giay-chung-sinh')];
    return s;
  };

  it('the service centres are agencies of their own kind in the organisation chart', async () => {
    assert.equal((await w.catalog.getAgency(provincialCentre)).kind, 'service_centre');
    assert.equal((await w.catalog.getAgency(otherCommuneCentre)).kind, 'service_centre');
  });

  it('the provincial centre receives a commune procedure; the commune decides; the result is returned at the centre', async () => {
    const filed = await w.tthc.dossiers.receiveAtCounter(centreOfficer, { offeringId, submission: await submission(centreOfficer), deskAgencyId: provincialCentre });
    let dossier = filed.dossier;
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.deskAgencyId, provincialCentre, 'received at the centre');
    assert.equal(dossier.agencyId, commune, 'decided by the commune');
    assert.match(dossier.code, /^29926-261123-\d{4}$/, 'one code across agencies: the deciding commune\'s');
    assert.deepEqual(dossier.activeSteps.map((s) => [s.stepId, s.agencyId]), [['tiep_nhan', provincialCentre]], 'the hand-over from the desk is the centre\'s');
    assert.deepEqual([...dossier.agencyScope].sort(), [commune, provincialCentre].sort());

    // The commune's own desk did not receive it and cannot hand it over; the centre does.
    await assert.rejects(act(w, communeOfficials, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' }), rejectsWith(403, 'dossier.forbidden'));
    dossier = await act(w, centreOfficer, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    assert.equal(dossier.activeSteps[0]!.agencyId, commune);
    // The centre does not decide.
    await assert.rejects(act(w, centreOfficer, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' }), rejectsWith(403, 'dossier.forbidden'));
    await assert.rejects(act(w, centreOfficer, dossier, { action: 'pause', reason: 'Chờ xác minh' }), rejectsWith(403, 'dossier.forbidden'));
    dossier = await act(w, communeOfficials, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    dossier = await act(w, communeOfficials, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve' });
    assert.equal(dossier.status, 'ready_to_return');
    // The result goes back where the dossier came in.
    await assert.rejects(act(w, communeOfficials, dossier, { action: 'return', method: 'desk' }), rejectsWith(403, 'dossier.forbidden'));
    dossier = await act(w, centreOfficer, dossier, { action: 'return', method: 'desk' });
    assert.equal(dossier.status, 'completed');
    const centreQueue = await w.tthc.dossiers.queue(centreOfficer, { queue: 'all', agencyId: provincialCentre, limit: 20, offset: 0 });
    assert.ok(centreQueue.items.some((d) => d.id === dossier.id), 'the centre finds what it received');
  });

  it('a commune centre receives another commune\'s procedure and queues it for acceptance at the centre', async () => {
    const officer: Principal = { kind: 'user', userId: 'x002-centre', userType: 'official', displayName: 'Cán bộ Trung tâm xã', grants: [{ agencyId: otherCommuneCentre, scope: 'agency', permissions: ['dossier.receive', 'dossier.read'] }] };
    const { dossier } = await w.tthc.dossiers.receiveAtCounter(officer, { offeringId, submission: await submission(officer), deskAgencyId: otherCommuneCentre, accept: false });
    assert.equal(dossier.status, 'submitted');
    const queue = await w.tthc.dossiers.queue(officer, { queue: 'to_receive', agencyId: otherCommuneCentre, limit: 20, offset: 0 });
    assert.deepEqual(queue.items.map((d) => d.id), [dossier.id]);
    const accepted = await act(w, officer, dossier, { action: 'accept' });
    assert.equal(accepted.status, 'processing');
    assert.equal(accepted.deskAgencyId, otherCommuneCentre);
  });

  it('only a service centre receives for another agency, and only its own officials; refusals write nothing', async () => {
    const before = await footprint(w);
    const s = await submission(centreOfficer);
    const otherCommune = await w.agencyId('TAM.H19.X002');
    await assert.rejects(w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission: s, deskAgencyId: otherCommune }), rejectsWith(422, 'dossier.desk_not_service_centre'));
    await assert.rejects(w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission: s, deskAgencyId: '00000000-0000-4000-8000-000000000000' }), rejectsWith(422, 'dossier.desk_not_service_centre'));
    await assert.rejects(w.tthc.dossiers.receiveAtCounter(centreOfficer, { offeringId, submission: s }), rejectsWith(403, 'dossier.forbidden'), 'without saying so, the desk is the commune\'s own');
    await assert.rejects(w.tthc.dossiers.receiveAtCounter(w.stranger, { offeringId, submission: s, deskAgencyId: provincialCentre }), rejectsWith(403, 'dossier.forbidden'), 'an official of another commune is not the centre\'s');
    assert.equal(await footprint(w), before);
  });
});
