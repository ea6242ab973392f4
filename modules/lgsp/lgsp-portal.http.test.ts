import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { hashClientSecret } from '../identity/index.ts';
import { queryRows } from '../../packages/platform/index.ts';
import { freePort } from '../../apps/server/start.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';

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

function startEcho(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, client: req.headers['x-road-client'], body: Buffer.concat(chunks).toString('utf8') })));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('LGSP developer portal: documentation, "try it" and usage', () => {
  let t: TestPlatform;
  let admin: string;
  let consumerAdmin: string;
  /** LGSP administrator of an agency that is no member: sees no one's calls. */
  let strangerAdmin: string;
  let echo: { server: Server; url: string };
  const ids = { consumerSubsystem: '', service: '' };
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token = admin) =>
    t.app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const records = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from lgsp.operational_records`))[0]!.n);
  const tryCall = (extra: Record<string, unknown> = {}, token = consumerAdmin) =>
    api('POST', '/try', { serviceId: ids.service, subsystemId: ids.consumerSubsystem, method: 'GET', path: '/echo/an?x=1', purpose: 'Thử tích hợp một cửa', ...extra }, token);

  before(async () => {
    // The "try it" console calls the gateway at the public URL: listen there.
    const port = await freePort();
    t = await createTestPlatform({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    await t.app.listen({ port, host: '127.0.0.1' });
    admin = await adminToken(t);
    echo = await startEcho();
    const agencies = await t.modules.catalog.service.listAgencies();
    const root = agencies.find((a) => a.parentId === null)!;
    const [department, other] = agencies.filter((a) => a.parentId === root.id && a.kind === 'department');
    const repo = t.modules.identity.service.repo;
    await repo.insertServiceClient({ clientId: CONSUMER_CLIENT, name: 'consumer', secretHash: hashClientSecret('portal-test-consumer-secret-0123'), agencyId: department!.id, permissions: [], scopes: ['lgsp'] });
    await repo.insertServiceClient({ clientId: 'portal-dept-admin', name: 'dept admin', secretHash: hashClientSecret('portal-dept-admin-secret'), agencyId: department!.id, permissions: ['lgsp.manage'] });
    await repo.insertServiceClient({ clientId: 'portal-other-admin', name: 'other admin', secretHash: hashClientSecret('portal-other-admin-secret'), agencyId: other!.id, permissions: ['lgsp.manage'] });
    consumerAdmin = await t.clientToken('portal-dept-admin', 'portal-dept-admin-secret');
    strangerAdmin = await t.clientToken('portal-other-admin', 'portal-other-admin-secret');

    const provider = (await api('POST', '/members', { agencyCode: root.code, memberClass: 'GOV' })).json();
    const consumer = (await api('POST', '/members', { agencyCode: department!.code, memberClass: 'GOV' }, consumerAdmin)).json();
    const providerSub = (await api('POST', `/members/${provider.id}/subsystems`, { code: 'SANDBOX', name: 'Hộp cát' })).json();
    const consumerSub = await api('POST', `/members/${consumer.id}/subsystems`, { code: 'PORTAL', name: 'Một cửa', clientId: CONSUMER_CLIENT }, consumerAdmin);
    assert.equal(consumerSub.statusCode, 201, consumerSub.body);
    ids.consumerSubsystem = consumerSub.json().id;
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
