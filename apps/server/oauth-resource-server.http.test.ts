import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_SERVICE_CLIENT, hashClientSecret } from '../../modules/identity/index.ts';
import { createTestPlatform, officialToken, type TestPlatform } from './testing.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';
const GATEWAY = { clientId: 'gateway-test', secret: 'gateway-test-secret-0123456789abcdef' };

describe('the API as an OAuth 2 resource server (RFC 6750, RFC 8707)', () => {
  let t: TestPlatform;
  const get = (url: string, token?: string) => t.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const introspect = (token: string, id: string, secret: string) =>
    t.app.inject({ method: 'POST', url: '/oidc/token/introspection', headers: { authorization: basic(id, secret), 'content-type': FORM }, payload: `token=${token}` });

  before(async () => {
    t = await createTestPlatform();
    const root = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null);
    // A resource server of its own (as the LGSP gateway will be): may obtain `lgsp` tokens and introspect.
    await t.modules.identity.service.repo.insertServiceClient({
      clientId: GATEWAY.clientId, name: 'gateway', secretHash: hashClientSecret(GATEWAY.secret), agencyId: root?.id ?? '',
      permissions: ['report.read'], scopes: ['api', 'lgsp'], resourceServer: true,
    });
  });
  after(async () => t.close());

  it('refuses a token without the api scope with 403 auth.insufficient_scope and a Bearer challenge', async () => {
    const unscoped = await t.clientToken(undefined, undefined, {});
    const response = await get('/api/tthc/notifications', unscoped);
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json().code, 'auth.insufficient_scope');
    assert.match(String(response.headers['www-authenticate']), /^Bearer realm="sen", error="insufficient_scope", error_description="[^"]+", scope="api"$/);
    // A system client is not issued scopes it is not registered for.
    await assert.rejects(t.clientToken(undefined, undefined, { scope: 'openid' }), /invalid_scope/);
    const scoped = await get('/api/tthc/notifications', await t.clientToken());
    assert.equal(scoped.statusCode, 200);
  });

  it('challenges a 401 as RFC 6750 §3 says: no error without credentials, invalid_token with a bad one', async () => {
    const none = await get('/api/tthc/notifications');
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="sen"');
    const bad = await get('/api/tthc/notifications', 'not-a-token-at-all-0123456789');
    assert.equal(bad.statusCode, 401);
    assert.match(String(bad.headers['www-authenticate']), /^Bearer realm="sen", error="invalid_token", error_description="auth\.invalid_token: [^"]+"$/);
    const forbidden = await get('/api/identity/officials', await t.clientToken());
    assert.equal(forbidden.statusCode, 403);
    assert.match(String(forbidden.headers['www-authenticate']), /error="insufficient_scope", error_description="auth\.forbidden: /);
  });

  it('refuses a token issued for another resource (audience)', async () => {
    const lgsp = await t.clientToken(GATEWAY.clientId, GATEWAY.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
    const refused = await get('/api/identity/permissions', lgsp);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'auth.invalid_token');
    const described = (await introspect(lgsp, GATEWAY.clientId, GATEWAY.secret)).json();
    assert.equal(described.aud, `${t.config.publicUrl}/lgsp`);
    const api = await t.clientToken(GATEWAY.clientId, GATEWAY.secret);
    assert.equal((await get('/api/identity/permissions', api)).statusCode, 200);
    assert.equal((await introspect(api, GATEWAY.clientId, GATEWAY.secret)).json().aud, `${t.config.publicUrl}/api`);
    const unknown = await t.app.inject({
      method: 'POST', url: '/oidc/token', headers: { authorization: basic(GATEWAY.clientId, GATEWAY.secret), 'content-type': FORM },
      payload: `grant_type=client_credentials&scope=api&resource=${encodeURIComponent('https://elsewhere.example/api')}`,
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error, 'invalid_target');
  });

  it('answers introspection only to the token’s own client or a resource server', async () => {
    const userToken = await officialToken(t, 'motcua', 'Motcua@2026!');
    const byStranger = await introspect(userToken, DEMO_SERVICE_CLIENT.clientId, DEMO_SERVICE_CLIENT.secret);
    assert.equal(byStranger.statusCode, 200);
    assert.deepEqual(byStranger.json(), { active: false });
    const byResourceServer = (await introspect(userToken, GATEWAY.clientId, GATEWAY.secret)).json();
    assert.equal(byResourceServer.active, true);
    assert.ok(byResourceServer.sub);
    assert.equal(byResourceServer.scope, 'api');
    const own = await t.clientToken();
    assert.equal((await introspect(own, DEMO_SERVICE_CLIENT.clientId, DEMO_SERVICE_CLIENT.secret)).json().active, true);
  });

  it('accepts a client only with the authentication method it is registered with', async () => {
    const post = await t.app.inject({
      method: 'POST', url: '/oidc/token', headers: { 'content-type': FORM },
      payload: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', client_id: DEMO_SERVICE_CLIENT.clientId, client_secret: DEMO_SERVICE_CLIENT.secret }).toString(),
    });
    assert.equal(post.statusCode, 401, post.body);
    assert.equal(post.json().error, 'invalid_client');
    assert.ok(await t.clientToken(), 'client_secret_basic still works');
  });

  it('advertises in discovery only what Sen supports', async () => {
    const discovery = (await t.app.inject({ url: '/oidc/.well-known/openid-configuration' })).json();
    assert.deepEqual(discovery.response_types_supported, ['code']);
    assert.ok(!discovery.grant_types_supported.includes('implicit'));
    assert.deepEqual([...discovery.token_endpoint_auth_methods_supported].sort(), ['client_secret_basic', 'none']);
    assert.ok(discovery.scopes_supported.includes('api'));
  });

  it('declares the OAuth 2 scheme with its scopes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const scheme = doc.components.securitySchemes.sen;
    assert.equal(scheme.type, 'oauth2');
    assert.ok(scheme.flows.clientCredentials.scopes.api);
    assert.equal(scheme.flows.authorizationCode.tokenUrl, `${t.config.publicUrl}/oidc/token`);
    assert.equal(doc.components.securitySchemes.bearer, undefined);
    assert.deepEqual(doc.paths['/api/identity/permissions'].get.security, [{ sen: ['api'] }]);
    assert.deepEqual(doc.paths['/health'].get.security, []);
  });
});
