import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import type { FaultSettings } from '../faults.ts';
import { setSandboxFaults } from '../faults-admin.ts';
import type { MailMessage } from './sandbox.ts';
import { mailSandbox } from './sandbox.ts';

const USER = { username: 'tester', password: 'correct-horse-1' };
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

let sandbox: RunningSandbox;
let smtpPort: number;

before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [mailSandbox({ users: [USER] })] });
  const info = (await (await fetch(local('/mail/api/v1/info'))).json()) as { smtpPort: number };
  smtpPort = info.smtpPort;
});
after(() => sandbox.close());
beforeEach(async () => {
  await fetch(local('/mail/_admin/messages'), { method: 'DELETE', headers: ADMIN });
  await putFaults(null);
});

const local = (path: string): string => `http://127.0.0.1:${sandbox.port}${path}`;

function send(message: Mail.Options, auth: { user: string; pass: string } | null = { user: USER.username, pass: USER.password }, greetingTimeout = 2000) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, greetingTimeout, connectionTimeout: 2000, ...(auth ? { auth } : {}),
  });
  return transport.sendMail({ from: '"Sen Đồng Tháp" <noreply@sen.dongthap.gov.vn>', ...message }).finally(() => transport.close());
}

async function listMessages(query = ''): Promise<{ total: number; items: MailMessage[] }> {
  const response = await fetch(local(`/mail/_admin/messages${query}`), { headers: ADMIN });
  assert.equal(response.status, 200);
  return (await response.json()) as { total: number; items: MailMessage[] };
}

const putFaults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(local(''), 'mail', settings);

test('info names the SMTP endpoint actually listened on, without secrets', async () => {
  const response = await fetch(local('/mail/api/v1/info'));
  assert.equal(response.status, 200);
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(body.smtpHost, '127.0.0.1');
  assert.ok(Number.isInteger(body.smtpPort) && (body.smtpPort as number) > 0);
  assert.equal(body.auth, 'PLAIN/LOGIN');
  assert.doesNotMatch(JSON.stringify(body), /correct-horse/);
  const index = await (await fetch(local('/'))).text();
  assert.match(index, /href="\/mail\/inbox"/);
});

test('an authenticated message is captured with its parts and recipients', async () => {
  const sent = await send({
    to: ['Nguyễn Văn An <an@example.vn>', 'binh@example.vn'],
    cc: 'cuong@example.vn',
    bcc: 'audit@example.vn',
    subject: 'Hồ sơ đã được tiếp nhận — Đồng Tháp',
    text: 'Kính gửi ông An, hồ sơ H19.01-250101-0001 đã được tiếp nhận.',
    html: '<p>Kính gửi ông An, hồ sơ <b>H19.01-250101-0001</b> đã được tiếp nhận.</p>',
    attachments: [{ filename: 'giấy-hẹn.pdf', content: Buffer.alloc(1234, 1), contentType: 'application/pdf' }],
  });
  assert.match(sent.response, /^250 /);

  const { total, items } = await listMessages();
  assert.equal(total, 1);
  const message = items[0]!;
  assert.equal(message.subject, 'Hồ sơ đã được tiếp nhận — Đồng Tháp');
  assert.equal(message.text?.trim(), 'Kính gửi ông An, hồ sơ H19.01-250101-0001 đã được tiếp nhận.');
  assert.match(message.html!, /<b>H19\.01-250101-0001<\/b>/);
  assert.deepEqual(message.from, { name: 'Sen Đồng Tháp', address: 'noreply@sen.dongthap.gov.vn' });
  assert.deepEqual(message.to, [{ name: 'Nguyễn Văn An', address: 'an@example.vn' }, { name: '', address: 'binh@example.vn' }]);
  assert.deepEqual(message.cc, [{ name: '', address: 'cuong@example.vn' }]);
  assert.deepEqual(message.envelope, { from: 'noreply@sen.dongthap.gov.vn', to: ['an@example.vn', 'binh@example.vn', 'cuong@example.vn', 'audit@example.vn'] });
  assert.deepEqual(message.attachments, [{ filename: 'giấy-hẹn.pdf', contentType: 'application/pdf', size: 1234 }]);
  assert.equal(message.messageId, sent.messageId);

  const one = await fetch(local(`/mail/_admin/messages/${message.id}`), { headers: ADMIN });
  assert.deepEqual(await one.json(), message);
  const unknown = await fetch(local('/mail/_admin/messages/00000000-0000-4000-8000-000000000000'), { headers: ADMIN });
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { code: string }).code, 'mail.message_not_found');
});

