import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_HEADERS, WebhookReceiver, accessToken, advance, apiClient, deliveryRequest, pickupRequest, startVnpost, type Running } from './harness.ts';
import type { Order, TrackingEvent } from './model.ts';
import { DEFAULT_VNPOST_CLIENTS } from './sandbox.ts';
import type { WebhookAttempt } from './webhooks.ts';
import { verifyVnpostSignature } from './webhooks.ts';

const CLIENT = { ...DEFAULT_VNPOST_CLIENTS[0]!, webhookSecret: 'lifecycle-webhook-secret' };
const receiver = new WebhookReceiver();
let running: Running;
let api: ReturnType<typeof apiClient>;

before(async () => {
  await receiver.start();
  running = await startVnpost({ clients: [{ ...CLIENT, webhookUrl: receiver.url }], retryDelaysMs: [30, 60] });
  api = apiClient(running.base, await accessToken(running.base, CLIENT.id, CLIENT.secret));
});
after(async () => {
  await running.sandbox.close();
  await receiver.close();
});

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;
const webhooksOf = (orderId: string) => receiver.received.filter((w) => w.body.orderId === orderId);
async function waitForWebhooks(orderId: string, count: number): Promise<void> {
  const deadline = Date.now() + 3000;
  while (webhooksOf(orderId).length < count) {
    if (Date.now() > deadline) assert.fail(`expected ${count} webhooks for ${orderId}, got ${webhooksOf(orderId).length}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
async function attempts(orderId: string): Promise<WebhookAttempt[]> {
  return (await json<{ items: WebhookAttempt[] }>(await fetch(`${running.base}/_admin/webhooks?orderId=${orderId}`, { headers: ADMIN_HEADERS }))).items;
}

test('a delivery order goes through its whole life; every change reaches the webhook in order, signed', async () => {
  const order = await json<Order>(await api.post('/orders', deliveryRequest('LIFE-1')));
  const path = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
  for (const status of path) {
    const response = await advance(running.base, order.orderId);
    assert.equal(response.status, 200);
    assert.equal((await json<{ order: Order }>(response)).order.status, status);
  }
  await waitForWebhooks(order.orderId, 6);
  const received = webhooksOf(order.orderId);
  assert.deepEqual(received.map((w) => w.body.status), ['created', ...path]);
  for (const webhook of received) {
    assert.ok(verifyVnpostSignature(webhook.rawBody, webhook.headers['x-vnpost-signature'] as string, CLIENT.webhookSecret));
    assert.equal(webhook.headers['x-vnpost-event-id'], webhook.body.eventId);
    assert.equal(webhook.body.trackingNumber, order.trackingNumber);
    assert.equal(webhook.body.referenceCode, 'LIFE-1');
  }
  const [first] = received;
  assert.equal(verifyVnpostSignature(first!.rawBody, first!.headers['x-vnpost-signature'] as string, 'another-secret'), false);
  assert.equal(verifyVnpostSignature(first!.rawBody.replace('LIFE-1', 'LIFE-2'), first!.headers['x-vnpost-signature'] as string, CLIENT.webhookSecret), false);
  assert.equal(verifyVnpostSignature(first!.rawBody, undefined, CLIENT.webhookSecret), false);

  const delivered = received.at(-1)!.body as unknown as TrackingEvent;
  assert.equal(delivered.receivedBy, order.receiver.name);
  assert.equal(delivered.location, 'Bưu điện văn hóa xã Tháp Mười');
  assert.equal(received[1]!.body.location, 'Bưu cục Cao Lãnh');
  assert.equal(received[3]!.body.location, 'Bưu điện tỉnh Đồng Tháp');

  const history = await json<{ events: TrackingEvent[] }>(await api.get(`/orders/${order.orderId}/events`));
  assert.deepEqual(history.events.map((e) => e.eventId), received.map((w) => w.body.eventId));
  const final = await json<Order>(await api.get(`/orders/${order.orderId}`));
  assert.equal(final.status, 'delivered');
  assert.equal(final.receivedBy, order.receiver.name);

  const beyond = await advance(running.base, order.orderId);
  assert.equal(beyond.status, 409);
  assert.equal((await json(beyond)).code, 'vnpost.invalid_transition');
});

test('advancing: unknown order 404, invalid target 409, admin token required; refusals change nothing', async () => {
  const order = await json<Order>(await api.post('/orders', pickupRequest('ADV-1')));
  assert.equal((await advance(running.base, 'no-such-order')).status, 404);
  const skip = await advance(running.base, order.orderId, { to: 'delivered' });
  assert.equal(skip.status, 409);
  assert.deepEqual((await json<{ details: { allowed: string[] } }>(skip)).details.allowed, ['accepted', 'cancelled']);
  assert.equal((await advance(running.base, order.orderId, { to: 'lost' })).status, 400);
  const anonymous = await fetch(`${running.base}/_admin/orders/${order.orderId}/advance`, { method: 'POST' });
  assert.equal(anonymous.status, 401);
  assert.equal((await json<Order>(await api.get(`/orders/${order.orderId}`))).status, 'created');

  const listed = await json<{ items: Order[] }>(await fetch(`${running.base}/_admin/orders?referenceCode=ADV-1`, { headers: ADMIN_HEADERS }));
  assert.deepEqual(listed.items.map((o) => o.orderId), [order.orderId]);
});

test('an order callbackUrl overrides the client webhook', async () => {
  const own = await new WebhookReceiver().start();
  try {
    const order = await json<Order>(await api.post('/orders', pickupRequest('CALLBACK-1', { callbackUrl: own.url })));
    await advance(running.base, order.orderId);
    const received = await own.waitFor(2);
    assert.deepEqual(received.map((w) => w.body.status), ['created', 'accepted']);
    assert.ok(verifyVnpostSignature(received[0]!.rawBody, received[0]!.headers['x-vnpost-signature'] as string, CLIENT.webhookSecret));
    assert.deepEqual(webhooksOf(order.orderId), []);
  } finally {
    await own.close();
  }
});

test('a failing webhook is retried until it is delivered, or given up after the last delay', async () => {
  receiver.failNext = 2;
  const order = await json<Order>(await api.post('/orders', pickupRequest('RETRY-1')));
  await waitForWebhooks(order.orderId, 1);
  const log = (await attempts(order.orderId)).reverse();
  assert.deepEqual(log.map((a) => [a.attempt, a.status, a.outcome]), [[1, 500, 'retry_scheduled'], [2, 500, 'retry_scheduled'], [3, 204, 'delivered']]);
  assert.ok(log.every((a) => a.eventId === webhooksOf(order.orderId)[0]!.body.eventId));

  receiver.failNext = Infinity;
  try {
    const doomed = await json<Order>(await api.post('/orders', pickupRequest('RETRY-2')));
    const deadline = Date.now() + 3000;
    while (!(await attempts(doomed.orderId)).some((a) => a.outcome === 'gave_up')) {
      assert.ok(Date.now() < deadline, 'the dispatcher should give up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual((await attempts(doomed.orderId)).map((a) => a.outcome), ['gave_up', 'retry_scheduled', 'retry_scheduled']);
  } finally {
    receiver.failNext = 0;
  }
});

test('failed deliveries: another attempt each time, then the item returns to the sender after the third', async () => {
  const order = await json<Order>(await api.post('/orders', deliveryRequest('FAIL-1')));
  for (let i = 0; i < 4; i++) await advance(running.base, order.orderId);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const failed = await advance(running.base, order.orderId, { to: 'delivery_failed', note: `Lần ${attempt}: không có người nhận` });
    assert.equal(failed.status, 200);
    const next = await json<{ order: Order }>(await advance(running.base, order.orderId));
    assert.equal(next.order.status, attempt < 3 ? 'out_for_delivery' : 'returned');
    assert.equal(next.order.deliveryAttempts, attempt < 3 ? attempt + 1 : 3);
  }
  assert.equal((await advance(running.base, order.orderId, { to: 'out_for_delivery' })).status, 409);
  await waitForWebhooks(order.orderId, 11);
  assert.deepEqual(webhooksOf(order.orderId).slice(4).map((w) => w.body.status), [
    'out_for_delivery', 'delivery_failed', 'out_for_delivery', 'delivery_failed', 'out_for_delivery', 'delivery_failed', 'returned',
  ]);
  assert.equal(webhooksOf(order.orderId)[5]!.body.note, 'Lần 1: không có người nhận');
  assert.equal(webhooksOf(order.orderId).at(-1)!.body.location, 'Bưu cục Cao Lãnh');
});

test('the public tracking page shows the timeline in Vietnamese; the index lists recent orders', async () => {
  const order = await json<Order>(await api.post('/orders', deliveryRequest('PAGE-1')));
  for (let i = 0; i < 5; i++) await advance(running.base, order.orderId);
  const response = await fetch(`${running.base}/track/${order.trackingNumber}`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-security-policy')!, /default-src 'none'/);
  const page = await response.text();
  const labels = ['Đã tạo đơn', 'Bưu cục đã tiếp nhận', 'Đã nhận hàng từ người gửi', 'Đang vận chuyển', 'Bưu tá đang đi phát', 'Phát thành công'];
  const timeline = page.slice(page.indexOf('<ol class="timeline">'));
  const positions = labels.map((label) => timeline.indexOf(label));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)), `timeline order ${positions.join(',')}`);
  assert.match(page, /Người ký nhận: N\. T\. H\. Nhung/);
  assert.doesNotMatch(page, /0912345678/);

  const wrongDigit = order.trackingNumber.replace(/\d(?=VN$)/, (d) => String((Number(d) + 1) % 10));
  assert.equal((await fetch(`${running.base}/track/${wrongDigit}`)).status, 404);
  assert.equal((await fetch(`${running.base}/track/EB123456785VN`)).status, 404);
  const search = await fetch(`${running.base}/track?trackingNumber=${order.trackingNumber.toLowerCase()}`, { redirect: 'manual' });
  assert.equal(search.status, 303);
  assert.equal(search.headers.get('location'), `/vnpost/track/${order.trackingNumber}`);

  const index = await (await fetch(`${running.base}/`)).text();
  assert.match(index, new RegExp(`href="/vnpost/track/${order.trackingNumber}"`));
  assert.match(index, /PAGE-1/);
  assert.doesNotMatch(index, /Nhung|0912345678/);
});

test('autoAdvanceMs moves orders along by themselves, and stops with the server', async () => {
  const own = await new WebhookReceiver().start();
  const auto = await startVnpost({ clients: [{ ...CLIENT, webhookUrl: own.url }], autoAdvanceMs: 15 });
  try {
    const client = apiClient(auto.base, await accessToken(auto.base, CLIENT.id, CLIENT.secret));
    const order = await json<Order>(await client.post('/orders', pickupRequest('AUTO-1')));
    const received = await own.waitFor(6);
    assert.deepEqual(received.map((w) => w.body.status), ['created', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
    assert.equal((await json<Order>(await client.get(`/orders/${order.orderId}`))).status, 'delivered');

    await client.post('/orders', pickupRequest('AUTO-2'));
    await auto.sandbox.close();
    const auto2 = () => own.received.filter((w) => w.body.referenceCode === 'AUTO-2').length;
    // Let calls already on the wire land, then nothing more may come: ten more steps would have fit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = auto2();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(auto2(), settled);
    assert.ok(settled < 6, `AUTO-2 stopped after ${settled} events`);
  } finally {
    await auto.sandbox.close().catch(() => undefined);
    await own.close();
  }
});
