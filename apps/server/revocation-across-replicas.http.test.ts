import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_SERVICE_CLIENT } from '../../modules/identity/index.ts';
import { adminToken, createReplica, createTestPlatform, officialToken, type TestPlatform } from './testing.ts';

type Replica = Awaited<ReturnType<typeof createReplica>>;

/** Polls until the replica refuses the token; returns how long it took (ms), or Infinity after `limitMs`. */
async function refusedWithin(replica: Replica, token: string, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const response = await replica.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode === 401) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Infinity;
}

describe('bearer verification is cached per replica, and revocation reaches every replica within a second', () => {
  let t: TestPlatform;
  let second: Replica;
  const accepts = async (replica: Replica, token: string) =>
    (await replica.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${token}` } })).statusCode === 200;

  before(async () => {
    t = await createTestPlatform();
    second = await createReplica(t);
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  it('a token revoked on one replica is refused by the other within a second', async () => {
    const token = await t.clientToken();
    // The second replica has verified (and cached) the token before it is revoked.
    assert.ok(await accepts(second, token));
    assert.ok(await accepts(second, token));
    const revoke = await t.app.inject({
      method: 'POST',
      url: '/oidc/token/revocation',
      headers: { authorization: `Basic ${Buffer.from(`${DEMO_SERVICE_CLIENT.clientId}:${DEMO_SERVICE_CLIENT.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${token}`,
    });
    assert.equal(revoke.statusCode, 200);
    const elapsed = await refusedWithin(second, token, 1000);
    assert.ok(elapsed < 1000, `refused after ${elapsed} ms`);
  });

  it('an official disabled on one replica is refused by the other within a second', async () => {
    const token = await officialToken(t, 'chuyenvien', 'Chuyenvien@2026!');
    assert.ok(await accepts(second, token));
    const official = await t.modules.identity.service.repo.userByUsername('chuyenvien');
    const admin = await adminToken(t);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/officials/${official?.id}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { active: false, version: official?.version },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const elapsed = await refusedWithin(second, token, 1000);
    assert.ok(elapsed < 1000, `refused after ${elapsed} ms`);
  });
});
