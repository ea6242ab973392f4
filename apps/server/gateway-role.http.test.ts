import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDataPlaneApp, openDatabase, type Database } from '../../packages/platform/index.ts';
import { buildGatewayApp, type GatewayPlatform } from './gateway-role.ts';
import { createTestPlatform, type TestPlatform } from './testing.ts';

/** `--role gateway` (decision 0034): the data plane alone, on the lean listener, over the platform's database. */
describe('--role gateway: the LGSP data plane alone', () => {
  let t: TestPlatform;
  let gateway: GatewayPlatform;
  let database: Database;

  before(async () => {
    t = await createTestPlatform();
    const url = (t.database as Database & { url?: string }).url;
    database = url ? await openDatabase({ url, poolSize: 2 }) : t.database;
    gateway = await buildGatewayApp(t.config, database);
    await gateway.app.ready();
  });
  after(async () => {
    await gateway?.app.close();
    if (database && database !== t?.database) await database.close();
    await t?.close();
  });

  it('serves health, readiness and the gateway; not the API, the sign-in or the web app', async () => {
    assert.equal((await gateway.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    const ready = await gateway.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200, ready.body);
    const clients = await gateway.app.inject({ method: 'GET', url: '/lgsp/listClients' });
    assert.equal(clients.statusCode, 200);
    assert.match(String(clients.headers['content-type']), /xml/);
    for (const url of ['/api/lgsp/members', '/oidc/.well-known/openid-configuration', '/']) {
      const answer = await gateway.app.inject({ method: 'GET', url });
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.json().code, 'route.not_found');
    }
  });

  it('answers a message with an X-Road fault, a request id and none of the browser headers of the platform', async () => {
    const answer = await gateway.app.inject({ method: 'GET', url: '/lgsp/r1/VN/GOV/000.00.00.H19/DATA/echo/x', headers: { 'x-road-client': 'VN/GOV/000.00.00.H19/CLIENT' } });
    assert.equal(answer.statusCode, 500);
    assert.equal(answer.headers['x-road-error'], 'Server.ClientProxy.SslAuthenticationFailed');
    assert.ok(answer.headers['x-request-id']);
    assert.equal(answer.headers['content-security-policy'], undefined);
    assert.equal(answer.headers['content-encoding'], undefined);
  });

  it('drains: /ready answers 503 once shutdown begins', async () => {
    gateway.beginDrain();
    const answer = await gateway.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.json().draining, true);
  });

  it('the data plane refuses to register a route that is not public', () => {
    const app = createDataPlaneApp({ logLevel: 'silent', bodyLimitBytes: 1024 });
    assert.throws(() => app.get('/admin', { config: { access: 'lgsp.manage' } }, async () => 'no'), /public routes only/);
  });
});
