import { X509Certificate, createSecretKey, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import { bulkInsert, createSecretBox, type Db, type SecretBox } from '../../packages/platform/index.ts';
import { messageBodies, messageLog, messageLogHead, messageLogSeals, operationalRecords } from './db/schema.ts';
import { GENESIS, legacyRecordHash, linkHash, recordDigest, recordMac, sealBytes, type ExchangeFields } from './log-chain.ts';

/**
 * The gateway's message log: one record per exchange, hash-chained (log-chain.ts), written
 * BEFORE the answer is released. Records are committed in small groups: while one group's
 * transaction runs, the exchanges finishing meanwhile queue up and go together in the next one
 * (group commit), so a burst costs one transaction per group, not one per request. The same
 * transaction writes the exchange's operational-monitoring record and, for services logging
 * bodies in full, the bodies sealed with the platform's secret box. The head row is locked in
 * each transaction, so several gateway replicas extend one chain.
 */

export type ExchangeRecord = ExchangeFields;

export interface ChainedRecord extends ExchangeRecord {
  seq: number;
  prevHash: string;
  hash: string;
  mac: string | null;
}

/** X-Road operational-monitoring fields of one request (PR-OPMON), minus the seq it shares with its log record. */
export type OperationalRecord = Omit<typeof operationalRecords.$inferInsert, 'seq'>;

export interface LogExtras {
  /** Bodies to keep (services logging in full); sealed at rest, opened only for an evidence export. */
  bodies?: { request: Buffer | null; response: Buffer | null };
  monitoring?: OperationalRecord;
}

export { GENESIS };
/** The most records one transaction writes. */
const MAX_GROUP = 200;

/** The chain's key, derived from SEN_MASTER_KEY (kept outside the database): a database writer cannot recompute the chain's MACs. */
export function messageLogKey(masterKey: string): KeyObject {
  return createSecretKey(createSecretBox(masterKey).deriveKey('lgsp-message-log'));
}

/** Context of a sealed body: bound as associated data, so a body copied to another record does not open there. */
export const bodyContext = (messageId: string, seq: number, part: 'request' | 'response') => `lgsp.body:${seq}:${messageId}:${part}`;

interface Pending {
  record: ExchangeRecord;
  extras: LogExtras;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createMessageLog(db: Db, key: KeyObject, options: { box?: SecretBox } = {}) {
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
      const rows: ChainedRecord[] = [];
      const monitoring: (typeof operationalRecords.$inferInsert)[] = [];
      const bodies: (typeof messageBodies.$inferInsert)[] = [];
      for (const { record, extras } of group) {
        seq += 1;
        const prevHash = hash;
        hash = linkHash(seq, prevHash, recordDigest(record));
        rows.push({ ...record, requestBodyHash: record.requestBodyHash ?? null, responseBodyHash: record.responseBodyHash ?? null, seq, prevHash, hash, mac: recordMac(hash, key) });
        if (extras.monitoring) monitoring.push({ ...extras.monitoring, seq });
        if (extras.bodies && options.box && (extras.bodies.request || extras.bodies.response)) {
          const seal = (body: Buffer | null, part: 'request' | 'response') => (body ? options.box!.seal(body.toString('base64'), bodyContext(record.messageId, seq, part)) : null);
          bodies.push({ seq, messageId: record.messageId, requestSealed: seal(extras.bodies.request, 'request'), responseSealed: seal(extras.bodies.response, 'response') });
        }
      }
      // One statement a table whatever the group's size (bulk-insert.ts): the query builder's per-value work was the gateway's largest CPU cost.
      await bulkInsert(tx, messageLog, rows);
      await bulkInsert(tx, operationalRecords, monitoring);
      await bulkInsert(tx, messageBodies, bodies);
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
    append(record: ExchangeRecord, extras: LogExtras = {}): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, extras, resolve, reject });
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
  | { ok: false; records: number; seq: number; problem: 'hash' | 'link' | 'gap' | 'head' | 'mac' | 'seal'; message: string };

const sameHex = (a: string | null, b: string) => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Each seal still names the record's hash and its signature verifies: sealed history was not rewritten, even by a holder of the master key. */
async function checkSeals(db: Db, records: number): Promise<ChainCheck | undefined> {
  for (const seal of await db.select().from(messageLogSeals).orderBy(asc(messageLogSeals.seq))) {
    const [row] = await db.select({ hash: messageLog.hash }).from(messageLog).where(eq(messageLog.seq, seal.seq));
    if (row?.hash !== seal.hash) return { ok: false, records, seq: seal.seq, problem: 'seal', message: `the record differs from the one sealed at ${seal.sealedAt}` };
    const signed = (() => {
      try {
        const signer = new X509Certificate(Buffer.from(seal.certificates[0] ?? '', 'base64'));
        return verifySignature('sha256', sealBytes(seal), signer.publicKey, Buffer.from(seal.signature, 'base64'));
      } catch {
        return false;
      }
    })();
    if (!signed) return { ok: false, records, seq: seal.seq, problem: 'seal', message: `the seal of ${seal.sealedAt} does not verify` };
  }
  return undefined;
}

/** Recomputes the whole chain, page by page, then checks the seals; the first broken record is reported. */
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
      if (row.mac === null) {
        // Written before seals existed (migration 0014): its hash is the keyed one.
        if (!sameHex(row.hash, legacyRecordHash(row, key))) return { ok: false, records, seq: row.seq, problem: 'hash', message: 'its content does not match its hash' };
      } else if (linkHash(row.seq, row.prevHash, recordDigest(row)) !== row.hash) {
        return { ok: false, records, seq: row.seq, problem: 'hash', message: 'its content does not match its hash' };
      } else if (!sameHex(row.mac, recordMac(row.hash, key))) return { ok: false, records, seq: row.seq, problem: 'mac', message: 'its MAC was not made with this master key (a recomputed chain)' };
      prevHash = row.hash;
      expected += 1;
      records += 1;
    }
  }
  const [head] = await db.select().from(messageLogHead).where(eq(messageLogHead.id, 1));
  if (head && (head.seq !== records || head.hash !== prevHash)) {
    return { ok: false, records, seq: head.seq, problem: 'head', message: `the head names record ${head.seq}, the chain ends at ${records}` };
  }
  return (await checkSeals(db, records)) ?? { ok: true, records };
}
