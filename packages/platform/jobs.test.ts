import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './db/connection.ts';
import { JobRunner, enqueueJob, jobStats, retryDelaySeconds, type Job } from './jobs.ts';
import { createTestDatabase } from './testing.ts';

describe('job queue (transactional outbox)', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.close());

  const statusOf = async (id: number) =>
    (await queryRows<{ status: string; attempts: number; last_error: string | null }>(database.db,
      sql`select status, attempts, last_error from platform.jobs where id = ${id}`))[0]!;

  it('a job enqueued in a rolled-back transaction never exists; a committed one runs once', async () => {
    await assert.rejects(database.db.transaction(async (tx) => {
      await enqueueJob(tx, { queue: 'mail', payload: { to: 'lost@example.com' } });
      throw new Error('crash after the enqueue');
    }));
    const id = await database.db.transaction((tx) => enqueueJob(tx, { queue: 'mail', payload: { to: 'a@example.com' } }));
    const seen: unknown[] = [];
    const runner = new JobRunner(database.db, { handlers: { mail: async (job) => void seen.push(job.payload) } });
    assert.equal(await runner.drain(), 1);
    assert.deepEqual(seen, [{ to: 'a@example.com' }]);
    assert.equal((await statusOf(id!)).status, 'done');
    assert.equal(await runner.drain(), 0, 'a finished job is not run again');
  });

  it('the dedupe key makes enqueueing idempotent', async () => {
    const first = await enqueueJob(database.db, { queue: 'sync', payload: 1, dedupeKey: 'dossier:1:received' });
    const second = await enqueueJob(database.db, { queue: 'sync', payload: 2, dedupeKey: 'dossier:1:received' });
    assert.ok(first);
    assert.equal(second, undefined);
    const rows = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from platform.jobs where dedupe_key = 'dossier:1:received'`);
    assert.equal(Number(rows[0]!.n), 1);
  });

  it('a failing job is retried later with backoff and ends as a dead letter', async () => {
    const id = (await enqueueJob(database.db, { queue: 'flaky', payload: null, maxAttempts: 2 }))!;
    const runner = new JobRunner(database.db, { handlers: { flaky: async () => { throw new Error('receiver down'); } } });
    assert.equal(await runner.runOnce(), 1);
    let state = await statusOf(id);
    assert.deepEqual([state.status, state.attempts, state.last_error], ['pending', 1, 'receiver down']);
    assert.equal(await runner.runOnce(), 0, 'not due again before the backoff');
    await database.db.execute(sql`update platform.jobs set run_at = now() where id = ${id}`);
    assert.equal(await runner.runOnce(), 1);
    state = await statusOf(id);
    assert.deepEqual([state.status, state.attempts], ['dead', 2]);
    assert.deepEqual([1, 2, 3, 10].map(retryDelaySeconds), [5, 20, 80, 3600]);
    assert.ok((await jobStats(database.db)).some((s) => s.queue === 'flaky' && s.status === 'dead' && s.count === 1));
  });

  it('a job whose worker died is claimed again when its lease ends, and never by two workers at once', async () => {
    const id = (await enqueueJob(database.db, { queue: 'lease', payload: null }))!;
    // A worker claimed it and died: the row is running with a lease.
    const claimed: Job[] = [];
    const slow = new JobRunner(database.db, { leaseSeconds: 60, handlers: { lease: async (job) => void claimed.push(job) } });
    await database.db.execute(sql`update platform.jobs set status = 'running', attempts = 1, locked_until = now() + interval '60 seconds' where id = ${id}`);
    assert.equal(await slow.runOnce(), 0, 'a leased job is not claimed by another worker');
    await database.db.execute(sql`update platform.jobs set locked_until = now() - interval '1 second' where id = ${id}`);
    assert.equal(await slow.runOnce(), 1);
    assert.equal(claimed[0]!.attempts, 2);
    assert.equal((await statusOf(id)).status, 'done');
  });

  it('two workers draining at once run every job exactly once', async () => {
    for (let n = 0; n < 30; n++) await enqueueJob(database.db, { queue: 'race', payload: n });
    const runs = new Map<number, number>();
    const handler = async (job: Job) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      runs.set(job.payload as number, (runs.get(job.payload as number) ?? 0) + 1);
    };
    const a = new JobRunner(database.db, { batchSize: 3, handlers: { race: handler } });
    const b = new JobRunner(database.db, { batchSize: 3, handlers: { race: handler } });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    assert.equal(ranA + ranB, 30);
    assert.equal(runs.size, 30);
    assert.ok([...runs.values()].every((count) => count === 1));
  });

  it('only the queues a runner handles are claimed', async () => {
    const id = (await enqueueJob(database.db, { queue: 'other', payload: null }))!;
    const runner = new JobRunner(database.db, { handlers: { mail: async () => {} } });
    await runner.drain();
    assert.equal((await statusOf(id)).status, 'pending');
  });
  it('stopping lets the batch in hand finish and claims no further batch (graceful shutdown)', async () => {
    for (let i = 0; i < 9; i++) await enqueueJob(database.db, { queue: 'stop-test', payload: i });
    const ran: unknown[] = [];
    let stopped: Promise<void> | undefined;
    const runner = new JobRunner(database.db, {
      batchSize: 3,
      handlers: { 'stop-test': async (job) => {
        ran.push(job.payload);
        stopped ??= runner.stop(); // SIGTERM arrives while the first batch runs
      } },
    });
    runner.start();
    while (!stopped) await new Promise((resolve) => setTimeout(resolve, 10));
    await stopped;
    assert.equal(ran.length, 3, 'the batch in hand finished');
    const left = await queryRows<{ status: string; n: number }>(database.db, sql`
      select status, count(*)::int as n from platform.jobs where queue = 'stop-test' group by status order by status`);
    assert.deepEqual(left, [{ status: 'done', n: 3 }, { status: 'pending', n: 6 }], 'the rest waits for another worker');
  });
});
