import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../server.ts';
import { paymentRequestHeaders, paymentSandbox, signPaymentRequest, verifyPaymentReturn } from './sandbox.ts';
import { ADMIN, clock, postForm, sampleOrder, signedFetch } from './test-support.ts';

const MERCHANT = { merchantCode: 'DTP-H19', secret: 'test-secret-h19', name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp' };
const OTHER = { merchantCode: 'OTHER-01', secret: 'test-secret-other', name: 'Một đơn vị khác' };
const PAYMENTS = '/payment/api/v1/payments';

let sandbox: RunningSandbox;
let base: string;

before(async () => {
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent',
    sandboxes: [paymentSandbox({ merchants: [MERCHANT, OTHER], duplicateRate: 0, now: clock.now })],
  });
  base = `http://127.0.0.1:${sandbox.port}`;
});
after(() => sandbox.close());

async function create(order = sampleOrder(), merchant = MERCHANT): Promise<{ paymentId: string; paymentUrl: string; orderId: string }> {
  const response = await signedFetch(base, merchant, PAYMENTS, { body: order });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { paymentId: string; paymentUrl: string; orderId: string };
}

const byOrder = (orderId: string, merchant = MERCHANT) => signedFetch(base, merchant, `${PAYMENTS}?orderId=${encodeURIComponent(orderId)}`);
const byId = (paymentId: string, merchant = MERCHANT) => signedFetch(base, merchant, `${PAYMENTS}/${paymentId}`);
const paymentUrlPath = (paymentUrl: string): string => `${base}${new URL(paymentUrl).pathname}`;

test('a payment is created once per order: 201, identical repeat 200, different content 409', async () => {
  const order = sampleOrder();
  const first = await signedFetch(base, MERCHANT, PAYMENTS, { body: order });
  assert.equal(first.status, 201);
  const created = (await first.json()) as Record<string, string>;
  assert.equal(created.status, 'pending');
  assert.equal(created.paymentUrl, `${sandbox.url}/payment/pay/${created.paymentId}`);
  const expiresIn = Date.parse(created.expiresAt!) - clock.now();
  assert.ok(expiresIn > 14 * 60_000 && expiresIn <= 15 * 60_000, `default expiry of 15 minutes, got ${expiresIn} ms`);

  const repeat = await signedFetch(base, MERCHANT, PAYMENTS, { body: order });
  assert.equal(repeat.status, 200);
  assert.equal(((await repeat.json()) as Record<string, string>).paymentId, created.paymentId);

  const changed = await signedFetch(base, MERCHANT, PAYMENTS, {
    body: { ...order, amount: 1_000_000, feeLines: [{ code: 'LP', name: 'Lệ phí', amount: 1_000_000, kind: 'charge' }] },
  });
  assert.equal(changed.status, 409);
  assert.equal(((await changed.json()) as { code: string }).code, 'payment.order_conflict');
  const stored = (await (await byOrder(order.orderId as string)).json()) as Record<string, unknown>;
  assert.equal(stored.amount, 1_500_000, 'the refused order changed nothing');
});

test('an amount that is not the sum of the fee lines is refused with details, and nothing is created', async () => {
  const order = sampleOrder({ amount: 1_400_000 });
  const response = await signedFetch(base, MERCHANT, PAYMENTS, { body: order });
  assert.equal(response.status, 422);
  assert.deepEqual(await response.json(), {
    code: 'payment.amount_mismatch', message: 'amount must equal the sum of the fee lines', details: { amount: 1_400_000, feeLinesTotal: 1_500_000 },
  });
  assert.equal((await byOrder(order.orderId as string)).status, 404);

  const badUrl = await signedFetch(base, MERCHANT, PAYMENTS, { body: sampleOrder({ orderId: order.orderId, returnUrl: 'javascript:alert(1)' }) });
  assert.equal(badUrl.status, 422);
  assert.deepEqual(((await badUrl.json()) as { details: unknown }).details, { returnUrl: 'must be an absolute http or https URL' });
  assert.equal((await byOrder(order.orderId as string)).status, 404);
});

