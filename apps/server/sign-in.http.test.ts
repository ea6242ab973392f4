import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { queryRows } from '../../packages/platform/index.ts';
import { DEMO_TOTP_SECRET } from '../../modules/identity/index.ts';
import { createTestPlatform, signInOfficial, type TestPlatform } from './testing.ts';

describe('officials sign in through the platform’s OpenID Connect provider', () => {
  let t: TestPlatform;
  before(async () => {
    t = await createTestPlatform();
  });
  after(async () => t.close());

  it('publishes discovery and a JWKS', async () => {
    const discovery = (await t.app.inject({ url: '/oidc/.well-known/openid-configuration' })).json();
    assert.equal(discovery.issuer, 'http://localhost:8080/oidc');
    assert.ok(discovery.grant_types_supported.includes('client_credentials'));
    assert.ok(discovery.introspection_endpoint && discovery.revocation_endpoint);
    const jwks = (await t.app.inject({ url: '/oidc/jwks' })).json();
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].d, undefined, 'no private key material is published');
  });

  it('signs in an administrator with password and TOTP (code + PKCE), then refreshes', async () => {
    const totp = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
    const result = await signInOfficial(t, 'admin', 'Admin@2026!', () => totp.generate());
    assert.ok(result.tokens);
    const me = await t.app.inject({ url: '/api/identity/me', headers: { authorization: `Bearer ${result.tokens.access_token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, 'admin');
    assert.ok(me.json().permissions.includes('identity.manage'));
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/oidc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: result.tokens.refresh_token, client_id: 'sen-web' }).toString(),
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    const again = await t.app.inject({ url: '/api/identity/me', headers: { authorization: `Bearer ${refreshed.json().access_token}` } });
    assert.equal(again.statusCode, 200);
    const audit = await queryRows<{ action: string; outcome: number }>(t.database.db, sql`select action, outcome from platform.audit_log where action like 'sign-in.%'`);
    assert.ok(audit.some((r) => r.action === 'sign-in.password' && r.outcome === 200));
    assert.ok(audit.some((r) => r.action === 'sign-in.totp' && r.outcome === 200));
  });

  it('signs in an official without admin rights on password alone', async () => {
    const result = await signInOfficial(t, 'motcua', 'Motcua@2026!');
    assert.ok(result.tokens);
    const me = (await t.app.inject({ url: '/api/identity/me', headers: { authorization: `Bearer ${result.tokens.access_token}` } })).json();
    assert.ok(me.permissions.includes('dossier.receive'));
    assert.ok(!me.permissions.includes('identity.manage'));
  });

  it('refuses a wrong password and a wrong TOTP code', async () => {
    const wrong = await signInOfficial(t, 'motcua', 'not the password');
    assert.equal(wrong.refused?.statusCode, 401);
    assert.match(wrong.refused?.body ?? '', /không đúng/);
    const badCode = await signInOfficial(t, 'admin', 'Admin@2026!', () => '000000');
    assert.equal(badCode.refused?.statusCode, 401);
  });

  it('keeps verifying tokens signed before a key rotation', async () => {
    const before = (await t.app.inject({ url: '/oidc/jwks' })).json().keys.map((k: { kid: string }) => k.kid);
    const kid = await t.modules.identity.rotateKeys();
    const after = (await t.app.inject({ url: '/oidc/jwks' })).json().keys.map((k: { kid: string }) => k.kid);
    assert.equal(after[0], kid, 'the new key signs');
    assert.ok(before.every((k: string) => after.includes(k)), 'the old key is still published');
  });
});
