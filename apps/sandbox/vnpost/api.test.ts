import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APPLICANT, DESK, accessToken, advance, apiClient, deliveryRequest, pickupRequest, startVnpost, type Running } from './harness.ts';
import type { Order } from './model.ts';
import { DEFAULT_VNPOST_CLIENTS, type VnpostClient } from './sandbox.ts';
import { formatS10, isValidS10, s10CheckDigit } from './s10.ts';

const OTHER: VnpostClient = { id: 'other-province', secret: 'other-secret', customerCode: 'OTH-HCC', webhookSecret: 'other-webhook' };
const [DEFAULT] = DEFAULT_VNPOST_CLIENTS;

let running: Running;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;

before(async () => {
  running = await startVnpost({ clients: [DEFAULT!, OTHER] });
  api = apiClient(running.base, await accessToken(running.base, DEFAULT!.id, DEFAULT!.secret));
  other = apiClient(running.base, await accessToken(running.base, OTHER.id, OTHER.secret));
});
after(() => running.sandbox.close());

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;
const listByReference = async (referenceCode: string): Promise<Order[]> =>
  (await json<{ items: Order[] }>(await api.get(`/orders?referenceCode=${encodeURIComponent(referenceCode)}`))).items;

test('S10 check digits: the UPU weights, with 10 → 0 and 11 → 5', () => {
  assert.equal(s10CheckDigit('12345678'), 5);
  assert.equal(s10CheckDigit('00060000'), 0);
  assert.equal(s10CheckDigit('00000000'), 5);
  assert.equal(isValidS10('EB123456785VN'), true);
  assert.equal(isValidS10('EB123456784VN'), false);
  assert.equal(isValidS10('EB12345678VN'), false);
  assert.equal(isValidS10('eb123456785vn'), false);
  assert.equal(formatS10('CP', 60000), 'CP000600000VN');
  assert.throws(() => s10CheckDigit('1234567'), RangeError);
});

test('tokens: form, JSON and Basic auth are accepted; wrong credentials and other grants are refused', async () => {
  const tokenUrl = `${running.base}/oauth/token`;
  const form = await fetch(tokenUrl, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEFAULT!.id, client_secret: DEFAULT!.secret }),
  });
  assert.equal(form.status, 200);
  assert.equal(form.headers.get('cache-control'), 'no-store');
  const issued = await json<{ access_token: string; token_type: string; expires_in: number }>(form);
  assert.equal(issued.token_type, 'Bearer');
  assert.equal(issued.expires_in, 3600);
  assert.equal((await apiClient(running.base, issued.access_token).get('/orders')).status, 200);

  const basic = `Basic ${Buffer.from(`${DEFAULT!.id}:${DEFAULT!.secret}`).toString('base64')}`;
  const viaBasic = await fetch(tokenUrl, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  assert.equal(viaBasic.status, 200);

  const refuse = async (init: RequestInit, status: number, code: string) => {
    const response = await fetch(tokenUrl, { method: 'POST', ...init });
    assert.equal(response.status, status);
    assert.equal((await json(response)).code, code);
  };
  const jsonBody = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await refuse(jsonBody({ grant_type: 'client_credentials', client_id: DEFAULT!.id, client_secret: 'wrong' }), 401, 'vnpost.invalid_client');
  await refuse(jsonBody({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: DEFAULT!.secret }), 401, 'vnpost.invalid_client');
  await refuse(jsonBody({ grant_type: 'client_credentials' }), 401, 'vnpost.invalid_client');
  await refuse(jsonBody({ grant_type: 'password', client_id: DEFAULT!.id, client_secret: DEFAULT!.secret }), 400, 'vnpost.unsupported_grant_type');
  await refuse({ headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEFAULT!.id }) },
    400, 'vnpost.invalid_request');
});

test('the API refuses a missing or unknown bearer token before looking at the request', async () => {
  for (const headers of [{} as Record<string, string>, { authorization: 'Bearer not-a-token' }, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }]) {
    const response = await fetch(`${running.base}/api/v1/orders`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 401);
    assert.equal((await json(response)).code, 'vnpost.unauthorized');
    assert.match(response.headers.get('www-authenticate')!, /^Bearer/);
  }
  assert.equal((await apiClient(running.base, 'forged').get('/orders')).status, 401);
});

test('a pickup order gets an S10 number, a fee from the tariff and an estimated delivery', async () => {
  const response = await api.post('/orders', pickupRequest('000.00.17.H19-260101-0001'));
  assert.equal(response.status, 201);
  const order = await json<Order>(response);
  assert.equal(order.status, 'created');
  assert.match(order.trackingNumber, /^EB\d{9}VN$/);
  assert.ok(isValidS10(order.trackingNumber));
  // EMS within the province: 20,000 ₫ for the first 500 g, 3,500 ₫ for the next 200 g.
  assert.equal(order.distanceClass, 'same_province');
  assert.equal(order.feeVnd, 23_500);
  assert.equal(Date.parse(order.estimatedDeliveryAt) - Date.parse(order.createdAt), 24 * 3_600_000);
  assert.equal(order.customerCode, 'DTP-HCC');
  assert.deepEqual(await json(await api.get(`/orders/${order.orderId}`)), order);
  const events = await json<{ events: { status: string; location: string }[] }>(await api.get(`/orders/${order.orderId}/events`));
  assert.deepEqual(events.events.map((e) => [e.status, e.location]), [['created', 'Bưu điện văn hóa xã Tháp Mười']]);
});

