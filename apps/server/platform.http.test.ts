import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { auditKeys, queryRows, verifyAudit } from '../../packages/platform/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from './testing.ts';

describe('platform basics over HTTP', () => {
  let t: TestPlatform;
  let token: string;
  before(async () => {
    t = await createTestPlatform();
    token = await t.clientToken();
  });
  after(async () => t.close());

  it('answers liveness and readiness', async () => {
    assert.deepEqual((await t.app.inject({ url: '/health' })).json(), { status: 'ok' });
    const ready = await t.app.inject({ url: '/ready' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });

  it('returns the request id, and keeps a well-formed one from the caller', async () => {
    const mine = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'trace-12345678' } });
    assert.equal(mine.headers['x-request-id'], 'trace-12345678');
    const generated = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('uses one error body, with a stable code, for unknown routes', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    const body = response.json();
    assert.equal(body.code, 'route.not_found');
    assert.equal(body.requestId, response.headers['x-request-id']);
  });

  it('exposes Prometheus metrics', async () => {
    const response = await t.app.inject({ url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /sen_http_request_duration_seconds_bucket/);
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/identity/officials']);
  });

  it('refuses bad tokens with 401 and stable codes', async () => {
    const forged = await t.app.inject({ url: '/api/identity/me', headers: { authorization: 'Bearer forged-token-0123456789abcdef' } });
    assert.equal(forged.statusCode, 401);
    assert.equal(forged.json().code, 'auth.invalid_token');
    const malformed = await t.app.inject({ url: '/api/identity/me', headers: { authorization: 'Bearer <script>' } });
    assert.equal(malformed.statusCode, 401);
    const none = await t.app.inject({ url: '/api/identity/me' });
    assert.equal(none.json().code, 'auth.required');
  });

  it('accepts a client-credentials token, and refuses it once revoked', async () => {
    const ok = await t.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.json().items.some((p: { code: string }) => p.code === 'dossier.receive'));
    const fresh = await t.clientToken();
    const revoke = await t.app.inject({
      method: 'POST',
      url: '/oidc/token/revocation',
      headers: { authorization: `Basic ${Buffer.from('demo-system:demo-system-secret-change-me').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${fresh}`,
    });
    assert.equal(revoke.statusCode, 200);
    const after = await t.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${fresh}` } });
    assert.equal(after.statusCode, 401);
  });

  it('refuses a wrong client secret', async () => {
    await assert.rejects(t.clientToken('demo-system', 'not-the-secret'), /401/);
  });

  it('turns bad bodies into 4xx without writing anything', async () => {
    const admin = await adminToken(t);
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from identity.users`))[0]?.n;
    const before = await count();
    const post = (payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/identity/officials', headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, payload });
    const agencyId = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)?.id;
    const valid = { username: 'x.y', fullName: 'X', password: 'Long enough 123', agencyId };
    const cases: [string, number, string][] = [
      ['{"username": ', 400, 'request.malformed_json'],
      [JSON.stringify({ ...valid, unexpected: true }), 400, 'request.invalid'],
      [JSON.stringify({ ...valid, username: 42 }), 400, 'request.invalid'],
      [JSON.stringify({ ...valid, fullName: 'x'.repeat(5000) }), 400, 'request.invalid'],
      [JSON.stringify({ ...valid, username: "x'; drop table identity.users; --" }), 400, 'request.invalid'],
      [JSON.stringify({ ...valid, agencyId: 'not-a-uuid' }), 400, 'request.invalid'],
      [JSON.stringify({ ...valid, filler: 'x'.repeat(2_000_000) }), 413, 'request.too_large'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(payload);
      assert.equal(response.statusCode, status, `${payload.slice(0, 60)} → ${response.body.slice(0, 200)}`);
      assert.equal(response.json().code, code);
    }
    const html = await post(JSON.stringify({ ...valid, username: 'html.name', fullName: '<img src=x onerror=alert(1)>' }));
    assert.equal(html.statusCode, 201, 'markup in a name is data, stored as text');
    assert.equal(html.json().fullName, '<img src=x onerror=alert(1)>');
    assert.equal(await count(), (before ?? 0) + 1);
  });

  it('writes an audit record for every state-changing request and every read of personal data', async () => {
    const admin = await adminToken(t);
    const list = await t.app.inject({ url: '/api/identity/officials?q=admin', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(list.statusCode, 200);
    const [read] = await queryRows<{ purpose: string; actor: string }>(t.database.db, sql`select purpose, actor from platform.audit_log where action = 'read identity.officials'`);
    assert.equal(read?.purpose, 'account administration');
    assert.match(read?.actor ?? '', /^client:admin-/);
    const records = await queryRows<{ action: string; outcome: number }>(t.database.db, sql`select action, outcome from platform.audit_log order by seq`);
    assert.ok(records.some((r) => r.action === 'POST /api/identity/officials' && r.outcome === 201));
    assert.ok(records.some((r) => r.action === 'POST /api/identity/officials' && r.outcome === 400));
    const verified = await verifyAudit(t.database.db, { keys: auditKeys(t.config.masterKey) });
    assert.deepEqual(verified.ok && [verified.records, verified.keyedSince], [records.length, 1], 'every record is keyed with the platform\'s key');
  });
});
