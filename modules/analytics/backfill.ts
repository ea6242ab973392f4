import { sql } from 'drizzle-orm';
import { AppError, enqueueJob, queryRows, type Db, type JobHandler, type Queryable } from '../../packages/platform/index.ts';
import type { TthcModule } from '../tthc/index.ts';
import { rebuildAggregates, writeFacts } from './facts.ts';
import { oneStopRepository } from './one-stop.repository.ts';

/** The queue of the backfill job: one job writes batches for a while, then enqueues the next in its last batch's transaction. */
export const BACKFILL_QUEUE = 'analytics.backfill';
/** Dossiers per batch (one transaction, one INSERT … SELECT). */
export const BACKFILL_BATCH = 10_000;
/** How long one job writes batches before handing over to the next (well inside the job lease). */
const SLICE_MS = 60_000;

export interface BackfillState {
  /** True from the start of a backfill until its last batch: the figures are incomplete meanwhile. */
  rebuilding: boolean;
  written: number;
  total: number;
  startedAt: string | null;
}

export interface BackfillLog {
  info(details: object, message: string): void;
}

type Changes = TthcModule['dossierChanges'];

/**
 * The bulk backfill of the facts (docs/analytics.md, "Backfill"): batches of dossiers in id
 * order, each one INSERT … SELECT of the same fact definition the change hook uses, the cursor
 * moved in the batch's transaction, so a crash resumes after the last batch written and a batch
 * is never written twice. Changes made meanwhile write their own facts through the hook. The
 * batches write the facts only; the last step rebuilds the pre-aggregates from all of them at once
 * (facts.ts, rebuildAggregates), so each bucket is written once rather than once per batch.
 */
export function createBackfill(db: Db, changes: Changes) {
  async function state(q: Queryable = db): Promise<BackfillState | undefined> {
    const [row] = await queryRows<{ written: string; total: string; started_at: string; finished_at: string | null }>(q, sql`
      select written, total, started_at, finished_at from analytics.fact_backfill`);
    return row && { rebuilding: row.finished_at === null, written: Number(row.written), total: Number(row.total), startedAt: new Date(row.started_at).toISOString() };
  }

  /** Starts (or restarts) a backfill from the first dossier; with `enqueue`, its first job in the same transaction. */
  async function begin(enqueue: boolean): Promise<void> {
    await db.transaction(async (tx) => {
      const total = await changes.count(tx);
      // From scratch: the facts and their pre-aggregates are rebuilt together, batch by batch.
      await tx.execute(sql`truncate analytics.dossier_facts, analytics.figure_buckets, analytics.duration_pairs`);
      const [row] = await queryRows<{ started: string }>(tx, sql`
        insert into analytics.fact_backfill (id, cursor, total, written, started_at, finished_at) values (true, null, ${total}, 0, now(), null)
        on conflict (id) do update set cursor = null, total = excluded.total, written = 0, started_at = now(), finished_at = null
        returning (extract(epoch from started_at) * 1000)::bigint::text as started`);
      if (enqueue) await enqueueJob(tx, { queue: BACKFILL_QUEUE, payload: {}, dedupeKey: `${BACKFILL_QUEUE}:${row!.started}:start` });
    });
  }

  /**
   * Writes the next batch; answers false when there was none (the backfill is then finished).
   * With `enqueueNext`, a batch that is not the last enqueues the job that goes on after it.
   */
  async function step(batchSize: number, enqueueNext: boolean): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [row] = await queryRows<{ cursor: string | null; started: string }>(tx, sql`
        select cursor::text as cursor, (extract(epoch from started_at) * 1000)::bigint::text as started
        from analytics.fact_backfill where finished_at is null for update`);
      if (!row) return false;
      const upTo = await changes.nextBound(tx, row.cursor, batchSize);
      if (upTo === null) {
        // Every fact written: now their pre-aggregates, each row once (the batches wrote none).
        await rebuildAggregates(tx);
        await tx.execute(sql`update analytics.fact_backfill set finished_at = now()`);
        return false;
      }
      const range = { after: row.cursor, upTo };
      const written = (await writeFacts(tx, changes.rows(range), range, { aggregates: false })).length;
      await tx.execute(sql`update analytics.fact_backfill set cursor = ${upTo}::uuid, written = written + ${written}`);
      if (enqueueNext) await enqueueJob(tx, { queue: BACKFILL_QUEUE, payload: {}, dedupeKey: `${BACKFILL_QUEUE}:${row.started}:${upTo}` });
      return true;
    });
  }

  return {
    state,

    /** Every dossier's fact rewritten now, in batches (the `analytics:backfill` command); answers how many facts were written. */
    async runAll(options: { batchSize?: number; onProgress?: (s: BackfillState) => void } = {}): Promise<number> {
      await begin(false);
      while (await step(options.batchSize ?? BACKFILL_BATCH, false)) {
        if (options.onProgress) options.onProgress((await state())!);
      }
      return (await state())!.written;
    },

    /**
     * At start-up: a backfill left unfinished goes on; facts missing while dossiers exist (a
     * platform upgraded with dossiers already filed) start one. Both as jobs, off the start-up path.
     */
    async startIfNeeded(): Promise<'resumed' | 'started' | 'none'> {
      const current = await state();
      if (current?.rebuilding) {
        const [row] = await queryRows<{ key: string }>(db, sql`
          select (extract(epoch from started_at) * 1000)::bigint::text || ':' || coalesce(cursor::text, 'start') as key from analytics.fact_backfill`);
        await enqueueJob(db, { queue: BACKFILL_QUEUE, payload: {}, dedupeKey: `${BACKFILL_QUEUE}:${row!.key}` });
        return 'resumed';
      }
      // Facts missing while dossiers exist (an upgrade), or facts without their pre-aggregates (the upgrade that added them).
      const facts = !(await oneStopRepository.isEmpty(db));
      if (facts ? await oneStopRepository.aggregatesInPlace(db) : (await changes.nextBound(db, null, 1)) === null) return 'none';
      await begin(true);
      return 'started';
    },

    /** The job: batches for about a minute, then the next job; progress logged. */
    handler(log: BackfillLog, options: { batchSize?: number; sliceMs?: number } = {}): JobHandler {
      return async () => {
        const until = Date.now() + (options.sliceMs ?? SLICE_MS);
        // The first batch begun after the slice hands over: it enqueues the next job in its transaction.
        // A crash before that leaves this job's lease to expire: it is claimed again and resumes at the cursor.
        for (let more = true, handOver = false; more && !handOver;) {
          handOver = Date.now() >= until;
          more = await step(options.batchSize ?? BACKFILL_BATCH, handOver);
        }
        const now = await state();
        if (now) log.info({ written: now.written, total: now.total, done: !now.rebuilding }, now.rebuilding ? 'analytics: backfilling the dossier facts' : 'analytics: dossier facts backfilled');
      };
    },

    /** Throws 503 `analytics.rebuilding` while a backfill runs: the figures would be silently short. */
    async refuseWhileRebuilding(): Promise<void> {
      const current = await state();
      if (current?.rebuilding) {
        throw new AppError(503, 'analytics.rebuilding', 'Số liệu thống kê đang được tính lại, vui lòng thử lại sau / The statistics are being rebuilt; try again later', {
          written: current.written, total: current.total, startedAt: current.startedAt,
        });
      }
    },
  };
}

export type Backfill = ReturnType<typeof createBackfill>;
