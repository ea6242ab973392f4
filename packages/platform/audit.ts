import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from './db/connection.ts';
import { auditHead, auditLog } from './db/schema.ts';
import { sha256Hex } from './ids.ts';
import { createSecretBox } from './secrets.ts';

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

/**
 * How a record's hash was computed: `sha256` (unkeyed; records written before the chain was
 * keyed, still verifiable) or `hmac-sha256` (keyed, what every append writes now).
 */
export type AuditAlg = 'sha256' | 'hmac-sha256';

export interface AuditRecord extends Required<AuditEntry> {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
  alg: AuditAlg;
}

/**
 * Keys derived from SEN_MASTER_KEY, which lives outside the database: whoever can only write
 * to the database can neither recompute the chain nor forge a checkpoint.
 */
export interface AuditKeys {
  /** HMAC key of the record chain. */
  readonly chain: KeyObject;
  /** HMAC key of the checkpoints written outside the database. */
  readonly checkpoint: KeyObject;
}

export function auditKeys(masterKey: string): AuditKeys {
  const box = createSecretBox(masterKey);
  // Key objects, not buffers: Node imports a raw HMAC key on every call, which costs ~7× the HMAC itself.
  return { chain: createSecretKey(box.deriveKey('audit-chain')), checkpoint: createSecretKey(box.deriveKey('audit-checkpoint')) };
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

type Hashed = Omit<AuditRecord, 'hash' | 'alg'>;

const recordBytes = (r: Hashed): string =>
  canonicalJson([r.seq, r.at.toISOString(), r.actor, r.action, r.target, r.outcome, r.sourceIp, r.requestId, r.purpose, r.details, r.prevHash]);

/** The unkeyed hash of records written before the chain was keyed (kept to verify them). */
export function hashRecord(r: Hashed): string {
  return sha256Hex(recordBytes(r));
}

/** The keyed hash every record gets now: without the key nobody can recompute the chain. */
export function hmacRecord(r: Hashed, keys: AuditKeys): string {
  return createHmac('sha256', keys.chain).update(recordBytes(r)).digest('hex');
}

/**
 * Appends one record to the chain. Pass a transaction to make the record part of the write it
 * describes; the head row lock serialises concurrent appenders on every replica.
 */
export async function appendAudit(db: Queryable, entry: AuditEntry, keys: AuditKeys): Promise<AuditRecord> {
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
    const record: AuditRecord = { ...draft, hash: hmacRecord(draft, keys), alg: 'hmac-sha256' };
    await tx.insert(auditLog).values(record);
    await tx.update(auditHead).set({ seq: record.seq, hash: record.hash }).where(eq(auditHead.id, 1));
    return record;
  };
  // Inside a caller's transaction this becomes a savepoint; otherwise its own transaction.
  return db.transaction(run);
}

/** How many records the head row says were written (0 before the first). */
export async function auditHeadSeq(db: Db): Promise<number> {
  const [head] = await db.select({ seq: auditHead.seq }).from(auditHead).where(eq(auditHead.id, 1));
  return head?.seq ?? 0;
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

