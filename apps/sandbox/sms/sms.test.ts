import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import { setSandboxFaults } from '../faults-admin.ts';
import { smsSandbox, type SmsMessage } from './sandbox.ts';

const CLIENT = { id: 'test-client', secret: 'test-api-key-1', brandnames: ['DONGTHAP', 'HCC-DTP'] };
const OTHER = { id: 'other-client', secret: 'other-api-key-2', brandnames: ['OTHER'] };
const AUTH = { 'x-client-id': CLIENT.id, 'x-api-key': CLIENT.secret };
const OTHER_AUTH = { 'x-client-id': OTHER.id, 'x-api-key': OTHER.secret };
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [smsSandbox({ clients: [CLIENT, OTHER] })] });
});
after(() => sandbox.close());
beforeEach(async () => {
  await fetch(local('/sms/_admin/messages'), { method: 'DELETE', headers: ADMIN });
  await setSandboxFaults(local(''), 'sms', null);
});

const local = (path: string): string => `http://127.0.0.1:${sandbox.port}${path}`;
let counter = 0;

async function send(fields: Record<string, unknown> = {}, headers: Record<string, string> = AUTH): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = { brandname: 'DONGTHAP', phone: '0912345678', message: 'DONGTHAP: Ho so da duoc tiep nhan', requestId: `req-${++counter}`, ...fields };
  const response = await fetch(local('/sms/api/v1/messages'), {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function status(messageId: string, headers: Record<string, string> = AUTH): Promise<{ status: number; body: SmsMessage & { code?: string } }> {
  const response = await fetch(local(`/sms/api/v1/messages/${messageId}`), { headers });
  return { status: response.status, body: (await response.json()) as SmsMessage & { code?: string } };
}

async function captured(query = ''): Promise<{ total: number; items: SmsMessage[] }> {
  const response = await fetch(local(`/sms/_admin/messages${query}`), { headers: ADMIN });
  assert.equal(response.status, 200);
  return (await response.json()) as { total: number; items: SmsMessage[] };
}

test('a valid SMS is accepted, normalised, captured and delivered', async () => {
  const { status: code, body } = await send({ phone: '+84 912 345 678', requestId: 'accept-1' });
  assert.equal(code, 202);
  assert.match(body.messageId as string, /^[0-9a-f-]{36}$/);
  assert.deepEqual({ ...body, messageId: 'x' }, { messageId: 'x', status: 'accepted', segments: 1, encoding: 'GSM7', phone: '84912345678', hasDiacritics: false });

  const { total, items } = await captured();
  assert.equal(total, 1);
  assert.equal(items[0]!.messageId, body.messageId);
  assert.equal(items[0]!.clientId, CLIENT.id);
  assert.equal(items[0]!.requestId, 'accept-1');
  assert.equal(items[0]!.message, 'DONGTHAP: Ho so da duoc tiep nhan');

  const delivery = await status(body.messageId as string);
  assert.equal(delivery.status, 200);
  assert.equal(delivery.body.status, 'delivered');
  assert.equal(delivery.body.completedAt, delivery.body.acceptedAt);
  assert.equal(delivery.body.error, null);
});

test('a message with diacritics is accepted as UCS-2 with a warning', async () => {
  const { status: code, body } = await send({ brandname: 'HCC-DTP', message: 'Hồ sơ của ông đã được tiếp nhận' });
  assert.equal(code, 202);
  assert.equal(body.encoding, 'UCS2');
  assert.equal(body.hasDiacritics, true);
  assert.match(body.warning as string, /diacritics.*UCS-2/);
  assert.equal((await captured()).items[0]!.hasDiacritics, true);
  const plain = await send({ message: 'Ho so cua ong da duoc tiep nhan' });
  assert.equal(plain.body.hasDiacritics, false);
  assert.equal('warning' in plain.body, false);
});

test('the same requestId returns the first message without capturing it twice', async () => {
  const first = await send({ requestId: 'same-key' });
  const again = await send({ requestId: 'same-key' });
  assert.equal(first.status, 202);
  assert.equal(again.status, 200);
  assert.deepEqual(again.body, first.body);
  const reused = await send({ requestId: 'same-key', message: 'A different text' });
  assert.equal(reused.status, 409);
  assert.equal(reused.body.code, 'sms.request_id_reused');
  assert.equal((await captured()).total, 1);
  // Keys belong to a client: another client may use the same one.
  const other = await send({ requestId: 'same-key', brandname: 'OTHER' }, OTHER_AUTH);
  assert.equal(other.status, 202);
  assert.notEqual(other.body.messageId, first.body.messageId);
  assert.equal((await captured()).total, 2);
});

test('a missing or wrong credential is 401 and captures nothing, even with an invalid body', async () => {
  const refusedHeaders: Record<string, string>[] = [
    {}, { 'x-client-id': CLIENT.id }, { ...AUTH, 'x-api-key': 'wrong' }, { ...AUTH, 'x-client-id': 'nobody' }, { 'x-client-id': CLIENT.id, 'x-api-key': OTHER.secret },
  ];
  for (const headers of refusedHeaders) {
    const { status: code, body } = await send({}, headers);
    assert.equal(code, 401, JSON.stringify(headers));
    assert.equal(body.code, 'sms.unauthorized');
  }
  assert.equal((await send({ message: '' }, { ...AUTH, 'x-api-key': 'wrong' })).status, 401);
  assert.equal((await captured()).total, 0);
});

test('refusals: brandname of another client 403, invalid phone 400, too long 400, bad body 400', async () => {
  const brand = await send({ brandname: 'OTHER' });
  assert.equal(brand.status, 403);
  assert.equal(brand.body.code, 'sms.brandname_not_allowed');
  for (const phone of ['0212345678', '091234567', '0612345678', 'abc']) {
    const refused = await send({ phone });
    assert.equal(refused.status, 400, phone);
    assert.equal(refused.body.code, 'sms.invalid_phone');
  }
  const gsm = await send({ message: 'a'.repeat(766) });
  assert.equal(gsm.status, 400);
  assert.equal(gsm.body.code, 'sms.too_long');
  assert.deepEqual(gsm.body.details, { encoding: 'GSM7', units: 766, segments: 6, maxSegments: 5 });
  const ucs = await send({ message: 'ạ'.repeat(336) });
  assert.equal(ucs.status, 400);
  assert.equal(ucs.body.code, 'sms.too_long');
  assert.equal((await send({ message: '' })).status, 400);
  assert.equal((await send({ requestId: 'k'.repeat(65) })).status, 400);
  assert.equal((await send({ scheduledAt: 'tomorrow' })).status, 400);
  assert.equal((await captured()).total, 0);
});

test('segments are counted per encoding up to five parts', async () => {
  const cases: [string, string, number][] = [['a'.repeat(160), 'GSM7', 1], ['a'.repeat(161), 'GSM7', 2], ['a'.repeat(765), 'GSM7', 5],
    ['ạ'.repeat(70), 'UCS2', 1], ['ạ'.repeat(71), 'UCS2', 2], ['ạ'.repeat(335), 'UCS2', 5]];
  for (const [message, encoding, segments] of cases) {
    const { status: code, body } = await send({ message });
    assert.equal(code, 202);
    assert.deepEqual([body.encoding, body.segments], [encoding, segments], `${message.length} × ${message[0]}`);
  }
});

test('numbers ending in 0000 fail delivery; scheduled messages wait; status is private to the sender', async () => {
  const failing = await send({ phone: '0912340000' });
  assert.equal(failing.status, 202);
  const failed = await status(failing.body.messageId as string);
  assert.equal(failed.body.status, 'failed');
  assert.equal(failed.body.error?.code, 'sms.subscriber_unreachable');

  const later = new Date(Date.now() + 3_600_000).toISOString();
  const scheduled = await send({ scheduledAt: later });
  assert.deepEqual([(await status(scheduled.body.messageId as string)).body.status, (await status(scheduled.body.messageId as string)).body.scheduledAt], ['scheduled', later]);
  const past = await send({ scheduledAt: new Date(Date.now() - 60_000).toISOString() });
  assert.equal((await status(past.body.messageId as string)).body.status, 'delivered');

  assert.equal((await status(failing.body.messageId as string, OTHER_AUTH)).status, 404);
  assert.equal((await status('00000000-0000-4000-8000-000000000000')).body.code, 'sms.message_not_found');
  assert.equal((await status(failing.body.messageId as string, { 'x-client-id': CLIENT.id })).status, 401);
});

test('the admin inbox filters by phone and needs the admin token', async () => {
  await send({ phone: '0912345678', message: 'one' });
  await send({ phone: '0987654321', message: 'two' });
  await send({ phone: '84912345678', message: 'three' });
  assert.deepEqual((await captured('?phone=0912345678')).items.map((m) => m.message), ['three', 'one']);
  assert.deepEqual((await captured('?phone=%2B84987654321')).items.map((m) => m.message), ['two']);
  assert.deepEqual((await captured('?limit=1&offset=1')).items.map((m) => m.message), ['two']);
  assert.equal((await fetch(local('/sms/_admin/messages?phone=123'), { headers: ADMIN })).status, 400);
  assert.equal((await fetch(local('/sms/_admin/messages'))).status, 401);
  assert.equal((await fetch(local('/sms/_admin/messages'), { method: 'DELETE' })).status, 401);
  assert.equal((await captured()).total, 3);
  const deleted = await fetch(local('/sms/_admin/messages'), { method: 'DELETE', headers: ADMIN });
  assert.deepEqual(await deleted.json(), { deleted: 3 });
  assert.equal((await captured()).total, 0);
});

test('the inbox page groups by phone, newest first, and escapes message text', async () => {
  await send({ phone: '0912345678', message: 'first <script>alert(1)</script>' });
  await send({ phone: '0987654321', message: 'second' });
  await send({ phone: '0912345678', message: 'third' });
  const response = await fetch(local('/sms/inbox'));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-security-policy')!, /default-src 'none'/);
  const page = await response.text();
  assert.doesNotMatch(page, /<script/);
  assert.match(page, /first &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const order = ['<h2>0912345678', '>third</p>', '>first &lt;script', '<h2>0987654321', '>second</p>'].map((s) => page.indexOf(s));
  assert.ok(order.every((position) => position >= 0), String(order));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  const filtered = await (await fetch(local('/sms/inbox?phone=0987654321'))).text();
  assert.match(filtered, />second<\/p>/);
  assert.doesNotMatch(filtered, />third<\/p>/);
  assert.equal((await fetch(local('/sms/inbox?phone=12'))).status, 400);
});

test('faults apply to the API (failNext) but not to the inbox page', async () => {
  await setSandboxFaults(local(''), 'sms', { failNext: 1, failStatus: 503 });
  const faulted = await send({ requestId: 'retry-me' });
  assert.equal(faulted.status, 503);
  assert.equal(faulted.body.code, 'sandbox.fault_injected');
  assert.equal((await captured()).total, 0);
  assert.equal((await send({ requestId: 'retry-me' })).status, 202);
  assert.equal((await fetch(local('/sms/inbox'))).status, 200);
  assert.equal((await captured()).total, 1);
});

// The sandbox server's own input guards, seen through one sandbox (they apply to every one).
test('a NUL character anywhere in a request is refused with 400 and nothing is captured', async () => {
  for (const fields of [{ message: 'DONGTHAP: Ho so\u0000 da tiep nhan' }, { requestId: 'nul-\u0000' }]) {
    const { status: code, body } = await send(fields);
    assert.equal(code, 400);
    assert.equal(body.code, 'sandbox.nul_character');
  }
  const query = await fetch(local('/sms/_admin/messages?phone=09%0012'), { headers: ADMIN });
  assert.equal(query.status, 400);
  assert.equal(((await query.json()) as { code: string }).code, 'sandbox.nul_character');
  assert.equal((await captured()).total, 0);
});

test('a JSON body keeps its types: a number where a string is expected is refused, not converted', async () => {
  const { status: code } = await send({ phone: 912345678, requestId: 'typed-1' });
  assert.equal(code, 400);
  assert.equal((await captured()).total, 0);
});
