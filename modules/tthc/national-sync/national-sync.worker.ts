import { sql } from 'drizzle-orm';
import { DvcqgError, type DvcqgPortal } from '../../../packages/national/index.ts';
import { enqueueJob, queryRows, retryDelaySeconds, safeErrorMessage, type Db, type JobHandler } from '../../../packages/platform/index.ts';
import { dossierRepository } from '../dossier/dossier.repository.ts';
import { NATIONAL_SYNC_QUEUE } from './national-sync.outbox.ts';
import { portalDossier, portalDossierCode } from './national-sync.payload.ts';

/**
 * Sends a dossier's sync rows to the national portal strictly in order. Any job of the dossier
 * works from the head: it claims the lowest unsent row (a short lease, so two workers never send
 * the same dossier at once), sends it, and goes on to the next. A failure the portal may get
 * over (slow, down, 5xx) waits with exponential backoff in the row, and a job is queued for the
 * time it is due; a refusal, or too many failures, makes the row a dead letter that holds back
 * the rest until an administrator retries it. Sending the same row twice is harmless: the
 * portal records a status at a given time once.
 */
export interface NationalSyncOptions {
  /** Attempts before a row becomes a dead letter (default 10: about four hours of backoff). */
  maxAttempts?: number;
  /** Seconds before attempt n+1 (default the job platform's 5 s, 20 s, 80 s … capped at one hour). */
  retryDelaySeconds?: (attempts: number) => number;
  /** How long a worker holds the row it sends (default 60 s, beyond the client's timeout). */
  leaseSeconds?: number;
}

export interface NationalSyncDeps {
  db: Db;
  portal: DvcqgPortal;
  getAgency(id: string): Promise<{ code: string; name: string }>;
  publicUrl: string;
  log?: { warn(details: Record<string, unknown>, message: string): void };
}

interface SyncRow {
  id: number;
  seq: number;
  action: string;
  national_status: number;
  status_at: string;
  attempts: number;
}

export function nationalSyncWorker(deps: NationalSyncDeps, options: NationalSyncOptions = {}): JobHandler {
  const maxAttempts = options.maxAttempts ?? 10;
  const delay = options.retryDelaySeconds ?? retryDelaySeconds;
  const lease = options.leaseSeconds ?? 60;
  const { db } = deps;

  const claimHead = async (dossierId: string): Promise<SyncRow | undefined> => (await queryRows<SyncRow>(db, sql`
    update tthc.national_syncs set attempts = attempts + 1, locked_until = now() + make_interval(secs => ${lease})
    where id = (select id from tthc.national_syncs where dossier_id = ${dossierId}::uuid and state <> 'sent' order by seq limit 1)
      and state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
    returning id, seq, action, national_status, status_at, attempts`))[0];

  /** The head is backing off: make sure a job wakes up when it is due (one per due time). */
  async function wakeWhenDue(dossierId: string): Promise<void> {
    const [head] = await queryRows<{ seq: number; next_attempt_at: string; state: string; locked: boolean }>(db, sql`
      select seq, next_attempt_at, state, coalesce(locked_until > now(), false) as locked
      from tthc.national_syncs where dossier_id = ${dossierId}::uuid and state <> 'sent' order by seq limit 1`);
    if (!head || head.state !== 'pending' || head.locked) return;
    const due = new Date(head.next_attempt_at);
    await enqueueJob(db, { queue: NATIONAL_SYNC_QUEUE, payload: { dossierId }, runAt: due, dedupeKey: `national-sync:${dossierId}:${head.seq}:due:${due.getTime()}` });
  }

  async function send(dossierId: string, row: SyncRow): Promise<boolean> {
    try {
      const dossier = await dossierRepository.load(db, dossierId);
      if (!dossier) throw new Error(`dossier ${dossierId} not found`);
      const agency = await deps.getAgency(dossier.agencyId);
      const point = { nationalStatus: row.national_status, statusAt: new Date(row.status_at) };
      const ack = await deps.portal.syncDossier(portalDossierCode(dossier), portalDossier(dossier, agency, point, deps.publicUrl));
      const mismatch = ack.status !== row.national_status;
      if (mismatch) {
        deps.log?.warn({ dossierId, seq: row.seq, sent: row.national_status, portal: ack.status }, 'national portal answered with another status than the one sent');
      }
      await db.execute(sql`
        update tthc.national_syncs set state = 'sent', sent_at = now(), locked_until = null, last_error = null,
               acknowledged_status = ${ack.status}, mismatch = ${mismatch}
        where id = ${row.id}`);
      return true;
    } catch (error) {
      const message = safeErrorMessage(error).slice(0, 2000);
      const retryable = !(error instanceof DvcqgError) || error.retryable;
      if (!retryable || row.attempts >= maxAttempts) {
        await db.execute(sql`update tthc.national_syncs set state = 'dead', locked_until = null, last_error = ${message} where id = ${row.id}`);
        deps.log?.warn({ dossierId, seq: row.seq, attempts: row.attempts, err: message }, 'national portal sync is a dead letter');
      } else {
        await db.execute(sql`
          update tthc.national_syncs set locked_until = null, last_error = ${message},
                 next_attempt_at = now() + make_interval(secs => ${delay(row.attempts)})
          where id = ${row.id}`);
      }
      return false;
    }
  }

  return async (job) => {
    const { dossierId } = job.payload as { dossierId: string };
    for (;;) {
      const row = await claimHead(dossierId);
      if (!row) break;
      if (!(await send(dossierId, row))) break;
    }
    await wakeWhenDue(dossierId);
  };
}
