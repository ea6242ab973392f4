import { bigint, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** Infrastructure tables, owned by packages/platform. */
export const platform = pgSchema('platform');

/** Append-only, hash-chained audit trail. `seq` starts at 1 and has no gaps. */
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
