import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { createSecretBox, isSealed, migrate, queryRows, sha256Hex } from '../../packages/platform/index.ts';
import { DEMO_SERVICE_CLIENT, DEMO_TOTP_SECRET } from '../../modules/identity/index.ts';
import { createReplica, createTestPlatform, signInOfficial, type TestPlatform } from './testing.ts';

describe('secrets at rest in the identity module', () => {
  let t: TestPlatform;
  before(async () => {
    t = await createTestPlatform();
  });
  after(async () => t.close());

  /** Provider records in which the value appears (as key or anywhere in the payload). */
  const recordsHolding = async (value: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from identity.oidc_payloads where id = ${value} or payload::text like ${`%${value}%`}`))[0]?.n;

  it('stores access and refresh tokens only under a hash of their value', async () => {
    const clientToken = await t.clientToken();
    const totp = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
    const { tokens } = await signInOfficial(t, 'admin', 'Admin@2026!', () => totp.generate());
    assert.ok(tokens);
    for (const value of [clientToken, tokens.access_token, tokens.refresh_token]) assert.equal(await recordsHolding(value), 0);
    // …and the provider still finds them.
    const me = await t.app.inject({ url: '/api/identity/me', headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${clientToken}` } })).statusCode, 200);
  });

  it('stores client secrets hashed, TOTP secrets and key material sealed with the master key', async () => {
    const [client] = await queryRows<{ secret: string }>(t.database.db, sql`select secret from identity.service_clients where client_id = ${DEMO_SERVICE_CLIENT.clientId}`);
    assert.match(client?.secret ?? '', /^sha256:[0-9a-f]{64}$/);
    const [admin] = await queryRows<{ totp: string }>(t.database.db, sql`select totp_secret as totp from identity.users where username = 'admin'`);
    assert.ok(isSealed(admin?.totp ?? ''), 'TOTP secret sealed');
    assert.ok(!admin?.totp.includes(DEMO_TOTP_SECRET));
    const keys = await queryRows<{ material: { sealed?: string } }>(t.database.db, sql`select material from identity.keys`);
    assert.ok(keys.length >= 2);
    for (const key of keys) assert.ok(isSealed(key.material.sealed ?? ''), `key material sealed: ${Object.keys(key.material).join(',')}`);
  });

  it('seals TOTP secrets and keys written in clear before the change, on first use', async () => {
    const box = createSecretBox(t.config.masterKey);
    const [admin] = await queryRows<{ id: string; totp: string }>(t.database.db, sql`select id, totp_secret as totp from identity.users where username = 'admin'`);
    assert.ok(admin);
    // Rows as an earlier release wrote them: plaintext TOTP secret, plaintext key material.
    await t.database.db.execute(sql`update identity.users set totp_secret = ${DEMO_TOTP_SECRET}, totp_last_step = null where id = ${admin.id}`);
    const [signing] = await queryRows<{ kid: string; material: { sealed: string } }>(t.database.db, sql`select kid, material from identity.keys where use = 'sig'`);
    assert.ok(signing);
    const plainJwk = box.open(signing.material.sealed, `identity.keys:${signing.kid}`);
    await t.database.db.execute(sql`update identity.keys set material = ${plainJwk}::jsonb where kid = ${signing.kid}`);

    assert.equal(await t.modules.identity.service.verifyTotp(admin.id, new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) }).generate()), true);
    const [after] = await queryRows<{ totp: string }>(t.database.db, sql`select totp_secret as totp from identity.users where id = ${admin.id}`);
    assert.ok(isSealed(after?.totp ?? ''), 'sealed after use');

    const replica = await createReplica(t);
    try {
      const jwks = (await replica.app.inject({ url: '/oidc/jwks' })).json();
      assert.ok(jwks.keys.some((k: { kid: string }) => k.kid === signing.kid), 'the upgraded key still signs');
      const [resealed] = await queryRows<{ material: { sealed?: string } }>(t.database.db, sql`select material from identity.keys where kid = ${signing.kid}`);
      assert.ok(isSealed(resealed?.material.sealed ?? ''));
    } finally {
      await replica.close();
    }
  });

  it('migration 0007 hashes client secrets and re-keys tokens stored by an earlier release', async () => {
    const token = await t.clientToken();
    // Put the database back as 0005 left it: secret in clear, token as key and in the payload.
    await t.database.db.execute(sql`update identity.oidc_payloads set id = ${token}, payload = payload || jsonb_build_object('jti', ${token}::text) where id = ${sha256Hex(token)}`);
    await t.database.db.execute(sql`update identity.service_clients set secret = ${DEMO_SERVICE_CLIENT.secret} where client_id = ${DEMO_SERVICE_CLIENT.clientId}`);
    await t.database.db.execute(sql`alter table identity.service_clients drop column scopes, drop column resource_server`);
    await t.database.db.execute(sql`delete from public.sen_schema_migrations where tag = '0007_identity_secrets'`);
    assert.equal(await recordsHolding(token), 1);

    assert.deepEqual(await migrate(t.database.db), ['0007_identity_secrets']);
    assert.equal(await recordsHolding(token), 0);
    const replica = await createReplica(t); // a fresh replica: nothing cached
    try {
      const response = await replica.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200, 'a token issued before the upgrade still works');
    } finally {
      await replica.close();
    }
    assert.ok(await t.clientToken(), 'the demo client still authenticates with its secret');
  });
});
