// The attacks of a database administrator on the audit trail, each one detected (or refused).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { appendAudit, auditKeys, hashRecord, hmacRecord, type AuditKeys, type AuditRecord } from './audit.ts';
import { MemoryCheckpointStore, checkpointName, writeCheckpoint, type CheckpointFile } from './audit-checkpoints.ts';
import { verifyAudit } from './audit-verify.ts';
import { createTestDatabase } from './testing.ts';
import { pgError, queryRows, type Database, type Db } from './db/connection.ts';

const keys = auditKeys(randomBytes(32).toString('hex'));
const GENESIS = '0'.repeat(64);
const entry = (n: number) => ({ actor: 'user:alice', action: 'POST /api/things', target: `/api/things/${n}`, outcome: 201, sourceIp: '127.0.0.1', requestId: `req-${n}-abcdefgh`, purpose: 'request', details: { n } });

/** What a superuser can do: switch the audit triggers off. */
const disableTriggers = async (db: Db) => {
  await db.execute(sql`alter table platform.audit_log disable trigger user`);
  await db.execute(sql`alter table platform.audit_head disable trigger user`);
};

/** The seq of a checkpoint that must be written now. */
const written = async (options: Parameters<typeof writeCheckpoint>[0]): Promise<number | string> => {
  const outcome = await writeCheckpoint(options);
  return outcome.written ? outcome.seq : outcome.reason;
};

const records = async (db: Db): Promise<AuditRecord[]> =>
  (await queryRows<Record<string, unknown>>(db, sql`select seq, at, actor, action, target, outcome, source_ip as "sourceIp", request_id as "requestId", purpose, details, prev_hash as "prevHash", hash, alg from platform.audit_log order by seq`))
    .map((r) => ({ ...r, seq: Number(r.seq), at: new Date(r.at as string) }) as AuditRecord);

/** Rewrites the whole chain from `from` on with the given hash function, head included: a recomputed chain. */
async function recompute(db: Db, from: number, alg: 'sha256' | 'hmac-sha256', hashWith: (r: Omit<AuditRecord, 'hash' | 'alg'>) => string, change?: (r: AuditRecord) => void) {
  let prevHash = GENESIS;
  for (const r of await records(db)) {
    if (r.seq >= from) {
      change?.(r);
      const hash = hashWith({ ...r, prevHash });
      await db.execute(sql`update platform.audit_log set purpose = ${r.purpose}, prev_hash = ${prevHash}, hash = ${hash}, alg = ${alg} where seq = ${r.seq}`);
      r.hash = hash;
    }
    prevHash = r.hash;
  }
  await db.execute(sql`update platform.audit_head set hash = ${prevHash}`);
}

