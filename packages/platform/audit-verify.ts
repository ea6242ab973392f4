import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from './db/connection.ts';
import { auditHead, auditLog } from './db/schema.ts';
import { hashRecord, hmacRecord, type AuditKeys, type AuditRecord } from './audit.ts';
import { checkCheckpoint, type Checkpoint, type CheckpointStore } from './audit-checkpoints.ts';

const GENESIS = '0'.repeat(64);

export type AuditProblem =
  | 'altered' | 'missing' | 'broken_link' | 'head_mismatch'
  /** An unkeyed record where the checkpoints say every record is keyed (a recomputed chain). */
  | 'unkeyed'
  /** A checkpoint outside the database names a record whose hash differs now. */
  | 'checkpoint_mismatch'
  /** A checkpoint outside the database says more records existed than the database holds. */
  | 'truncated'
  /** A checkpoint file is malformed, not signed with our key, or its time stamp does not verify. */
  | 'forged_checkpoint';

export type VerifyResult =
  | {
    ok: true;
    records: number;
    /** First keyed record (null: none yet). */
    keyedSince: number | null;
    checkpoints: number;
    /** Checkpoints still waiting for a TSA time stamp. */
    unstamped: number;
    /** Highest seq anchored by a checkpoint (0: none); records after it are anchored by the chain only. */
    anchoredTo: number;
  }
  | { ok: false; records: number; seq: number; problem: AuditProblem; message: string };

export interface VerifyOptions {
  keys: AuditKeys;
  /** Checkpoints kept outside the database; without them truncation and a recomputed unkeyed chain go unseen. */
  store?: CheckpointStore;
  pageSize?: number;
}

/**
 * Checks the stored checkpoints first (they are the evidence the database cannot touch), then
 * walks the whole chain in order and reports the first tampered, unkeyed or missing record,
 * then compares the end of the chain with its head row and with the checkpoints.
 */
export async function verifyAudit(db: Db, options: VerifyOptions): Promise<VerifyResult> {
  const checkpoints: Checkpoint[] = [];
  let unstamped = 0;
  for (const entry of (await options.store?.list()) ?? []) {
    const check = await checkCheckpoint(entry, options.keys);
    if (!check.ok) return { ok: false, records: 0, seq: 0, problem: 'forged_checkpoint', message: `checkpoint ${check.name} ${check.reason}` };
    checkpoints.push(check.checkpoint);
    if (!check.stamped) unstamped += 1;
  }
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  // The most demanding boundary any checkpoint stated: unkeyed records end before it.
  const keyedBoundary = Math.min(Infinity, ...checkpoints.map((c) => c.keyedSince));
  const anchoredTo = Math.max(0, ...checkpoints.map((c) => c.seq));

  const pageSize = options.pageSize ?? 2000;
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let keyedSince: number | null = null;
  let count = 0;
  const fail = (seq: number, problem: AuditProblem, message: string): VerifyResult => ({ ok: false, records: count, seq, problem, message });
  for (;;) {
    const page = (await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(pageSize)) as AuditRecord[];
    for (const r of page) {
      if (r.seq !== expectedSeq) return fail(expectedSeq, 'missing', `record ${expectedSeq} is missing (next present is ${r.seq})`);
      if (r.prevHash !== prevHash) return fail(r.seq, 'broken_link', `record ${r.seq} does not link to record ${r.seq - 1}`);
      if (r.alg === 'hmac-sha256') {
        keyedSince ??= r.seq;
        if (hmacRecord(r, options.keys) !== r.hash) return fail(r.seq, 'altered', `record ${r.seq} does not match its keyed hash: altered, or rewritten without the key`);
      } else {
        // Unkeyed records are legitimate only before the chain was keyed, never after a keyed one.
        if (keyedSince !== null || r.seq >= keyedBoundary) {
          return fail(r.seq, 'unkeyed', `record ${r.seq} is unkeyed where the chain ${keyedSince !== null ? `is keyed since record ${keyedSince}` : `is keyed since record ${keyedBoundary} (checkpoints)`}: the chain was recomputed`);
        }
        if (hashRecord(r) !== r.hash) return fail(r.seq, 'altered', `record ${r.seq} was altered after it was written`);
      }
      const anchor = bySeq.get(r.seq);
      if (anchor && anchor.hash !== r.hash) return fail(r.seq, 'checkpoint_mismatch', `record ${r.seq} differs from the checkpoint written at ${anchor.at}: the chain was rewritten`);
      prevHash = r.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const headSeq = head?.seq ?? 0;
  if (headSeq !== count || (head && head.hash !== prevHash)) {
    return fail(count + 1, 'head_mismatch', `the chain ends at ${count} but ${headSeq} records were written: records at the end are missing`);
  }
  if (anchoredTo > count) {
    const anchor = bySeq.get(anchoredTo)!;
    return fail(count + 1, 'truncated', `a checkpoint written at ${anchor.at} saw ${anchoredTo} records but the database holds ${count}: the log was truncated`);
  }
  return { ok: true, records: count, keyedSince, checkpoints: checkpoints.length, unstamped, anchoredTo };
}
