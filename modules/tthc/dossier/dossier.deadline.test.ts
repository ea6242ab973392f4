import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { formatCode, codeScope, isValidCodePattern } from './dossier.code.ts';
import { processSpan, stepDays, timeliness } from './dossier.deadline.ts';
import { INTER_AGENCY_PROCESS, SIMPLE_PROCESS } from '../process/process.samples.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../packages/platform/index.ts';
import { act, birthSubmission, setUpWorld, upload, type World } from './dossier.test-support.ts';
import { principalWith } from '../catalogue/procedure.test-support.ts';
import { NOTICE_QUEUE } from '../notices/notice.service.ts';

describe('deadline arithmetic and dossier codes (pure)', () => {
  it('apologies do not make a late dossier on time', () => {
    assert.equal(timeliness('2026-09-04', '2026-09-03', false), 'early');
    assert.equal(timeliness('2026-09-04', '2026-09-04', false), 'on_time');
    assert.equal(timeliness('2026-09-04', '2026-09-07', false), 'late');
    assert.equal(timeliness('2026-09-04', '2026-09-04', true), 'late');
  });

  it("step days: the process's own when it fits in the limit, otherwise each step's share of it", () => {
    assert.equal(processSpan(SIMPLE_PROCESS), 9, '0 + 7 + 2, the send-back left aside');
    assert.equal(processSpan(INTER_AGENCY_PROCESS), 16, '0 + 7 + 5 (parallel opinions) + 2 + 2');
    const [review, approval] = [SIMPLE_PROCESS.steps[1]!, SIMPLE_PROCESS.steps[2]!];
    assert.deepEqual([stepDays(SIMPLE_PROCESS, review, 10), stepDays(SIMPLE_PROCESS, approval, 10)], [7, 2]);
    assert.deepEqual([stepDays(SIMPLE_PROCESS, review, 3), stepDays(SIMPLE_PROCESS, approval, 3)], [2, 0]);
    assert.deepEqual([stepDays(SIMPLE_PROCESS, review, 0), stepDays(SIMPLE_PROCESS, approval, 0)], [0, 0]);
    assert.equal(stepDays(SIMPLE_PROCESS, review, null), 7);
  });

  it('code patterns: one sequence token, safe characters; the scope blanks the sequence', () => {
    const context = { agencyCode: '000.00.00.H19', procedureCode: '1.001193', date: '2026-11-27' };
    assert.equal(formatCode('{agencyCode}-{yyMMdd}-{seq4}', context, 7), '000.00.00.H19-261127-0007');
    assert.equal(formatCode('{agencyCode}-{yyMMdd}-{seq4}', context, 12345), '000.00.00.H19-261127-12345', 'overflow widens, never wraps');
    assert.equal(codeScope('{agencyCode}-{yyMMdd}-{seq4}', context), '000.00.00.H19-261127-#');
    assert.equal(codeScope('{procedureCode}/{yyyy}/{seq6}', context), '1.001193/2026/#', 'a yearly counter per procedure');
    assert.ok(isValidCodePattern('{agencyCode}-{yyMMdd}-{seq4}'));
    assert.ok(!isValidCodePattern('{agencyCode}-{yyMMdd}'), 'no sequence');
    assert.ok(!isValidCodePattern('{seq4}{seq2}'), 'two sequences');
    assert.ok(!isValidCodePattern('{agencyCode} {seq4}<script>'), 'unsafe characters');
  });
});