test('a wrong password or no authentication is refused and nothing is captured', async () => {
  await assert.rejects(send({ to: 'an@example.vn', subject: 'x', text: 'x' }, { user: USER.username, pass: 'wrong' }), { responseCode: 535 });
  await assert.rejects(send({ to: 'an@example.vn', subject: 'x', text: 'x' }, { user: 'nobody', pass: USER.password }), { responseCode: 535 });
  await assert.rejects(send({ to: 'an@example.vn', subject: 'x', text: 'x' }, null), { responseCode: 530 });
  assert.equal((await listMessages()).total, 0);
});

/** A bare SMTP dialogue: each command is sent once the previous reply has fully arrived. */
async function dialogue(commands: string[]): Promise<string[]> {
  const socket = createConnection({ host: '127.0.0.1', port: smtpPort });
  socket.setEncoding('utf8');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete on a line "NNN text" (a space, not a dash, after the code).
    if (/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffer)) {
      replies.push(buffer);
      buffer = '';
      waiting?.();
    }
  });
  let sent = 0;
  const next = () => new Promise<void>((resolve) => {
    waiting = resolve;
    if (replies.length > sent) resolve();
  });
  await next();
  for (const command of commands) {
    sent++;
    socket.write(`${command}\r\n`);
    await next();
  }
  socket.destroy();
  return replies;
}

test('SMTP: AUTH PLAIN/LOGIN advertised without STARTTLS; a message over 25 MB is refused with 552', async () => {
  const plain = Buffer.from(`\0${USER.username}\0${USER.password}`).toString('base64');
  const replies = await dialogue(['EHLO test.example', `AUTH PLAIN ${plain}`, 'MAIL FROM:<a@example.vn> SIZE=26214401', 'QUIT']);
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const login = await dialogue(['EHLO test.example', 'AUTH LOGIN', base64(USER.username), base64('wrong'), 'AUTH LOGIN', base64(USER.username), base64(USER.password)]);
  assert.deepEqual(login.slice(2).map((r) => r.slice(0, 3)), ['334', '334', '535', '334', '334', '235']);
  assert.match(replies[0]!, /^220 /);
  assert.match(replies[1]!, /AUTH PLAIN LOGIN/);
  assert.match(replies[1]!, /SIZE 26214400/);
  assert.doesNotMatch(replies[1]!, /STARTTLS/);
  assert.match(replies[2]!, /^235 /);
  assert.match(replies[3]!, /^552 /);
  assert.equal((await listMessages()).total, 0);

  const raw = await dialogue(['EHLO test.example', `AUTH PLAIN ${plain}`, 'MAIL FROM:<>', 'RCPT TO:<an@example.vn>', 'DATA', 'Subject: raw\r\n\r\nbody\r\n.', 'QUIT']);
  assert.match(raw[6]!, /^250 Message captured as /);
  const [message] = (await listMessages()).items;
  assert.equal(message!.from, null);
  assert.deepEqual(message!.envelope, { from: '', to: ['an@example.vn'] });
  assert.equal(message!.html, null);
});

test('fault "down" refuses the connection with 421; the sandbox recovers', async () => {
  await putFaults({ down: true });
  await assert.rejects(send({ to: 'an@example.vn', subject: 'down', text: 'x' }), (error: { responseCode?: number; message: string }) => {
    assert.equal(error.responseCode, 421);
    assert.match(error.message, /Service not available/);
    return true;
  });
  await putFaults(null);
  await send({ to: 'an@example.vn', subject: 'up', text: 'x' });
  assert.deepEqual((await listMessages()).items.map((m) => m.subject), ['up']);
});

test('failNext answers 451 (temporary) once, then the next message is captured', async () => {
  await putFaults({ failNext: 1 });
  await assert.rejects(send({ to: 'an@example.vn', subject: 'first', text: 'x' }), { responseCode: 451 });
  assert.equal((await listMessages()).total, 0);
  await send({ to: 'an@example.vn', subject: 'retry', text: 'x' });
  assert.deepEqual((await listMessages()).items.map((m) => m.subject), ['retry']);
});

test('hangNext never greets, so the client times out; latency delays the greeting', async () => {
  await putFaults({ hangNext: 1 });
  await assert.rejects(send({ to: 'an@example.vn', subject: 'hang', text: 'x' }, undefined, 300), { code: 'ETIMEDOUT' });
  await putFaults({ latencyMs: 150 });
  const started = Date.now();
  await send({ to: 'an@example.vn', subject: 'slow', text: 'x' });
  assert.ok(Date.now() - started >= 150);
  assert.deepEqual((await listMessages()).items.map((m) => m.subject), ['slow']);
});

