import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { queryRows, type Database } from '../../packages/platform/index.ts';
import { createMessageLog, messageLogKey, takeGroup, verifyMessageLog, type ExchangeRecord } from './message-log.ts';
import { linkHash, recordDigest } from './log-chain.ts';

const record = (n: number): ExchangeRecord => ({
  at: new Date(), messageId: `m-${n}`, requestId: `r-${n}`, client: 'VN/GOV/A/SYS', service: 'VN/GOV/B/DATA/citizens', method: 'GET',
  path: `/citizens/${n}`, status: 200, fault: null, durationMs: 1.3 + n / 10, providerMs: 0.7, requestHash: 'h'.repeat(88), purpose: null, userId: null,
});

describe('LGSP message log: group commit and hash chain', () => {
  let database: Database;
  const key = messageLogKey(randomBytes(32).toString('base64url'));

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.close());

  it('commits a burst in a few transactions, every record chained', async () => {
    const log = createMessageLog(database.db, key);
    await Promise.all(Array.from({ length: 300 }, (_, n) => log.append(record(n))));
    assert.ok(log.groupsCommitted() <= 5, `transactions: ${log.groupsCommitted()}`);
    assert.deepEqual(await verifyMessageLog(database.db, key), { ok: true, records: 300 });
  });

  it('detects an edited record, a broken link, a removed last record, and a chain recomputed without the key', async () => {
    await database.db.execute(sql`update lgsp.message_log set path = '/citizens/other' where seq = 17`);
    const edited = await verifyMessageLog(database.db, key);
    assert.deepEqual(edited.ok ? undefined : [edited.seq, edited.problem], [17, 'hash']);
    await database.db.execute(sql`update lgsp.message_log set path = '/citizens/16' where seq = 17`);
    assert.equal((await verifyMessageLog(database.db, key)).ok, true, 'restored');

    await database.db.execute(sql`delete from lgsp.message_log where seq = 300`);
    const truncated = await verifyMessageLog(database.db, key);
    assert.deepEqual(truncated.ok ? undefined : [truncated.problem, truncated.records], ['head', 299]);

    const otherKey = messageLogKey(randomBytes(32).toString('base64url'));
    const result = await verifyMessageLog(database.db, otherKey);
    assert.deepEqual(result.ok ? undefined : [result.seq, result.problem], [1, 'mac']);
  });

  it('detects a chain a database writer recomputed from an edited record on (the public links agree, the MACs do not)', async () => {
    const list = await queryRows<Record<string, unknown>>(database.db, sql`select * from lgsp.message_log where seq >= 40 order by seq`);
    let prevHash = String(list[0]!.prev_hash);
    for (const row of list) {
      const seq = Number(row.seq);
      const path = seq === 40 ? '/citizens/forged' : String(row.path);
      const fields = {
        at: new Date(String(row.at)), messageId: String(row.message_id), requestId: String(row.request_id), client: row.client as string, service: row.service as string,
        method: String(row.method), path, status: Number(row.status), fault: null, durationMs: Number(row.duration_ms), providerMs: row.provider_ms === null ? null : Number(row.provider_ms),
        requestHash: String(row.request_hash), purpose: null, userId: null, requestBodyHash: null, responseBodyHash: null,
      };
      const hash = linkHash(seq, prevHash, recordDigest(fields));
      await database.db.execute(sql`update lgsp.message_log set path = ${path}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${seq}`);
      await database.db.execute(sql`update lgsp.message_log_head set seq = ${seq}, hash = ${hash} where id = 1`);
      prevHash = hash;
    }
    const result = await verifyMessageLog(database.db, key);
    assert.deepEqual(result.ok ? undefined : [result.seq, result.problem], [40, 'mac']);
  });

  // The tests above leave a forged chain behind: these start from an empty log.
  const fresh = async () => {
    await database.db.execute(sql`truncate lgsp.message_log`);
    await database.db.execute(sql`delete from lgsp.message_log_head`);
  };

  it('lets two writers (replicas) extend one chain: a group chained on a tail another moved is chained again, nothing lost or doubled', async () => {
    await fresh();
    const [a, b] = [createMessageLog(database.db, key), createMessageLog(database.db, key, { commit: 'async' })];
    await a.append(record(1000));
    await b.append(record(1001));
    await Promise.all(Array.from({ length: 60 }, (_, n) => (n % 2 ? a : b).append(record(1002 + n))));
    await Promise.all([a.flush(), b.flush()]);
    // a's tail was stale once b had written: its next group found the head moved and was chained again.
    assert.ok(a.groupsRechained() >= 1, `re-chained: ${a.groupsRechained()}`);
    const [count] = await queryRows<{ n: number; d: number }>(database.db, sql`select count(*)::int as n, count(distinct message_id)::int as d from lgsp.message_log`);
    assert.deepEqual(count, { n: 62, d: 62 });
    assert.deepEqual(await verifyMessageLog(database.db, key), { ok: true, records: 62 });
  });

  it('never withholds an answer when two writers contend for the head: a group chained again takes the head\'s lock', async () => {
    await fresh();
    const logs = [createMessageLog(database.db, key), createMessageLog(database.db, key)];
    // 10 appenders per writer, each awaiting its record before the next (a load generator's connections).
    const outcomes = await Promise.allSettled(logs.flatMap((log, w) => Array.from({ length: 10 }, async (_, c) => {
      for (let i = 0; i < 30; i += 1) await log.append(record(10_000 + w * 1000 + c * 30 + i));
    })));
    assert.deepEqual(outcomes.filter((o) => o.status === 'rejected'), []);
    assert.ok(logs[0]!.groupsRechained() + logs[1]!.groupsRechained() >= 1, 'the writers did contend');
    assert.deepEqual(await verifyMessageLog(database.db, key), { ok: true, records: 600 });
  });

  it('refuses the records of a group that fails, and commits the group sent after it once chained again', async () => {
    await fresh();
    const log = createMessageLog(database.db, key, { depth: 2 });
    await log.append(record(2000));
    // An operational record without its required fields: the first group's statement fails as a whole.
    const broken = log.append(record(2001), { monitoring: {} as never });
    const later = Array.from({ length: 5 }, (_, n) => log.append(record(2002 + n)));
    await assert.rejects(broken);
    await Promise.all(later);
    const rows = await queryRows<{ message_id: string }>(database.db, sql`select message_id from lgsp.message_log order by seq`);
    assert.deepEqual(rows.map((r) => r.message_id), ['m-2000', 'm-2002', 'm-2003', 'm-2004', 'm-2005', 'm-2006']);
    assert.deepEqual(await verifyMessageLog(database.db, key), { ok: true, records: 6 });
  });
});

describe('a group of the message log', () => {
  const pending = (bytes: number) => ({ extras: { bodies: { request: Buffer.alloc(bytes), response: null } } });

  it('takes at most 200 records', () => {
    const queue = Array.from({ length: 450 }, () => pending(0));
    assert.deepEqual([takeGroup(queue).length, takeGroup(queue).length, takeGroup(queue).length, queue.length], [200, 200, 50, 0]);
  });

  it('stops at 4 MiB of bodies, but always takes one record however large', () => {
    const queue = [pending(6 * 1024 * 1024), ...Array.from({ length: 100 }, () => pending(100 * 1024))];
    assert.equal(takeGroup(queue).length, 1, 'a 6 MiB body goes alone');
    assert.equal(takeGroup(queue).length, 40, '40 bodies of 100 KiB fit in 4 MiB, the 41st does not');
    assert.equal(queue.length, 60);
  });
});
