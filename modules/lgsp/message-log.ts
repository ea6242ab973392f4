import { createSecretKey, type KeyObject } from 'node:crypto';
import { asc, desc, eq, gt } from 'drizzle-orm';
import { createSecretBox, preparedRows, preparedTransaction, unnestInsert, type Db, type SecretBox } from '../../packages/platform/index.ts';
import { messageBodies, messageLog, messageLogArchives, messageLogHead, messageLogSeals, operationalRecords } from './db/schema.ts';
import { GENESIS, linkHash, recordDigest, recordMac, recordProblem, sealSignatureValid, type ExchangeFields } from './log-chain.ts';

/**
 * The gateway's message log: one record per exchange, hash-chained (log-chain.ts), written
 * BEFORE the answer is released. Records are committed in groups: while one group commits, the
 * exchanges finishing meanwhile queue up and go together in a next one (group commit). Each group
 * is ONE statement (one round trip, one implicit transaction): it moves the head row from the
 * tail this process expects to the group's last record and inserts the records, their
 * operational-monitoring records and (services logging bodies in full) the sealed bodies — or,
 * when the head is not where expected (another replica extended the chain), writes nothing; the
 * process then re-reads the head and chains the group again. Optionally (`depth`) the next group is
 * sent before the previous one's answer, on another connection: it waits on the head row's lock and
 * commits right after it, or — when that one failed or had not locked the head yet — finds the head
 * elsewhere and is chained again. A record's promise resolves only once its own group committed.
 * Several replicas extend one chain.
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
/**
 * The most body bytes one group carries (at least one record goes whatever its size): 200 bodies
 * of 100 KB, sealed and base64-encoded, made one statement of tens of MB whose flush held every
 * answer of the group for seconds.
 */
const MAX_GROUP_BODY_BYTES = 4 * 1024 * 1024;

const bodyBytes = (extras: LogExtras) => (extras.bodies?.request?.length ?? 0) + (extras.bodies?.response?.length ?? 0);

/** Takes the next group off the queue: up to MAX_GROUP records and MAX_GROUP_BODY_BYTES of bodies. */
export function takeGroup<T extends { extras: LogExtras }>(queue: T[]): T[] {
  let count = 0;
  let bytes = 0;
  while (count < queue.length && count < MAX_GROUP) {
    bytes += bodyBytes(queue[count]!.extras);
    if (count > 0 && bytes > MAX_GROUP_BODY_BYTES) break;
    count += 1;
  }
  return queue.splice(0, count);
}

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
  /** Times its group found the head moved by another replica (then it is chained again). */
  conflicts: number;
}

interface Tail { seq: number; hash: string }

/**
 * How the log's transactions commit (decision 0042). `durable`: each group waits for its WAL
 * flush. `async`: `synchronous_commit = off` for the log's statements only — an answer is still
 * released only after its record's COMMIT (so killing the gateway loses nothing the client saw),
 * but a crash of PostgreSQL itself may lose the last wal_writer_delay (~200 ms at most 3×) of commits.
 */
export type LogCommitMode = 'durable' | 'async';

export interface MessageLogOptions {
  box?: SecretBox;
  commit?: LogCommitMode;
  /**
   * Groups in flight at once (default 1: the next group is sent when the previous one answered).
   * With 2 the next group is pipelined on another connection and waits on the head row's lock;
   * measured on the 2-core machine it was not faster: about half the pipelined groups reached the
   * head before the group ahead of them had locked it, found it unmoved and had to be chained again.
   */
  depth?: number;
}

/**
 * The group's statement, one fixed text (a named prepared statement on PostgreSQL: parsed and
 * planned once per connection). The head moves only from the very (seq, hash) the group was
 * chained on ($3, $4): under another replica's (or a failed earlier group's) head it matches no
 * row, and then the inserts, gated on it, write nothing. The statement is one implicit
 * transaction: all of it commits, or none. A table without rows in the group gets empty arrays.
 */
const GROUP = (() => {
  const moved = 'exists (select from head)';
  const log = unnestInsert(messageLog, 5, moved);
  const monitoring = unnestInsert(operationalRecords, 5 + log.count, moved);
  const bodies = unnestInsert(messageBodies, 5 + log.count + monitoring.count, moved);
  const text = (asyncCommit: boolean) => `with head as (
      update "lgsp"."message_log_head" set seq = $1, hash = $2 where id = 1 and seq = $3 and hash = $4 returning 1
    ), w0 as (${log.text}), w1 as (${monitoring.text}), w2 as (${bodies.text})
    select count(*)::int as moved from head${asyncCommit ? ` cross join (select set_config('synchronous_commit', 'off', true)) as commit_mode` : ''}`;
  return { log, monitoring, bodies, name: 'lgsp_log_group', text: text(false), asyncName: 'lgsp_log_group_async', asyncText: text(true) };
})();

