import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DEFAULT_ADMIN_TOKEN, paymentSandbox, startSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { freePort } from '../../apps/server/start.ts';
import { createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { JobRunner, queryRows, type Principal } from '../../packages/platform/index.ts';
import { rejectsWith } from '../../packages/platform/testing.ts';
import type { PaidEvent, PaymentRequest } from './index.ts';

// The payment module against the payment sandbox over real HTTP: Sen listens on a real port so
// the platform's notifications (each delivered twice here) reach it, on a real database.
const SECRET = 'sandbox-payment-secret-h19';
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, 'content-type': 'application/json' };
let sandbox: RunningSandbox;
let t: TestPlatform;
let rootAgency: string;
let otherAgency: string;
const paid: PaidEvent[] = [];
const payer: Principal = { kind: 'user', userId: 'citizen-1', userType: 'citizen', displayName: 'Nguyễn Văn An', grants: [], scopes: ['api'] };

before(async () => {
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent',
    sandboxes: [paymentSandbox({ duplicateRate: 1, duplicateDelayMs: 30, retryDelaysMs: [50, 50] })],
  });
  const port = await freePort();
  t = await createTestPlatform({ PAYMENT_API_URL: `${sandbox.url}/payment`, PUBLIC_URL: `http://127.0.0.1:${port}` });
  await t.app.listen({ port, host: '127.0.0.1' });
  const agencies = await t.modules.catalog.service.listAgencies();
  rootAgency = agencies.find((a) => a.parentId === null)!.id;
  otherAgency = agencies.find((a) => a.parentId === rootAgency)!.id;
  t.modules.payment.service.registerOwner('test', {
    canPay: async (principal) => principal.kind === 'user' && principal.userId === 'citizen-1',
    onPaid: async (event) => {
      paid.push(event);
    },
  });
});
after(async () => {
  await t.close();
  await sandbox.close();
});

let counter = 0;
const newRequest = (amount = 150_000, agencyId = rootAgency): Promise<PaymentRequest> => t.modules.payment.service.create({
  owner: `test:thing:${process.pid}-${++counter}`, purpose: 'intake', agencyId, payerName: 'Nguyễn Văn An', description: 'Lệ phí cấp phiếu lý lịch tư pháp',
  lines: [{ code: 'LP-LLTP', name: 'Lệ phí cấp Phiếu lý lịch tư pháp', amount, kind: 'charge' }],
});

/** Settles the platform payment behind a payment page as the bank would; answers the signed return URL. */
async function settle(paymentUrl: string, status: 'succeeded' | 'cancelled'): Promise<URL> {
  const paymentId = paymentUrl.split('/').at(-1)!;
  const response = await fetch(`${sandbox.url}/payment/_admin/payments/${paymentId}/complete`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ status }) });
  assert.equal(response.status, 200, await response.clone().text());
  return new URL(((await response.json()) as { redirectUrl: string }).redirectUrl);
}

const events = (id: string) => queryRows<{ kind: string; source: string }>(t.database.db, sql`SELECT kind, source FROM payment.events WHERE request_id = ${id} ORDER BY id`);
const statusOf = async (id: string) => (await queryRows<{ status: string }>(t.database.db, sql`SELECT status FROM payment.requests WHERE id = ${id}`))[0]?.status;

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const postReturn = (params: URLSearchParams) => t.app.inject({ method: 'POST', url: '/api/payment/returns', payload: Object.fromEntries(params) });

function signedNotification(body: Record<string, unknown>, secret = SECRET) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST', url: '/api/payment/notifications', payload: raw,
    headers: { 'content-type': 'application/json', 'x-signature': createHmac('sha256', secret).update(raw).digest('hex'), 'x-notification-id': crypto.randomUUID() },
  });
}