test('a delivery order: standard parcel to another province, per 500 g, with cash on delivery', async () => {
  const receiver = { ...APPLICANT, address: { line: 'Số 5, Đường Lê Lợi', commune: 'Phường Bến Thành', province: 'Thành phố Hồ Chí Minh' } };
  const response = await api.post('/orders', deliveryRequest('000.00.17.H19-260101-0002', { receiver, parcel: { contents: 'Kết quả', documentCount: 2, weightGrams: 1200 } }));
  assert.equal(response.status, 201);
  const order = await json<Order>(response);
  assert.match(order.trackingNumber, /^CP\d{9}VN$/);
  assert.ok(isValidS10(order.trackingNumber));
  assert.equal(order.distanceClass, 'other_province');
  assert.equal(order.feeVnd, 20_000 + 2 * 4_500);
  assert.equal(order.codAmountVnd, 50_000);
  assert.equal(Date.parse(order.estimatedDeliveryAt) - Date.parse(order.createdAt), 96 * 3_600_000);

  const sameCommune = await json<Order>(await api.post('/orders', deliveryRequest('000.00.17.H19-260101-0003', {
    serviceCode: 'EMS', receiver: { ...APPLICANT, address: { ...APPLICANT.address, commune: DESK.address.commune } }, parcel: { contents: 'Kết quả', documentCount: 1, weightGrams: 500 },
  })));
  assert.equal(sameCommune.distanceClass, 'same_commune');
  assert.equal(sameCommune.feeVnd, 15_000);
});

test('tracking numbers follow the seed', async () => {
  const first = async (seed: string) => {
    const other = await startVnpost({}, seed);
    try {
      const client = apiClient(other.base, await accessToken(other.base, DEFAULT!.id, DEFAULT!.secret));
      return (await json<Order>(await client.post('/orders', pickupRequest('SEED-1')))).trackingNumber;
    } finally {
      await other.sandbox.close();
    }
  };
  const seedA = await first('seed-a');
  assert.equal(await first('seed-a'), seedA);
  assert.notEqual(await first('seed-b'), seedA);
});

test('placing the same order again is idempotent; a different one with the same dossier and kind is a conflict', async () => {
  const request = pickupRequest('IDEM-1', { note: 'Gọi trước khi đến' });
  const created = await json<Order>(await api.post('/orders', request));
  // Same content, keys in another order.
  const reordered = { ...request, parcel: { weightGrams: 700, documentCount: 4, contents: request.parcel.contents }, receiver: request.receiver, sender: request.sender };
  const repeat = await api.post('/orders', reordered);
  assert.equal(repeat.status, 200);
  assert.equal((await json<Order>(repeat)).orderId, created.orderId);

  const conflict = await api.post('/orders', { ...request, parcel: { ...request.parcel, weightGrams: 900 } });
  assert.equal(conflict.status, 409);
  const body = await json<{ code: string; details: { orderId: string } }>(conflict);
  assert.equal(body.code, 'vnpost.duplicate_order');
  assert.equal(body.details.orderId, created.orderId);
  assert.equal((await listByReference('IDEM-1')).length, 1);

  // The other kind for the same dossier is another order; so is a new one after cancelling.
  assert.equal((await api.post('/orders', deliveryRequest('IDEM-1'))).status, 201);
  assert.equal((await api.post(`/orders/${created.orderId}/cancel`, { reason: 'Người dân tự nộp' })).status, 200);
  const again = await api.post('/orders', { ...request, parcel: { ...request.parcel, weightGrams: 900 } });
  assert.equal(again.status, 201);
  assert.notEqual((await json<Order>(again)).orderId, created.orderId);
  assert.deepEqual((await listByReference('IDEM-1')).map((o) => o.status), ['created', 'created', 'cancelled']);
});

test('invalid orders are refused with 400 (422 for COD on a pickup) and nothing is created', async () => {
  const base = pickupRequest('INVALID-1');
  const invalid: [string, unknown][] = [
    ['phone', { ...base, sender: { ...APPLICANT, phone: '12345' } }],
    ['weight 0', { ...base, parcel: { ...base.parcel, weightGrams: 0 } }],
    ['weight over 30 kg', { ...base, parcel: { ...base.parcel, weightGrams: 30_001 } }],
    ['documentCount', { ...base, parcel: { ...base.parcel, documentCount: 501 } }],
    ['referenceCode too long', { ...base, referenceCode: 'X'.repeat(65) }],
    ['service', { ...base, serviceCode: 'DHL' }],
    ['kind', { ...base, kind: 'return' }],
    ['missing receiver', { ...base, receiver: undefined }],
    ['negative COD', { ...base, kind: 'delivery', codAmountVnd: -1 }],
    ['callback not http', { ...base, callbackUrl: 'ftp://example.test/hook' }],
  ];
  for (const [label, body] of invalid) {
    const response = await api.post('/orders', body);
    assert.equal(response.status, 400, label);
    const error = await json<{ code: string; details: unknown[] }>(response);
    assert.equal(error.code, 'vnpost.invalid_request', label);
    assert.ok(error.details.length > 0, label);
  }
  const cod = await api.post('/orders', { ...base, codAmountVnd: 10_000 });
  assert.equal(cod.status, 422);
  assert.deepEqual((await json<{ details: { field: string }[] }>(cod)).details.map((d) => d.field), ['codAmountVnd']);
  assert.deepEqual(await listByReference('INVALID-1'), []);
});

