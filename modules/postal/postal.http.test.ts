import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { DEFAULT_ADMIN_TOKEN, startSandbox, vnpostSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { freePort } from '../../apps/server/start.ts';
import { createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import type { PostalOrderView } from './index.ts';

// The postal module against the VNPost sandbox over real HTTP: Sen listens on a real port so the
// sandbox's signed tracking webhooks reach it, on a real database (PGlite or PostgreSQL).
const WEBHOOK_SECRET = 'sandbox-vnpost-webhook-h19';
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, 'content-type': 'application/json' };
const DESK = { name: 'UBND xã Tân Hồng', commune: 'Xã Tân Hồng' };
const RECIPIENT = { name: 'Nguyễn Văn An', phone: '0912345678', address: { line: 'Ấp 2', communeCode: '29926' } };
let sandbox: RunningSandbox;
let t: TestPlatform;
let base: string;

before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [vnpostSandbox({ retryDelaysMs: [50, 50] })] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestPlatform({ VNPOST_API_URL: `${sandbox.url}/vnpost`, PUBLIC_URL: base });
  await t.app.listen({ port, host: '127.0.0.1' });
});
after(async () => {
  await t.close();
  await sandbox.close();
});

const postal = () => t.modules.postal.service;
const sign = (body: string) => createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
const sendWebhook = (body: string, signature = sign(body)) => fetch(`${base}/api/postal/webhooks`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-vnpost-signature': signature, 'x-vnpost-event-id': 'evt' }, body,
});
const advance = async (orderId: string, to?: string) => {
  const response = await fetch(`${sandbox.url}/vnpost/_admin/orders/${orderId}/advance`, { method: 'POST', headers: ADMIN, body: JSON.stringify(to ? { to } : {}) });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { order: { orderId: string; status: string } };
};
/** Waits until the order's stored status is `status` and its webhook has arrived (the sandbox pushes asynchronously). */
async function waitForStatus(owner: string, status: string): Promise<PostalOrderView> {
  for (let i = 0; i < 200; i++) {
    const [order] = await postal().ordersOf(owner);
    if (order?.status === status && order.events.at(-1)?.status === status) return order;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`order of ${owner} never reached ${status}`);
}
const providerOrderId = async (trackingNumber: string): Promise<string> => {
  const response = await fetch(`${sandbox.url}/vnpost/_admin/orders?limit=500`, { headers: ADMIN });
  return ((await response.json()) as { items: { orderId: string; trackingNumber: string }[] }).items.find((o) => o.trackingNumber === trackingNumber)!.orderId;
};
let counter = 0;
async function placedDelivery(): Promise<{ owner: string; order: PostalOrderView; orderId: string }> {
  const owner = `test:thing:${process.pid}-${++counter}`;
  await postal().setChoice(owner, { submit: 'online', receive: 'post', recipient: RECIPIENT }, 'test');
  const order = await postal().placeOrder(owner, 'delivery', { referenceCode: `TEST-${process.pid}-${counter}`, desk: DESK, collectOnDelivery: false, actor: 'test' });
  return { owner, order, orderId: await providerOrderId(order.trackingNumber) };
}

