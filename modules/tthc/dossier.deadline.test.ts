import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from '../../packages/platform/testing.ts';
import { formatCode, codeScope, isValidCodePattern } from './dossier.code.ts';
import { timeliness } from './dossier.deadline.ts';
import { act, setUpWorld, upload, type World } from './dossier.test-support.ts';

describe('deadline arithmetic and dossier codes (pure)', () => {
  it('apologies do not make a late dossier on time', () => {
    assert.equal(timeliness('2026-09-04', '2026-09-03', false), 'early');
    assert.equal(timeliness('2026-09-04', '2026-09-04', false), 'on_time');
    assert.equal(timeliness('2026-09-04', '2026-09-07', false), 'late');
    assert.equal(timeliness('2026-09-04', '2026-09-04', true), 'late');
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

  it('the promised date skips the weekend and the National Day holidays (1–2 September 2026)', async () => {
    w.clock.set('2026-08-28T02:00:00.000Z');
    const dossier = await counter();
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.receivedAt, '2026-08-28T02:00:00.000Z');
    assert.equal(dossier.dueDate, '2026-09-04');
    assert.equal(dossier.originalDueDate, '2026-09-04');
  });

  it('a supplement request during processing stops the clock; the promised date moves by the working days it was stopped', async () => {
    w.clock.set('2026-08-28T02:00:00.000Z');
    let dossier = await counter();
    w.clock.set('2026-08-31T03:00:00.000Z'); // Monday
    dossier = await act(w, w.specialist, dossier, { action: 'request_supplement', items: [{ partCode: 'to-khai', reason: 'Tờ khai thiếu chữ ký' }] });
    assert.equal(dossier.status, 'supplement_requested');
    assert.equal(dossier.clockStoppedAt, '2026-08-31T03:00:00.000Z');
    w.clock.set('2026-09-03T03:00:00.000Z'); // Thursday, after the two holidays
    dossier = await act(w, w.desk, dossier, { action: 'resubmit', files: [await upload(w, w.desk, 'to-khai')] });
    assert.equal(dossier.status, 'processing');
    assert.equal(dossier.clockStoppedAt, null);
    assert.equal(dossier.dueDate, '2026-09-07', 'one working day stopped (3 September): due Friday 4 → Monday 7');
    assert.equal(dossier.originalDueDate, '2026-09-04', 'the first promise is kept for statistics');
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
    assert.equal(dossier.dueDate, '2026-09-08', '(3 Sep, 7 Sep] holds two working days (Fri 4, Mon 7): due 4 Sep → 8 Sep');
    await assert.rejects(act(w, w.leader, dossier, { action: 'apologise', newDueDate: '2026-09-01', reason: 'x' }), rejectsWith(422, 'dossier.invalid_due_date'));
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
});
