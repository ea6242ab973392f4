import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import { canonicalJson, createSecretBox, type Db } from '../../packages/platform/index.ts';
import { messageLog, messageLogHead } from './db/schema.ts';

/**
 * The gateway's message log: one record per exchange, hash-chained (each record's HMAC covers
 * its fields and the previous record's hash), written BEFORE the answer is released. Records
 * are committed in small groups: while one group's transaction runs, the exchanges finishing
 * meanwhile queue up and go together in the next one (group commit), so a burst costs one
 * transaction per group, not one per request. The head row is locked in each transaction, so
 * several gateway replicas extend one chain.
 */

export interface ExchangeRecord {
  at: Date;
  messageId: string;
  requestId: string;
  client: string | null;
  service: string | null;
  method: string;
  path: string;
  status: number;
  fault: string | null;
  durationMs: number;
  providerMs: number | null;
  requestHash: string;
  purpose: string | null;
  userId: string | null;
}

export interface ChainedRecord extends ExchangeRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);
/** The most records one transaction writes. */
const MAX_GROUP = 200;

/** The chain's key, derived from SEN_MASTER_KEY (kept outside the database): a database writer cannot recompute the chain. */
export function messageLogKey(masterKey: string): KeyObject {
  return createSecretKey(createSecretBox(masterKey).deriveKey('lgsp-message-log'));
}

export function recordHash(record: Omit<ChainedRecord, 'hash'>, key: KeyObject): string {
  const fields = [
    record.seq, record.at.toISOString(), record.messageId, record.requestId, record.client, record.service, record.method, record.path,
    record.status, record.fault, record.durationMs, record.providerMs, record.requestHash, record.purpose, record.userId, record.prevHash,
  ];
  return createHmac('sha256', key).update(canonicalJson(fields)).digest('hex');
}

interface Pending {
  record: ExchangeRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createMessageLog(db: Db, key: KeyObject) {
  const queue: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let groups = 0;
  // The head row is created once per process (idempotently), not in every transaction.
  let headExists = false;

  async function commit(group: Pending[]): Promise<void> {
    if (!headExists) {
      await db.insert(messageLogHead).values({ id: 1, seq: 0, hash: GENESIS }).onConflictDoNothing();
      headExists = true;
    }
    await db.transaction(async (tx) => {
      const [head] = await tx.select().from(messageLogHead).where(eq(messageLogHead.id, 1)).for('update');
      if (!head) throw new Error('message log head missing');
      let { seq, hash } = head;
      const rows: ChainedRecord[] = group.map(({ record }) => {
        seq += 1;
        const chained = { ...record, seq, prevHash: hash };
        hash = recordHash(chained, key);
        return { ...chained, hash };
      });
      await tx.insert(messageLog).values(rows);
      await tx.update(messageLogHead).set({ seq, hash }).where(eq(messageLogHead.id, 1));
    });
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      groups += 1;
      try {
        await commit(group);
        for (const pending of group) pending.resolve();
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    flushing = undefined;
  }

  return {
    /** Resolves once the record is committed (with whatever else was waiting); rejects if its group could not be. */
    append(record: ExchangeRecord): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, resolve, reject });
        flushing ??= drain();
      });
    },
    /** Waits for every queued record (at shutdown). */
    async flush(): Promise<void> {
      await flushing;
    },
    /** Transactions written so far by this process (to show the grouping in tests). */
    groupsCommitted: () => groups,
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;

export type ChainCheck =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; problem: 'hash' | 'link' | 'gap' | 'head'; message: string };

/** Recomputes the whole chain, page by page; the first broken record is reported. */
export async function verifyMessageLog(db: Db, key: KeyObject): Promise<ChainCheck> {
  let prevHash = GENESIS;
  let expected = 1;
  let records = 0;
  for (;;) {
    const page = await db.select().from(messageLog).where(gt(messageLog.seq, expected - 1)).orderBy(asc(messageLog.seq)).limit(1000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expected) return { ok: false, records, seq: expected, problem: 'gap', message: `record ${expected} is missing` };
      if (row.prevHash !== prevHash) return { ok: false, records, seq: row.seq, problem: 'link', message: 'its previous hash is not the hash of the record before it' };
      if (recordHash(row, key) !== row.hash) return { ok: false, records, seq: row.seq, problem: 'hash', message: 'its content does not match its hash' };
      prevHash = row.hash;
      expected += 1;
      records += 1;
    }
  }
  const [head] = await db.select().from(messageLogHead).where(eq(messageLogHead.id, 1));
  if (head && (head.seq !== records || head.hash !== prevHash)) {
    return { ok: false, records, seq: head.seq, problem: 'head', message: `the head names record ${head.seq}, the chain ends at ${records}` };
  }
  return { ok: true, records };
}
