import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { appendAudit, auditKeys, canonicalJson } from './audit.ts';
import { verifyAudit } from './audit-verify.ts';
import { createTestDatabase } from './testing.ts';
import { pgError, type Database } from './db/connection.ts';

const entry = (n: number) => ({
  actor: 'user:alice',
  action: 'POST /api/things',
  target: `/api/things/${n}`,
  outcome: 201,
  sourceIp: '127.0.0.1',
  requestId: `req-${n}-abcdefgh`,
  purpose: 'request',
  details: { n, nested: { b: 2, a: 1 } },
});

const keys = auditKeys(randomBytes(32).toString('hex'));

describe('audit trail', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.close());

  it('canonical JSON sorts keys at every depth', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('chains records and verifies an untouched chain', async () => {
    for (let n = 1; n <= 5; n++) await appendAudit(database.db, entry(n), keys);
    const result = await verifyAudit(database.db, { keys, pageSize: 2 });
    assert.deepEqual(result, { ok: true, records: 5, keyedSince: 1, checkpoints: 0, unstamped: 0, anchoredTo: 0 });
  });

  it('refuses updates and deletes at the database level', async () => {
    const refused = (err: unknown) => /append-only/.test(pgError(err).message);
    await assert.rejects(database.db.execute(sql`update platform.audit_log set target = 'x' where seq = 1`), refused);
    await assert.rejects(database.db.execute(sql`delete from platform.audit_log where seq = 1`), refused);
  });

  it('serialises concurrent appends without gaps or forks', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(database.db, entry(100 + i), keys)));
    const result = await verifyAudit(database.db, { keys });
    assert.equal(result.ok && result.records, 25);
  });

  it('reports the first record altered by hand', async () => {
    await database.db.execute(sql`alter table platform.audit_log disable trigger audit_log_append_only`);
    await database.db.execute(sql`update platform.audit_log set purpose = 'covered up' where seq = 3`);
    const result = await verifyAudit(database.db, { keys });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.seq, 3);
    assert.equal(!result.ok && result.problem, 'altered');
  });

  it('reports a deleted record as missing, and a truncated tail', async () => {
    const other = await createTestDatabase();
    try {
      for (let n = 1; n <= 4; n++) await appendAudit(other.db, entry(n), keys);
      await other.db.execute(sql`alter table platform.audit_log disable trigger audit_log_append_only`);
      await other.db.execute(sql`delete from platform.audit_log where seq = 4`);
      const tail = await verifyAudit(other.db, { keys });
      assert.equal(!tail.ok && tail.problem, 'head_mismatch');
      await other.db.execute(sql`delete from platform.audit_log where seq = 2`);
      const gap = await verifyAudit(other.db, { keys });
      assert.equal(!gap.ok && gap.problem, 'missing');
      assert.equal(!gap.ok && gap.seq, 2);
    } finally {
      await other.close();
    }
  });
});
