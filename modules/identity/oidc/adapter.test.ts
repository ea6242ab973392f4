import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, sha256Hex, type Database } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import type { Revocation } from '../token-cache.ts';
import { createOidcAdapter } from './adapter.ts';

describe('oidc-provider storage adapter', () => {
  let database: Database;
  const signals: Revocation[] = [];
  let Adapter: ReturnType<typeof createOidcAdapter>;
  before(async () => {
    database = await createTestDatabase();
    Adapter = createOidcAdapter(database.db, async (r) => void signals.push(r));
  });
  after(async () => database.close());

  it('keys records by the hash of their id and gives the id back only to whoever presents it', async () => {
    const tokens = new Adapter('AccessToken');
    await tokens.upsert('the-token-value', { jti: 'the-token-value', accountId: 'u1', grantId: 'g1' }, 60);
    const rows = await queryRows<{ id: string; payload: Record<string, unknown> }>(database.db, sql`select id, payload from identity.oidc_payloads where type = 'AccessToken'`);
    assert.deepEqual(rows, [{ id: sha256Hex('the-token-value'), payload: { accountId: 'u1', grantId: 'g1' } }]);
    assert.deepEqual(await tokens.find('the-token-value'), { jti: 'the-token-value', accountId: 'u1', grantId: 'g1' });
    assert.equal(await tokens.find(sha256Hex('the-token-value')), undefined, 'the stored key is not a token');
  });

  it('signals a destroyed access token, a revoked grant and an ended session', async () => {
    signals.length = 0;
    await new Adapter('AccessToken').destroy('the-token-value');
    await new Adapter('AccessToken').revokeByGrantId('g1');
    await new Adapter('RefreshToken').revokeByGrantId('g1');
    const sessions = new Adapter('Session');
    await sessions.upsert('session-id', { jti: 'session-id', uid: 'uid-1', accountId: 'u9' }, 60);
    await sessions.destroy('session-id');
    await new Adapter('Interaction').destroy('whatever');
    assert.deepEqual(signals, [{ token: sha256Hex('the-token-value') }, { grant: 'g1' }, { account: 'u9' }]);
  });
});
