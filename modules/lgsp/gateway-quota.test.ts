import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { createQuotas } from './gateway-quota.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

test('a consumer\'s quota holds across two replicas: each decides locally, the shared counter catches up at each sync', async () => {
  let now = 1_000_000 * 60_000 + 5_000;
  const clock = () => now;
  const limits = { perConsumer: { limit: 10, windowSeconds: 60 } };
  const a = createQuotas(database.db, limits, { syncMs: 60_000, clock });
  const b = createQuotas(database.db, limits, { syncMs: 60_000, clock });
  for (let i = 0; i < 7; i++) assert.deepEqual(a.take('consumer-1', 'service-1'), { ok: true });
  await a.sync();
  // b's first message of the window: admitted on its own count, then the sync tells it a's 7.
  assert.deepEqual(b.take('consumer-1', 'service-1'), { ok: true });
  await b.sync();
  for (let i = 0; i < 2; i++) assert.deepEqual(b.take('consumer-1', 'service-1'), { ok: true }, `b's message ${i + 2}`);
  const refused = b.take('consumer-1', 'service-1');
  assert.deepEqual(refused, { ok: false, scope: 'consumer', limit: 10, windowSeconds: 60, retryAfterSeconds: 55 });
  assert.deepEqual(b.take('consumer-2', 'service-1'), { ok: true }, 'another consumer has its own quota');
  await b.sync();
  await a.sync();
  assert.equal(a.take('consumer-1', 'service-1').ok, false, 'a sees b\'s messages after the sync');
  // The next window starts afresh on every replica.
  now += 55_000;
  assert.equal(a.take('consumer-1', 'service-1').ok, true);
  await a.stop();
  await b.stop();
});

test('a service\'s rate limit counts every consumer; a refused message is not counted', async () => {
  const now = 2_000_000 * 60_000;
  const quotas = createQuotas(database.db, { perService: { limit: 3, windowSeconds: 60 }, perConsumer: { limit: 2, windowSeconds: 60 } }, { syncMs: 60_000, clock: () => now });
  assert.equal(quotas.take('c1', 's').ok, true);
  assert.equal(quotas.take('c1', 's').ok, true);
  assert.deepEqual(quotas.take('c1', 's'), { ok: false, scope: 'consumer', limit: 2, windowSeconds: 60, retryAfterSeconds: 60 });
  assert.equal(quotas.take('c2', 's').ok, true);
  const refused = quotas.take('c3', 's');
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.scope, 'service');
  await quotas.stop();
});

test("a service's own quotas from the registry: its total replaces the environment's, a consumer's on the service counts that pair only", async () => {
  const now = 3_000_000 * 60_000;
  const quotas = createQuotas(database.db, { perService: { limit: 100, windowSeconds: 60 } }, { syncMs: 60_000, clock: () => now });
  const own = { service: { limit: 3, windowSeconds: 60 }, consumer: { limit: 1, windowSeconds: 10 } };
  assert.equal(quotas.take('c1', 's', own).ok, true);
  assert.deepEqual(quotas.take('c1', 's', own), { ok: false, scope: 'consumer', limit: 1, windowSeconds: 10, retryAfterSeconds: 10 });
  assert.equal(quotas.take('c1', 'other', own).ok, true, 'the pair limit is per service');
  assert.equal(quotas.take('c2', 's', own).ok, true);
  assert.equal(quotas.take('c3', 's', own).ok, true, 'the third message to the service');
  assert.deepEqual(quotas.take('c4', 's', { service: own.service }), { ok: false, scope: 'service', limit: 3, windowSeconds: 60, retryAfterSeconds: 60 }, "the service's 3, not the environment's 100");
  assert.equal(quotas.take('c3', 'plain').ok, true, 'a service without its own quotas keeps the environment limit');
  await quotas.stop();
});
