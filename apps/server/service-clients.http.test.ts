import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from './testing.ts';

describe('registering an information system (service client) with its scopes', () => {
  let t: TestPlatform;
  let admin: string;
  let agencyId: string;
  before(async () => {
    t = await createTestPlatform();
    admin = await adminToken(t);
    agencyId = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)!.id;
  });
  after(async () => t.close());

  const register = (body: Record<string, unknown>) => t.app.inject({
    method: 'POST', url: '/api/identity/clients', headers: { authorization: `Bearer ${admin}` }, payload: { name: 'Hệ thống thử', agencyId, permissions: [], ...body },
  });
  const clientCount = async (clientId: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from identity.service_clients where client_id = ${clientId}`))[0]?.n;

  it('a client registered for the LGSP gateway obtains gateway tokens and no API token', async () => {
    const created = await register({ clientId: 'he-thong-lgsp', scopes: ['lgsp'] });
    assert.equal(created.statusCode, 201);
    const { clientSecret, scopes } = created.json() as { clientSecret: string; scopes: string[] };
    assert.deepEqual(scopes, ['lgsp']);
    const gateway = await t.clientToken('he-thong-lgsp', clientSecret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
    assert.ok(gateway.length > 20);
    await assert.rejects(t.clientToken('he-thong-lgsp', clientSecret, { scope: 'api' }), /token request failed: 400/);
  });

  it('a client registered without scopes gets the API scope only', async () => {
    const created = await register({ clientId: 'he-thong-api' });
    assert.equal(created.statusCode, 201);
    const { clientSecret, scopes } = created.json() as { clientSecret: string; scopes: string[] };
    assert.deepEqual(scopes, ['api']);
    assert.ok((await t.clientToken('he-thong-api', clientSecret)).length > 20);
    await assert.rejects(t.clientToken('he-thong-api', clientSecret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` }), /token request failed: 400/);
  });

  it('refuses an unknown, repeated or empty scope list and writes nothing', async () => {
    for (const [clientId, scopes] of [['he-thong-x1', ['openid']], ['he-thong-x2', ['api', 'api']], ['he-thong-x3', []]] as const) {
      const refused = await register({ clientId, scopes });
      assert.equal(refused.statusCode, 400, `${JSON.stringify(scopes)}: ${refused.body}`);
      assert.equal((refused.json() as { code: string }).code, 'request.invalid');
      assert.equal(await clientCount(clientId), 0);
    }
  });
});
