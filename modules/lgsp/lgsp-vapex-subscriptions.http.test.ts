import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEFAULT_VAPEX_CLIENTS, setSandboxFaults, vapexSandbox, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { type JobRunner, auditKeys, enqueueJob, queryRows, verifyAudit } from '../../packages/platform/index.ts';
import { VAPEX_DECISION_QUEUE, VAPEX_SUBSCRIPTIONS_QUEUE } from './index.ts';
import { lgspApi, registerRecordsService, startTestSandbox, vapexJobRunner, vapexToken } from './lgsp.test-support.ts';

/**
 * V-APEX subscriptions reaching LGSP's access rights (decision 0050), over real HTTP to the
 * V-APEX sandbox: another province's system subscribes to an API the province published; the
 * poll turns it into an access request for the provider's administrator (deny by default, with
 * the notice), the approval creates the right, the cancellation on V-APEX revokes it. The request
 * is audited like one made in the portal; the official's decision is told to V-APEX by a job.
 */

const H29 = 'VN/GOV/000.00.00.H29/LGSP';
// A ministry's system that claims another organisation's X-Road subsystem: never mapped.
const IMPOSTOR = { id: 'ministry-g15', secret: 'sandbox-vapex-secret-g15', organisationCode: '000.00.00.G15', organisationName: 'Bộ thử nghiệm G15', xroadClient: H29, systemName: 'Hệ thống G15' };

interface ApprovalView { status: string; reason: string | null }
interface RequestView { id: string; subsystemId: string; status: string; requestedBy: string; reason: string; accessRightId: string | null; decisionNote: string | null }

