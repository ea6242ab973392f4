import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidS10, startSandbox, vnpostSandbox, type RunningSandbox } from '../../../apps/sandbox/index.ts';
import { JobRunner, type Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { act, setUpWorld, upload, type World } from './dossier.test-support.ts';

// Dossiers and the postal service (modules/postal through its door) against the VNPost sandbox
// over real HTTP: the applicant's choice, the postage added to the fee request, the desk's
// delivery order with its S10 number, postage collected by the postman when no fee was asked for.
const TAN_HONG = '29926';
const recipient = { name: 'Lê Thị Mai', phone: '0912345678', address: { line: 'Ấp 1', communeCode: TAN_HONG } };
const collector = (agencyId: string): Principal => ({
  kind: 'user', userId: 'thu-ngan', userType: 'official', displayName: 'Cán bộ thu phí', grants: [{ agencyId, scope: 'agency', permissions: ['payment.collect'] }],
});

describe('postal service for dossiers: choice, postage with the fee, delivery order, tracking', () => {
  let sandbox: RunningSandbox;
  let w: World;
  let commune: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [vnpostSandbox({ retryDelaysMs: [] })] });
    // Webhooks go nowhere here (no listener): tracking events are tested in modules/postal.
    w = await setUpWorld('2026-12-01T02:00:00.000Z', { VNPOST_API_URL: `${sandbox.url}/vnpost`, PUBLIC_URL: 'http://127.0.0.1:9' }, { payments: true, postal: true });
    commune = await w.agencyId('TAM.H19.X001');
  });
  after(async () => {
    await w.close();
    await sandbox.close();
  });

  const fileMarital = async () => {
    const offeringId = await w.offering('1.004873', 'TAM.H19.X001'); // a charge asked for at intake
    const files = [await upload(w, w.citizen, 'to-khai')];
    return (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission: { applicant: { kind: 'citizen', fullName: 'Lê Thị Mai', phone: '0912345678' }, formData: {}, files } })).dossier;
  };
  const toReady = async (dossier: { id: string; version: number }) => {
    let d = await act(w, w.desk, dossier, { action: 'accept' });
    d = await act(w, w.desk, d, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    d = await act(w, w.specialist, d, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    d = await act(w, w.leader, d, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });
    assert.equal(d.status, 'ready_to_return');
    return d;
  };
  const sandboxOrders = async (referenceCode: string) => {
    const response = await fetch(`${sandbox.url}/vnpost/_admin/orders?referenceCode=${encodeURIComponent(referenceCode)}`, { headers: { authorization: 'Bearer sandbox-admin-token' } });
    return ((await response.json()) as { items: { kind: string; trackingNumber: string; codAmountVnd: number; receiver: { address: { commune: string } } }[] }).items;
  };

  it('a return by post: its postage joins the fee request, the desk orders the delivery once the result is ready, both sides see its tracking', async () => {
    const dossier = await fileMarital();
    const otherCitizen: Principal = { kind: 'user', userId: 'someone-else', userType: 'citizen', displayName: 'Người khác', grants: [] };
    await assert.rejects(w.tthc.postal.choose(otherCitizen, dossier.id, { submit: 'online', receive: 'post', recipient }), rejectsWith(404, 'dossier.not_found'));
    await assert.rejects(w.tthc.postal.choose(w.citizen, dossier.id, { submit: 'online', receive: 'post' }), rejectsWith(422, 'postal.recipient_required'));
    const nowhere = { ...recipient, address: { line: 'Ấp 1', communeCode: '99999' } };
    await assert.rejects(w.tthc.postal.choose(w.citizen, dossier.id, { submit: 'online', receive: 'post', recipient: nowhere }), rejectsWith(422, 'postal.unknown_commune'));
    assert.equal((await w.tthc.postal.tracking(w.citizen, dossier.id)).choice, null, 'a refused choice writes nothing');

    const chosen = await w.tthc.postal.choose(w.citizen, dossier.id, { submit: 'online', receive: 'post', recipient });
    assert.deepEqual([chosen.choice?.receive, chosen.choice?.recipient?.address.commune, chosen.choice?.recipient?.address.province], ['post', 'Xã Tân Hồng', 'Tỉnh Đồng Tháp']);
    assert.deepEqual(chosen.orders, [], 'nothing to pick up: the papers came online');

    const waiting = await act(w, w.desk, dossier, { action: 'request_payment' });
    const [request] = (await w.tthc.dossiers.fees(w.citizen, dossier.id)).requests;
    // The desk (UBND xã Tân Hồng) and the applicant are in the same commune: EMS, 250 g, 15,000 ₫ (the sandbox's tariff).
    assert.deepEqual(request!.lines.map((l) => [l.code, l.amount]), [['LP-XNHN', 15_000], ['CUOC-BCCI-TRA-KQ', 15_000]]);
    assert.equal(request!.amount, 30_000);
    await assert.rejects(w.tthc.postal.placeOrder(w.desk, dossier.id, 'delivery'), rejectsWith(409, 'dossier.action_not_allowed'));

    await w.payment!.payments.recordCounter(collector(commune), request!.id, { receiptNo: 'BL-BC-0001', method: 'counter' });
    await new JobRunner(w.database.db, { handlers: w.payment!.jobHandlers() }).runOnce();
    const ready = await toReady(await w.tthc.dossiers.get(w.desk, waiting.id));
    await assert.rejects(w.tthc.postal.placeOrder(w.citizen, dossier.id, 'delivery'), rejectsWith(403, 'dossier.forbidden'));
    const order = await w.tthc.postal.placeOrder(w.desk, ready.id, 'delivery');
    assert.ok(isValidS10(order.trackingNumber), `an S10 tracking number: ${order.trackingNumber}`);
    assert.deepEqual([order.kind, order.feeVnd, order.codVnd, order.status, order.referenceCode], ['delivery', 15_000, 0, 'created', ready.code]);
    assert.equal((await w.tthc.postal.placeOrder(w.desk, ready.id, 'delivery')).id, order.id, 'placing it again answers the same order');
    const atVnpost = await sandboxOrders(ready.code);
    assert.deepEqual(atVnpost.map((o) => [o.kind, o.trackingNumber, o.codAmountVnd, o.receiver.address.commune]), [['delivery', order.trackingNumber, 0, 'Xã Tân Hồng']]);
    const seen = await w.tthc.postal.tracking(w.citizen, dossier.id);
    assert.deepEqual(seen.orders.map((o) => o.trackingNumber), [order.trackingNumber], 'the applicant sees the tracking number');
    await assert.rejects(w.tthc.postal.choose(w.citizen, dossier.id, { submit: 'online', receive: 'desk' }), rejectsWith(409, 'postal.order_placed'));
  });

  it('documents sent by post: the pickup is ordered when chosen; with no fee asked, the postman collects the return postage', async () => {
    const dossier = await fileMarital();
    const tracking = await w.tthc.postal.choose(w.citizen, dossier.id, { submit: 'post', receive: 'post', recipient });
    assert.deepEqual(tracking.orders.map((o) => [o.kind, o.codVnd]), [['pickup', 0]]);
    const atVnpost = await sandboxOrders(dossier.code);
    assert.equal(atVnpost[0]?.kind, 'pickup');
    const ready = await toReady(dossier); // accepted without asking for the charge
    await assert.rejects(act(w, w.desk, ready, { action: 'return', method: 'post' }), rejectsWith(409, 'dossier.postal_order_missing'));
    const delivery = await w.tthc.postal.placeOrder(w.desk, ready.id, 'delivery');
    assert.deepEqual([delivery.feeVnd, delivery.codVnd], [15_000, 15_000], 'not paid with a fee: collected on delivery');
    const returned = await act(w, w.desk, ready, { action: 'return', method: 'post' });
    assert.equal(returned.status, 'completed');
    const history = await w.tthc.dossiers.history(w.desk, ready.id);
    assert.equal((history.find((e) => e.action === 'return')?.details as { trackingNumber?: string }).trackingNumber, delivery.trackingNumber);
  });
});
