import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { missingWords, pdfText } from '../../../packages/platform/testing.ts';
import { dossierRepository } from './dossier.repository.ts';
import { act, birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';
import type { Dossier } from './dossier.types.ts';

const nameOf = (p: World['desk']) => (p.kind === 'user' ? p.displayName : '');

/**
 * The forms of Circular 03/2025/TT-VPCP as the dossier issues them: numbers from the desk's
 * yearly series, the control sheet from the recorded hand-overs, the extension (Form 04) and
 * the stop (Form 05) commands, and the desk's tracking register (Form 07); on a real database.
 */
describe('dossier forms (Circular 03/2025/TT-VPCP)', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z'); // Monday 09:00 in Việt Nam
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());
  beforeEach(() => w.clock.set('2026-11-23T02:00:00.000Z'));

  const fileBirth = async (): Promise<Dossier> => {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    return (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission })).dossier;
  };
  const events = (dossier: Dossier) => dossierRepository.events(w.database.db, dossier.id, false);
  const numberOf = async (dossier: Dossier, action: string, form: string) =>
    ((await events(dossier)).filter((e) => e.action === action).at(-1)?.details.documentNumbers as Record<string, string> | undefined)?.[form];
  const text = async (dossier: Dossier, kind: Parameters<World['tthc']['dossiers']['document']>[2], principal = w.desk) =>
    (await pdfText((await w.tthc.dossiers.document(principal, dossier.id, kind)).bytes)).text;

  it('concurrent acceptances take distinct consecutive numbers of the desk\'s series, on the receipt with the return time', async () => {
    const filed = await Promise.all([fileBirth(), fileBirth(), fileBirth()]);
    const accepted = await Promise.all(filed.map((d) => act(w, w.desk, d, { action: 'accept' })));
    const numbers = await Promise.all(accepted.map((d) => numberOf(d, 'accept', 'receipt')));
    assert.deepEqual(numbers.sort(), ['0001/2026/TN', '0002/2026/TN', '0003/2026/TN']);
    const sheets = await Promise.all(accepted.map((d) => numberOf(d, 'accept', 'control_sheet')));
    assert.deepEqual(sheets.sort(), ['0001/2026/KS', '0002/2026/KS', '0003/2026/KS'], 'each form has its own series');
    const receipt = await text(accepted[0]!, 'receipt');
    const number = await numberOf(accepted[0]!, 'accept', 'receipt');
    assert.deepEqual(missingWords(receipt, ['Mẫu số 01', `Số: ${number}`, 'vào lúc 16 giờ 00 phút, ngày 23/11/2026', 'BỘ PHẬN MỘT CỬA']), []);
    assert.doesNotMatch(receipt, /Đồng Tháp, ngày/, 'a commune writes its own place name');
  });

  it('numbers: concurrent transactions get 1…n with no gap; a rolled-back one takes none', async () => {
    const desk = '00000000-0000-4000-8000-0000000000d1';
    const taken = await Promise.all(Array.from({ length: 8 }, () => w.database.db.transaction((tx) => dossierRepository.nextDocumentNumber(tx, desk, 2027, 'receipt'))));
    assert.deepEqual(taken.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
    await assert.rejects(w.database.db.transaction(async (tx) => {
      await dossierRepository.nextDocumentNumber(tx, desk, 2027, 'receipt');
      throw new Error('crash after taking a number');
    }));
    assert.equal(await w.database.db.transaction((tx) => dossierRepository.nextDocumentNumber(tx, desk, 2027, 'receipt')), 9);
    assert.equal(await w.database.db.transaction((tx) => dossierRepository.nextDocumentNumber(tx, desk, 2028, 'receipt')), 1, 'a new year starts again');
  });

  it('the control sheet: one row per hand-over with giver and receiver, early / on time / late from the actual times', async () => {
    let dossier = await act(w, w.desk, await fileBirth(), { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' }); // on the day due: on time
    const specialistId = (await w.tthc.dossiers.assignees(w.leader, dossier.id, 'tham_dinh')).find((c) => c.fullName === nameOf(w.specialist))!.id;
    dossier = await act(w, w.leader, dossier, { action: 'assign', stepId: 'tham_dinh', officialId: specialistId });
    w.clock.set('2026-11-24T02:00:00.000Z'); // the next day: the review is late
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    const handovers = await dossierRepository.handovers(w.database.db, dossier.id);
    assert.equal(handovers[0]!.givenByName, nameOf(w.desk), 'the desk officer handed the dossier to the first step');
    assert.equal(handovers.at(-1)!.givenByName, nameOf(w.specialist));
    const sheet = await text(dossier, 'control_sheet');
    assert.deepEqual(missingWords(sheet, ['Mẫu số 06', nameOf(w.desk), nameOf(w.specialist), nameOf(w.leader), 'Đúng hạn', 'Quá hạn']), []);
    assert.doesNotMatch(sheet.replace(/\s+/g, ''), /Người(giao|nhận)\(ký,ghirõhọtên\)—/, 'no empty handler');
    await assert.rejects(w.tthc.dossiers.document(w.citizen, dossier.id, 'control_sheet'), rejectsWith(404, 'dossier.not_found'));
  });

  it('extension (Form 04): the leader sets a new date once, the applicant is told; "will be late" before the due date', async () => {
    const dossier = await act(w, w.desk, await fileBirth(), { action: 'accept' });
    const before = await footprint(w);
    await assert.rejects(act(w, w.desk, dossier, { action: 'apologise', newDueDate: '2026-11-25', reason: 'Chờ xác minh' }), rejectsWith(403, 'dossier.forbidden'));
    assert.equal(await footprint(w), before);
    const extended = await act(w, w.leader, dossier, { action: 'apologise', newDueDate: '2026-11-25', reason: 'Chờ kết quả xác minh của cơ quan khác' });
    assert.equal(extended.dueDate, '2026-11-25');
    assert.equal(extended.originalDueDate, '2026-11-23', 'the first promise stays for the statistics');
    assert.equal(await w.count(`tthc.notifications where dossier_id = '${dossier.id}' and event = 'apologised'`), 1);
    assert.equal(await w.count(`tthc.notifications where dossier_id = '${dossier.id}' and event = 'apologised' and body like '%Lý do: Chờ kết quả xác minh của cơ quan khác%'`), 1, 'the notice gives the reason');
    assert.match((await numberOf(extended, 'apologise', 'apology'))!, /^\d{4}\/2026\/XL$/);
    const letter = await text(extended, 'apology', w.citizen);
    assert.deepEqual(missingWords(letter, ['Mẫu số 04', 'sẽ bị trễ hạn', 'Chờ kết quả xác minh của cơ quan khác', '25/11/2026']), []);
    const view = await w.tthc.dossiers.get(w.leader, dossier.id);
    assert.ok(!view.allowed.actions.includes('apologise'), 'no second extension offered');
    const again = await footprint(w);
    await assert.rejects(act(w, w.leader, extended, { action: 'apologise', newDueDate: '2026-11-26', reason: 'Lần nữa' }), rejectsWith(409, 'dossier.already_extended'));
    assert.equal(await footprint(w), again);
  });

  it('cancellation: the notice to the applicant gives the reason', async () => {
    const dossier = await act(w, w.desk, await fileBirth(), { action: 'accept' });
    await act(w, w.leader, dossier, { action: 'cancel', reason: 'Hồ sơ trùng với hồ sơ đã nộp trước đó' });
    assert.equal(await w.count(`tthc.notifications where dossier_id = '${dossier.id}' and event = 'cancelled' and body like '%Lý do: Hồ sơ trùng với hồ sơ đã nộp trước đó%'`), 1);
  });

  it('stop (Form 05): the leader ends processing with its notice; a final status (national 8); refused in other states and to others', async () => {
    const submitted = await fileBirth();
    await assert.rejects(act(w, w.leader, submitted, { action: 'stop', reason: 'x' }), rejectsWith(409, 'dossier.action_not_allowed'));
    const dossier = await act(w, w.desk, submitted, { action: 'accept' });
    const before = await footprint(w);
    await assert.rejects(act(w, w.desk, dossier, { action: 'stop', reason: 'Người nộp đề nghị dừng' }), rejectsWith(403, 'dossier.forbidden'));
    await assert.rejects(act(w, w.stranger, dossier, { action: 'stop', reason: 'Người nộp đề nghị dừng' }), rejectsWith(404, 'dossier.not_found'));
    assert.equal(await footprint(w), before);
    assert.ok((await w.tthc.dossiers.get(w.leader, dossier.id)).allowed.actions.includes('stop'));
    const reason = 'Người yêu cầu đề nghị dừng giải quyết hồ sơ bằng văn bản';
    const stopped = await act(w, w.leader, dossier, { action: 'stop', reason, legalGround: 'Nghị định số 118/2025/NĐ-CP' });
    assert.equal(stopped.status, 'stopped');
    assert.deepEqual(stopped.activeSteps, []);
    assert.ok(stopped.finishedAt);
    assert.equal(await w.count(`tthc.handovers where dossier_id = '${dossier.id}' and ended_at is null`), 0, 'every hand-over closed');
    assert.equal(await w.count(`tthc.notifications where dossier_id = '${dossier.id}' and event = 'stopped'`), 1);
    assert.equal(await w.count(`platform.jobs where queue = 'tthc.notice' and payload->>'dossierId' = '${dossier.id}' and payload->>'event' = 'stopped'`), 2, 'mail and SMS queued');
    const notice = await text(stopped, 'stop', w.citizen);
    assert.deepEqual(missingWords(notice, ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', reason, 'Nghị định số 118/2025/NĐ-CP']), []);
    await assert.rejects(act(w, w.leader, stopped, { action: 'stop', reason }), rejectsWith(409, 'dossier.action_not_allowed'));
    await assert.rejects(act(w, w.leader, stopped, { action: 'cancel', reason }), rejectsWith(409, 'dossier.action_not_allowed'));
  });

  it('the tracking register (Form 07) of the desk, as PDF and Excel, for its officials only', async () => {
    const accepted = await act(w, w.desk, await fileBirth(), { action: 'accept' });
    const query = { deskAgencyId: accepted.deskAgencyId, from: '2026-11-01', to: '2026-11-30' };
    const xlsx = await w.tthc.dossiers.register(w.desk, { ...query, format: 'xlsx' });
    assert.match(xlsx.fileName, /^so-theo-doi-ho-so-.*-2026-11-01-2026-11-30\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let header = 0;
    sheet.eachRow((row, n) => { if (row.getCell(1).value === 'STT') header = n; });
    const rows: string[][] = [];
    for (let n = header + 1; n <= sheet.rowCount; n++) rows.push((sheet.getRow(n).values as string[]).slice(1));
    const received = await w.count(`tthc.dossiers where desk_agency_id = '${accepted.deskAgencyId}' and received_at is not null`);
    assert.equal(rows.length, received, 'one row per dossier received in the period');
    const row = rows.find((r) => r[1] === accepted.code)!;
    assert.ok(row, 'the dossier is in the register');
    assert.equal(row[2], await numberOf(accepted, 'accept', 'receipt'));
    assert.equal(row[4], 'Nguyễn Văn An');
    assert.equal(row[8], '23/11/2026');
    const pdf = await w.tthc.dossiers.register(w.desk, { ...query, format: 'pdf' });
    const { text: printed } = await pdfText(pdf.bytes);
    assert.deepEqual(missingWords(printed, ['Mẫu số 07', 'SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/11/2026 đến ngày 30/11/2026', ...rows.map((r) => r[1]!)]), []);
    const empty = await w.tthc.dossiers.register(w.desk, { ...query, from: '2026-10-01', to: '2026-10-31', format: 'xlsx' });
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.load(empty.bytes as unknown as ArrayBuffer);
    assert.equal(emptyBook.worksheets[0]!.getRow(emptyBook.worksheets[0]!.rowCount).getCell(1).value, 'STT', 'no dossier in October');
    await assert.rejects(w.tthc.dossiers.register(w.stranger, { ...query, format: 'pdf' }), rejectsWith(403, 'dossier.forbidden'));
    await assert.rejects(w.tthc.dossiers.register(w.citizen, { ...query, format: 'pdf' }), rejectsWith(403, 'dossier.forbidden'));
    await assert.rejects(w.tthc.dossiers.register(w.desk, { ...query, from: '2026-12-01', format: 'pdf' }), rejectsWith(422, 'dossier.register_period_invalid'));
    await assert.rejects(w.tthc.dossiers.register(w.desk, { ...query, from: '2025-01-01', format: 'pdf' }), rejectsWith(422, 'dossier.register_period_invalid'));
  });
});
