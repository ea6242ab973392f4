import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import assert from 'node:assert/strict';
import {
  DEFAULT_ADMIN_TOKEN, DEFAULT_MAIL_USERS, DEFAULT_SMS_CLIENTS, mailSandbox, setSandboxFaults, smsSandbox, startSandbox, type RunningSandbox,
} from '../../../apps/sandbox/index.ts';
import { createMailer, createSmsSender } from '../../../packages/national/index.ts';
import { JobRunner, queryRows } from '../../../packages/platform/index.ts';
import { act, birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';

/**
 * Notices leave through the job queue: the dossier's transaction queues them, a worker sends
 * them over real SMTP and HTTP to the mail and SMS sandboxes, from the editable templates.
 */
describe('notices by mail and SMS', () => {
  let w: World;
  let sandbox: RunningSandbox;
  const admin = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z');
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [mailSandbox({ smtpPort: 0 }), smsSandbox()] });
  });
  after(async () => {
    await sandbox.close();
    await w.close();
  });

  it('a receipt notice reaches the applicant by mail (Vietnamese) and by SMS (unaccented); a failing SMS gateway is retried without resending the mail', async () => {
    const { smtpPort } = (await (await fetch(`${sandbox.url}/mail/api/v1/info`)).json()) as { smtpPort: number };
    const user = DEFAULT_MAIL_USERS[0]!;
    const mailer = createMailer({ smtpUrl: `smtp://${user.username}:${user.password}@127.0.0.1:${smtpPort}`, from: 'no-reply@dongthap.example' });
    const sms = createSmsSender({ apiUrl: `${sandbox.url}/sms/api/v1`, clientId: DEFAULT_SMS_CLIENTS[0]!.id, apiKey: DEFAULT_SMS_CLIENTS[0]!.secret, brandname: 'DONGTHAP' });
    const runner = new JobRunner(w.database.db, { handlers: w.tthc.jobHandlers({ mailer, sms }) });

    const offeringId = await w.offering('1.001193', 'TAM.H19.X001');
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission });
    const code = dossier.code.replace(/\./g, '\\.');
    const mails = async () => ((await (await fetch(`${sandbox.url}/mail/_admin/messages?to=nguyen.an@example.com`, { headers: admin })).json()) as { items: { subject: string; text: string }[] }).items;
    const smsInbox = () => fetch(`${sandbox.url}/sms/_admin/messages?phone=0912345678`, { headers: admin }).then((r) => r.json() as Promise<{ items: { message: string }[] }>);

    // Filing online: the applicant hears the dossier arrived and the desk will check it.
    assert.equal(await runner.drain(), 2, 'the `filed` notice: one mail job, one SMS job');
    assert.deepEqual((await mails()).map((m) => m.subject), [`Đã nhận hồ sơ trực tuyến ${dossier.code}`]);
    assert.match((await mails())[0]!.text, /Bộ phận Một cửa sẽ kiểm tra hồ sơ/);
    assert.match((await smsInbox()).items[0]!.message, new RegExp(`^Ho so ${code} da duoc nop truc tuyen`));

    await setSandboxFaults(sandbox.url, 'sms', { failNext: 1 });
    await act(w, w.desk, dossier, { action: 'accept' });
    assert.equal(await runner.drain(), 2, 'one mail job, one SMS job');

    const receipts = (await mails()).filter((m) => m.subject === `Đã tiếp nhận hồ sơ ${dossier.code}`);
    assert.equal(receipts.length, 1);
    assert.match(receipts[0]!.text, /Ngày hẹn trả kết quả: 23\/11\/2026/);
    assert.match(receipts[0]!.text, /UBND xã Tân Hồng/, 'signed by the agency');
    assert.equal((await smsInbox()).items.length, 1, 'the SMS gateway failed once: only the `filed` SMS so far');

    // The failed SMS job waits for its backoff; bring it forward instead of sleeping.
    await w.database.db.execute(sql`update platform.jobs set run_at = now() where status = 'pending'`);
    assert.equal(await runner.drain(), 1, 'only the SMS job runs again');
    const texts = (await smsInbox()).items.map((m) => m.message).filter((m) => m.includes('tiep nhan'));
    assert.equal(texts.length, 1);
    assert.match(texts[0]!, new RegExp(`^Ho so ${code} da duoc tiep nhan`));
    assert.equal((await mails()).length, 2, 'the receipt mail was not sent twice');
    mailer.close();
  });

  it('notices of one dossier leave in order: a receipt SMS waits while the filing SMS is being retried', async () => {
    const sms = createSmsSender({ apiUrl: `${sandbox.url}/sms/api/v1`, clientId: DEFAULT_SMS_CLIENTS[0]!.id, apiKey: DEFAULT_SMS_CLIENTS[0]!.secret, brandname: 'DONGTHAP' });
    const { smtpPort } = (await (await fetch(`${sandbox.url}/mail/api/v1/info`)).json()) as { smtpPort: number };
    const user = DEFAULT_MAIL_USERS[0]!;
    const mailer = createMailer({ smtpUrl: `smtp://${user.username}:${user.password}@127.0.0.1:${smtpPort}`, from: 'no-reply@dongthap.example' });
    const runner = new JobRunner(w.database.db, { handlers: w.tthc.jobHandlers({ mailer, sms }) });
    const submission = birthSubmission();
    submission.applicant = { ...submission.applicant, phone: '0987654321', email: 'thu.tu@example.com' };
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    const { dossier } = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission });
    await act(w, w.desk, dossier, { action: 'accept' });
    const texts = async () => ((await (await fetch(`${sandbox.url}/sms/_admin/messages?phone=0987654321`, { headers: admin })).json()) as { items: { message: string }[] }).items.map((m) => m.message);

    await setSandboxFaults(sandbox.url, 'sms', { failNext: 1 });
    await runner.drain();
    assert.deepEqual(await texts(), [], 'the filing SMS failed; the receipt SMS did not overtake it');
    const waiting = await queryRows<{ event: string; attempts: number; last_error: string }>(w.database.db, sql`
      select payload->>'event' as event, attempts, last_error from platform.jobs
      where queue = 'tthc.notice' and payload->>'channel' = 'sms' and payload->>'dossierId' = ${dossier.id} order by id`);
    assert.deepEqual(waiting.map((j) => [j.event, j.attempts]), [['filed', 1], ['received', 0]], 'waiting costs the later notice no attempt');
    assert.match(waiting[1]!.last_error, /earlier notice/);

    for (let round = 0; round < 3; round++) {
      await w.database.db.execute(sql`update platform.jobs set run_at = now() where status = 'pending'`);
      await runner.drain();
    }
    const sent = await texts();
    assert.equal(sent.length, 2);
    // The inbox lists the newest first.
    assert.match(sent[1]!, /da duoc nop truc tuyen/);
    assert.match(sent[0]!, /da duoc tiep nhan/);
    mailer.close();
  });
});
