import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { runXroadContract } from '../../packages/xroad/testing.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { agencyAdmin, countRows, gatewayClient, insertGatewayClient, lgspApi, listenOnLoopback, listenServer, providerAndConsumer, seededAgencies } from './lgsp.test-support.ts';

/** The registry, access rights, gateway and message log through the whole platform, the gateway over real HTTP to an echo provider on loopback. */

const CONSUMER = { clientId: 'lgsp-test-consumer', secret: 'lgsp-test-consumer-secret-0123456789' };
const OTHER = { clientId: 'lgsp-test-other', secret: 'lgsp-test-other-secret-0123456789abc' };

const citizensV1 = {
  openapi: '3.0.3', info: { title: 'Citizens', version: '1.0.0' },
  paths: { '/citizens/{id}': { get: {} }, '/citizens': { post: {} } },
};
const citizensV2 = {
  openapi: '3.0.3', info: { title: 'Citizens', version: '2.0.0' },
  paths: { '/citizens/{id}': { get: {} }, '/citizens/{id}/photo': { get: {} } },
};
const enterprises = { openapi: '3.1.0', info: { title: 'Enterprises', version: '1' }, paths: { '/enterprises/{code}': { get: {} } } };

interface Echoed { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }

function startEcho() {
  const seen: Echoed[] = [];
  const flaky = new Set<string>();
  let document: unknown = citizensV1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/v1/flaky/')) {
        // The first call of each path loses its connection; the next one is answered.
        const first = !flaky.has(req.url);
        flaky.add(req.url);
        if (first) {
          req.socket.destroy();
          return;
        }
      }
      if (req.url === '/v1/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 1500);
        return;
      }
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
        return;
      }
      const echoed = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(echoed);
      res.writeHead(200, { 'content-type': 'application/json', 'x-provider': 'echo', connection: 'x-hop', 'x-hop': 'only-for-the-next-hop' }).end(JSON.stringify(echoed));
    });
  });
  return {
    seen, server,
    setDocument: (doc: unknown) => { document = doc; },
    listen: () => listenServer(server),
  };
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }
/** Exactly this request line (no URL normalisation, unlike fetch). */
function send(base: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('LGSP: registry, access rights, gateway and message log', () => {
  let t: TestPlatform;
  let admin: string;
  /** LGSP administrator of the consumer's agency only (the provider's is `admin`, at the root agency). */
  let consumerAdmin: string;
  let gatewayToken: string;
  let gatewayUrl: string;
  let providerUrl: string;
  const echo = startEcho();
  const ids = { provider: '', consumer: '', providerSubsystem: '', consumerSubsystem: '', otherSubsystem: '', citizens: '', enterprises: '' };
  const xroad = { provider: '', consumer: '', other: '' };
  const { api, created } = lgspApi(() => t, () => admin);
  const asConsumer = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${gatewayToken}`, 'x-road-client': xroad.consumer, ...extra });
  const count = (name: string) => countRows(t, name);

  before(async () => {
    t = await createTestPlatform();
    admin = await adminToken(t);
    providerUrl = await echo.listen();
    const { root, department } = await seededAgencies(t);
    gatewayToken = await gatewayClient(t, department.id, CONSUMER);
    await insertGatewayClient(t, department.id, OTHER);
    consumerAdmin = await agencyAdmin(t, department.id, 'lgsp-test-dept-admin');

    const { provider, consumer, providerSub, consumerSubs: [consumerSub, otherSub] } = await providerAndConsumer(created, {
      root, department, departmentAdmin: consumerAdmin, provider: { code: 'DATA', name: 'Kho dữ liệu' },
      consumers: [{ code: 'ONEGATE', name: 'Một cửa', clientId: CONSUMER.clientId }, { code: 'OTHER', name: 'Khác', clientId: OTHER.clientId }],
    });
    Object.assign(ids, { provider: provider.id, consumer: consumer.id, providerSubsystem: providerSub.id, consumerSubsystem: consumerSub!.id, otherSubsystem: otherSub!.id });
    Object.assign(xroad, { provider: providerSub.xroadId, consumer: consumerSub!.xroadId, other: otherSub!.xroadId });

    const citizens = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'citizens', name: 'Công dân', baseUrl: `${providerUrl}/v1`, openApiUrl: `${providerUrl}/openapi.json` });
    assert.equal(citizens.statusCode, 201, citizens.body);
    ids.citizens = citizens.json().id;
    const uploaded = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'enterprises', name: 'Doanh nghiệp', baseUrl: `${providerUrl}/biz`, openApi: enterprises });
    ids.enterprises = uploaded.json().id;
    for (const id of [ids.citizens, ids.enterprises]) assert.equal((await api('PUT', `/services/${id}/status`, { status: 'published' })).statusCode, 200);

    gatewayUrl = `${await listenOnLoopback(t)}/lgsp`;
  });
  after(async () => {
    await t.close();
    echo.server.close();
  });

  it('registers a service from its OpenAPI URL, X-Road style, as a draft that moves only forward', async () => {
    const service = (await api('GET', `/services/${ids.citizens}`)).json();
    assert.equal(service.xroadId, `${xroad.provider}/citizens/v1`);
    assert.match(xroad.provider, /^VN\/GOV\/[^/]+\/DATA$/);
    assert.deepEqual(service.endpoints, [{ method: 'GET', path: '/citizens/*' }, { method: 'POST', path: '/citizens' }]);
    assert.equal(service.status, 'published');
    assert.equal(service.baseUrl, `${providerUrl}/v1`, "the provider's administrators see its address");
    // Anyone else signed in reads the registry without the provider's addresses (they call it through the gateway).
    const reader = await t.clientToken();
    const seen = [(await api('GET', `/services/${ids.citizens}`, undefined, reader)).json(), (await api('GET', '/services', undefined, reader)).json().find((s: { id: string }) => s.id === ids.citizens)];
    for (const shown of seen) assert.deepEqual([shown.xroadId, 'baseUrl' in shown, shown.openApiUrl], [service.xroadId, false, null]);
    assert.equal((await api('GET', '/services', undefined, reader)).body.includes(providerUrl), false, 'no address of any provider in the list');
    const back = await api('PUT', `/services/${ids.citizens}/status`, { status: 'draft' });
    assert.equal(back.statusCode, 409);
    assert.equal(back.json().code, 'lgsp.invalid_transition');
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const before = await count('members');
    const unknown = await api('POST', '/members', { agencyCode: 'NO.SUCH.AGENCY', memberClass: 'GOV' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'lgsp.agency_not_found');
    assert.equal((await api('POST', '/members', { agencyCode: 'x', memberClass: 'G/V' })).json().code, 'request.invalid');
    const notOpenApi = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'bad', name: 'x', baseUrl: `${providerUrl}/x`, openApi: { swagger: '2.0' } });
    assert.equal(notOpenApi.json().code, 'lgsp.openapi_invalid');
    const badUrl = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'bad', name: 'x', baseUrl: 'file:///etc/passwd', openApi: enterprises });
    assert.equal(badUrl.json().code, 'lgsp.invalid_url');
    const badPattern = await api('POST', `/services/${ids.citizens}/rights`, { subsystemId: ids.consumerSubsystem, pathPattern: '/a/../b' });
    assert.equal(badPattern.json().code, 'lgsp.invalid_pattern');
    const pastExpiry = await api('POST', `/services/${ids.citizens}/rights`, { subsystemId: ids.consumerSubsystem, expiresAt: '2020-01-01T00:00:00Z' });
    assert.equal(pastExpiry.json().code, 'lgsp.invalid_expiry');
    assert.equal(await count('members'), before);
    assert.equal(await count('access_rights'), 0);
    // Without lgsp.manage (the demo system client holds report.read only): 403, nothing written.
    const forbidden = await api('POST', '/members', { agencyCode: 'x', memberClass: 'GOV' }, await t.clientToken());
    assert.equal(forbidden.statusCode, 403);
  });

  it('denies by default, then allows exactly the granted endpoint pattern until the right expires', async () => {
    const denied = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/001099012345`, asConsumer());
    assert.equal(denied.status, 500);
    assert.equal(denied.headers['x-road-error'], 'Server.ServerProxy.AccessDenied');

    const right = await api('POST', `/services/${ids.citizens}/rights`, { subsystemId: ids.consumerSubsystem, method: 'GET', pathPattern: '/citizens/*' });
    assert.equal(right.statusCode, 201, right.body);
    const allowed = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/001099012345?fields=name`, asConsumer({ 'x-purpose': 'Giai quyet TTHC 1.001234' }));
    assert.equal(allowed.status, 200, allowed.body);
    const echoed = JSON.parse(allowed.body) as Echoed;
    assert.equal(echoed.url, '/v1/citizens/001099012345?fields=name');
    assert.equal(echoed.headers['x-road-client'], xroad.consumer);
    assert.equal(echoed.headers.authorization, undefined, 'the gateway token never reaches the provider');
    assert.equal(echoed.headers['x-purpose'], 'Giai quyet TTHC 1.001234');
    assert.equal(allowed.headers['x-provider'], 'echo');
    assert.equal(allowed.headers['x-hop'], undefined, 'hop-by-hop headers (named by Connection) are stripped');
    assert.ok(String(allowed.headers['x-road-request-hash']).length > 40);

    for (const [method, path] of [['POST', '/citizens'], ['GET', '/citizens/1/photo'], ['GET', '/citizens']]) {
      const refused = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens${path}`, asConsumer(), method, method === 'POST' ? '{}' : undefined);
      assert.equal(refused.headers['x-road-error'], 'Server.ServerProxy.AccessDenied', `${method} ${path}`);
    }

    const expiring = await api('POST', `/services/${ids.enterprises}/rights`, { subsystemId: ids.consumerSubsystem, expiresAt: new Date(Date.now() + 1500).toISOString() });
    assert.equal(expiring.statusCode, 201);
    assert.equal((await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/enterprises/enterprises/1`, asConsumer())).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/enterprises/enterprises/1`, asConsumer());
    assert.equal(expired.headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    await api('DELETE', `/rights/${expiring.json().id}`);
  });

  it('grants through a group: its members may call the granted endpoint, others may not', async () => {
    const otherToken = await t.clientToken(OTHER.clientId, OTHER.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
    const asOther = { authorization: `Bearer ${otherToken}`, 'x-road-client': xroad.other };
    const url = `/lgsp/r1/${xroad.provider}/enterprises/enterprises/0301234567`;
    assert.equal((await send(gatewayUrl, url, asOther)).headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    const group = await api('POST', '/groups', { code: 'TAX-READERS', name: 'Đọc dữ liệu doanh nghiệp' });
    assert.equal(group.statusCode, 201, group.body);
    const joined = await api('POST', `/groups/${group.json().id}/members`, { subsystemId: ids.otherSubsystem });
    assert.deepEqual(joined.json().subsystemIds, [ids.otherSubsystem]);
    const listed = await api('GET', '/groups');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual((listed.json() as { code: string; subsystemIds: string[] }[]).find((g) => g.code === 'TAX-READERS')?.subsystemIds, [ids.otherSubsystem]);
    const right = await api('POST', `/services/${ids.enterprises}/rights`, { groupId: group.json().id, method: 'GET', pathPattern: '/enterprises/{code}' });
    assert.equal(right.statusCode, 201, right.body);
    assert.equal((await send(gatewayUrl, url, asOther)).status, 200);
    assert.equal((await send(gatewayUrl, `${url}/owners`, asOther)).headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    // The consumer's other subsystem is not in the group.
    assert.equal((await send(gatewayUrl, url, asConsumer())).headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    await api('DELETE', `/rights/${right.json().id}`);
  });

  it('lets a consumer request access and the provider approve or refuse it, once', async () => {
    const asked = await api('POST', '/access-requests', { serviceId: ids.citizens, subsystemId: ids.consumerSubsystem, method: 'POST', pathPattern: '/citizens', reason: 'Tạo hồ sơ công dân' }, consumerAdmin);
    assert.equal(asked.statusCode, 201, asked.body);
    assert.equal(asked.json().status, 'pending');
    const before = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens`, asConsumer({ 'content-type': 'application/json' }), 'POST', '{"a":1}');
    assert.equal(before.headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    // Only the provider's administrator decides.
    const byConsumer = await api('POST', `/access-requests/${asked.json().id}/decision`, { approve: true }, consumerAdmin);
    assert.equal(byConsumer.statusCode, 403);
    assert.equal(byConsumer.json().code, 'lgsp.out_of_scope');
    const approved = await api('POST', `/access-requests/${asked.json().id}/decision`, { approve: true, note: 'Đồng ý' });
    assert.equal(approved.json().status, 'approved');
    const after = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens`, asConsumer({ 'content-type': 'application/json' }), 'POST', '{"a":1}');
    assert.equal(after.status, 200, after.body);
    assert.equal((JSON.parse(after.body) as Echoed).body, '{"a":1}');
    const again = await api('POST', `/access-requests/${asked.json().id}/decision`, { approve: false });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'lgsp.request_decided');
  });

  it('refuses a credential that does not match X-Road-Client, or is not a gateway token', async () => {
    const other = await t.clientToken(OTHER.clientId, OTHER.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
    const mismatch = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/1`, { authorization: `Bearer ${other}`, 'x-road-client': xroad.consumer });
    assert.equal(mismatch.status, 500);
    assert.equal(mismatch.headers['x-road-error'], 'Server.ClientProxy.SslAuthenticationFailed');
    assert.match(JSON.parse(mismatch.body).message, /does not match the credential/);
    const apiToken = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/1`, { authorization: `Bearer ${await t.clientToken()}`, 'x-road-client': xroad.consumer });
    assert.equal(apiToken.headers['x-road-error'], 'Server.ClientProxy.SslAuthenticationFailed');
  });

  it('refuses paths that escape the service (dot segments, encoded slashes, double encoding) before any provider call', async () => {
    const calls = echo.seen.length;
    for (const path of ['/citizens/../../admin', '/citizens/%2e%2e/%2e%2e/admin', '/citizens/..%2F..%2Fadmin', '/citizens/%252e%252e/admin', '/citizens%5c..%5cadmin']) {
      const refused = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens${path}`, asConsumer());
      assert.equal(refused.status, 400, path);
      assert.equal(refused.headers['x-road-error'], 'Client.BadRequest', path);
    }
    assert.equal(echo.seen.length, calls, 'the provider was never called');
  });

  it('retries a lost connection for idempotent methods only, and answers faults for a slow or unreachable provider and an oversized body', async () => {
    const grant = await api('POST', `/services/${ids.citizens}/rights`, { subsystemId: ids.consumerSubsystem, pathPattern: '/**' });
    assert.equal(grant.statusCode, 201);
    const retried = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/flaky/get`, asConsumer());
    assert.equal(retried.status, 200, retried.body);
    const notRetried = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/flaky/post`, asConsumer(), 'POST', 'x');
    assert.equal(notRetried.headers['x-road-error'], 'Server.ServerProxy.NetworkError');
    const slowService = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'slow', name: 'Chậm', baseUrl: `${providerUrl}/v1`, openApi: citizensV1, timeoutMs: 300 });
    await api('PUT', `/services/${slowService.json().id}/status`, { status: 'published' });
    await api('POST', `/services/${slowService.json().id}/rights`, { subsystemId: ids.consumerSubsystem });
    const slow = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/slow/slow`, asConsumer());
    assert.equal(slow.status, 500);
    assert.equal(slow.headers['x-road-error'], 'Server.ServerProxy.ServiceFailed');
    const down = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'down', name: 'Ngừng', baseUrl: 'http://127.0.0.1:9/v1', openApi: citizensV1 });
    await api('PUT', `/services/${down.json().id}/status`, { status: 'published' });
    await api('POST', `/services/${down.json().id}/rights`, { subsystemId: ids.consumerSubsystem });
    assert.equal((await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/down/x`, asConsumer())).headers['x-road-error'], 'Server.ServerProxy.NetworkError');
    const calls = echo.seen.length;
    const oversized = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens`, asConsumer({ 'content-type': 'application/octet-stream' }), 'POST', 'x'.repeat(10 * 1024 * 1024 + 1));
    assert.equal(oversized.status, 400);
    assert.equal(oversized.headers['x-road-error'], 'Client.BadRequest');
    assert.equal(echo.seen.length, calls, 'an oversized body never reaches the provider');
    await api('DELETE', `/rights/${grant.json().id}`);
  });

  it('refreshes a description: a new version with the endpoints added and removed', async () => {
    echo.setDocument(citizensV2);
    const refreshed = await api('POST', `/services/${ids.citizens}/refresh`, {});
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(refreshed.json().changed, true);
    assert.deepEqual(refreshed.json().diff, { added: [{ method: 'GET', path: '/citizens/*/photo' }], removed: [{ method: 'POST', path: '/citizens' }] });
    assert.equal(refreshed.json().service.xroadId, `${xroad.provider}/citizens/v2`);
    const unchanged = await api('POST', `/services/${ids.citizens}/refresh`, {});
    assert.equal(unchanged.json().changed, false);
    const versions = (await api('GET', `/services/${ids.citizens}/versions`)).json();
    assert.deepEqual(versions.map((v: { version: number; label: string }) => [v.version, v.label]), [[2, '2.0.0'], [1, '1.0.0']]);
  });

  it('logs every exchange in a hash chain before answering; a tampered record is detected', async () => {
    await t.modules.lgsp.messageLog.flush();
    const rows = await queryRows<{ n: number; purposes: number; faults: number }>(t.database.db,
      sql`select count(*)::int as n, count(purpose)::int as purposes, count(fault)::int as faults from lgsp.message_log`);
    assert.ok(rows[0]!.n >= 15, `records: ${rows[0]!.n}`);
    assert.ok(rows[0]!.purposes >= 1 && rows[0]!.faults >= 5);
    const paths = await queryRows<{ path: string }>(t.database.db, sql`select path from lgsp.message_log where path like '/citizens/%'`);
    assert.ok(paths.length > 0 && !paths.some((r) => r.path.includes('001099012345')), 'personal id numbers are masked in the log');
    assert.deepEqual(await t.modules.lgsp.verifyLog(), { ok: true, records: rows[0]!.n });

    await t.database.db.execute(sql`update lgsp.message_log set status = status + 1 where seq = 2`);
    const tampered = await t.modules.lgsp.verifyLog();
    assert.equal(tampered.ok, false);
    assert.equal(!tampered.ok && tampered.seq, 2);
    assert.equal(!tampered.ok && tampered.problem, 'hash');
  });

  describe('the X-Road protocol contract (PR-REST, PR-META, PR-MREST) against the LGSP gateway', () => {
    runXroadContract(() => ({
      baseUrl: gatewayUrl,
      instance: 'VN',
      client: { id: xroad.consumer, credentials: { Authorization: `Bearer ${gatewayToken}` } },
      unhashedHeaders: ['authorization'],
      badCredentials: { Authorization: 'Bearer not-a-valid-token-0123456789' },
      allowedService: { id: `${xroad.provider}/citizens`, path: '/citizens/1' },
      deniedService: `${xroad.provider}/enterprises`,
      unknownService: `${xroad.provider}/no-such-service`,
      provider: { id: xroad.provider, openApiServiceCode: 'citizens' },
    }));
  });

  it('withholds the provider\'s answer when its log record cannot be committed', async () => {
    const grant = await api('POST', `/services/${ids.citizens}/rights`, { subsystemId: ids.consumerSubsystem, method: 'GET' });
    await t.database.db.execute(sql`alter table lgsp.message_log rename to message_log_away`);
    try {
      const withheld = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/7`, asConsumer());
      assert.equal(withheld.status, 500);
      assert.equal(withheld.headers['x-road-error'], 'Server.ClientProxy.InternalError');
      assert.equal(withheld.headers['x-provider'], undefined);
      assert.doesNotMatch(withheld.body, /citizens\/7/);
    } finally {
      await t.database.db.execute(sql`alter table lgsp.message_log_away rename to message_log`);
    }
    assert.equal((await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/7`, asConsumer())).status, 200);
    await api('DELETE', `/rights/${grant.json().id}`);
  });
  it('validates requests against the OpenAPI document when its provider turns it on: an invalid one is a logged Client.BadRequest that never reaches the provider', async () => {
    const orders = {
      openapi: '3.0.3', info: { title: 'Orders', version: '1' },
      components: { schemas: { Order: { type: 'object', required: ['code', 'quantity'], properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' }, quantity: { type: 'integer', minimum: 1 } } } } },
      paths: {
        '/orders': {
          get: { parameters: [{ name: 'page', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } }] },
          post: { requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } },
        },
        '/orders/{id}': { get: {} },
      },
    };
    const created = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'orders', name: 'Đơn hàng', baseUrl: `${providerUrl}/orders-api`, openApi: orders });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.equal(created.json().validateRequests, false, 'off by default');
    assert.equal((await api('PUT', `/services/${id}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${id}/rights`, { subsystemId: ids.consumerSubsystem })).statusCode, 201);
    const url = `/lgsp/r1/${xroad.provider}/orders`;
    const json = asConsumer({ 'content-type': 'application/json' });

    // Off: whatever the consumer sends reaches the provider.
    const seen = echo.seen.length;
    assert.equal((await send(gatewayUrl, `${url}/orders`, json, 'POST', '{"code":"x"}')).status, 200);
    assert.equal(echo.seen.length, seen + 1);

    const notProvider = await api('PUT', `/services/${id}/request-validation`, { validateRequests: true }, consumerAdmin);
    assert.equal(notProvider.statusCode, 403);
    assert.equal(notProvider.json().code, 'lgsp.out_of_scope');
    const bad = await api('PUT', `/services/${id}/request-validation`, { validateRequests: 'yes' });
    assert.equal(bad.statusCode, 400);
    const on = await api('PUT', `/services/${id}/request-validation`, { validateRequests: true });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().validateRequests, true);

    const logged = await count('message_log');
    const refusals: [path: string, method: string, body: string | undefined, detail: RegExp][] = [
      [`${url}/orders`, 'POST', '{"code":"x"}', /body must have required property 'quantity'/],
      [`${url}/orders`, 'POST', '{"code":"ABC","quantity":0}', /body\/quantity must be >= 1/],
      [`${url}/orders`, 'POST', '{not json', /not valid JSON/],
      [`${url}/orders`, 'POST', undefined, /A request body is required/],
      [`${url}/orders`, 'GET', undefined, /query parameter page is required/],
      [`${url}/orders?page=zero`, 'GET', undefined, /query parameter page must be integer/],
      [`${url}/invoices`, 'GET', undefined, /No operation .* matches \/invoices/],
      [`${url}/orders/7`, 'DELETE', undefined, /no DELETE operation on \/orders\/7/],
    ];
    for (const [path, method, body, detail] of refusals) {
      const refused = await send(gatewayUrl, path, json, method, body);
      assert.equal(refused.status, 400, `${method} ${path}: ${refused.body}`);
      assert.equal(refused.headers['x-road-error'], 'Client.BadRequest');
      assert.match(refused.body, detail);
    }
    assert.equal(echo.seen.length, seen + 1, 'no invalid request reached the provider');
    assert.equal(await count('message_log'), logged + refusals.length, 'every refusal is in the message log');

    for (const [path, method, body] of [[`${url}/orders`, 'POST', '{"code":"ABC","quantity":2}'], [`${url}/orders?page=2`, 'GET', undefined], [`${url}/orders/7`, 'GET', undefined]] as const) {
      const passed = await send(gatewayUrl, path, json, method, body);
      assert.equal(passed.status, 200, `${method} ${path}: ${passed.body}`);
    }
    assert.equal(echo.seen.length, seen + 4);

    // A new version of the description is what the gateway checks next (its compiled checks are dropped with the cache).
    const v2 = structuredClone(orders);
    v2.components.schemas.Order.properties.quantity.minimum = 5;
    assert.equal((await api('POST', `/services/${id}/refresh`, { openApi: v2 })).json().changed, true);
    const stricter = await send(gatewayUrl, `${url}/orders`, json, 'POST', '{"code":"ABC","quantity":2}');
    assert.equal(stricter.status, 400, stricter.body);
    assert.match(stricter.body, /quantity must be >= 5/);
  });

  it("applies a service's own quotas set by its provider (a consumer's override, else the default), audited, and refuses bad ones", async () => {
    const services = (await api('GET', '/services')).json() as { id: string; code: string }[];
    const id = services.find((x) => x.code === 'orders')!.id;
    const url = `/lgsp/r1/${xroad.provider}/orders/orders/1`;
    const notProvider = await api('PUT', `/services/${id}/quotas`, { scope: 'consumer', limit: 1, windowSeconds: 60 }, consumerAdmin);
    assert.equal(notProvider.statusCode, 403);
    assert.equal(notProvider.json().code, 'lgsp.out_of_scope');
    const mixed = await api('PUT', `/services/${id}/quotas`, { scope: 'service', subsystemId: ids.consumerSubsystem, limit: 1, windowSeconds: 60 });
    assert.equal(mixed.statusCode, 400);
    assert.equal(mixed.json().code, 'lgsp.invalid_quota');
    assert.equal((await api('PUT', `/services/${id}/quotas`, { scope: 'consumer', limit: 0, windowSeconds: 60 })).statusCode, 400);
    assert.deepEqual((await api('GET', `/services/${id}/quotas`)).json(), [], 'nothing written by the refused changes');

    // Each consumer's default 1 a minute; this consumer's own override 3 a minute.
    assert.equal((await api('PUT', `/services/${id}/quotas`, { scope: 'consumer', limit: 1, windowSeconds: 3600 })).statusCode, 200);
    const set = await api('PUT', `/services/${id}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSubsystem, limit: 3, windowSeconds: 3600 });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().map((q: { scope: string; subsystemId: string | null; limit: number }) => [q.scope, q.subsystemId, q.limit]).sort(), [['consumer', null, 1], ['consumer', ids.consumerSubsystem, 3]]);
    const audit = await queryRows<{ outcome: number }>(t.database.db, sql`select outcome from platform.audit_log where target like ${`%${id}/quotas`} order by seq`);
    assert.equal(audit.filter((a) => a.outcome === 200).length, 2, 'both changes are audited');

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(gatewayUrl, url, asConsumer())).status);
    const refused = await send(gatewayUrl, url, asConsumer());
    assert.deepEqual(statuses.slice(0, 3), [200, 200, 200], 'the override (3), not the default (1)');
    assert.equal(statuses[3], 400, 'a Client.* fault (PR-REST §4.6)');
    assert.equal(refused.headers['x-road-error'], 'Client.QuotaExceeded');
    assert.match(refused.body, /quota of 3 messages per 3600 s/);

    // Removing the override: the default applies (already used up).
    assert.equal((await api('PUT', `/services/${id}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSubsystem, limit: null, windowSeconds: 3600 })).statusCode, 200);
    const byDefault = await send(gatewayUrl, url, asConsumer());
    assert.equal(byDefault.headers['x-road-error'], 'Client.QuotaExceeded');
    assert.match(byDefault.body, /quota of 1 messages per 3600 s/);
  });

  it('opens the circuit of a failing provider: after 5 failed calls the gateway refuses at once, without calling it', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    const down = await api('POST', `/subsystems/${ids.providerSubsystem}/services`, { code: 'failing', name: 'Hỏng', baseUrl: `http://127.0.0.1:${port}/v1`, openApi: enterprises });
    assert.equal(down.statusCode, 201, down.body);
    assert.equal((await api('PUT', `/services/${down.json().id}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${down.json().id}/rights`, { subsystemId: ids.consumerSubsystem })).statusCode, 201);
    for (let i = 0; i < 5; i++) {
      const failed = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/failing/x`, asConsumer(), 'POST', '{}');
      assert.equal(failed.headers['x-road-error'], 'Server.ServerProxy.NetworkError', `call ${i + 1}`);
    }
    const refused = await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/failing/x`, asConsumer(), 'POST', '{}');
    assert.equal(refused.status, 500);
    assert.equal(refused.headers['x-road-error'], 'Server.ServerProxy.ServiceFailed');
    assert.match(JSON.parse(refused.body).message, /circuit breaker open/);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    // Another provider's circuit is closed.
    assert.equal((await send(gatewayUrl, `/lgsp/r1/${xroad.provider}/citizens/citizens/1`, asConsumer())).headers['x-road-error'] === 'Server.ServerProxy.ServiceFailed', false);
  });
});
