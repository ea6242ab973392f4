import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_ADMIN_TOKEN, DEFAULT_MAIL_USERS, DEFAULT_SMS_CLIENTS, mailSandbox, setSandboxFaults, smsSandbox, startSandbox, type RunningSandbox,
} from '../../apps/sandbox/index.ts';
import { SmsError, createMailer, createSmsSender } from './index.ts';

// The adapters against the mail and SMS sandboxes over real SMTP and HTTP.
let sandbox: RunningSandbox;
let smtpPort: number;
const admin = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [mailSandbox({ smtpPort: 0 }), smsSandbox()] });
  smtpPort = ((await (await fetch(`${sandbox.url}/mail/api/v1/info`)).json()) as { smtpPort: number }).smtpPort;
});
after(() => sandbox.close());

const user = DEFAULT_MAIL_USERS[0]!;
const smsClient = DEFAULT_SMS_CLIENTS[0]!;
const smtpUrl = (password: string) => `smtp://${user.username}:${password}@127.0.0.1:${smtpPort}`;

test('mail goes out over SMTP and arrives with its Vietnamese subject', async () => {
  const mailer = createMailer({ smtpUrl: smtpUrl(user.password), from: 'Sen Đồng Tháp <no-reply@dongthap.example>' });
  await mailer.send({ to: 'nguyen.an@example.com', subject: 'Đã tiếp nhận hồ sơ 000.00.00.H19-261127-0001', text: 'Ngày hẹn trả kết quả: 04/12/2026' });
  mailer.close();
  const inbox = (await (await fetch(`${sandbox.url}/mail/_admin/messages?to=nguyen.an@example.com`, { headers: admin })).json()) as { items: { subject: string; text: string }[] };
  assert.equal(inbox.items.length, 1);
  assert.equal(inbox.items[0]!.subject, 'Đã tiếp nhận hồ sơ 000.00.00.H19-261127-0001');
  assert.match(inbox.items[0]!.text, /04\/12\/2026/);
});

test('a wrong SMTP password or a mail server that is down makes the send fail (the job retries)', async () => {
  const wrong = createMailer({ smtpUrl: smtpUrl('wrong'), from: 'no-reply@dongthap.example' });
  await assert.rejects(wrong.send({ to: 'a@example.com', subject: 's', text: 't' }));
  wrong.close();
  await setSandboxFaults(sandbox.url, 'mail', { down: true });
  const mailer = createMailer({ smtpUrl: smtpUrl(user.password), from: 'no-reply@dongthap.example', timeoutMs: 2000 });
  await assert.rejects(mailer.send({ to: 'b@example.com', subject: 's', text: 't' }));
  mailer.close();
  await setSandboxFaults(sandbox.url, 'mail', null);
});

test('SMS is sent once per request id; a wrong key is refused', async () => {
  const sms = createSmsSender({ apiUrl: `${sandbox.url}/sms/api/v1`, clientId: smsClient.id, apiKey: smsClient.secret, brandname: 'DONGTHAP' });
  const first = await sms.send({ phone: '0912345678', text: 'Ho so 000.00.00.H19-261127-0001 da duoc tiep nhan.', requestId: 'notice-1-received' });
  const again = await sms.send({ phone: '0912345678', text: 'Ho so 000.00.00.H19-261127-0001 da duoc tiep nhan.', requestId: 'notice-1-received' });
  assert.equal(again.messageId, first.messageId);
  const inbox = (await (await fetch(`${sandbox.url}/sms/_admin/messages?phone=0912345678`, { headers: admin })).json()) as { items: unknown[] };
  assert.equal(inbox.items.length, 1);
  const wrong = createSmsSender({ apiUrl: `${sandbox.url}/sms/api/v1`, clientId: smsClient.id, apiKey: 'wrong', brandname: 'DONGTHAP' });
  await assert.rejects(wrong.send({ phone: '0912345678', text: 'x', requestId: 'notice-2' }), (error: unknown) => error instanceof SmsError && error.status === 401);
});