describe('audit evidence against a database administrator', () => {
  let database: Database;
  let store: MemoryCheckpointStore;
  before(async () => {
    database = await createTestDatabase();
    store = new MemoryCheckpointStore();
    for (let n = 1; n <= 6; n++) await appendAudit(database.db, entry(n), keys);
    assert.equal(await written({ db: database.db, store, keys }), 6);
    for (let n = 7; n <= 8; n++) await appendAudit(database.db, entry(n), keys);
  });
  after(async () => database.close());

  it('refuses TRUNCATE of the log and of its head, and a reset of the head', async () => {
    const refused = (pattern: RegExp) => (err: unknown) => pattern.test(pgError(err).message);
    await assert.rejects(database.db.execute(sql`truncate platform.audit_log`), refused(/audit_log is append-only: TRUNCATE is refused/));
    await assert.rejects(database.db.execute(sql`truncate platform.audit_head`), refused(/audit_head is append-only: TRUNCATE is refused/));
    await assert.rejects(database.db.execute(sql`update platform.audit_head set seq = 0, hash = ${GENESIS}`), refused(/only moves forward/));
    await assert.rejects(database.db.execute(sql`delete from platform.audit_head`), refused(/only moves forward/));
    const verified = await verifyAudit(database.db, { keys, store });
    assert.deepEqual(verified, { ok: true, records: 8, keyedSince: 1, checkpoints: 1, unstamped: 1, anchoredTo: 6 });
  });

  it('a checkpoint is written once per seq', async () => {
    assert.equal(await written({ db: database.db, store, keys }), 8);
    assert.deepEqual(await writeCheckpoint({ db: database.db, store, keys }), { written: false, reason: 'exists', seq: 8 });
    assert.deepEqual([...store.files.keys()], [checkpointName(6), checkpointName(8)]);
    store.files.delete(checkpointName(8));
  });

  it('detects a forged or altered checkpoint', async () => {
    const name = checkpointName(6);
    const original = store.files.get(name)!;
    const file = JSON.parse(original) as CheckpointFile;
    try {
      store.files.set(name, JSON.stringify({ ...file, checkpoint: { ...file.checkpoint, keyedSince: 100 } }));
      const altered = await verifyAudit(database.db, { keys, store });
      assert.equal(!altered.ok && altered.problem, 'forged_checkpoint');
      assert.match(!altered.ok ? altered.message : '', /checkpoint-000000000000006\.json has a signature that does not match/);
      // Signed with another key (someone without SEN_MASTER_KEY making up evidence).
      const other = new MemoryCheckpointStore();
      const otherKeys: AuditKeys = auditKeys(randomBytes(32).toString('hex'));
      await writeCheckpoint({ db: database.db, store: other, keys: otherKeys });
      const forged = await verifyAudit(database.db, { keys, store: other });
      assert.equal(!forged.ok && forged.problem, 'forged_checkpoint');
    } finally {
      store.files.set(name, original);
    }
  });

  it('detects a chain recomputed without the key (unkeyed, or with a wrong key)', async () => {
    const other = await createTestDatabase();
    try {
      for (let n = 1; n <= 4; n++) await appendAudit(other.db, entry(n), keys);
      const anchors = new MemoryCheckpointStore();
      await writeCheckpoint({ db: other.db, store: anchors, keys });
      await disableTriggers(other.db);

      // Record 2 covered up and every hash from there recomputed with another key: HMAC mismatch.
      const wrongKey = auditKeys(randomBytes(32).toString('hex'));
      await recompute(other.db, 2, 'hmac-sha256', (r) => hmacRecord(r, wrongKey), (r) => void (r.purpose = 'covered up'));
      const wrong = await verifyAudit(other.db, { keys });
      assert.equal(!wrong.ok && wrong.problem, 'altered');
      assert.equal(!wrong.ok && wrong.seq, 2);

      // The whole chain recomputed unkeyed and marked legacy: the checkpoint says it is keyed since 1.
      await recompute(other.db, 1, 'sha256', hashRecord);
      const unkeyed = await verifyAudit(other.db, { keys, store: anchors });
      assert.equal(!unkeyed.ok && unkeyed.problem, 'unkeyed');
      assert.equal(!unkeyed.ok && unkeyed.seq, 1);
    } finally {
      await other.close();
    }
  });

  it('detects a truncate done by a superuser with the triggers off, and a reset head', async () => {
    const other = await createTestDatabase();
    try {
      for (let n = 1; n <= 5; n++) await appendAudit(other.db, entry(n), keys);
      const anchors = new MemoryCheckpointStore();
      await writeCheckpoint({ db: other.db, store: anchors, keys });
      await disableTriggers(other.db);
      await other.db.execute(sql`truncate platform.audit_log`);
      await other.db.execute(sql`update platform.audit_head set seq = 0, hash = ${GENESIS}`);
      // The database alone looks like a fresh, intact trail…
      assert.equal((await verifyAudit(other.db, { keys })).ok, true);
      // …the checkpoint outside says 5 records existed.
      const truncated = await verifyAudit(other.db, { keys, store: anchors });
      assert.equal(!truncated.ok && truncated.problem, 'truncated');
      assert.match(!truncated.ok ? truncated.message : '', /saw 5 records but the database holds 0/);

      // New records written after the reset do not make the old checkpoint agree again, and no
      // checkpoint is written while the head is behind the last one.
      for (let n = 1; n <= 2; n++) await appendAudit(other.db, entry(n + 10), keys);
      assert.deepEqual(await writeCheckpoint({ db: other.db, store: anchors, keys }), { written: false, reason: 'head_behind', seq: 2 });
      for (let n = 3; n <= 6; n++) await appendAudit(other.db, entry(n + 10), keys);
      const rewritten = await verifyAudit(other.db, { keys, store: anchors });
      assert.equal(!rewritten.ok && rewritten.problem, 'checkpoint_mismatch');
      assert.equal(!rewritten.ok && rewritten.seq, 5);
      assert.equal(await written({ db: other.db, store: anchors, keys }), 6);
    } finally {
      await other.close();
    }
  });

  it('keeps unkeyed records of a deployed database verifiable; a checkpoint anchors them', async () => {
    const other = await createTestDatabase();
    try {
      // Records written before the chain was keyed: unkeyed SHA-256, alg defaulted by the migration.
      let prevHash = GENESIS;
      for (let seq = 1; seq <= 3; seq++) {
        const draft = { ...entry(seq), seq, at: new Date(), prevHash };
        const hash = hashRecord(draft);
        await other.db.execute(sql`insert into platform.audit_log (seq, at, actor, action, target, outcome, source_ip, request_id, purpose, details, prev_hash, hash)
          values (${seq}, ${draft.at.toISOString()}, ${draft.actor}, ${draft.action}, ${draft.target}, ${draft.outcome}, ${draft.sourceIp}, ${draft.requestId}, ${draft.purpose}, ${JSON.stringify(draft.details)}::jsonb, ${prevHash}, ${hash})`);
        prevHash = hash;
      }
      await other.db.execute(sql`insert into platform.audit_head (id, seq, hash) values (1, 3, ${prevHash})`);
      const anchors = new MemoryCheckpointStore();
      await writeCheckpoint({ db: other.db, store: anchors, keys });
      assert.equal((JSON.parse(anchors.files.get(checkpointName(3))!) as CheckpointFile).checkpoint.keyedSince, 4);
      for (let n = 4; n <= 5; n++) await appendAudit(other.db, entry(n), keys);
      assert.deepEqual(await verifyAudit(other.db, { keys, store: anchors }), { ok: true, records: 5, keyedSince: 4, checkpoints: 1, unstamped: 1, anchoredTo: 3 });

      await disableTriggers(other.db);
      // An unkeyed record after a keyed one is a recomputation, even with no checkpoint at all.
      await recompute(other.db, 5, 'sha256', hashRecord);
      const late = await verifyAudit(other.db, { keys });
      assert.equal(!late.ok && late.problem, 'unkeyed');
      assert.equal(!late.ok && late.seq, 5);
      // Legacy records altered and recomputed unkeyed (what anyone could do): the checkpoint disagrees.
      await recompute(other.db, 2, 'sha256', hashRecord, (r) => void (r.purpose = 'covered up'));
      const legacy = await verifyAudit(other.db, { keys, store: anchors });
      assert.equal(!legacy.ok && legacy.problem, 'checkpoint_mismatch');
      assert.equal(!legacy.ok && legacy.seq, 3);
    } finally {
      await other.close();
    }
  });
});
