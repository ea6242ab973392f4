import { auditHeadSeq } from './audit.ts';
import { stampCheckpoints, storedCheckpoints, writeCheckpoint, type CheckpointFile, type CheckpointOptions } from './audit-checkpoints.ts';

export interface CheckpointerOptions extends CheckpointOptions {
  /** A checkpoint at least this often while records are being written (T). */
  intervalMs: number;
  /** …and sooner when this many records were written since the last one (K). */
  records: number;
  /** How often the head is looked at (one single-row read). */
  pollMs?: number;
  log: { info(data: object, message: string): void; warn(data: object, message: string): void };
}

export interface Checkpointer {
  /** One round: write a checkpoint when due, then try to stamp the unstamped ones. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The periodic task that anchors the audit chain outside the database. Safe with several
 * replicas: a checkpoint is idempotent by seq (the first replica to write it wins) and each
 * round reads the latest seq from the store, not from memory. It never touches the append path:
 * audit writes neither wait for it nor for the TSA.
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { db, log } = options;
  // 0: the first round after start-up anchors whatever was written since the last checkpoint.
  let lastCheckpointAt = 0;
  let pending: CheckpointFile[] | undefined;
  let stampFailures = 0;
  let nextStampAt = 0;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function round(): Promise<void> {
    // Read in full once per process (a replica may have died before stamping its checkpoints);
    // after that, the checkpoints this replica writes are added as it writes them.
    pending ??= options.tsaUrl ? (await storedCheckpoints(options.store)).filter((file) => !file.timeStamp) : [];
    const latest = await options.store.latestSeq();
    const headSeq = await auditHeadSeq(db);
    const due = headSeq - latest >= options.records || (headSeq > latest && Date.now() - lastCheckpointAt >= options.intervalMs) || headSeq < latest;
    if (due) {
      const outcome = await writeCheckpoint(options);
      if (outcome.written) {
        log.info({ seq: outcome.seq }, 'audit checkpoint written');
        if (options.tsaUrl) pending.push(outcome.file);
      } else if (outcome.reason === 'head_behind') {
        log.warn({ seq: outcome.seq, checkpointed: latest }, 'audit head is behind the last checkpoint: run npm run audit:verify');
      }
      if (outcome.written || outcome.reason === 'exists') lastCheckpointAt = Date.now();
    }
    if (pending.length === 0 || Date.now() < nextStampAt) return;
    const result = await stampCheckpoints(options, pending);
    pending = pending.slice(result.stamped);
    if (result.error) {
      stampFailures += 1;
      nextStampAt = Date.now() + Math.min(options.intervalMs, (options.pollMs ?? 30_000) * 2 ** stampFailures);
      log.warn({ stamped: result.stamped, error: result.error }, 'audit checkpoints left unstamped; will retry');
    } else {
      stampFailures = 0;
    }
  }

  const tick = async () => {
    if (running || stopped) return running;
    running = round()
      .catch((error: unknown) => log.warn({ err: error }, 'audit checkpoint round failed; will retry'))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void tick(), options.pollMs ?? 30_000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
