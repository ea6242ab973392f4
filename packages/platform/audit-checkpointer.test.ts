import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { caSandbox, startSandbox } from '../../apps/sandbox/index.ts';
import { appendAudit, auditKeys } from './audit.ts';
import { MemoryCheckpointStore, checkpointName, type CheckpointFile } from './audit-checkpoints.ts';
import { startCheckpointer, type CheckpointerOptions } from './audit-checkpointer.ts';
import { verifyAudit } from './audit-verify.ts';
import { createTestDatabase } from './testing.ts';
import type { Database } from './db/connection.ts';

const keys = auditKeys(randomBytes(32).toString('hex'));
const entry = (n: number) => ({ actor: 'user:a', action: 'POST /x', target: `/x/${n}`, outcome: 201, sourceIp: '127.0.0.1', requestId: `r-${n}-0000000`, purpose: 'request' });

describe('audit checkpointer (the periodic task)', () => {
  let database: Database;
  let appended = 0;
  const append = async (count: number) => {
    for (let i = 0; i < count; i++) await appendAudit(database.db, entry(++appended), keys);
  };
  const warnings: string[] = [];
  const log = { info: () => {}, warn: (_data: object, message: string) => void warnings.push(message) };
  const options = (store: MemoryCheckpointStore, overrides: Partial<CheckpointerOptions> = {}): CheckpointerOptions => ({
    // The timer never fires during the test: rounds run by tick().
    db: database.db, store, keys, log, intervalMs: 3_600_000, records: 3, pollMs: 3_600_000, ...overrides,
  });
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.close());

  it('checkpoints after K records, once per seq across replicas, and never blocks on an unreachable TSA', async () => {
    const store = new MemoryCheckpointStore();
    // Two replicas sharing one checkpoint store; the TSA is down.
    const replicas = [0, 1].map(() => startCheckpointer(options(store, { tsaUrl: 'http://127.0.0.1:9/ca/tsa' })));
    try {
      await Promise.all(replicas.map((r) => r.tick()));
      assert.equal(store.files.size, 0, 'nothing to anchor in an empty trail');

      await append(2);
      await Promise.all(replicas.map((r) => r.tick()));
      assert.deepEqual([...store.files.keys()], [checkpointName(2)], 'the first round after start-up anchors the head, once');

      await append(2);
      await Promise.all(replicas.map((r) => r.tick()));
      assert.equal(store.files.size, 1, '2 records since the last checkpoint: not due yet');

      await append(1);
      await Promise.all(replicas.map((r) => r.tick()));
      assert.deepEqual([...store.files.keys()], [checkpointName(2), checkpointName(5)]);
      for (const text of store.files.values()) assert.equal(JSON.parse(text).timeStamp, null);
      assert.ok(warnings.includes('audit checkpoints left unstamped; will retry'));

      const verified = await verifyAudit(database.db, { keys, store });
      assert.deepEqual(verified, { ok: true, records: 5, keyedSince: 1, checkpoints: 2, unstamped: 2, anchoredTo: 5 });
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });

  it('checkpoints after T even when fewer than K records were written', async () => {
    const store = new MemoryCheckpointStore();
    const checkpointer = startCheckpointer(options(store, { records: 1000, intervalMs: 1000 }));
    try {
      await checkpointer.tick();
      assert.deepEqual([...store.files.keys()], [checkpointName(5)]);
      await append(1);
      await checkpointer.tick();
      assert.equal(store.files.size, 1);
      await sleep(1100);
      await checkpointer.tick();
      assert.deepEqual([...store.files.keys()], [checkpointName(5), checkpointName(6)]);
    } finally {
      await checkpointer.stop();
    }
  });

  it('retries stamping with backoff until the TSA answers; the stamp verifies', async () => {
    // The CA sandbox's TSA behind a loopback switch that first answers 503 (TSA down).
    const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [caSandbox()] });
    let tsaUp = false;
    const tsaCalls: number[] = [];
    const gate = createServer((request, response) => {
      tsaCalls.push(Date.now());
      if (!tsaUp) return void response.writeHead(503).end();
      const body: Buffer[] = [];
      request.on('data', (chunk: Buffer) => body.push(chunk));
      request.on('end', () => {
        fetch(`http://127.0.0.1:${sandbox.port}/ca/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.concat(body) })
          .then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(await answer.arrayBuffer())))
          .catch(() => response.writeHead(502).end());
      });
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const store = new MemoryCheckpointStore();
    const checkpointer = startCheckpointer(options(store, { records: 1000, intervalMs: 1500, tsaUrl: `http://127.0.0.1:${(gate.address() as AddressInfo).port}/` }));
    try {
      await checkpointer.tick();
      assert.equal(tsaCalls.length, 1);
      const stamp = () => (JSON.parse(store.files.get(checkpointName(appended))!) as CheckpointFile).timeStamp;
      assert.equal(stamp(), null, 'written unstamped while the TSA is down');
      tsaUp = true;
      await checkpointer.tick();
      assert.equal(tsaCalls.length, 1, 'no new attempt before the backoff');
      await sleep(1600);
      await checkpointer.tick();
      assert.equal(tsaCalls.length, 2);
      assert.equal(typeof stamp()?.token, 'string');
      assert.deepEqual(await verifyAudit(database.db, { keys, store }), { ok: true, records: appended, keyedSince: 1, checkpoints: 1, unstamped: 0, anchoredTo: appended });
    } finally {
      await checkpointer.stop();
      gate.close();
      await sandbox.close();
    }
  });
});
