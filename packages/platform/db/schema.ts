import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Infrastructure tables, owned by packages/platform. */
export const platform = pgSchema('platform');

/**
 * Append-only, hash-chained audit trail. `seq` starts at 1 and has no gaps. `alg` says how
 * `hash` was computed: `sha256` (unkeyed, records written before the chain was keyed) or
 * `hmac-sha256` (keyed with a key derived from SEN_MASTER_KEY); see docs/decisions/0014-audit-evidence.md.
 */
export const auditLog = platform.table(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    outcome: integer('outcome').notNull(),
    sourceIp: text('source_ip').notNull(),
    requestId: text('request_id').notNull(),
    purpose: text('purpose').notNull(),
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    alg: text('alg').notNull().default('sha256'),
  },
  (t) => [index('audit_log_actor_idx').on(t.actor, t.seq), index('audit_log_action_idx').on(t.action, t.seq), index('audit_log_at_idx').on(t.at)],
);

/** The chain's head: one row, locked by each append, so appends are serialised across replicas. */
export const auditHead = platform.table('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Fixed-window counters (rate limits) shared by every replica. */
export const rateCounters = platform.table('rate_counters', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  count: integer('count').notNull(),
});

/** Idempotency keys: the first response to a key is stored and replayed for retries. */
export const idempotencyKeys = platform.table('idempotency_keys', {
  key: text('key').primaryKey(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: jsonb('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Durable background work and the transactional outbox: a job is inserted in the same
 * transaction as the change that needs it, and claimed by any replica with
 * FOR UPDATE SKIP LOCKED. `dedupe_key` makes an enqueue idempotent.
 */
export const jobs = platform.table(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').notNull(),
    /** pending → running → done, or back to pending with a later run_at, or dead after max attempts. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`status = 'pending'`),
    index('jobs_lease_idx').on(t.lockedUntil).where(sql`status = 'running'`),
    index('jobs_queue_status_idx').on(t.queue, t.status),
    uniqueIndex('jobs_dedupe_key_idx').on(t.dedupeKey),
  ],
);
