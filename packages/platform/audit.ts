import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from './db/connection.ts';
import { auditHead, auditLog } from './db/schema.ts';
import { sha256Hex } from './ids.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  outcome: number;
  sourceIp: string;
  requestId: string;
  /** Why the data was read or changed; required for personal-data reads. */
  purpose: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<AuditEntry> {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, so a record hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  return sha256Hex(
    canonicalJson([r.seq, r.at.toISOString(), r.actor, r.action, r.target, r.outcome, r.sourceIp, r.requestId, r.purpose, r.details, r.prevHash]),
  );
}

/**
 * Appends one record to the chain. Pass a transaction to make the record part of the write it
 * describes; the head row lock serialises concurrent appenders on every replica.
 */
export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<AuditRecord> {
  const run = async (tx: Tx) => {
    await tx.insert(auditHead).values({ id: 1, seq: 0, hash: GENESIS }).onConflictDoNothing();
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
    if (!head) throw new Error('audit head missing');
    const draft = {
      ...entry,
      details: entry.details ?? {},
      seq: head.seq + 1,
      at: new Date(),
      prevHash: head.hash,
    };
    const record: AuditRecord = { ...draft, hash: hashRecord(draft) };
    await tx.insert(auditLog).values(record);
    await tx.update(auditHead).set({ seq: record.seq, hash: record.hash }).where(eq(auditHead.id, 1));
    return record;
  };
  // Inside a caller's transaction this becomes a savepoint; otherwise its own transaction.
  return db.transaction(run);
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Return records with seq lower than this (newest first paging). */
  before?: number | undefined;
  limit: number;
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRecord[]> {
  const where: SQL[] = [];
  if (f.actor) where.push(eq(auditLog.actor, f.actor));
  if (f.action) where.push(sql`${auditLog.action} like ${`${f.action}%`}`);
  if (f.target) where.push(eq(auditLog.target, f.target));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  if (f.before) where.push(sql`${auditLog.seq} < ${f.before}`);
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.seq)).limit(f.limit);
  return rows as AuditRecord[];
}

export type VerifyResult =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; problem: 'altered' | 'missing' | 'broken_link' | 'head_mismatch'; message: string };

/** Walks the whole chain in order and reports the first tampered or missing record. */
export async function verifyAudit(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (;;) {
    const page = (await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize)) as AuditRecord[];
    for (const r of page) {
      if (r.seq !== expectedSeq) {
        return { ok: false, records: count, seq: expectedSeq, problem: 'missing', message: `record ${expectedSeq} is missing (next present is ${r.seq})` };
      }
      if (r.prevHash !== prevHash) {
        return { ok: false, records: count, seq: r.seq, problem: 'broken_link', message: `record ${r.seq} does not link to record ${r.seq - 1}` };
      }
      if (hashRecord(r) !== r.hash) {
        return { ok: false, records: count, seq: r.seq, problem: 'altered', message: `record ${r.seq} was altered after it was written` };
      }
      prevHash = r.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const headSeq = head?.seq ?? 0;
  if (headSeq !== count || (head && head.hash !== prevHash)) {
    return { ok: false, records: count, seq: count + 1, problem: 'head_mismatch', message: `the chain ends at ${count} but ${headSeq} records were written: records at the end are missing` };
  }
  return { ok: true, records: count };
}
