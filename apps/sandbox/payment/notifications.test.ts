import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server.ts';
import { paymentSandbox, verifyPaymentNotification, verifyReconciliationFile, type PaymentNotification } from './sandbox.ts';
import { ADMIN, sampleOrder, signedFetch, sleep, startReceiver } from './test-support.ts';

const PAYMENTS = '/payment/api/v1/payments';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: RunningSandbox;
let base: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let merchant: { merchantCode: string; secret: string; name: string; notifyUrl: string };
const OTHER = { merchantCode: 'OTHER-01', secret: 'test-secret-other', name: 'Một đơn vị khác' };

before(async () => {
  receiver = await startReceiver();
  merchant = { merchantCode: 'DTP-H19', secret: 'test-secret-h19', name: 'Trung tâm Phục vụ hành chính công', notifyUrl: receiver.url };
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent',
    sandboxes: [paymentSandbox({ merchants: [merchant, OTHER], duplicateRate: 0, retryDelaysMs: [30, 30], duplicateDelayMs: 20 })],
  });
  base = `http://127.0.0.1:${sandbox.port}`;
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

async function create(order = sampleOrder(), as: typeof OTHER = merchant): Promise<{ paymentId: string; orderId: string }> {
  const response = await signedFetch(base, as, PAYMENTS, { body: order });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { paymentId: string; orderId: string };
}

function complete(paymentId: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${base}/payment/_admin/payments/${paymentId}/complete`, {
    method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
}

async function notifications(): Promise<PaymentNotification[]> {
  const response = await fetch(`${base}/payment/_admin/notifications`, { headers: ADMIN });
  return ((await response.json()) as { notifications: PaymentNotification[] }).notifications;
}

const setDuplicateRate = (duplicateRate: number) => fetch(`${base}/payment/_admin/settings`, {
  method: 'PUT', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ duplicateRate }),
});

test('the result is notified once, signed over the raw body', async () => {
  const before = receiver.requests.length;
  const { paymentId, orderId } = await create();
  const completed = await complete(paymentId, { status: 'succeeded', bankCode: 'CTG' });
  assert.equal(completed.status, 200);
  const { redirectUrl } = (await completed.json()) as { redirectUrl: string };
  assert.match(redirectUrl, /status=succeeded/);

  const [received] = (await receiver.waitFor(before + 1)).slice(before);
  const signature = received!.headers['x-signature'] as string;
  assert.ok(verifyPaymentNotification(merchant.secret, received!.body, signature));
  assert.equal(verifyPaymentNotification(OTHER.secret, received!.body, signature), false);
  assert.equal(verifyPaymentNotification(merchant.secret, received!.body.replace('"CTG"', '"VCB"'), signature), false);
  assert.match(received!.headers['x-notification-id'] as string, UUID);
  const body = JSON.parse(received!.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['agencyCode', 'amount', 'bankCode', 'feeLines', 'notifiedAt', 'orderId', 'paidAt', 'paymentId', 'status', 'transactionNo']);
  assert.equal(body.paymentId, paymentId);
  assert.equal(body.orderId, orderId);
  assert.equal(body.status, 'succeeded');
  assert.equal(body.bankCode, 'CTG');

  await sleep(100);
  assert.equal(receiver.requests.length, before + 1, 'no duplicate at duplicateRate 0');
  const stored = (await (await signedFetch(base, merchant, `${PAYMENTS}/${paymentId}`)).json()) as { notification: Record<string, unknown> };
  assert.equal(stored.notification.status, 'delivered');
  assert.equal(stored.notification.attempts, 1);
  assert.equal(stored.notification.lastStatus, 200);
});

test('with duplicateRate 1 the same notification arrives twice', async (t) => {
  assert.equal((await setDuplicateRate(1)).status, 200);
  t.after(async () => { await setDuplicateRate(0); });
  assert.equal((await fetch(`${base}/payment/_admin/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"duplicateRate":0}' })).status, 401);
  const before = receiver.requests.length;
  const { paymentId } = await create();
  assert.equal((await complete(paymentId, { status: 'succeeded' })).status, 200);
  const [first, second] = (await receiver.waitFor(before + 2)).slice(before);
  assert.equal(first!.headers['x-notification-id'], second!.headers['x-notification-id']);
  assert.equal(first!.body, second!.body);
  assert.equal(first!.headers['x-signature'], second!.headers['x-signature']);
  const record = (await notifications()).find((n) => n.paymentId === paymentId)!;
  assert.equal(record.duplicate, true);
  assert.deepEqual(record.attempts.map((a) => a.duplicate), [false, true]);
});