test('online: the signed return is confirmed with the platform; the notification and its duplicate change nothing twice', async () => {
  const request = await newRequest();
  const { paymentUrl, orderId } = await t.modules.payment.payments.startOnline(payer, request.id);
  assert.equal(orderId, `${request.id}-1`);
  assert.match(paymentUrl, /\/payment\/pay\//);
  const returned = await settle(paymentUrl, 'succeeded');

  const confirmed = await postReturn(returned.searchParams);
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  assert.ok(['paid', 'already_paid'].includes(confirmed.json().outcome));
  assert.equal(confirmed.json().request.status, 'paid');
  assert.equal(confirmed.json().request.method, 'online');

  // The platform notifies, then delivers the same notification again (duplicateRate 1).
  await waitFor(async () => (await events(request.id)).filter((e) => e.kind === 'notification_received').length >= 1, 'the notification');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const kinds = (await events(request.id)).map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === 'paid').length, 1, kinds.join(','));
  assert.equal(kinds.filter((k) => k === 'notification_received').length, 1, `the duplicate is recognised: ${kinds.join(',')}`);

  // Coming back to the return page again changes nothing either.
  assert.equal((await postReturn(returned.searchParams)).json().outcome, 'already_paid');
  assert.equal((await events(request.id)).filter((e) => e.kind === 'paid').length, 1);

  // The owner hears once, through the job queue.
  const jobs = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM platform.jobs WHERE queue = 'payment.paid' AND payload->>'requestId' = ${request.id}`);
  assert.equal(jobs[0]!.n, 1);
  await new JobRunner(t.database.db, { handlers: t.modules.payment.jobHandlers() }).runOnce();
  assert.equal(paid.filter((e) => e.requestId === request.id).length, 1);
  assert.equal(paid.find((e) => e.requestId === request.id)!.method, 'online');
});

test('a return with a tampered amount or a forged signature is refused and changes nothing', async () => {
  const request = await newRequest();
  const { paymentUrl } = await t.modules.payment.payments.startOnline(payer, request.id);
  const returned = await settle(paymentUrl, 'cancelled');
  const tampered = new URLSearchParams(returned.searchParams);
  tampered.set('status', 'succeeded');
  const refused = await postReturn(tampered);
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().code, 'payment.bad_signature');
  const honest = await postReturn(returned.searchParams);
  assert.equal(honest.json().outcome, 'cancelled');
  assert.equal(await statusOf(request.id), 'pending', 'a cancelled attempt leaves the request payable');
});

test('out of order: a late "cancelled" of an earlier attempt does not undo the payment of a later one', async () => {
  const request = await newRequest();
  const first = await t.modules.payment.payments.startOnline(payer, request.id);
  const second = await t.modules.payment.payments.startOnline(payer, request.id);
  await settle(second.paymentUrl, 'succeeded');
  await waitFor(async () => (await statusOf(request.id)) === 'paid', 'the notification of the second attempt');
  await settle(first.paymentUrl, 'cancelled');
  await waitFor(async () => (await events(request.id)).some((e) => e.kind === 'online_cancelled'), 'the late notification');
  assert.equal(await statusOf(request.id), 'paid');
  assert.equal((await events(request.id)).filter((e) => e.kind === 'paid').length, 1);
});

test('forged, replayed and wrong-amount notifications are refused with stable codes; nothing is written', async () => {
  const request = await newRequest(200_000);
  const body = {
    paymentId: 'p-1', orderId: `${request.id}-1`, amount: 200_000, status: 'succeeded', transactionNo: 'NPP-FORGED-1', bankCode: 'VCB',
    paidAt: new Date().toISOString(), notifiedAt: new Date().toISOString(),
  };
  const before = (await events(request.id)).length;

  const forged = await signedNotification(body, 'not-the-secret');
  assert.equal(forged.statusCode, 401);
  assert.equal(forged.json().code, 'payment.bad_signature');

  const replayed = await signedNotification({ ...body, notifiedAt: new Date(Date.now() - 3_600_000).toISOString() });
  assert.equal(replayed.statusCode, 401);
  assert.equal(replayed.json().code, 'payment.stale_notification');

  const wrongAmount = await signedNotification({ ...body, amount: 2_000 });
  assert.equal(wrongAmount.statusCode, 422);
  assert.equal(wrongAmount.json().code, 'payment.amount_mismatch');

  const unknown = await signedNotification({ ...body, orderId: 'SOMEONE-ELSE-1' });
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json().code, 'payment.unknown_order');

  assert.equal(await statusOf(request.id), 'pending');
  assert.equal((await events(request.id)).length, before);
});

test('counter payment: only an official collecting fees at the agency records it, once, with the receipt number', async () => {
  const request = await newRequest(50_000, otherAgency);
  const desk = (agencyId: string, permissions: string[]): Principal => ({
    kind: 'user', userId: `official-${agencyId}`, userType: 'official', displayName: 'Cán bộ một cửa', grants: [{ agencyId, scope: 'agency', permissions }], scopes: ['api'],
  });
  const payments = t.modules.payment.payments;
  await assert.rejects(payments.recordCounter(desk(otherAgency, ['dossier.receive']), request.id, { receiptNo: 'BL-0001', method: 'counter' }), rejectsWith(403, 'payment.forbidden'));
  await assert.rejects(payments.recordCounter(desk(rootAgency, ['payment.collect']), request.id, { receiptNo: 'BL-0001', method: 'counter' }), rejectsWith(403, 'payment.forbidden'));
  await assert.rejects(payments.recordCounter(payer, request.id, { receiptNo: 'BL-0001', method: 'counter' }), rejectsWith(403, 'payment.forbidden'));
  assert.equal(await statusOf(request.id), 'pending');

  const done = await payments.recordCounter(desk(otherAgency, ['payment.collect']), request.id, { receiptNo: 'BL-0001', method: 'counter' });
  assert.equal(done.status, 'paid');
  assert.equal(done.method, 'counter');
  assert.equal(done.receiptNo, 'BL-0001');
  await assert.rejects(payments.recordCounter(desk(otherAgency, ['payment.collect']), request.id, { receiptNo: 'BL-0002', method: 'counter' }), rejectsWith(409, 'payment.not_pending'));

  const token = await t.clientToken();
  const receipt = await t.app.inject({ method: 'GET', url: `/api/payment/requests/${request.id}/receipt.pdf`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(receipt.statusCode, 403, 'the demo client does not collect fees at this agency');
});

test('reconciliation: an unknown transaction and an amount that differs are reported; matching payments count as matched', async () => {
  const payments = t.modules.payment.payments;
  const matchedRequest = await newRequest(120_000);
  await settle((await payments.startOnline(payer, matchedRequest.id)).paymentUrl, 'succeeded');
  const drifted = await newRequest(80_000);
  await settle((await payments.startOnline(payer, drifted.id)).paymentUrl, 'succeeded');
  await waitFor(async () => (await statusOf(matchedRequest.id)) === 'paid' && (await statusOf(drifted.id)) === 'paid', 'both notifications');
  // A payment Sen never asked for, and a record that drifted from what was paid.
  const foreign = await t.modules.payment.platform.createPayment({
    orderId: `FOREIGN-${process.pid}`, amount: 30_000, agencyCode: 'H19', description: 'Khoản thu không rõ', returnUrl: 'http://127.0.0.1/x',
    feeLines: [{ code: 'X', name: 'Không rõ', amount: 30_000, kind: 'fee' }],
  });
  await settle(foreign.paymentUrl, 'succeeded');
  await t.database.db.execute(sql`UPDATE payment.requests SET amount = 90000 WHERE id = ${drifted.id}`);

  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  await assert.rejects(t.modules.payment.reconciliation.reconcile(payer, today), rejectsWith(403, 'payment.forbidden'));
  const accountant: Principal = { kind: 'user', userId: 'ke-toan', userType: 'official', displayName: 'Kế toán', grants: [{ agencyId: rootAgency, scope: 'agency', permissions: ['payment.reconcile'] }] };
  const report = await t.modules.payment.reconciliation.reconcile(accountant, today);
  const kinds = report.mismatches.map((m) => m.kind).sort();
  assert.ok(kinds.includes('unknown_transaction'), kinds.join(','));
  assert.ok(kinds.includes('amount_differs'), kinds.join(','));
  assert.equal(report.mismatches.find((m) => m.kind === 'unknown_transaction')!.orderId, `FOREIGN-${process.pid}`);
  const differs = report.mismatches.find((m) => m.kind === 'amount_differs')!;
  assert.deepEqual([differs.requestId, differs.platformAmount, differs.senAmount], [drifted.id, 80_000, 90_000]);
  assert.ok(report.matched >= 1);
  assert.equal(report.platformCount, report.matched + report.mismatches.filter((m) => m.kind !== 'missing_in_platform').length);
  console.log(`reconciliation ${today}: platform ${report.platformCount} transactions (${report.platformTotal} VND), Sen ${report.senCount} (${report.senTotal} VND), matched ${report.matched}, mismatches ${report.mismatches.length} (${kinds.join(', ')})`);

  const weak = await t.clientToken();
  const refused = await t.app.inject({ method: 'GET', url: '/api/payment/reconciliations?limit=5', headers: { authorization: `Bearer ${weak}` } });
  assert.equal(refused.statusCode, 403, 'reading reports needs payment.reconcile');
  const listed = await t.modules.payment.reconciliation.list(accountant, { limit: 5, offset: 0, date: today });
  assert.equal(listed.items[0]!.id, report.id);
  assert.deepEqual(listed.items[0]!.mismatches, report.mismatches, 'the report is stored as computed');
});

test('the procedure page reads an offering’s fee schedule publicly: stage, lines with their rules, source, unverified', async () => {
  const procedure = await t.modules.tthc.procedures.getByCode('0.000001');
  const [offering] = await t.modules.tthc.procedures.listOfferings({ procedureId: procedure.id });
  const response = await t.app.inject({ method: 'GET', url: `/api/tthc/offerings/${offering!.id}/fees` });
  assert.equal(response.statusCode, 200, response.body);
  const { schedule } = response.json();
  assert.equal(schedule.stage, 'processing');
  assert.equal(schedule.stopsClock, true);
  assert.equal(schedule.verified, false);
  assert.match(schedule.sourceDocument, /67\/2021\/TT-BTC/);
  assert.deepEqual(schedule.lines.map((l: { amount: number }) => l.amount), [500_000, 700_000, 1_000_000, 2_500_000]);
  assert.deepEqual(schedule.lines[0].when, { field: 'don-de-nghi.loaiCoSo', in: ['san-xuat-nho-le'] });
  const none = await t.app.inject({ method: 'GET', url: `/api/tthc/offerings/${crypto.randomUUID()}/fees` });
  assert.deepEqual(none.json(), { schedule: null });
});