test("another client's orders answer 404 and cannot be cancelled", async () => {
  const order = await json<Order>(await api.post('/orders', pickupRequest('MINE-1')));
  for (const path of [`/orders/${order.orderId}`, `/orders/${order.orderId}/events`]) {
    const response = await other.get(path);
    assert.equal(response.status, 404, path);
    assert.equal((await json(response)).code, 'vnpost.order_not_found');
  }
  assert.equal((await other.post(`/orders/${order.orderId}/cancel`, { reason: 'x' })).status, 404);
  assert.deepEqual((await json<{ items: Order[] }>(await other.get('/orders?referenceCode=MINE-1'))).items, []);
  assert.equal((await json<Order>(await api.get(`/orders/${order.orderId}`))).status, 'created');
  assert.equal((await api.get('/orders/no-such-order')).status, 404);
});

test('an order can be cancelled while created or accepted, not once picked up', async () => {
  const first = await json<Order>(await api.post('/orders', pickupRequest('CANCEL-1')));
  assert.equal((await api.post(`/orders/${first.orderId}/cancel`, {})).status, 400);
  const cancelled = await api.post(`/orders/${first.orderId}/cancel`, { reason: 'Người dân nộp trực tiếp' });
  assert.equal(cancelled.status, 200);
  const body = await json<Order>(cancelled);
  assert.equal(body.status, 'cancelled');
  assert.equal(body.cancelReason, 'Người dân nộp trực tiếp');
  assert.equal((await api.post(`/orders/${first.orderId}/cancel`, { reason: 'again' })).status, 409);

  const second = await json<Order>(await api.post('/orders', pickupRequest('CANCEL-2')));
  assert.equal((await advance(running.base, second.orderId)).status, 200);
  assert.equal((await api.post(`/orders/${second.orderId}/cancel`, { reason: 'Đổi ý' })).status, 200);

  const third = await json<Order>(await api.post('/orders', pickupRequest('CANCEL-3')));
  await advance(running.base, third.orderId);
  await advance(running.base, third.orderId);
  const refused = await api.post(`/orders/${third.orderId}/cancel`, { reason: 'Quá muộn' });
  assert.equal(refused.status, 409);
  assert.equal((await json(refused)).code, 'vnpost.not_cancellable');
  const after = await json<Order>(await api.get(`/orders/${third.orderId}`));
  assert.equal(after.status, 'picked_up');
  assert.equal(after.cancelReason, undefined);
});

test('memory is bounded: beyond maxOrders the oldest order is forgotten', async () => {
  const small = await startVnpost({ maxOrders: 2 });
  try {
    const client = apiClient(small.base, await accessToken(small.base, DEFAULT!.id, DEFAULT!.secret));
    const orders: Order[] = [];
    for (const code of ['KEEP-1', 'KEEP-2', 'KEEP-3']) orders.push(await json<Order>(await client.post('/orders', pickupRequest(code))));
    assert.equal((await client.get(`/orders/${orders[0]!.orderId}`)).status, 404);
    assert.equal((await client.get(`/orders/${orders[2]!.orderId}`)).status, 200);
    assert.equal((await fetch(`${small.base}/track/${orders[0]!.trackingNumber}`)).status, 404);
    assert.deepEqual((await json<{ items: Order[] }>(await client.get('/orders'))).items.map((o) => o.referenceCode), ['KEEP-3', 'KEEP-2']);
  } finally {
    await small.sandbox.close();
  }
});

test('a quote prices an order before it is placed: the same fee and distance class as the order', async () => {
  const request = deliveryRequest('QUOTE-0001');
  const quoted = await api.post('/quotes', { sender: { address: request.sender.address }, receiver: { address: request.receiver.address }, weightGrams: request.parcel.weightGrams, serviceCode: request.serviceCode });
  assert.equal(quoted.status, 200);
  const quote = await json<{ feeVnd: number; distanceClass: string }>(quoted);
  const order = await json<Order>(await api.post('/orders', request));
  assert.deepEqual([quote.feeVnd, quote.distanceClass], [order.feeVnd, order.distanceClass]);
  const bad = await api.post('/quotes', { sender: { address: request.sender.address }, weightGrams: 0, serviceCode: 'EMS' });
  assert.equal(bad.status, 400);
});
