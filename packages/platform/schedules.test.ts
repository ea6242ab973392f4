import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from './db/connection.ts';
import { JobRunner } from './jobs.ts';
import { enqueueRecurring, maintenanceHandler, type RecurringJob } from './schedules.ts';
import { createTestDatabase } from './testing.ts';

describe('recurring jobs (once per period across replicas)', () => {
  let database: Database;
  let second: Database;
  before(async () => {
    database = await createTestDatabase();
    // A second replica: its own connection pool on PostgreSQL, the same engine on PGlite.
    const url = (database as Database & { url?: string }).url;
    second = url ? await openDatabase({ url, poolSize: 2 }) : database;
  });
  after(async () => {
    if (second !== database) await second.close();
    await database.close();
  });

  it('two workers run a recurring job once per period, and again in the next period', async () => {
    const job: RecurringJob = { name: 'test.tick', queue: 'test.tick', everySeconds: 3600 };
    const runs: unknown[] = [];
    const handler = async (j: { payload: unknown }) => void runs.push(j.payload);
    const workers = [database, second].map((d) => new JobRunner(d.db, { handlers: { 'test.tick': handler }, recurring: [job] }));
    const at = new Date('2026-12-05T10:20:00Z');
    const added = await Promise.all(workers.map((w) => w.schedule(at)));
    assert.equal(added[0]! + added[1]!, 1, 'one occurrence wins');
    assert.deepEqual(await Promise.all(workers.map((w) => w.schedule(at))), [0, 0], 'a worker does not re-enqueue a period it saw');
    await Promise.all(workers.map((w) => w.drain()));
    assert.deepEqual(runs, [{ period: Math.floor(at.getTime() / 3_600_000), periodStart: '2026-12-05T10:00:00.000Z' }]);

    assert.equal(await enqueueRecurring(database.db, [job], new Date('2026-12-05T10:59:59Z')), 0, 'the same period from another replica');
    const next = new Date('2026-12-05T11:00:01Z');
    await Promise.all(workers.map((w) => w.schedule(next)));
    await Promise.all(workers.map((w) => w.drain()));
    assert.equal(runs.length, 2);
    assert.equal((runs[1] as { periodStart: string }).periodStart, '2026-12-05T11:00:00.000Z');
  });

  it('housekeeping deletes old done jobs, stale rate counters and expired idempotency outcomes, and keeps dead letters and recent rows', async () => {
    await database.db.execute(sql`insert into platform.jobs (queue, payload, status, finished_at, dedupe_key) values
      ('test.old', 'null', 'done', now() - interval '30 days', 'old-done'),
      ('test.old', 'null', 'done', now() - interval '1 day', 'recent-done'),
      ('test.old', 'null', 'dead', now() - interval '30 days', 'old-dead')`);
    await database.db.execute(sql`insert into platform.rate_counters (key, window_start, count) values
      ('test:stale', now() - interval '3 days', 5), ('test:fresh', now(), 1)`);
    await database.db.execute(sql`insert into platform.idempotency_keys (key, request_hash, status, body, created_at) values
      ('test:idem-old', 'h', 200, '{}', now() - interval '8 days'), ('test:idem-new', 'h', 200, '{}', now() - interval '6 days')`);
    await maintenanceHandler(database.db)({ id: 0, queue: 'platform.maintenance', payload: null, attempts: 1, maxAttempts: 3 });
    const keys = await queryRows<{ dedupe_key: string }>(database.db, sql`select dedupe_key from platform.jobs where queue = 'test.old' order by dedupe_key`);
    assert.deepEqual(keys.map((k) => k.dedupe_key), ['old-dead', 'recent-done']);
    const counters = await queryRows<{ key: string }>(database.db, sql`select key from platform.rate_counters where key like 'test:%' order by key`);
    assert.deepEqual(counters.map((c) => c.key), ['test:fresh']);
    const outcomes = await queryRows<{ key: string }>(database.db, sql`select key from platform.idempotency_keys where key like 'test:idem-%' order by key`);
    assert.deepEqual(outcomes.map((o) => o.key), ['test:idem-new']);
  });
});
