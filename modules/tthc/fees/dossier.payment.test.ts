import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JobRunner, type Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { STATUS_INFO } from '../dossier/dossier.status.ts';
import { act, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import { linesOwed, type ScheduledFee } from './fee.schedule.ts';

describe('fee rules', () => {
  const lines: ScheduledFee[] = [
    { code: 'PHI-A', name: 'nhỏ lẻ', amount: 500_000, kind: 'fee', when: { field: 'don.loai', in: ['nho-le'] } },
    { code: 'PHI-A', name: 'chung', amount: 2_500_000, kind: 'fee' },
    { code: 'LP-B', name: 'miễn', amount: 0, kind: 'charge' },
  ];
  it('the first line of a code whose rule matches wins; the general line otherwise; zero amounts are not owed', () => {
    assert.deepEqual(linesOwed(lines, { don: { loai: 'nho-le' } }).map((l) => l.amount), [500_000]);
    assert.deepEqual(linesOwed(lines, { don: { loai: 'khac' } }).map((l) => l.amount), [2_500_000]);
    assert.deepEqual(linesOwed(lines, {}).map((l) => l.amount), [2_500_000]);
    assert.equal(linesOwed(lines, {})[0]!.when, undefined, 'the rule is not part of what is owed');
  });
});

describe('a dossier awaiting its fee: national code 6, the clock stopped, back to processing when paid', () => {
  let w: World;
  let offeringId: string;
  let agencyId: string;
  const collector = (agency: string): Principal => ({
    kind: 'user', userId: 'thu-ngan', userType: 'official', displayName: 'Cán bộ thu phí', grants: [{ agencyId: agency, scope: 'agency', permissions: ['payment.collect'] }],
  });
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z', {}, { payments: true }); // Monday 23 November 2026, 09:00
    agencyId = await w.agencyId('TAM.H19.S08');
    offeringId = await w.offering('0.000001', 'TAM.H19.S08'); // food safety: appraisal fee during processing, clock stops
  });
  after(() => w.close());

  const file = async (formData: Record<string, Record<string, unknown>> = {}) => {
    const files = await Promise.all(['don-de-nghi', 'thuyet-minh', 'kien-thuc-attp', 'suc-khoe'].map((part) => upload(w, w.desk, part)));
    const submission = { applicant: { kind: 'citizen' as const, fullName: 'Phạm Văn Bình', personalId: '087090005678', phone: '0987000111' }, formData, files };
    return (await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission })).dossier;
  };

  it('request_payment: awaiting_payment (national 6), a payment request for the fee the form values select, the clock stopped', async () => {
    w.clock.set('2026-11-23T02:00:00.000Z');
    const dossier = await file({ 'don-de-nghi': { loaiCoSo: 'san-xuat-nho-le' } });
    assert.equal(dossier.status, 'processing');
    const dueBefore = dossier.dueDate!;
    assert.ok((await w.tthc.dossiers.get(w.specialist, dossier.id)).allowed.actions.includes('request_payment'));
    await assert.rejects(act(w, w.citizen, dossier, { action: 'payment_received', purpose: 'processing' }), rejectsWith(404, 'dossier.not_found'));

    w.clock.set('2026-11-24T02:00:00.000Z'); // Tuesday
    const waiting = await act(w, w.specialist, dossier, { action: 'request_payment' });
    assert.equal(waiting.status, 'awaiting_payment');
    assert.equal(STATUS_INFO[waiting.status].national, 6);
    assert.equal(waiting.clockStoppedAt, '2026-11-24T02:00:00.000Z');
    const fees = await w.tthc.dossiers.fees(w.specialist, dossier.id);
    assert.equal(fees.schedule?.stage, 'processing');
    assert.equal(fees.schedule?.verified, false, 'the amount is marked unverified in the data');
    assert.equal(fees.requests.length, 1);
    assert.deepEqual([fees.requests[0]!.amount, fees.requests[0]!.lines[0]!.code, fees.requests[0]!.status], [500_000, 'PHI-ATTP', 'pending']);
    await assert.rejects(act(w, w.specialist, waiting, { action: 'transition', stepId: 'xu_ly', transition: 'trinh' }), rejectsWith(409, 'dossier.action_not_allowed'));

    // Paid at the desk three working days later (Friday): the dossier continues, due three working days later.
    w.clock.set('2026-11-27T03:00:00.000Z');
    const paid = await w.payment!.payments.recordCounter(collector(agencyId), fees.requests[0]!.id, { receiptNo: 'BL-ATTP-0001', method: 'counter' });
    assert.equal(paid.status, 'paid');
    assert.equal((await w.tthc.dossiers.get(w.specialist, dossier.id)).status, 'awaiting_payment', 'the dossier moves in its own transaction, from the job queue');
    const runner = new JobRunner(w.database.db, { handlers: w.payment!.jobHandlers() });
    assert.equal(await runner.runOnce(), 1);
    const continued = await w.tthc.dossiers.get(w.specialist, dossier.id);
    assert.equal(continued.status, 'processing');
    assert.equal(continued.clockStoppedAt, null);
    assert.equal(continued.dueDate, await w.catalog.addWorkingDays(dueBefore, 3, agencyId), 'the due date moves by the working days waited');
    const history = await w.tthc.dossiers.history(w.specialist, dossier.id);
    assert.deepEqual(history.filter((e) => ['request_payment', 'payment_received'].includes(e.action)).map((e) => [e.action, e.toStatus]),
      [['request_payment', 'awaiting_payment'], ['payment_received', 'processing']]);

    // A second delivery of the paid event changes nothing; the fee cannot be asked for twice.
    const versionNow = continued.version;
    await w.payment!.payments.deliverPaid({ requestId: paid.id, owner: paid.owner, purpose: 'processing', amount: paid.amount, method: 'counter', paidAt: paid.paidAt! });
    assert.equal((await w.tthc.dossiers.get(w.specialist, dossier.id)).version, versionNow);
    await assert.rejects(act(w, w.specialist, continued, { action: 'request_payment' }), rejectsWith(409, 'dossier.fee_already_paid'));
  });

  it('the general fee applies when the form names no special case; a desk outside the agency may not ask', async () => {
    w.clock.set('2026-11-30T02:00:00.000Z');
    const dossier = await file();
    await assert.rejects(act(w, w.stranger, dossier, { action: 'request_payment' }), rejectsWith(404, 'dossier.not_found'));
    const waiting = await act(w, w.specialist, dossier, { action: 'request_payment' });
    const fees = await w.tthc.dossiers.fees(w.specialist, waiting.id);
    assert.equal(fees.requests[0]!.amount, 2_500_000);
  });

  it('a fee asked for outside its stage is refused', async () => {
    const birth = await w.offering('1.004873', 'TAM.H19.X001');
    const files = [await upload(w, w.desk, 'to-khai')];
    const { dossier } = await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId: birth, submission: { applicant: { kind: 'citizen', fullName: 'Lê Thị Mai', personalId: '087190004321' }, formData: {}, files } });
    // Marital status is charged at intake: once accepted, it is past that stage.
    await assert.rejects(act(w, w.desk, dossier, { action: 'request_payment' }), rejectsWith(409, 'dossier.action_not_allowed'));
  });

  it('at intake: the applicant filing online sees and may pay their request, nobody else; once paid the desk accepts', async () => {
    w.clock.set('2026-12-01T02:00:00.000Z');
    const marital = await w.offering('1.004873', 'TAM.H19.X001'); // charge asked for at intake
    const files = [await upload(w, w.citizen, 'to-khai')];
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: marital, submission: { applicant: { kind: 'citizen', fullName: 'x', phone: '0912345678' }, formData: {}, files } });
    const waiting = await act(w, w.desk, dossier, { action: 'request_payment' });
    assert.equal(waiting.status, 'awaiting_payment');
    assert.equal(waiting.clockStoppedAt, null, 'no time limit runs before intake');
    await assert.rejects(act(w, w.desk, waiting, { action: 'accept' }), rejectsWith(409, 'dossier.action_not_allowed'));
    const [request] = (await w.tthc.dossiers.fees(w.citizen, dossier.id)).requests;
    assert.deepEqual([request!.amount, request!.purpose], [15_000, 'intake']);
    assert.equal((await w.payment!.payments.get(w.citizen, request!.id)).status, 'pending', 'the applicant sees their request');
    const otherCitizen: Principal = { kind: 'user', userId: 'someone-else', userType: 'citizen', displayName: 'Người khác', grants: [] };
    await assert.rejects(w.payment!.payments.get(otherCitizen, request!.id), rejectsWith(403, 'payment.forbidden'));
    await assert.rejects(w.payment!.payments.startOnline(otherCitizen, request!.id), rejectsWith(403, 'payment.forbidden'));

    await w.payment!.payments.recordCounter(collector(await w.agencyId('TAM.H19.X001')), request!.id, { receiptNo: 'BL-HT-0001', method: 'counter' });
    await new JobRunner(w.database.db, { handlers: w.payment!.jobHandlers() }).runOnce();
    const back = await w.tthc.dossiers.get(w.desk, dossier.id);
    assert.equal(back.status, 'submitted');
    assert.equal((await act(w, w.desk, back, { action: 'accept' })).status, 'processing');
  });
});
