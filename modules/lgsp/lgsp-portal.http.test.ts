import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { adminToken, type TestPlatform } from '../../apps/server/testing.ts';
import { agencyAdmin, countRows, insertGatewayClient, lgspApi, platformAtPublicUrl, providerAndConsumer, seededAgencies, startJsonEcho } from './lgsp.test-support.ts';

/**
 * The developer portal's API (decision 0034): a service's OpenAPI document, the sandbox flag, the
 * "try it" console (a real call through the gateway as the consumer's subsystem, logged and
 * monitored) and the consumer's usage per hour, each within its caller's scope.
 */

const CONSUMER_CLIENT = 'portal-test-consumer';
const echoDocument = {
  openapi: '3.0.3', info: { title: 'Echo', version: '1.0.0' },
  paths: { '/echo/{name}': { get: { parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok' } } } } },
};

const startEcho = () => startJsonEcho((req, body) => ({ method: req.method, url: req.url, client: req.headers['x-road-client'], body }));

describe('LGSP developer portal: documentation, "try it" and usage', () => {
  let t: TestPlatform;
  let admin: string;
  let consumerAdmin: string;
  /** LGSP administrator of an agency that is no member: sees no one's calls. */
  let strangerAdmin: string;
  let echo: { server: Server; url: string };
  const ids = { consumerSubsystem: '', service: '' };
  const { api, created } = lgspApi(() => t, () => admin);
  const records = () => countRows(t, 'operational_records');
  const tryCall = (extra: Record<string, unknown> = {}, token = consumerAdmin) =>
    api('POST', '/try', { serviceId: ids.service, subsystemId: ids.consumerSubsystem, method: 'GET', path: '/echo/an?x=1', purpose: 'Thử tích hợp một cửa', ...extra }, token);

  before(async () => {
    // The "try it" console calls the gateway at the public URL: listen there.
    ({ t } = await platformAtPublicUrl());
    admin = await adminToken(t);
    echo = await startEcho();
    const { root, departments: [department, other] } = await seededAgencies(t);
    await insertGatewayClient(t, department!.id, { clientId: CONSUMER_CLIENT, secret: 'portal-test-consumer-secret-0123' }, 'consumer');
    consumerAdmin = await agencyAdmin(t, department!.id, 'portal-dept-admin');
    strangerAdmin = await agencyAdmin(t, other!.id, 'portal-other-admin', 'other admin');

    const { providerSub, consumerSubs: [consumerSub] } = await providerAndConsumer(created, {
      root, department: department!, departmentAdmin: consumerAdmin, provider: { code: 'SANDBOX', name: 'Hộp cát' }, consumers: [{ code: 'PORTAL', name: 'Một cửa', clientId: CONSUMER_CLIENT }],
    });
    ids.consumerSubsystem = consumerSub!.id;
    const service = await api('POST', `/subsystems/${providerSub.id}/services`, { code: 'echo', name: 'Dịch vụ phản hồi', baseUrl: `${echo.url}/v1`, openApi: echoDocument });
    assert.equal(service.statusCode, 201, service.body);
    ids.service = service.json().id;
    assert.equal(service.json().sandbox, false, 'deny by default: no service is a sandbox until its provider says so');
    assert.equal((await api('PUT', `/services/${ids.service}/status`, { status: 'published' })).statusCode, 200);
  });
  after(async () => {
    await t.close();
    echo.server.close();
  });

  it('serves the stored OpenAPI document to any signed-in reader, 404 for an unknown service', async () => {
    const doc = await api('GET', `/services/${ids.service}/openapi`, undefined, consumerAdmin);
    assert.equal(doc.statusCode, 200);
    assert.deepEqual(doc.json(), echoDocument);
    const unknown = await api('GET', '/services/00000000-0000-4000-8000-000000000000/openapi');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'lgsp.service_not_found');
  });

  it('refuses to try a service that is not flagged sandbox, and only its provider may flag it', async () => {
    const before = await records();
    const refused = await tryCall();
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'lgsp.not_sandbox');
    const notProvider = await api('PUT', `/services/${ids.service}/sandbox`, { sandbox: true }, consumerAdmin);
    assert.equal(notProvider.statusCode, 403);
    assert.equal(notProvider.json().code, 'lgsp.out_of_scope');
    assert.equal(await records(), before, 'nothing reached the gateway');
    const flagged = await api('PUT', `/services/${ids.service}/sandbox`, { sandbox: true });
    assert.equal(flagged.statusCode, 200);
    assert.equal(flagged.json().sandbox, true);
  });

  it('refuses bad input with stable codes, before any call', async () => {
    const before = await records();
    for (const path of ['/../api/identity/me', '/echo/%2e%2e/x', '/echo/a%2Fb', 'echo', '/echo/a#b']) {
      const answer = await tryCall({ path });
      assert.equal(answer.statusCode, 400, path);
      assert.ok(['lgsp.try_invalid_path', 'request.invalid'].includes(answer.json().code), `${path}: ${answer.body}`);
    }
    const big = await tryCall({ method: 'POST', path: '/echo/x', body: 'đ'.repeat(40_000) });
    assert.equal(big.statusCode, 400);
    assert.equal(big.json().code, 'lgsp.try_body_too_large');
    const unknownField = await tryCall({ headers: { cookie: 'x' } });
    assert.equal(unknownField.json().code, 'request.invalid');
    // Another agency's administrator cannot call as this subsystem.
    const stranger = await tryCall({}, strangerAdmin);
    assert.equal(stranger.statusCode, 403);
    assert.equal(stranger.json().code, 'lgsp.out_of_scope');
    assert.equal(await records(), before);
  });

  it('calls through the gateway: denied without a right, answered once access is approved; logged, monitored and audited', async () => {
    const denied = await tryCall();
    assert.equal(denied.statusCode, 200, denied.body);
    assert.equal(denied.json().status, 500);
    assert.equal(denied.json().headers['x-road-error'], 'Server.ServerProxy.AccessDenied', 'the console goes through the access check');

    const asked = await api('POST', '/access-requests', { serviceId: ids.service, subsystemId: ids.consumerSubsystem, reason: 'Thử tích hợp' }, consumerAdmin);
    assert.equal(asked.statusCode, 201, asked.body);
    assert.equal((await api('POST', `/access-requests/${asked.json().id}/decision`, { approve: true, note: 'Đồng ý' })).statusCode, 200);

    const answered = await tryCall();
    assert.equal(answered.statusCode, 200, answered.body);
    const result = answered.json();
    assert.equal(result.status, 200, result.body);
    const echoed = JSON.parse(result.body);
    assert.equal(echoed.url, '/v1/echo/an?x=1');
    assert.match(echoed.client, /^VN\/GOV\/[^/]+\/PORTAL$/);
    assert.ok(result.messageId, 'the X-Road-Id of the exchange');
    assert.ok(result.durationMs > 0);

    await t.modules.lgsp.messageLog.flush();
    const [logged] = await queryRows<{ status: number; client: string }>(t.database.db, sql`select status, client from lgsp.message_log where message_id = ${result.messageId}`);
    assert.equal(logged?.status, 200);
    assert.equal(logged?.client, echoed.client);
    const [audit] = await queryRows<{ purpose: string; actor: string }>(t.database.db, sql`select purpose, actor from platform.audit_log where action = 'call lgsp.try' order by seq desc limit 1`);
    assert.equal(audit?.purpose, 'Thử tích hợp một cửa');
  });

  it("counts a consumer's own calls per hour, and no one else's", async () => {
    await t.modules.lgsp.messageLog.flush();
    const usage = await api('GET', '/monitoring/usage?bucket=hour', undefined, consumerAdmin);
    assert.equal(usage.statusCode, 200, usage.body);
    const buckets = usage.json() as { start: string; calls: number; failures: number }[];
    assert.equal(buckets.reduce((n, b) => n + b.calls, 0), 2, 'the denied call and the answered one');
    assert.equal(buckets.reduce((n, b) => n + b.failures, 0), 1);
    assert.match(buckets[0]!.start, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
    const days = (await api('GET', '/monitoring/usage?bucket=day', undefined, consumerAdmin)).json() as { start: string }[];
    assert.ok(days.every((d) => d.start.endsWith('T17:00:00.000Z')), 'a day starts at midnight in Vietnam (UTC+7)');
    assert.deepEqual((await api('GET', '/monitoring/usage', undefined, strangerAdmin)).json(), []);
    const badBucket = await api('GET', '/monitoring/usage?bucket=week', undefined, consumerAdmin);
    assert.equal(badBucket.statusCode, 400);
  });
});