test('unsigned, mis-signed, unknown-merchant and stale calls are refused with 401 and create nothing', async () => {
  const order = sampleOrder();
  const refusals: [Parameters<typeof signedFetch>[3], string][] = [
    [{ body: order, headers: { 'X-Signature': undefined } }, 'payment.bad_signature'],
    [{ body: order, headers: { 'X-Signature': 'ab'.repeat(32) } }, 'payment.bad_signature'],
    [{ body: order, headers: { 'X-Merchant-Code': 'NOBODY' } }, 'payment.unknown_merchant'],
    [{ body: order, timestamp: clock.now() - 6 * 60_000 }, 'payment.stale_request'],
    [{ body: order, timestamp: clock.now() + 6 * 60_000 }, 'payment.stale_request'],
  ];
  for (const [call, code] of refusals) {
    const response = await signedFetch(base, MERCHANT, PAYMENTS, call);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { code: string }).code, code);
  }
  const wrongSecret = await signedFetch(base, { ...MERCHANT, secret: 'not-the-secret' }, PAYMENTS, { body: order });
  assert.equal(wrongSecret.status, 401);
  // A signature over one body does not cover another.
  const signedFor = JSON.stringify(sampleOrder());
  const headers = paymentRequestHeaders(MERCHANT, { method: 'POST', path: PAYMENTS, body: signedFor }, clock.now());
  const swapped = await fetch(`${base}${PAYMENTS}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(order) });
  assert.equal(swapped.status, 401);
  const listed = (await (await fetch(`${base}/payment/_admin/payments?limit=1000`, { headers: ADMIN })).json()) as { payments: { orderId: string }[] };
  assert.equal(listed.payments.filter((p) => p.orderId === order.orderId).length, 0, 'no refused call created the payment');
});

test('an ISO 8601 timestamp is accepted as well as unix milliseconds', async () => {
  const timestamp = new Date(clock.now()).toISOString();
  const path = `${PAYMENTS}?orderId=nothing-here`;
  const signature = signPaymentRequest(MERCHANT.secret, { method: 'GET', path, timestamp });
  const response = await fetch(`${base}${path}`, { headers: { 'X-Merchant-Code': MERCHANT.merchantCode, 'X-Timestamp': timestamp, 'X-Signature': signature } });
  assert.equal(response.status, 404);
  assert.equal(((await response.json()) as { code: string }).code, 'payment.not_found');
});

test('the payment page shows the fee lines and total, and paying redirects with a verifiable signature', async () => {
  const { paymentId, paymentUrl, orderId } = await create();
  const pageResponse = await fetch(paymentUrlPath(paymentUrl));
  assert.equal(pageResponse.status, 200);
  assert.match(pageResponse.headers.get('content-type')!, /text\/html/);
  const page = await pageResponse.text();
  for (const text of ['Lệ phí cấp giấy phép xây dựng', 'Phí thẩm định hồ sơ', '1.000.000 ₫', '500.000 ₫', '1.500.000 ₫', MERCHANT.name, 'Thanh toán / Pay', 'Hủy / Cancel', 'value="BIDV"']) {
    assert.ok(page.includes(text), `page shows ${text}`);
  }

  const noBank = await postForm(paymentUrlPath(paymentUrl), {});
  assert.equal(noBank.status, 400);
  assert.equal(((await (await byId(paymentId)).json()) as { status: string }).status, 'pending');

  const paid = await postForm(paymentUrlPath(paymentUrl), { bankCode: 'BIDV' });
  assert.equal(paid.status, 303);
  const location = new URL(paid.headers.get('location')!);
  assert.equal(`${location.origin}${location.pathname}`, 'https://sen.example/payments/return');
  const params = location.searchParams;
  assert.equal(params.get('dossier'), 'abc', "the merchant's own parameters are kept");
  assert.equal(params.get('paymentId'), paymentId);
  assert.equal(params.get('orderId'), orderId);
  assert.equal(params.get('amount'), '1500000');
  assert.equal(params.get('status'), 'succeeded');
  assert.equal(params.get('bankCode'), 'BIDV');
  assert.match(params.get('transactionNo')!, /^NPP\d{8}\d{6}$/);
  assert.ok(verifyPaymentReturn(MERCHANT.secret, params));
  assert.ok(verifyPaymentReturn(MERCHANT.secret, Object.fromEntries(params)));
  const altered = new URLSearchParams(params);
  altered.set('amount', '1');
  assert.equal(verifyPaymentReturn(MERCHANT.secret, altered), false);
  assert.equal(verifyPaymentReturn(OTHER.secret, params), false);
  const unsigned = new URLSearchParams(params);
  unsigned.delete('signature');
  assert.equal(verifyPaymentReturn(MERCHANT.secret, unsigned), false);

  const stored = (await (await byId(paymentId)).json()) as { status: string; transaction: Record<string, string> };
  assert.equal(stored.status, 'succeeded');
  assert.deepEqual(stored.transaction, {
    transactionNo: params.get('transactionNo'), bankCode: 'BIDV', paidAt: params.get('paidAt'), status: 'succeeded',
  });

  const again = await postForm(paymentUrlPath(paymentUrl), { bankCode: 'VCB' });
  assert.equal(again.status, 409, 'a finished payment cannot be paid twice');
  const finishedPage = await (await fetch(paymentUrlPath(paymentUrl))).text();
  assert.ok(finishedPage.includes('đã được thanh toán thành công') && finishedPage.includes(params.get('transactionNo')!));
  const unchanged = (await (await byId(paymentId)).json()) as { transaction: Record<string, string> };
  assert.equal(unchanged.transaction.bankCode, 'BIDV');
});

test('cancelling redirects with a signed cancelled result', async () => {
  const { paymentId, paymentUrl } = await create();
  const cancelled = await postForm(`${paymentUrlPath(paymentUrl)}/cancel`, {});
  assert.equal(cancelled.status, 303);
  const params = new URL(cancelled.headers.get('location')!).searchParams;
  assert.equal(params.get('status'), 'cancelled');
  assert.equal(params.get('bankCode'), '');
  assert.ok(verifyPaymentReturn(MERCHANT.secret, params));
  assert.equal(((await (await byId(paymentId)).json()) as { status: string }).status, 'cancelled');
  assert.equal((await postForm(paymentUrlPath(paymentUrl), { bankCode: 'VCB' })).status, 409);
});

test('an expired payment is shown as such and cannot be paid', async (t) => {
  const { paymentId, paymentUrl } = await create(sampleOrder({ expiresInMinutes: 1 }));
  clock.offsetMs = 2 * 60_000;
  t.after(() => { clock.offsetMs = 0; });
  const page = await fetch(paymentUrlPath(paymentUrl));
  assert.ok((await page.text()).includes('đã hết hạn thanh toán'));
  const refused = await postForm(paymentUrlPath(paymentUrl), { bankCode: 'VCB' });
  assert.equal(refused.status, 409);
  assert.equal(refused.headers.get('location'), null);
  const completed = await fetch(`${base}/payment/_admin/payments/${paymentId}/complete`, {
    method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'succeeded' }),
  });
  assert.equal(completed.status, 409);
  assert.equal(((await completed.json()) as { code: string }).code, 'payment.expired');
  const stored = (await (await byId(paymentId)).json()) as { status: string; transaction: unknown };
  assert.equal(stored.status, 'expired');
  assert.equal(stored.transaction, null);
});

test('a payment is found by id and by order id, by its own merchant only', async () => {
  const { paymentId, orderId } = await create();
  const found = (await (await byId(paymentId)).json()) as Record<string, unknown>;
  assert.equal(found.orderId, orderId);
  assert.equal(found.status, 'pending');
  assert.equal(found.notification, null);
  assert.equal((found.feeLines as unknown[]).length, 2);
  const viaOrder = (await (await byOrder(orderId)).json()) as Record<string, unknown>;
  assert.equal(viaOrder.paymentId, paymentId);

  assert.equal((await byId(paymentId, OTHER)).status, 404);
  assert.equal((await byOrder(orderId, OTHER)).status, 404);
  assert.equal((await byId('00000000-0000-0000-0000-000000000000')).status, 404);
  assert.equal((await fetch(`${base}/payment/pay/00000000-0000-0000-0000-000000000000`)).status, 404);
});

test('admin routes need the admin token; the tester index lists payments', async () => {
  assert.equal((await fetch(`${base}/payment/_admin/payments`)).status, 401);
  const listed = (await (await fetch(`${base}/payment/_admin/payments?limit=5`, { headers: ADMIN })).json()) as { payments: unknown[] };
  assert.ok(listed.payments.length > 0 && listed.payments.length <= 5);
  const index = await fetch(`${base}/payment/`);
  assert.equal(index.status, 200);
  assert.ok((await index.text()).includes('Nền tảng thanh toán trực tuyến quốc gia'));
});