describe('deadlines on the working calendar, through real dossiers', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-08-28T02:00:00.000Z'); // Friday 28 August 2026, 09:00 in Việt Nam
    offeringId = await w.offering('1.004873', 'TAM.H19.X001'); // marital-status certificate: 3 working days
  });
  after(() => w.close());

  const counter = async () => {
    const submission = {
      applicant: { kind: 'citizen' as const, fullName: 'Lê Thị Mai', personalId: '087190004321', phone: '0987654321' },
      formData: {}, files: [await upload(w, w.desk, 'to-khai')],
    };
    return (await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId, submission })).dossier;
  };

  it('the promised date skips the weekend, Monday 31 August (swapped, 9441/TB-BNV) and National Day (1–2 September 2026)', async () => {
    w.clock.set('2026-08-28T02:00:00.000Z');
    const dossier = await counter();
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.receivedAt, '2026-08-28T02:00:00.000Z');
    assert.equal(dossier.dueDate, '2026-09-07', 'Thu 3, Fri 4, Mon 7 September');
    assert.equal(dossier.originalDueDate, '2026-09-07');
  });

  it('a Friday receipt from 15:00 counts from Monday; an offering may set its own cut-off', async () => {
    w.clock.set('2026-12-11T07:59:00.000Z'); // Friday 14:59
    assert.equal((await counter()).dueDate, '2026-12-16', 'Mon 14, Tue 15, Wed 16');
    w.clock.set('2026-12-11T08:30:00.000Z'); // Friday 15:30: received Monday 14 December
    assert.equal((await counter()).dueDate, '2026-12-17');
    w.clock.set('2026-12-12T02:00:00.000Z'); // Saturday 09:00: received Monday as well
    assert.equal((await counter()).dueDate, '2026-12-17');
    w.clock.set('2026-08-21T09:00:00.000Z'); // Friday 21 August 16:00: Saturday 22 August is worked (9441/TB-BNV)
    assert.equal((await counter()).dueDate, '2026-08-26', 'received Sat 22/8; Mon 24, Tue 25, Wed 26');
    const offering = await w.tthc.procedures.getOffering(offeringId);
    const editor = principalWith((await w.catalog.rootAgency()).id, ['procedure.edit']);
    await w.tthc.procedures.updateOffering(editor, offeringId, offering.version, { intakeCutoff: '17:00' });
    w.clock.set('2026-12-11T08:30:00.000Z'); // Friday 15:30, before this offering's 17:00
    assert.equal((await counter()).dueDate, '2026-12-16');
    await w.tthc.procedures.updateOffering(editor, offeringId, offering.version + 1, { intakeCutoff: null });
  });

  it('a 3-day procedure on the 9-day one-stop process: review gets its share (2 days), never past the due date', async () => {
    w.clock.set('2026-12-11T02:00:00.000Z'); // Friday 09:00
    const dossier = await counter();
    assert.equal(dossier.dueDate, '2026-12-16');
    assert.deepEqual(dossier.activeSteps.map((s) => s.dueDate), ['2026-12-11'], 'the intake step takes no day');
    const forwarded = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    assert.deepEqual(forwarded.activeSteps.map((s) => [s.stepId, s.dueDate]), [['tham_dinh', '2026-12-15']], '7 × 3/9 → 2 working days: Mon 14, Tue 15');
  });

  it('a supplement request during processing stops the clock; the promised date moves by the working days it was stopped', async () => {
    w.clock.set('2026-08-28T02:00:00.000Z');
    let dossier = await counter();
    w.clock.set('2026-08-28T08:00:00.000Z'); // Friday 15:00
    dossier = await act(w, w.specialist, dossier, { action: 'request_supplement', items: [{ partCode: 'to-khai', reason: 'Tờ khai thiếu chữ ký' }] });
    assert.equal(dossier.status, 'supplement_requested');
    assert.equal(dossier.clockStoppedAt, '2026-08-28T08:00:00.000Z');
    w.clock.set('2026-09-03T03:00:00.000Z'); // Thursday, after the swapped day and the two holidays
    dossier = await act(w, w.desk, dossier, { action: 'resubmit', files: [await upload(w, w.desk, 'to-khai')] });
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.clockStoppedAt, null);
    assert.equal(dossier.dueDate, '2026-09-08', 'one working day stopped (3 September): due Monday 7 → Tuesday 8');
    assert.equal(dossier.originalDueDate, '2026-09-07', 'the first promise is kept for statistics');
    assert.equal(dossier.files.filter((f) => f.kind === 'supplement').length, 1);
  });

  it('pause and resume move the date the same way; an apology sets a new date and marks the dossier late', async () => {
    w.clock.set('2026-08-28T02:00:00.000Z');
    let dossier = await counter();
    w.clock.set('2026-09-03T02:00:00.000Z');
    await assert.rejects(act(w, w.specialist, dossier, { action: 'pause', reason: 'Chờ xác minh' }), rejectsWith(403, 'dossier.forbidden'));
    dossier = await act(w, w.leader, dossier, { action: 'pause', reason: 'Chờ xác minh nơi cư trú trước đây' });
    w.clock.set('2026-09-07T02:00:00.000Z');
    dossier = await act(w, w.leader, dossier, { action: 'resume' });
    assert.equal(dossier.dueDate, '2026-09-09', '(3 Sep, 7 Sep] holds two working days (Fri 4, Mon 7): due 7 Sep → 9 Sep');
    await assert.rejects(act(w, w.leader, dossier, { action: 'apologise', newDueDate: '2026-09-01', reason: 'x' }), rejectsWith(422, 'dossier.invalid_due_date'));
    await assert.rejects(act(w, w.leader, dossier, { action: 'apologise', newDueDate: '2026-09-12', reason: 'x' }), rejectsWith(422, 'dossier.due_date_not_working_day'), 'Saturday');
    dossier = await act(w, w.leader, dossier, { action: 'apologise', newDueDate: '2026-09-15', reason: 'Chưa nhận được kết quả xác minh' });
    assert.equal(dossier.apologised, true);
    assert.equal(dossier.dueDate, '2026-09-15');
    assert.equal(timeliness(dossier.originalDueDate!, '2026-09-14', dossier.apologised), 'late');
    const pdf = await w.tthc.dossiers.document(w.desk, dossier.id, 'apology');
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.fileName, /^[\x20-\x7e]+\.pdf$/);
  });

  it('dossier codes are never duplicated under concurrent filing, and follow each other within the day', async () => {
    w.clock.set('2026-11-27T02:00:00.000Z');
    const filed = await Promise.all(Array.from({ length: 12 }, () => counter()));
    const codes = filed.map((d) => d.code).sort();
    assert.equal(new Set(codes).size, 12);
    const numbers = codes.map((c) => Number(c.split('-').at(-1)));
    assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => i + 1));
    assert.ok(codes.every((c) => c.startsWith('29926-261127-')));
  });

  it('the receipt and the control sheet print as PDFs; the applicant may not print the control sheet', async () => {
    w.clock.set('2026-11-27T02:00:00.000Z');
    const dossier = await counter();
    const receipt = await w.tthc.dossiers.document(w.desk, dossier.id, 'receipt');
    assert.equal(receipt.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.match(receipt.fileName, /giay-tiep-nhan/);
    await assert.rejects(w.tthc.dossiers.document(w.desk, dossier.id, 'rejection'), rejectsWith(404, 'dossier.document_not_issued'));
    assert.equal((await w.tthc.dossiers.document(w.desk, dossier.id, 'control_sheet')).bytes.subarray(0, 5).toString(), '%PDF-');
  });

  it('a same-day birth registration received on Saturday 5 December 2026 at 23:24 is promised for Monday 7 December, every step too', async () => {
    const birthOffering = await w.offering('1.001193', 'TAM.H19.X001');
    w.clock.set('2026-12-05T16:24:00.000Z'); // Saturday 23:24 in Việt Nam
    const submission = { ...birthSubmission(), files: [await upload(w, w.desk, 'to-khai'), await upload(w, w.desk, 'giay-chung-sinh')] };
    const { dossier } = await w.tthc.dossiers.receiveAtCounter(w.desk, { offeringId: birthOffering, submission });
    assert.equal(dossier.dueDate, '2026-12-07');
    assert.deepEqual(dossier.activeSteps.map((s) => s.dueDate), ['2026-12-07'], 'the intake step is due that Monday too');
    const jobs = await queryRows<{ text: string }>(w.database.db, sql`select payload->'values'->>'dueDate' as text from platform.jobs where queue = ${NOTICE_QUEUE} and payload->>'dossierId' = ${dossier.id}`);
    assert.ok(jobs.length === 2 && jobs.every((j) => j.text === '07/12/2026'), 'mail and SMS promise Monday 07/12/2026');
    // The process gives review 7 working days; the procedure's limit (same day) caps it.
    w.clock.set('2026-12-07T02:00:00.000Z');
    const forwarded = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    assert.deepEqual(forwarded.activeSteps.map((s) => [s.stepId, s.dueDate]), [['tham_dinh', '2026-12-07']]);
  });
});