/** A group whose head moved under it this many times in a row is refused (its answers withheld). */
const MAX_CONFLICTS = 20;

export function createMessageLog(db: Db, key: KeyObject, options: MessageLogOptions = {}) {
  const queue: Pending[] = [];
  const depth = Math.max(1, options.depth ?? 1);
  const asyncCommit = options.commit === 'async';
  let groups = 0;
  let rechained = 0;
  let inFlight = 0;
  let loading = false;
  // The chain's tail as this process expects it after the groups it has sent; unknown (re-read
  // from the head row) at start and after any group failed or found the head moved.
  let tail: Tail | undefined;
  const idle: (() => void)[] = [];

  /** One statement, one round trip: move the head from `from` (only if it is still there) and write the group's rows. */
  function statement(group: Pending[], from: Tail): { values: unknown[]; to: Tail } {
    let { seq, hash } = from;
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
    const values = [seq, hash, from.seq, from.hash, ...GROUP.log.values(rows), ...GROUP.monitoring.values(monitoring), ...GROUP.bodies.values(bodies)];
    return { values, to: { seq, hash } };
  }

  /**
   * A group already chained once on a tail that moved (another replica's group got there first)
   * is chained under the head row's lock instead: read the head FOR UPDATE, chain, write, commit.
   * Nothing can move the head meanwhile, so it commits; optimistic retries alone could lose to
   * the other replica again and again under load (`--workers 2` withheld answers that way).
   */
  async function sendLocked(group: Pending[]): Promise<{ moved: boolean; to: Tail }> {
    return preparedTransaction(db, async (query) => {
      const [head] = await query<{ seq: string | number; hash: string }>('lgsp_log_head_lock', 'select seq, hash from "lgsp"."message_log_head" where id = 1 for update', []);
      if (!head) throw new Error('message log head missing');
      const { values, to } = statement(group, { seq: Number(head.seq), hash: head.hash });
      const [row] = await query<{ moved: number }>(asyncCommit ? GROUP.asyncName : GROUP.name, asyncCommit ? GROUP.asyncText : GROUP.text, values);
      return { moved: Number(row?.moved) === 1, to };
    });
  }

  /** Sends a group chained on `from`, or (`from` undefined: it was chained again after a conflict) under the head's lock. */
  async function send(group: Pending[], from: Tail | undefined): Promise<void> {
    let outcome: 'committed' | 'moved' | { error: unknown };
    try {
      if (from) {
        const { values, to } = statement(group, from);
        tail = to;
        const [row] = await preparedRows<{ moved: number }>(db, asyncCommit ? GROUP.asyncName : GROUP.name, asyncCommit ? GROUP.asyncText : GROUP.text, values);
        outcome = Number(row?.moved) === 1 ? 'committed' : 'moved';
      } else {
        const locked = await sendLocked(group);
        if (locked.moved) tail = locked.to;
        outcome = locked.moved ? 'committed' : 'moved';
      }
    } catch (error) {
      outcome = { error };
    }
    inFlight -= 1;
    if (outcome === 'committed') {
      groups += 1;
      for (const pending of group) pending.resolve();
    } else {
      // Whatever was sent after this group was chained on it and will not commit either: re-read the head once all have answered.
      tail = undefined;
      if (outcome === 'moved') {
        rechained += 1;
        const retry = group.filter((p) => (p.conflicts += 1) <= MAX_CONFLICTS);
        for (const p of group) if (p.conflicts > MAX_CONFLICTS) p.reject(new Error('the message log head kept moving'));
        queue.unshift(...retry);
      } else {
        for (const pending of group) pending.reject(outcome.error);
      }
    }
    pump();
  }

  async function loadTail(): Promise<void> {
    loading = true;
    try {
      // The head row is created once per process (idempotently), not in every transaction.
      await db.insert(messageLogHead).values({ id: 1, seq: 0, hash: GENESIS }).onConflictDoNothing();
      const [head] = await db.select().from(messageLogHead).where(eq(messageLogHead.id, 1));
      if (!head) throw new Error('message log head missing');
      tail = { seq: head.seq, hash: head.hash };
    } catch (error) {
      for (const pending of queue.splice(0)) pending.reject(error);
    } finally {
      loading = false;
    }
    pump();
  }

  /** Sends the queued records while fewer than `depth` groups are in flight, each group chained on the one before. */
  function pump(): void {
    while (queue.length > 0 && inFlight < depth && !loading) {
      if (!tail) {
        if (inFlight > 0) return;
        // A group chained again after a conflict takes the head's lock (no re-read needed first).
        if (queue[0]!.conflicts === 0) return void loadTail();
        inFlight += 1;
        void send(takeGroup(queue), undefined);
        return;
      }
      inFlight += 1;
      void send(takeGroup(queue), tail);
    }
    if (queue.length === 0 && inFlight === 0 && !loading) {
      for (const resolve of idle.splice(0)) resolve();
    }
  }

  return {
    /** Resolves once the record is committed (with whatever else was waiting); rejects if its group could not be. */
    append(record: ExchangeRecord, extras: LogExtras = {}): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, extras, resolve, reject, conflicts: 0 });
        pump();
      });
    },
    /** Waits for every queued record (at shutdown). */
    async flush(): Promise<void> {
      if (queue.length === 0 && inFlight === 0 && !loading) return;
      await new Promise<void>((resolve) => idle.push(resolve));
    },
    /** Transactions written so far by this process (to show the grouping in tests). */
    groupsCommitted: () => groups,
    /** Groups that found the head moved (by another replica, or a failed or not yet committed earlier group) and were chained again. */
    groupsRechained: () => rechained,
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;