test('an order placed through the sandbox follows its signed webhooks to delivered, each status once and in order', async () => {
  const { owner, order, orderId } = await placedDelivery();
  assert.match(order.trackingNumber, /^EB\d{9}VN$/);
  assert.deepEqual([order.feeVnd, order.codVnd], [15_000, 0]);
  for (let i = 0; i < 5; i++) await advance(orderId);
  const delivered = await waitForStatus(owner, 'delivered');
  assert.deepEqual(delivered.events.map((e) => e.status), ['created', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
  assert.equal(delivered.events.at(-1)!.receivedBy, RECIPIENT.name);
  assert.equal(delivered.events.at(-1)!.location, 'Bưu điện văn hóa xã Tân Hồng');
});

test('a bad or missing signature is a 401 and changes nothing; a duplicate changes nothing twice; an older event never moves the status back', async () => {
  const { owner, orderId, order } = await placedDelivery();
  await waitForStatus(owner, 'created');
  const before = (await postal().ordersOf(owner))[0]!;
  const event = {
    eventId: randomUUID(), orderId, trackingNumber: order.trackingNumber, referenceCode: order.referenceCode, status: 'accepted',
    at: new Date(Date.parse(before.statusAt) + 60_000).toISOString(), location: 'Bưu cục Tân Hồng', note: 'Bưu cục đã tiếp nhận',
  };
  const body = JSON.stringify(event);
  for (const signature of [sign(`${body} `), 'not-hex', createHmac('sha256', 'wrong-secret').update(body).digest('hex')]) {
    const refused = await sendWebhook(body, signature);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { code: string }).code, 'postal.bad_signature');
  }
  const unsigned = await fetch(`${base}/api/postal/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(unsigned.status, 401);
  assert.deepEqual(await postal().ordersOf(owner), [before], 'nothing written');

  const first = await sendWebhook(body);
  assert.deepEqual([first.status, await first.json()], [200, { outcome: 'applied' }]);
  const again = await sendWebhook(body);
  assert.deepEqual([again.status, await again.json()], [200, { outcome: 'duplicate' }]);
  const afterDuplicate = (await postal().ordersOf(owner))[0]!;
  assert.equal(afterDuplicate.status, 'accepted');
  assert.equal(afterDuplicate.events.filter((e) => e.status === 'accepted').length, 1);

  // A late event from before the current status: kept in the history, the status stays.
  const late = JSON.stringify({ ...event, eventId: randomUUID(), status: 'created', at: before.statusAt });
  const lateAnswer = await sendWebhook(late);
  assert.deepEqual(await lateAnswer.json(), { outcome: 'out_of_order' });
  const afterLate = (await postal().ordersOf(owner))[0]!;
  assert.equal(afterLate.status, 'accepted');
  assert.equal(afterLate.events.length, afterDuplicate.events.length + 1);
});

test('bad input: an unknown order is a 422, malformed or NUL-carrying JSON a 400, nothing written', async () => {
  const { owner, order } = await placedDelivery();
  await waitForStatus(owner, 'created');
  const before = await postal().ordersOf(owner);
  const unknown = JSON.stringify({
    eventId: randomUUID(), orderId: 'VNP-NOPE', trackingNumber: order.trackingNumber, referenceCode: 'X', status: 'delivered',
    at: new Date().toISOString(), location: 'x', note: 'x',
  });
  const refused = await sendWebhook(unknown);
  assert.equal(refused.status, 422);
  assert.equal(((await refused.json()) as { code: string }).code, 'postal.unknown_order');
  const broken = await sendWebhook('{"eventId": ');
  assert.equal(broken.status, 400);
  const nul = await sendWebhook(JSON.stringify({ eventId: 'a\u0000b' }));
  assert.equal(nul.status, 400);
  const missingFields = await sendWebhook(JSON.stringify({ eventId: randomUUID(), orderId: 'x' }));
  assert.equal(missingFields.status, 401, 'signed but not an event: refused like a forgery');
  assert.deepEqual(await postal().ordersOf(owner), before);
});

test('choices: a postal way needs a commune of the catalogue; a pickup is priced from the order placed', async () => {
  const owner = `test:thing:${process.pid}-choice`;
  await assert.rejects(postal().setChoice(owner, { submit: 'post', receive: 'desk' }, 'test'), (e: { code: string }) => e.code === 'postal.recipient_required');
  await assert.rejects(postal().setChoice(owner, { submit: 'post', receive: 'desk', recipient: { ...RECIPIENT, address: { line: 'x', communeCode: '00000' } } }, 'test'),
    (e: { code: string }) => e.code === 'postal.unknown_commune');
  assert.equal(await postal().choiceOf(owner), undefined);
  await postal().setChoice(owner, { submit: 'post', receive: 'desk', recipient: RECIPIENT }, 'test');
  // Priced before the order: VNPost's quote for 500 g of papers from Tân Hồng to a provincial desk.
  const provincialDesk = { name: 'Sở Tư pháp', commune: 'Tỉnh Đồng Tháp' };
  assert.deepEqual(await postal().postage(owner, provincialDesk), [{ code: 'CUOC-BCCI-THU-GOM', name: 'Cước dịch vụ bưu chính công ích: thu gom hồ sơ', amount: 20_000, kind: 'fee' }]);
  const pickup = await postal().placeOrder(owner, 'pickup', { referenceCode: `PICKUP-${process.pid}`, desk: provincialDesk, collectOnDelivery: true, actor: 'test' });
  assert.deepEqual([pickup.kind, pickup.feeVnd, pickup.codVnd], ['pickup', 20_000, 0], 'nothing is collected on a pickup');
  await assert.rejects(postal().placeOrder(owner, 'delivery', { referenceCode: `PICKUP-${process.pid}`, desk: provincialDesk, collectOnDelivery: true, actor: 'test' }),
    (e: { code: string }) => e.code === 'postal.not_chosen');
});
