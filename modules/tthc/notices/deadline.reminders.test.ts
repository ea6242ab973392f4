import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createMailer, createSmsSender } from '../../../packages/national/index.ts';
import { JobRunner, queryRows, type JobHandler } from '../../../packages/platform/index.ts';
import { PDF_BYTES, act, birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import { REMINDER_QUEUE, UPLOAD_SWEEP_QUEUE } from '../index.ts';

/** The module's recurring jobs: deadline reminders (once per dossier, step and kind) and the sweep of unattached uploads. */
describe('recurring jobs of the dossier area', () => {
  let w: World;
  let handlers: Record<string, JobHandler>;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z', { PUBLIC_URL: 'https://dichvucong.dongthap.example' });
    // Mail and SMS are not sent here: only the reminder and sweep queues run.
    handlers = w.tthc.jobHandlers({
      mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'x@example.com' }), sms: createSmsSender({ apiUrl: 'http://127.0.0.1:9', clientId: 'x', apiKey: 'x', brandname: 'X' }),
    });
  });
  after(() => w.close());

  const runNow = async (queue: string) => {
    await w.database.db.execute(sql`insert into platform.jobs (queue, payload) values (${queue}, 'null'::jsonb)`);
    // Two workers compete for it, as two replicas would.
    const runners = [1, 2].map(() => new JobRunner(w.database.db, { handlers: { [queue]: handlers[queue]! } }));
    await Promise.all(runners.map((r) => r.drain()));
  };
  const inbox = (dossierId: string) => queryRows<{ recipient: string; event: string; title: string; body: string }>(w.database.db, sql`
    select recipient, event, title, body from tthc.notifications where dossier_id = ${dossierId} and event like 'step_%' order by event, recipient`);

  /** A dossier filed, accepted and forwarded, its review step assigned to the specialist. */
  const reviewAssigned = async () => {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    let { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission });
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    const specialist = (await w.tthc.dossiers.assignees(w.leader, dossier.id, 'tham_dinh')).find((c) => c.fullName === 'Trần Văn Xử Lý (demo)')!;
    dossier = await act(w, w.leader, dossier, { action: 'assign', stepId: 'tham_dinh', officialId: specialist.id });
    return { dossier, specialist };
  };

  it('a step due today reminds its handler and the leaders once; overdue the next day, once again', async () => {
    const { dossier, specialist } = await reviewAssigned();
    assert.equal(dossier.activeSteps[0]!.dueDate, '2026-11-23');

    await runNow(REMINDER_QUEUE);
    await runNow(REMINDER_QUEUE);
    const dueSoon = await inbox(dossier.id);
    const recipients = dueSoon.map((n) => n.recipient);
    assert.ok(recipients.includes(specialist.id), 'the handler');
    const leaderId = w.leader.kind === 'user' ? w.leader.userId : '';
    assert.ok(recipients.includes(leaderId), 'the leader');
    assert.equal(new Set(recipients).size, recipients.length, 'each person once, though two workers ran twice');
    assert.ok(dueSoon.every((n) => n.event === 'step_due_soon'));
    assert.match(dueSoon[0]!.title, new RegExp(`Sắp đến hạn xử lý hồ sơ ${dossier.code.replace(/\./g, '\\.')}`));
    assert.match(dueSoon[0]!.body, /đến hạn ngày 23\/11\/2026/);
    const mails = await queryRows<{ to: string; link: string }>(w.database.db, sql`
      select payload->>'to' as "to", payload->'values'->>'officialUrl' as link from platform.jobs where queue = 'tthc.notice' and payload->>'event' = 'step_due_soon' and payload->>'dossierId' = ${dossier.id}`);
    assert.ok(mails.every((m) => m.link === `https://dichvucong.dongthap.example/workspace/dossiers/${dossier.id}`), 'links use PUBLIC_URL');

    w.clock.set('2026-11-24T02:00:00.000Z');
    await runNow(REMINDER_QUEUE);
    await runNow(REMINDER_QUEUE);
    const all = await inbox(dossier.id);
    assert.equal(all.filter((n) => n.event === 'step_overdue').length, dueSoon.length, 'one overdue reminder per person');
    assert.equal(all.length, dueSoon.length * 2);
    assert.deepEqual((await queryRows<{ kind: string }>(w.database.db, sql`select kind from tthc.reminders where dossier_id = ${dossier.id} order by kind`)).map((r) => r.kind), ['due_soon', 'overdue']);
    w.clock.set('2026-11-23T02:00:00.000Z');
  });

  /** A dossier whose review step is assigned, its due date then set to `stepDue`. */
  const stepDueOn = async (stepDue: string) => {
    const { dossier } = await reviewAssigned();
    await w.database.db.execute(sql`update tthc.tasks set due_date = ${stepDue}::date where dossier_id = ${dossier.id} and step_id = 'tham_dinh'`);
    return dossier.id;
  };
  const remindersAt = async (instant: string, dossierId: string) => {
    w.clock.set(instant);
    await runNow(REMINDER_QUEUE);
    return (await inbox(dossierId)).map((n) => n.event);
  };

  it('"due soon" counts working days: on Friday a step due on Monday, not on Thursday', async () => {
    const dossierId = await stepDueOn('2026-11-30'); // Monday
    assert.deepEqual(await remindersAt('2026-11-26T02:00:00.000Z', dossierId), [], 'Thursday: two working days ahead');
    const friday = await remindersAt('2026-11-27T02:00:00.000Z', dossierId);
    assert.ok(friday.length > 0 && friday.every((e) => e === 'step_due_soon'), 'Friday: Monday is the next working day');
    assert.equal((await remindersAt('2026-11-28T02:00:00.000Z', dossierId)).length, friday.length, 'not again on Saturday');
    w.clock.set('2026-11-23T02:00:00.000Z');
  });

  it('"due soon" skips Tết 2026 (off Saturday 14 – Sunday 22 February, 9441/TB-BNV): a step due on the 23rd is announced on Friday the 13th', async () => {
    const dossierId = await stepDueOn('2026-02-23');
    assert.deepEqual(await remindersAt('2026-02-12T02:00:00.000Z', dossierId), [], 'Thursday 12 February: two working days ahead');
    const lastDayBeforeTet = await remindersAt('2026-02-13T02:00:00.000Z', dossierId);
    assert.ok(lastDayBeforeTet.length > 0 && lastDayBeforeTet.every((e) => e === 'step_due_soon'));
    const overdue = await remindersAt('2026-02-24T02:00:00.000Z', dossierId);
    assert.equal(overdue.filter((e) => e === 'step_overdue').length, lastDayBeforeTet.length, 'overdue the day after the due date');
    w.clock.set('2026-11-23T02:00:00.000Z');
  });

  it('uploads never attached are swept after the retention, blob and row; attached, recent and draft-kept ones stay', async () => {
    const old = await upload(w, w.citizen, 'bo-quen');
    const kept = await upload(w, w.citizen, 'trong-ban-nhap');
    const recent = await upload(w, w.citizen, 'moi-tai');
    const blobOf = async (id: string) => (await queryRows<{ blob_key: string }>(w.database.db, sql`select blob_key from tthc.uploads where id = ${id}`))[0]?.blob_key;
    const oldBlob = (await blobOf(old.uploadId))!;
    await w.database.db.execute(sql`update tthc.uploads set created_at = now() - interval '25 hours' where id in (${old.uploadId}, ${kept.uploadId})`);
    await w.database.db.execute(sql`insert into tthc.drafts (id, owner_subject, offering_id, form_data, files)
      select gen_random_uuid(), ${w.citizenId}, id, '{}'::jsonb, ${JSON.stringify([{ uploadId: kept.uploadId, partCode: 'x' }])}::jsonb from tthc.offerings limit 1`);
    const lone = await w.tthc.uploads.accept(w.citizen, { fileName: 'rieng.pdf', declaredType: 'application/pdf', bytes: Buffer.concat([PDF_BYTES, Buffer.from('% rieng\n')]) });
    const loneBlob = (await blobOf(lone.id))!;
    await w.database.db.execute(sql`update tthc.uploads set created_at = now() - interval '25 hours' where id = ${lone.id}`);
    const attachedBlobs = await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from tthc.dossier_files`);

    await runNow(UPLOAD_SWEEP_QUEUE);
    assert.equal(await blobOf(old.uploadId), undefined, 'the forgotten upload is gone');
    assert.ok(await blobOf(kept.uploadId), 'a saved draft keeps its upload');
    assert.ok(await blobOf(recent.uploadId), 'a recent upload stays');
    // All three uploads carry the same bytes: the shared blob stays while anyone uses it.
    assert.equal(await blobOf(recent.uploadId), oldBlob);
    assert.equal(await w.blobs.has(oldBlob), true);
    assert.equal(await blobOf(lone.id), undefined);
    assert.equal(await w.blobs.has(loneBlob), false, 'a blob no one else uses is deleted');
    assert.equal((await queryRows<{ n: number }>(w.database.db, sql`select count(*)::int as n from tthc.dossier_files`))[0]!.n, attachedBlobs[0]!.n);
  });
});
