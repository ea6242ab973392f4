import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Queryable } from './db/connection.ts';
import { safeErrorMessage } from './logger.ts';
import type { Metrics, Sample, ScrapeGauges } from './metrics.ts';
import { enqueueRecurring, periodOf, type RecurringJob } from './schedules.ts';

/**
 * Background work through a durable job table (the transactional outbox). Callers enqueue in
 * the same transaction as the change that needs the work, so a crash either loses both or
 * neither; any replica claims due jobs with FOR UPDATE SKIP LOCKED under a lease, so a job
 * runs on one worker at a time and a worker that dies hands its job over when the lease ends.
 * Failures retry with exponential backoff and end as dead letters after `maxAttempts`.
 */
export interface JobInput {
  queue: string;
  payload: unknown;
  /** Not before this time (default now). */
  runAt?: Date;
  /** A second enqueue with the same key is ignored (idempotent producers). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

/**
 * Thrown by a handler whose job must wait for other work first (e.g. an earlier message to the
 * same person): the job goes back to pending until `runAt`, and the attempt does not count.
 */
export class JobDeferred extends Error {
  readonly runAt: Date;
  constructor(runAt: Date, reason: string) {
    super(reason);
    this.name = 'JobDeferred';
    this.runAt = runAt;
  }
}

export interface JobStats {
  queue: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  count: number;
}

/** Enqueues a job; returns its id, or undefined when `dedupeKey` was already used. */
export async function enqueueJob(db: Queryable, job: JobInput): Promise<number | undefined> {
  const rows = await queryRows<{ id: string }>(db, sql`
    INSERT INTO platform.jobs (queue, payload, run_at, dedupe_key, max_attempts)
    VALUES (${job.queue}, ${JSON.stringify(job.payload ?? null)}::jsonb, ${(job.runAt ?? new Date()).toISOString()}::timestamptz,
            ${job.dedupeKey ?? null}, ${job.maxAttempts ?? 8})
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return rows[0] ? Number(rows[0].id) : undefined;
}

/** Seconds before attempt n+1: 5 s, 20 s, 80 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 5 * 4 ** Math.max(0, attempts - 1));
}

export interface JobRunnerOptions {
  handlers: Record<string, JobHandler>;
  /** How long a claimed job stays reserved for its worker. */
  leaseSeconds?: number;
  batchSize?: number;
  pollIntervalMs?: number;
  onError?: (job: Job, error: unknown) => void;
  /** Counts finished jobs by queue and outcome (`sen_jobs_finished_total`). */
  metrics?: Pick<Metrics, 'jobFinished'>;
  /** Jobs this runner enqueues once per period (with every other replica: one occurrence wins). */
  recurring?: readonly RecurringJob[];
}

export class JobRunner {
  readonly #db: Db;
  readonly #options: Required<Omit<JobRunnerOptions, 'onError' | 'metrics'>> & Pick<JobRunnerOptions, 'onError' | 'metrics'>;
  /** The period each recurring job was last enqueued for by this runner: one insert per period, not per poll. */
  readonly #scheduled = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = true;
  /** Set by stop(): the batch in hand finishes, no further batch is claimed. */
  #stopping = false;

  constructor(db: Db, options: JobRunnerOptions) {
    this.#db = db;
    this.#options = { leaseSeconds: 300, batchSize: 10, pollIntervalMs: 1000, recurring: [], ...options };
  }

  /** Enqueues the current occurrence of the recurring jobs not yet enqueued by this runner; returns how many it added. */
  async schedule(now: Date = new Date()): Promise<number> {
    const due = this.#options.recurring.filter((job) => this.#scheduled.get(job.name) !== periodOf(job, now));
    if (due.length === 0) return 0;
    const added = await enqueueRecurring(this.#db, due, now);
    for (const job of due) this.#scheduled.set(job.name, periodOf(job, now));
    return added;
  }

  /** Claims due jobs of the queues this runner handles (expired leases included). */
  async #claim(): Promise<Job[]> {
    const queues = Object.keys(this.#options.handlers);
    if (queues.length === 0) return [];
    const rows = await queryRows<{ id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }>(this.#db, sql`
      UPDATE platform.jobs SET status = 'running', attempts = attempts + 1,
             locked_until = now() + make_interval(secs => ${this.#options.leaseSeconds})
      WHERE id IN (
        SELECT id FROM platform.jobs
        WHERE queue IN (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
          AND ((status = 'pending' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
        ORDER BY run_at, id
        LIMIT ${this.#options.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, payload, attempts, max_attempts`);
    return rows.map((r) => ({ id: Number(r.id), queue: r.queue, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
  }

  async #finish(job: Job, error: unknown): Promise<void> {
    if (error instanceof JobDeferred) {
      await this.#db.execute(sql`
        UPDATE platform.jobs SET status = 'pending', locked_until = NULL, attempts = attempts - 1, last_error = ${error.message.slice(0, 2000)},
               run_at = ${error.runAt.toISOString()}::timestamptz
        WHERE id = ${job.id}`);
      this.#options.metrics?.jobFinished(job.queue, 'deferred');
      return;
    }
    if (error === undefined) {
      await this.#db.execute(sql`UPDATE platform.jobs SET status = 'done', finished_at = now(), locked_until = NULL, last_error = NULL WHERE id = ${job.id}`);
      this.#options.metrics?.jobFinished(job.queue, 'done');
      return;
    }
    const message = safeErrorMessage(error).slice(0, 2000);
    if (job.attempts >= job.maxAttempts) {
      await this.#db.execute(sql`UPDATE platform.jobs SET status = 'dead', finished_at = now(), locked_until = NULL, last_error = ${message} WHERE id = ${job.id}`);
      this.#options.metrics?.jobFinished(job.queue, 'dead');
    } else {
      this.#options.metrics?.jobFinished(job.queue, 'retry');
      await this.#db.execute(sql`
        UPDATE platform.jobs SET status = 'pending', locked_until = NULL, last_error = ${message},
               run_at = now() + make_interval(secs => ${retryDelaySeconds(job.attempts)})
        WHERE id = ${job.id}`);
    }
  }

  /** Runs one batch of due jobs; returns how many ran. Tests call this directly. */
  async runOnce(): Promise<number> {
    const jobs = await this.#claim();
    for (const job of jobs) {
      let failure: unknown;
      try {
        await this.#options.handlers[job.queue]!(job);
      } catch (error) {
        failure = error ?? new Error('job failed');
        if (!(error instanceof JobDeferred)) this.#options.onError?.(job, error);
      }
      await this.#finish(job, failure);
    }
    return jobs.length;
  }

  /** Runs batches until no job is due (tests, draining before shutdown). */
  async drain(maxBatches = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const ran = await this.runOnce();
      total += ran;
      if (ran === 0 || this.#stopping) break;
    }
    return total;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#stopping = false;
    const tick = async (): Promise<void> => {
      if (this.#stopped) return;
      this.#running = this.schedule().catch(() => 0).then(() => this.drain(10)).catch(() => 0);
      await this.#running;
      if (!this.#stopped) this.#timer = setTimeout(() => void tick(), this.#options.pollIntervalMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}

/** Counts per queue and status, for /metrics and the admin pages. */
export async function jobStats(db: Queryable): Promise<JobStats[]> {
  const rows = await queryRows<{ queue: string; status: JobStats['status']; count: string }>(db, sql`
    SELECT queue, status, count(*) AS count FROM platform.jobs GROUP BY queue, status ORDER BY queue, status`);
  return rows.map((r) => ({ queue: r.queue, status: r.status, count: Number(r.count) }));
}

type QueueGauge = 'sen_job_queue_depth' | 'sen_job_queue_scheduled' | 'sen_job_queue_running' | 'sen_job_queue_dead' | 'sen_job_queue_oldest_due_age_seconds';

/**
 * Queue gauges read at scrape time: one grouped query over the unfinished jobs (done jobs are
 * skipped through the (queue, status) index). The same on every replica: they read the table.
 */
export function jobQueueGauges(db: Queryable): ScrapeGauges<QueueGauge> {
  const byQueue = ['queue'];
  return {
    source: 'jobs',
    gauges: {
      sen_job_queue_depth: { help: 'Jobs due now and waiting for a worker, by queue', labelNames: byQueue },
      sen_job_queue_scheduled: { help: 'Jobs waiting for a later run time (retries backing off), by queue', labelNames: byQueue },
      sen_job_queue_running: { help: 'Jobs claimed by a worker, by queue', labelNames: byQueue },
      sen_job_queue_dead: { help: 'Dead letters: jobs that failed every attempt, by queue', labelNames: byQueue },
      sen_job_queue_oldest_due_age_seconds: { help: 'How long the oldest due job has waited for a worker (0 when none), by queue', labelNames: byQueue },
    },
    async read() {
      const rows = await queryRows<{ queue: string; due: number; scheduled: number; running: number; dead: number; oldest: number | null }>(db, sql`
        SELECT queue,
               count(*) FILTER (WHERE status = 'pending' AND run_at <= now())::int AS due,
               count(*) FILTER (WHERE status = 'pending' AND run_at > now())::int AS scheduled,
               count(*) FILTER (WHERE status = 'running')::int AS running,
               count(*) FILTER (WHERE status = 'dead')::int AS dead,
               extract(epoch FROM now() - min(run_at) FILTER (WHERE status = 'pending' AND run_at <= now()))::float8 AS oldest
        FROM platform.jobs WHERE status IN ('pending', 'running', 'dead') GROUP BY queue`);
      const per = (value: (r: (typeof rows)[number]) => number): Sample[] => rows.map((r) => ({ labels: { queue: r.queue }, value: value(r) }));
      return {
        sen_job_queue_depth: per((r) => r.due),
        sen_job_queue_scheduled: per((r) => r.scheduled),
        sen_job_queue_running: per((r) => r.running),
        sen_job_queue_dead: per((r) => r.dead),
        sen_job_queue_oldest_due_age_seconds: per((r) => Math.max(0, Number(r.oldest ?? 0))),
      };
    },
  };
}
