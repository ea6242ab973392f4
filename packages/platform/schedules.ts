import { sql } from 'drizzle-orm';
import { enqueueJob, type JobHandler } from './jobs.ts';
import { queryRows, type Queryable } from './db/connection.ts';

/**
 * Recurring jobs, once per period across every replica (docs/decisions/0021-recurring-jobs.md).
 * Every runner enqueues the current period's occurrence of each recurring job with the dedupe
 * key `recurring:<name>:<period number>`; the unique key lets exactly one insert win, and the
 * job then runs once like any other (lease, retries, dead letters). No extra table, no leader
 * election: a replica that is down simply does not take part.
 */
export interface RecurringJob {
  /** Stable name: part of the dedupe key (`[a-z0-9._-]`). */
  name: string;
  queue: string;
  /** Period length; occurrences are aligned to the epoch (every 3600 s → on the hour, UTC). */
  everySeconds: number;
  payload?: Record<string, unknown>;
}

export interface Occurrence {
  /** Period number since the epoch, and when the period started. */
  period: number;
  periodStart: string;
}

const NAME = /^[a-z0-9._-]{1,64}$/;

export function periodOf(job: RecurringJob, now: Date): number {
  return Math.floor(now.getTime() / (job.everySeconds * 1000));
}

/** Enqueues the current occurrence of each job unless some replica already did; returns how many this call added. */
export async function enqueueRecurring(db: Queryable, jobs: readonly RecurringJob[], now: Date = new Date()): Promise<number> {
  let added = 0;
  for (const job of jobs) {
    if (!NAME.test(job.name)) throw new Error(`recurring job name must match ${NAME}: ${job.name}`);
    const period = periodOf(job, now);
    const periodStart = new Date(period * job.everySeconds * 1000);
    const id = await enqueueJob(db, {
      queue: job.queue, payload: { ...job.payload, period, periodStart: periodStart.toISOString() } satisfies Occurrence & Record<string, unknown>,
      runAt: periodStart, dedupeKey: `recurring:${job.name}:${period}`, maxAttempts: 3,
    });
    if (id !== undefined) added += 1;
  }
  return added;
}

/** Queue of the platform's own housekeeping. */
export const PLATFORM_MAINTENANCE_QUEUE = 'platform.maintenance';

export interface MaintenanceOptions {
  /** Finished jobs (done) older than this are deleted; dead letters stay for people to see. Default 14 days. */
  doneJobsDays?: number;
  /** Rate-limit counters whose window started longer ago than this are deleted. Default 2 days (windows are shorter). */
  rateCounterDays?: number;
  /**
   * Stored outcomes of idempotent requests older than this are deleted. Default 7 days: clients
   * retry within minutes or hours; a key reused after a week runs as a new request.
   */
  idempotencyKeyDays?: number;
}

/**
 * Deletes what no one reads again: done jobs (their dedupe keys with them: a period already
 * past is never enqueued again, and idempotent producers key by ids that do not come back) and
 * stale rate-limit counters and idempotency outcomes past their retry window.
 */
export function maintenanceHandler(db: Queryable, options: MaintenanceOptions = {}): JobHandler {
  const doneDays = options.doneJobsDays ?? 14;
  const rateDays = options.rateCounterDays ?? 2;
  const idempotencyDays = options.idempotencyKeyDays ?? 7;
  return async () => {
    await queryRows(db, sql`delete from platform.jobs where status = 'done' and finished_at < now() - make_interval(days => ${doneDays})`);
    await queryRows(db, sql`delete from platform.rate_counters where window_start < now() - make_interval(days => ${rateDays})`);
    await queryRows(db, sql`delete from platform.idempotency_keys where created_at < now() - make_interval(days => ${idempotencyDays})`);
  };
}

/** The platform's recurring housekeeping: hourly. */
export const PLATFORM_RECURRING: readonly RecurringJob[] = [{ name: 'platform.maintenance', queue: PLATFORM_MAINTENANCE_QUEUE, everySeconds: 3600 }];