test('the inbox API filters by recipient and by text, ignoring diacritics', async () => {
  await send({ to: 'an@example.vn', subject: 'Hồ sơ đã hoàn thành', text: 'Mời ông đến nhận kết quả.' });
  await send({ to: 'binh@example.vn', subject: 'Lịch hẹn trả kết quả', text: 'Thứ Hai, ngày 12/5.' });
  await send({ to: 'binh@example.vn', cc: 'AN@example.vn', subject: 'Nhắc việc', text: 'Đồng Tháp nhắc lịch.' });

  assert.deepEqual((await listMessages('?to=binh@example.vn')).items.map((m) => m.subject), ['Nhắc việc', 'Lịch hẹn trả kết quả']);
  assert.deepEqual((await listMessages('?to=an@EXAMPLE.vn')).items.map((m) => m.subject), ['Nhắc việc', 'Hồ sơ đã hoàn thành']);
  assert.deepEqual((await listMessages('?q=ho%20so%20da%20hoan%20thanh')).items.map((m) => m.subject), ['Hồ sơ đã hoàn thành']);
  assert.deepEqual((await listMessages(`?q=${encodeURIComponent('KẾT QUẢ')}`)).items.map((m) => m.subject), ['Lịch hẹn trả kết quả', 'Hồ sơ đã hoàn thành']);
  assert.deepEqual((await listMessages('?q=dong%20thap&to=binh@example.vn')).items.map((m) => m.subject), ['Nhắc việc']);
  assert.equal((await listMessages('?to=nobody@example.vn')).total, 0);
  const paged = await listMessages('?limit=1&offset=1');
  assert.equal(paged.total, 3);
  assert.deepEqual(paged.items.map((m) => m.subject), ['Lịch hẹn trả kết quả']);
  assert.equal((await fetch(local('/mail/_admin/messages?limit=0'), { headers: ADMIN })).status, 400);
});

test('the inbox API needs the admin token; a refused delete removes nothing', async () => {
  await send({ to: 'an@example.vn', subject: 'kept', text: 'x' });
  const anonymous = await fetch(local('/mail/_admin/messages'));
  assert.equal(anonymous.status, 401);
  assert.equal((await fetch(local('/mail/_admin/messages'), { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await fetch(local('/mail/_admin/messages'), { method: 'DELETE' })).status, 401);
  assert.equal((await listMessages()).total, 1);
  const deleted = await fetch(local('/mail/_admin/messages'), { method: 'DELETE', headers: ADMIN });
  assert.deepEqual(await deleted.json(), { deleted: 1 });
  assert.equal((await listMessages()).total, 0);
});

test('the inbox pages list messages and show every sender-controlled value escaped', async () => {
  await send({
    to: 'an@example.vn',
    subject: '<script>alert(1)</script> Thông báo',
    text: 'Nội dung <b>thuần</b>',
    html: '<p onclick="steal()">Xin chào</p><script>alert(2)</script>',
    attachments: [{ filename: '<img src=x>.txt', content: 'abc' }],
  });
  const { items } = await listMessages();
  const id = items[0]!.id;

  const inbox = await fetch(local('/mail/inbox'));
  assert.equal(inbox.status, 200);
  assert.match(inbox.headers.get('content-type')!, /text\/html/);
  assert.match(inbox.headers.get('content-security-policy')!, /default-src 'none'/);
  const list = await inbox.text();
  assert.match(list, new RegExp(`href="/mail/inbox/${id}"`));
  assert.match(list, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Thông báo/);
  assert.doesNotMatch(list, /<script/i);
  assert.match(list, new RegExp(`127\\.0\\.0\\.1:${smtpPort}`));
  assert.doesNotMatch(await (await fetch(local('/mail/inbox?to=binh@example.vn'))).text(), new RegExp(id));

  const detail = await (await fetch(local(`/mail/inbox/${id}`))).text();
  assert.doesNotMatch(detail, /<script|<p onclick|<img/i);
  assert.match(detail, /&lt;p onclick=&quot;steal\(\)&quot;&gt;Xin chào&lt;\/p&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
  assert.match(detail, /Nội dung &lt;b&gt;thuần&lt;\/b&gt;/);
  assert.match(detail, /&lt;img src=x&gt;\.txt/);
  assert.equal((await fetch(local('/mail/inbox/no-such-message'))).status, 404);
});

test('the inbox pages are not faulted; the API is', async () => {
  await putFaults({ failNext: 1, failStatus: 503 });
  assert.equal((await fetch(local('/mail/inbox'))).status, 200);
  assert.equal((await fetch(local('/mail/api/v1/info'))).status, 503);
  assert.equal((await fetch(local('/mail/api/v1/info'))).status, 200);
});
