import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { signDvcqgPayload, verifyDvcqgSignature } from './signature.ts';
import { SEN, admin, startPortal, type TestPortal } from './test-support.ts';

interface Received { headers: Record<string, string | string[] | undefined>; rawBody: string }

/** Sen's receiver stand-in: records every request and answers with the next queued status (default 200). */
class Receiver {
  readonly received: Received[] = [];
  readonly replies: number[] = [];
  readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(this.replies.shift() ?? 200).end();
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/dvcqg/dossiers`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Push = { id: string; deliveryId: string; nationalDossierCode: string; state: string; nextRetryAt: string | null; attempts: { status: number | null; trigger: string }[]; body: Record<string, unknown> };

let portal: TestPortal;
const receiver = new Receiver();
/** Moves the portal's clock (signature times) forward without waiting. */
let clockOffsetMs = 0;

before(async () => {
  await receiver.start();
  portal = await startPortal({ retryDelaysMs: [], now: () => Date.now() + clockOffsetMs });
});
after(async () => {
  await portal.close();
  await receiver.close();
});

test('a centrally filed dossier is pushed with a verifiable signature', async () => {
  const created = await admin<Push>(portal.base, '/pushes', {
    procedureCode: '2.002154', procedureName: 'Cấp giấy phép', agencyCode: '000.00.00.H19', receiverUrl: receiver.url,
    formData: { purpose: 'test' }, attachments: [{ name: 'don.pdf', contentType: 'application/pdf', base64: Buffer.from('%PDF-1.7').toString('base64') }],
  });
  assert.equal(created.status, 201);
  const push = created.body;
  assert.equal(push.state, 'delivered');
  assert.match(push.nationalDossierCode, /^G22\.99\.01-\d{6}-0001$/);
  assert.equal(push.deliveryId, push.id);

  assert.equal(receiver.received.length, 1);
  const { headers, rawBody } = receiver.received[0]!;
  assert.equal(headers['x-dvcqg-delivery'], push.id);
  assert.equal(headers['content-type'], 'application/json');
  const signature = String(headers['x-dvcqg-signature']);
  assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.ok(verifyDvcqgSignature(SEN.receiverSecret, signature, rawBody));
  assert.ok(!verifyDvcqgSignature(SEN.receiverSecret, signature, rawBody.replace('2.002154', '2.002155')), 'altered body');
  assert.ok(!verifyDvcqgSignature('another-secret', signature, rawBody), 'other secret');
  const signedAt = Number(/t=(\d+)/.exec(signature)![1]);
  assert.ok(!verifyDvcqgSignature(SEN.receiverSecret, signature, rawBody, 300, signedAt + 301), 'too old');
  assert.ok(verifyDvcqgSignature(SEN.receiverSecret, signature, rawBody, 300, signedAt + 299));
  assert.ok(!verifyDvcqgSignature(SEN.receiverSecret, undefined, rawBody));

  const body = JSON.parse(rawBody) as { applicant: Record<string, unknown>; attachments: { size: number }[]; channel: string; status: number };
  assert.deepEqual(body, push.body);
  assert.equal(body.channel, 'dvcqg');
  assert.equal(body.status, 1);
  assert.equal(body.attachments[0]!.size, 8);
  assert.match(String(body.applicant.personalId), /^\d{12}$/);
  for (const field of ['fullName', 'dateOfBirth', 'address']) assert.ok(body.applicant[field], field);
  assert.ok('phone' in body.applicant && 'email' in body.applicant);
  assert.ok(String(body.applicant.dateOfBirth) <= '2008-01-01', 'an adult applicant');
});

test('signatures cover the exact bytes and time', () => {
  const header = signDvcqgPayload('k', '{"a":1}', 1_700_000_000);
  assert.ok(verifyDvcqgSignature('k', header, Buffer.from('{"a":1}'), 300, 1_700_000_100));
  assert.ok(!verifyDvcqgSignature('k', header, '{"a": 1}', 300, 1_700_000_100));
  assert.ok(!verifyDvcqgSignature('k', header.replace('t=1700000000', 't=1700000001'), '{"a":1}', 300, 1_700_000_100));
  assert.ok(verifyDvcqgSignature('k', `v1=${'0'.repeat(64)}, ${header}`, '{"a":1}', 300, 1_700_000_000), 'any v1 may match');
});

test('a failed push is redelivered with the same id and body and a new signature', async () => {
  receiver.replies.push(500);
  const before = receiver.received.length;
  const created = await admin<Push>(portal.base, '/pushes', { procedureCode: '1.001612', agencyCode: 'TAM.H19.X001', receiverUrl: receiver.url });
  assert.equal(created.status, 201);
  assert.equal(created.body.state, 'failed');
  assert.deepEqual(created.body.attempts.map((a) => a.status), [500]);

  clockOffsetMs += 5000;
  const redelivered = await admin<Push>(portal.base, `/pushes/${created.body.id}/redeliver`, {});
  assert.equal(redelivered.status, 200);
  assert.equal(redelivered.body.state, 'delivered');
  assert.deepEqual(redelivered.body.attempts.map((a) => [a.status, a.trigger]), [[500, 'initial'], [200, 'manual']]);

  const [first, second] = receiver.received.slice(before);
  assert.equal(first!.rawBody, second!.rawBody);
  assert.equal(first!.headers['x-dvcqg-delivery'], second!.headers['x-dvcqg-delivery']);
  assert.notEqual(first!.headers['x-dvcqg-signature'], second!.headers['x-dvcqg-signature']);
  assert.ok(verifyDvcqgSignature(SEN.receiverSecret, String(second!.headers['x-dvcqg-signature']), second!.rawBody));

  const listed = await admin<{ items: { id: string; attempts: unknown[] }[] }>(portal.base, '/pushes');
  assert.equal(listed.body.items[0]!.id, created.body.id);
  assert.equal(listed.body.items[0]!.attempts.length, 2);
});

test('an unreachable receiver is recorded as a failed attempt', async () => {
  const created = await admin<Push & { attempts: { error?: string }[] }>(portal.base, '/pushes', {
    procedureCode: '1.001612', agencyCode: '000.00.00.H19', receiverUrl: 'http://127.0.0.1:9/unreachable',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.state, 'failed');
  assert.equal(created.body.attempts[0]!.status, null);
  assert.ok(created.body.attempts[0]!.error);
});

test('refused push requests and unknown ids', async () => {
  const count = (await admin<{ total: number }>(portal.base, '/pushes')).body.total;
  const outside = await admin<{ code: string; details: Record<string, string> }>(portal.base, '/pushes', { procedureCode: '1.001612', agencyCode: '000.00.00.H99' });
  assert.equal(outside.status, 422);
  assert.equal(outside.body.code, 'dvcqg.invalid_push');
  assert.deepEqual(Object.keys(outside.body.details), ['agencyCode']);
  const noReceiver = await admin<{ details: Record<string, string> }>(portal.base, '/pushes', { procedureCode: '1.001612', agencyCode: '000.00.00.H19', applicantPersonalId: '000000000000' });
  assert.equal(noReceiver.status, 422);
  assert.deepEqual(Object.keys(noReceiver.body.details).sort(), ['applicantPersonalId', 'receiverUrl']);
  assert.equal((await admin(portal.base, '/pushes', { procedureCode: 'x', agencyCode: '000.00.00.H19' })).status, 400);
  assert.equal((await admin<{ total: number }>(portal.base, '/pushes')).body.total, count);

  const unknown = '00000000-0000-4000-8000-000000000000';
  assert.equal((await admin(portal.base, `/pushes/${unknown}`)).status, 404);
  assert.equal((await admin(portal.base, `/pushes/${unknown}/redeliver`, {})).status, 404);
  const noToken = await fetch(`${portal.base}/_admin/pushes`);
  assert.equal(noToken.status, 401);
});

test('failed pushes are retried automatically, and stop() cancels pending retries', async () => {
  const retrying = await startPortal({ retryDelaysMs: [50, 300] });
  let closed = false;
  try {
    receiver.replies.push(503);
    const start = receiver.received.length;
    const created = await admin<Push>(retrying.base, '/pushes', { procedureCode: '1.001612', agencyCode: '000.00.00.H19', receiverUrl: receiver.url });
    assert.equal(created.body.state, 'retrying');
    assert.ok(created.body.nextRetryAt);
    for (let i = 0; i < 40 && receiver.received.length < start + 2; i++) await sleep(25);
    await sleep(25);
    const retried = await admin<Push>(retrying.base, `/pushes/${created.body.id}`);
    assert.deepEqual(retried.body.attempts.map((a) => [a.status, a.trigger]), [[503, 'initial'], [200, 'automatic']]);
    assert.equal(retried.body.state, 'delivered');
    assert.equal(retried.body.nextRetryAt, null);

    receiver.replies.push(500, 500);
    const failing = await admin<Push>(retrying.base, '/pushes', { procedureCode: '1.001612', agencyCode: '000.00.00.H19', receiverUrl: receiver.url });
    for (let i = 0; i < 40 && receiver.received.length < start + 4; i++) await sleep(25);
    await sleep(25);
    const pending = await admin<Push>(retrying.base, `/pushes/${failing.body.id}`);
    assert.deepEqual(pending.body.attempts.map((a) => a.trigger), ['initial', 'automatic']);
    assert.equal(pending.body.state, 'retrying', 'the 300 ms retry is pending');

    await retrying.close();
    closed = true;
    await sleep(400);
    assert.equal(receiver.received.length, start + 4, 'no retry after stop()');
  } finally {
    if (!closed) await retrying.close();
  }
});
