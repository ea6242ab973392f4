import { sql } from 'drizzle-orm';
import { canonicalJson } from './audit.ts';
import { pgError, queryRows, type Db, type Tx } from './db/connection.ts';
import { unprocessable } from './errors.ts';
import { sha256Hex } from './ids.ts';

/**
 * Idempotent state changes: the first outcome for a key is stored in the same transaction as
 * the change, so a retry after a timeout or a crash replays it instead of acting twice. Keys
 * are scoped to the actor; reusing a key for a different request is refused.
 */
export interface IdempotencyScope {
  /** The client's `Idempotency-Key`; when absent the work simply runs. */
  key: string | undefined;
  /** Who asks (user or client id): one actor's keys never collide with another's. */
  actor: string;
  /** What is asked (operation and input), to detect a reused key. */
  request: unknown;
}

export interface IdempotentOutcome<T> {
  value: T;
  /** True when this is the stored outcome of an earlier call. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
// The two-number advisory locks are a key space of their own (the start-up locks use one number);
// this class holds one lock per idempotency key, identified by the key's hash.
const IDEMPOTENCY_LOCK_CLASS = 7_204_611;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

async function stored<T>(db: Db | Tx, key: string, requestHash: string): Promise<T | undefined> {
  const rows = await queryRows<{ request_hash: string; body: { value: T } }>(db,
    sql`select request_hash, body from platform.idempotency_keys where key = ${key}`);
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== requestHash) {
    throw unprocessable('idempotency.key_reused', 'This Idempotency-Key was already used for a different request');
  }
  return row.body.value;
}

/**
 * Runs `work` in a transaction at most once per (actor, key); T must be JSON. `prepare` runs
 * first, outside the transaction, only when the work will run (not for a replay): reads of other
 * modules belong there, because an embedded database has one connection and the transaction
 * holds it.
 */
export async function runIdempotent<T, P = undefined>(
  db: Db, scope: IdempotencyScope, work: (tx: Tx, prepared: P) => Promise<T>, prepare?: () => Promise<P>,
): Promise<IdempotentOutcome<T>> {
  const run = async (): Promise<T> => {
    const prepared = (prepare ? await prepare() : undefined) as P;
    return db.transaction((tx) => work(tx, prepared));
  };
  if (scope.key === undefined) return { value: await run(), replayed: false };
  if (!isValidIdempotencyKey(scope.key)) {
    throw unprocessable('idempotency.invalid_key', 'Idempotency-Key must be 8–128 characters of letters, digits, ".", "_", ":" or "-"');
  }
  const key = sha256Hex(`${scope.actor}\n${scope.key}`);
  const requestHash = sha256Hex(canonicalJson(scope.request));
  const earlier = await stored<T>(db, key, requestHash);
  if (earlier !== undefined) return { value: earlier, replayed: true };
  try {
    const prepared = (prepare ? await prepare() : undefined) as P;
    const outcome = await db.transaction(async (tx): Promise<IdempotentOutcome<T>> => {
      // Calls with one key take turns (on any replica): the later one finds the earlier's outcome
      // instead of running work that may fail on what the earlier consumed (an upload, a step).
      await tx.execute(sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK_CLASS}, hashtext(${key}))`);
      const winner = await stored<T>(tx, key, requestHash);
      if (winner !== undefined) return { value: winner, replayed: true };
      const result = await work(tx, prepared);
      await tx.execute(sql`insert into platform.idempotency_keys (key, request_hash, status, body)
        values (${key}, ${requestHash}, 200, ${JSON.stringify({ value: result })}::jsonb)`);
      return { value: result, replayed: false };
    });
    return outcome;
  } catch (error) {
    // A concurrent call with the same key committed first: ours rolled back; answer with theirs.
    if (pgError(error).code === '23505') {
      const winner = await stored<T>(db, key, requestHash);
      if (winner !== undefined) return { value: winner, replayed: true };
    }
    throw error;
  }
}