test('a failing receiver gets retries until it answers 2xx; the payment notify URL overrides the merchant one', async (t) => {
  const flaky = await startReceiver((index) => (index === 0 ? 500 : 204));
  t.after(() => flaky.close());
  const before = receiver.requests.length;
  const { paymentId } = await create(sampleOrder({ notifyUrl: flaky.url }));
  assert.equal((await complete(paymentId, { status: 'cancelled' })).status, 200);
  const [first, retry] = await flaky.waitFor(2);
  assert.equal(first!.headers['x-notification-id'], retry!.headers['x-notification-id']);
  assert.equal(JSON.parse(retry!.body).status, 'cancelled');
  await sleep(100);
  assert.equal(flaky.requests.length, 2, 'no retry after success');
  assert.equal(receiver.requests.length, before, "the merchant's URL was not used");
  const record = (await notifications()).find((n) => n.paymentId === paymentId)!;
  assert.equal(record.status, 'delivered');
  assert.deepEqual(record.attempts.map((a) => a.status), [500, 204]);
});

test('a receiver that never succeeds is given up after the retries', async (t) => {
  const broken = await startReceiver(() => 503);
  t.after(() => broken.close());
  const { paymentId } = await create(sampleOrder({ notifyUrl: broken.url }));
  assert.equal((await complete(paymentId, { status: 'succeeded' })).status, 200);
  await broken.waitFor(3);
  await sleep(100);
  assert.equal(broken.requests.length, 3, 'one attempt and two retries');
  const record = (await notifications()).find((n) => n.paymentId === paymentId)!;
  assert.equal(record.status, 'failed');
});

test('the reconciliation file lists exactly the local day\'s succeeded transactions, signed', async () => {
  // 2024-03-11 in Asia/Ho_Chi_Minh runs from 2024-03-10T17:00Z to 2024-03-11T17:00Z.
  const settle = async (status: string, paidAt: string, as: typeof OTHER = merchant) => {
    const { paymentId, orderId } = await create(sampleOrder({ amount: 200_000, feeLines: [{ code: 'LP', name: 'Lệ phí', amount: 200_000, kind: 'charge' }] }), as);
    const response = await complete(paymentId, { status, paidAt, bankCode: 'ACB' });
    assert.equal(response.status, 200);
    const { payment } = (await response.json()) as { payment: { transaction: { transactionNo: string } } };
    return { paymentId, orderId, transactionNo: payment.transaction.transactionNo };
  };
  const earliest = await settle('succeeded', '2024-03-10T17:00:00.000Z');
  const latest = await settle('succeeded', '2024-03-11T16:59:59.000Z');
  await settle('succeeded', '2024-03-10T16:59:59.000Z');
  await settle('succeeded', '2024-03-11T17:00:00.000Z');
  await settle('cancelled', '2024-03-11T05:00:00.000Z');
  await settle('succeeded', '2024-03-11T05:00:00.000Z', OTHER);
  const future = await complete((await create()).paymentId, { status: 'succeeded', paidAt: '2999-01-01T00:00:00Z' });
  assert.equal(future.status, 422);

  const response = await signedFetch(base, merchant, '/payment/api/v1/reconciliation/2024-03-11');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  const file = await response.text();
  assert.equal(file, [
    'transactionNo,paymentId,orderId,agencyCode,amount,bankCode,status,paidAt',
    `${earliest.transactionNo},${earliest.paymentId},${earliest.orderId},H19.SXD,200000,ACB,succeeded,2024-03-10T17:00:00.000Z`,
    `${latest.transactionNo},${latest.paymentId},${latest.orderId},H19.SXD,200000,ACB,succeeded,2024-03-11T16:59:59.000Z`,
    'TOTAL,2,400000',
  ].join('\r\n') + '\r\n');
  assert.match(earliest.transactionNo, /^NPP20240311\d{6}$/);
  const signature = response.headers.get('x-file-signature')!;
  assert.equal(signature, createHmac('sha256', merchant.secret).update(file).digest('hex'));
  assert.ok(verifyReconciliationFile(merchant.secret, file, signature));
  assert.equal(verifyReconciliationFile(merchant.secret, file.replace('TOTAL,2,400000', 'TOTAL,2,400001'), signature), false);

  const otherFile = await (await signedFetch(base, OTHER, '/payment/api/v1/reconciliation/2024-03-11')).text();
  assert.match(otherFile, /\r\nTOTAL,1,200000\r\n$/);
  const empty = await (await signedFetch(base, merchant, '/payment/api/v1/reconciliation/2024-03-13')).text();
  assert.match(empty, /^transactionNo,[^\r]+\r\nTOTAL,0,0\r\n$/);

  for (const [date, status, code] of [['2999-01-01', 422, 'payment.future_date'], ['2024-02-30', 422, 'payment.invalid_date'], ['20240311', 400, undefined]] as const) {
    const refused = await signedFetch(base, merchant, `/payment/api/v1/reconciliation/${date}`);
    assert.equal(refused.status, status, date);
    if (code) assert.equal(((await refused.json()) as { code: string }).code, code);
  }
  assert.equal((await fetch(`${base}/payment/api/v1/reconciliation/2024-03-11`)).status, 401);
});