export type ChainCheck =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; problem: 'hash' | 'link' | 'gap' | 'head' | 'mac' | 'seal'; message: string };

/** Each seal still names the record's hash and its signature verifies: sealed history was not rewritten, even by a holder of the master key. */
async function checkSeals(db: Db, records: number): Promise<ChainCheck | undefined> {
  for (const seal of await db.select().from(messageLogSeals).orderBy(asc(messageLogSeals.seq))) {
    const [row] = await db.select({ hash: messageLog.hash }).from(messageLog).where(eq(messageLog.seq, seal.seq));
    if (row?.hash !== seal.hash) return { ok: false, records, seq: seal.seq, problem: 'seal', message: `the record differs from the one sealed at ${seal.sealedAt}` };
    if (!sealSignatureValid(seal)) return { ok: false, records, seq: seal.seq, problem: 'seal', message: `the seal of ${seal.sealedAt} does not verify` };
  }
  return undefined;
}

/**
 * Recomputes the chain in the database, page by page, then checks the seals; the first broken record
 * is reported. Archived records (decision 0049) are gone: the chain starts from the newest archive's
 * last hash (log-archive.ts verifies the archives themselves).
 */
export async function verifyMessageLog(db: Db, key: KeyObject): Promise<ChainCheck> {
  const [anchor] = await db.select({ seq: messageLogArchives.lastSeq, hash: messageLogArchives.lastHash }).from(messageLogArchives).orderBy(desc(messageLogArchives.lastSeq)).limit(1);
  let prevHash = anchor?.hash ?? GENESIS;
  let expected = (anchor?.seq ?? 0) + 1;
  let records = 0;
  for (;;) {
    const page = await db.select().from(messageLog).where(gt(messageLog.seq, expected - 1)).orderBy(asc(messageLog.seq)).limit(1000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expected) return { ok: false, records, seq: expected, problem: 'gap', message: `record ${expected} is missing` };
      if (row.prevHash !== prevHash) return { ok: false, records, seq: row.seq, problem: 'link', message: 'its previous hash is not the hash of the record before it' };
      const broken = recordProblem(row, key);
      if (broken) return { ok: false, records, seq: row.seq, ...broken };
      prevHash = row.hash;
      expected += 1;
      records += 1;
    }
  }
  const [head] = await db.select().from(messageLogHead).where(eq(messageLogHead.id, 1));
  if (head && (head.seq !== expected - 1 || head.hash !== prevHash)) {
    return { ok: false, records, seq: head.seq, problem: 'head', message: `the head names record ${head.seq}, the chain ends at ${expected - 1}` };
  }
  return (await checkSeals(db, records)) ?? { ok: true, records };
}