describe('LGSP: subscriptions on V-APEX become access requests, and cancellations revoke', () => {
  let sandbox: RunningSandbox;
  let t: TestPlatform;
  let admin: string;
  let runner: JobRunner;
  let serviceId = '';
  let vapexId = '';
  const mailed: string[] = [];
  const { api } = lgspApi(() => t, () => admin);
  const asConsumer = async (method: 'POST' | 'DELETE', path: string, client = DEFAULT_VAPEX_CLIENTS[1]!) =>
    fetch(`${sandbox.url}/vapex/api/v1${path}`, { method, headers: { authorization: `Bearer ${await vapexToken(sandbox.url, client.id, client.secret)}` } });
  const subscribe = async (client = DEFAULT_VAPEX_CLIENTS[1]!) => {
    const answer = await asConsumer('POST', `/apis/${vapexId}/subscriptions`, client);
    assert.equal(answer.status, 201, await answer.clone().text());
    return ((await answer.json()) as { id: string }).id;
  };
  const poll = async () => {
    await enqueueJob(t.database.db, { queue: VAPEX_SUBSCRIPTIONS_QUEUE, payload: {} });
    await runner.drain();
  };
  const requests = async () => (await api('GET', `/services/${serviceId}/access-requests`)).json() as RequestView[];
  const rights = async () => (await api('GET', `/services/${serviceId}/rights`)).json() as { id: string; subsystemId: string }[];
  const subscriptionRow = async (id: string) => (await queryRows<{ status: string; problem: string | null; access_request_id: string | null }>(t.database.db, sql`
    select status, problem, access_request_id from lgsp.vapex_subscriptions where id = ${id}`))[0];

  before(async () => {
    sandbox = await startTestSandbox(vapexSandbox({ clients: [...DEFAULT_VAPEX_CLIENTS, IMPOSTOR] }));
    t = await createTestPlatform({ VAPEX_API_URL: `${sandbox.url}/vapex` });
    admin = await adminToken(t);
    runner = vapexJobRunner(t, { send: async (mail) => { mailed.push(mail.subject); return { messageId: 'none' }; }, close: () => undefined });
    serviceId = await registerRecordsService(t, api);
    assert.equal((await api('PUT', `/services/${serviceId}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('PUT', `/services/${serviceId}/vapex`, { publish: true })).statusCode, 200);
    await runner.drain();
    vapexId = (await api('GET', `/services/${serviceId}/vapex`)).json().vapexId;
    assert.ok(vapexId, 'published on V-APEX');
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('V-APEX shows a provider the subscriptions to its own APIs only', async () => {
    const other = await fetch(`${sandbox.url}/vapex/api/v1/apis/${vapexId}/subscriptions`, { headers: { authorization: `Bearer ${await vapexToken(sandbox.url, 'consumer-h29', 'sandbox-vapex-secret-h29')}` } });
    assert.equal(other.status, 403);
  });

  it('turns a subscription into a pending access request with its notice — no right before approval — once, however often it polls', async () => {
    const subscription = await subscribe();
    await poll();
    await poll();
    const [request, ...more] = await requests();
    assert.equal(more.length, 0, 'one request for one subscription');
    assert.equal(request!.status, 'pending');
    assert.equal(request!.requestedBy, 'vapex:consumer-h29');
    assert.match(request!.reason, /V-APEX/);
    assert.deepEqual(await rights(), [], 'deny by default');
    const subsystems = (await api('GET', '/subsystems')).json() as { id: string; xroadId: string }[];
    assert.equal(subsystems.find((s) => s.id === request!.subsystemId)?.xroadId, H29, 'the subscriber\'s own X-Road subsystem');
    assert.equal((await subscriptionRow(subscription))?.status, 'active');
    const [notice] = await queryRows<{ event: string }>(t.database.db, sql`select event from lgsp.notices where service_id = ${serviceId} order by created_at desc limit 1`);
    assert.equal(notice!.event, 'access_requested');

    const approved = await api('POST', `/access-requests/${request!.id}/decision`, { approve: true, note: 'Đồng ý' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual((await rights()).map((r) => r.subsystemId), [request!.subsystemId]);

    assert.equal((await asConsumer('DELETE', `/subscriptions/${subscription}`)).status, 200);
    await poll();
    assert.deepEqual(await rights(), [], 'the cancelled subscription\'s right is revoked');
    assert.equal((await subscriptionRow(subscription))?.status, 'cancelled');
  });

  it('refuses the pending request of a subscription cancelled before the decision', async () => {
    const subscription = await subscribe();
    await poll();
    const request = (await requests()).find((r) => r.status === 'pending')!;
    assert.ok(request, 'a new request for the new subscription');
    assert.equal((await asConsumer('DELETE', `/subscriptions/${subscription}`)).status, 200);
    await poll();
    const decided = (await requests()).find((r) => r.id === request.id)!;
    assert.equal(decided.status, 'refused');
    assert.match(decided.decisionNote ?? '', /V-APEX/);
    assert.deepEqual(await rights(), []);
    const late = await api('POST', `/access-requests/${request.id}/decision`, { approve: true });
    assert.equal(late.json().code, 'lgsp.request_decided', 'a cancelled subscription cannot be approved afterwards');
  });

  it('keeps a subscriber claiming another organisation\'s X-Road subsystem unmapped, with no request', async () => {
    const before = (await requests()).length;
    const subscription = await subscribe(IMPOSTOR);
    await poll();
    const row = await subscriptionRow(subscription);
    assert.equal(row?.status, 'unmapped');
    assert.match(row?.problem ?? '', /own organisation/);
    assert.equal(row?.access_request_id, null);
    assert.equal((await requests()).length, before);
    // The provider's administrators see every subscription, the unmapped one with its reason.
    const listed = (await api('GET', `/services/${serviceId}/vapex/subscriptions`)).json() as { id: string; status: string; problem: string | null; organisationCode: string }[];
    assert.deepEqual(listed.map((s) => s.status).sort(), ['cancelled', 'cancelled', 'unmapped']);
    assert.equal(listed.find((s) => s.id === subscription)?.organisationCode, IMPOSTOR.organisationCode);
    const other = await t.app.inject({ method: 'GET', url: `/api/lgsp/services/${serviceId}/vapex/subscriptions`, headers: { authorization: `Bearer ${await t.clientToken()}` } });
    assert.equal(other.statusCode, 403);
  });

  // What V-APEX shows the provider (the province's own client) of a subscription's approval.
  const approvalOnVapex = async (subscription: string) => {
    const answer = await fetch(`${sandbox.url}/vapex/api/v1/apis/${vapexId}/subscriptions`, { headers: { authorization: `Bearer ${await vapexToken(sandbox.url, DEFAULT_VAPEX_CLIENTS[0]!.id, DEFAULT_VAPEX_CLIENTS[0]!.secret)}` } });
    return ((await answer.json()) as { items: { id: string; approval: ApprovalView }[] }).items.find((s) => s.id === subscription)?.approval;
  };
  const decisionJobs = (requestId: string) => queryRows<{ status: string; attempts: number; last_error: string | null }>(t.database.db, sql`
    select status, attempts, last_error from platform.jobs where queue = ${VAPEX_DECISION_QUEUE} and payload->>'requestId' = ${requestId}`);
  const pendingRequestOf = async (subscription: string) => {
    await poll();
    const requestId = (await subscriptionRow(subscription))?.access_request_id;
    assert.ok(requestId, 'the subscription made a request');
    return requestId;
  };

  it('audits the request a subscription makes as the portal\'s, with the V-APEX job as actor, and the audit chain still verifies', async () => {
    const subscription = await subscribe();
    const requestId = await pendingRequestOf(subscription);
    const rows = await queryRows<{ actor: string; action: string; target: string; outcome: number; details: { accessRequestId: string; vapexSubscriptionId: string; requestedBy: string } }>(t.database.db, sql`
      select actor, action, target, outcome, details from platform.audit_log where details->>'accessRequestId' = ${requestId}`);
    assert.equal(rows.length, 1, 'one record for one request, however often the job polls');
    const [row] = rows;
    assert.deepEqual([row!.actor, row!.outcome, row!.details.vapexSubscriptionId, row!.details.requestedBy], ['job:lgsp.vapex-subscriptions', 201, subscription, 'vapex:consumer-h29']);

    // The same kind of event as a request an administrator makes in the portal.
    const own = (await api('GET', '/subsystems')).json() as { id: string; code: string }[];
    const portal = await api('POST', '/access-requests', { serviceId, subsystemId: own.find((s) => s.code === 'HOTICH')!.id, reason: 'Thử yêu cầu trên cổng' });
    assert.equal(portal.statusCode, 201, portal.body);
    const [portalRow] = await queryRows<{ action: string; target: string }>(t.database.db, sql`
      select action, target from platform.audit_log where action like 'POST %' order by seq desc limit 1`);
    assert.deepEqual([row!.action, row!.target], [portalRow!.action, portalRow!.target]);

    const records = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.audit_log`);
    const verified = await verifyAudit(t.database.db, { keys: auditKeys(t.config.masterKey) });
    assert.deepEqual(verified.ok && verified.records, records[0]!.n, 'the chain verifies with the job\'s record in it');
    // A request made in the portal is not V-APEX's: deciding it tells V-APEX nothing.
    assert.equal((await api('POST', `/access-requests/${portal.json().id}/decision`, { approve: false, note: 'Thử' })).statusCode, 200);
    assert.deepEqual(await decisionJobs(portal.json().id), []);
  });

  it('tells V-APEX of the approval of a subscription\'s request', async () => {
    const request = (await requests()).find((r) => r.status === 'pending' && r.requestedBy.startsWith('vapex:'))!;
    const [{ id: subscription }] = await queryRows<{ id: string }>(t.database.db, sql`select id from lgsp.vapex_subscriptions where access_request_id = ${request.id}`) as [{ id: string }];
    assert.equal((await approvalOnVapex(subscription))?.status, 'pending', 'V-APEX waits for the provider');
    const approved = await api('POST', `/access-requests/${request.id}/decision`, { approve: true, note: 'Đồng ý cung cấp' });
    assert.equal(approved.statusCode, 200, approved.body);
    await runner.drain();
    const told = await approvalOnVapex(subscription);
    assert.deepEqual([told?.status, told?.reason], ['approved', 'Đồng ý cung cấp']);
    assert.deepEqual((await decisionJobs(request.id)).map((j) => [j.status, j.attempts]), [['done', 1]], 'one job, once');
    // The subscriber ends it: the next subscription of the same system is a new one.
    assert.equal((await asConsumer('DELETE', `/subscriptions/${subscription}`)).status, 200);
    await poll();
  });

  it('tells V-APEX of a refusal with the official\'s note as the reason (or a default one), and keeps trying while V-APEX fails', async () => {
    const withNote = await subscribe();
    const refused = await pendingRequestOf(withNote);
    assert.equal((await api('POST', `/access-requests/${refused}/decision`, { approve: false, note: 'Chưa có văn bản đề nghị' })).statusCode, 200);
    await runner.drain();
    const rejected = await approvalOnVapex(withNote);
    assert.deepEqual([rejected?.status, rejected?.reason], ['rejected', 'Chưa có văn bản đề nghị']);

    // Refused without a note, while V-APEX fails: the decision is made here at once, V-APEX is told later.
    assert.equal((await asConsumer('DELETE', `/subscriptions/${withNote}`)).status, 200);
    await poll();
    const later = await subscribe();
    const requestId = await pendingRequestOf(later);
    await setSandboxFaults(sandbox.url, 'vapex', { failNext: 100, failStatus: 503 });
    try {
      assert.equal((await api('POST', `/access-requests/${requestId}/decision`, { approve: false })).statusCode, 200, 'the decision does not wait for V-APEX');
      await runner.drain();
      const [failing] = await decisionJobs(requestId);
      assert.deepEqual([failing?.status, failing?.attempts], ['pending', 1], 'the job waits to try again');
      assert.match(failing?.last_error ?? '', /503/);
    } finally {
      await setSandboxFaults(sandbox.url, 'vapex', null);
    }
    assert.equal((await approvalOnVapex(later))?.status, 'pending', 'V-APEX not told yet');
    await t.database.db.execute(sql`update platform.jobs set run_at = now() where status = 'pending' and queue = ${VAPEX_DECISION_QUEUE}`);
    await runner.drain();
    const told = await approvalOnVapex(later);
    assert.equal(told?.status, 'rejected');
    assert.match(told?.reason ?? '', /từ chối/, 'a default reason when the official gave none');
    assert.deepEqual((await decisionJobs(requestId)).map((j) => [j.status, j.attempts]), [['done', 2]]);

    // A refusal V-APEX caused (its subscription cancelled while pending, above) is not sent back to it.
    const [byVapex] = await queryRows<{ refused: number; sent: number }>(t.database.db, sql`
      select count(*)::int as refused, count(j.id)::int as sent from lgsp.access_requests r
        left join platform.jobs j on j.queue = ${VAPEX_DECISION_QUEUE} and j.payload->>'requestId' = r.id::text
      where r.decided_by = 'vapex'`);
    assert.deepEqual([byVapex!.refused > 0, byVapex!.sent], [true, 0]);
  });
});
