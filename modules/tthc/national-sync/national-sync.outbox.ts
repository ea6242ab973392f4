import { sql } from 'drizzle-orm';
import { enqueueJob, queryRows, type Queryable } from '../../../packages/platform/index.ts';
import { NATIONAL_RECEIVED, STATUS_INFO, type DossierStatus } from '../dossier/dossier.status.ts';

/**
 * The outbox side of the national portal sync: called in the transaction of every dossier
 * change (filing on any channel, every action), it writes what the portal must learn, numbered
 * per dossier, and queues a job to send it. A crash loses both or neither.
 */
export const NATIONAL_SYNC_QUEUE = 'tthc.national-sync';

export interface DossierChange {
  dossierId: string;
  /** The action in Sen (`submit` for a filing). */
  action: string;
  /** Null for a new dossier. */
  from: DossierStatus | null;
  to: DossierStatus;
  at: Date;
  /** Result files were attached: the portal gets their links even when the status stays. */
  resultAttached?: boolean;
}

/**
 * The national status codes a change produces, in order. Acceptance reports "received" (2)
 * then "processing" (4); a change that keeps the national code (steps inside processing)
 * produces nothing unless a result was attached.
 */
export function nationalStatuses(change: Pick<DossierChange, 'from' | 'to' | 'resultAttached'>): number[] {
  const to = STATUS_INFO[change.to].national;
  if (change.from === null) return [to];
  if (change.from === 'submitted' && change.to === 'processing') return [NATIONAL_RECEIVED, to];
  if (STATUS_INFO[change.from].national !== to || change.resultAttached) return [to];
  return [];
}

/** Writes the change's sync rows and their jobs in the caller's transaction. */
export async function recordNationalSync(tx: Queryable, change: DossierChange): Promise<void> {
  const statuses = nationalStatuses(change);
  if (statuses.length === 0) return;
  const [last] = await queryRows<{ seq: number; national_status: number; status_at: string }>(tx, sql`
    select seq, national_status, status_at from tthc.national_syncs where dossier_id = ${change.dossierId}::uuid order by seq desc limit 1`);
  let seq = last?.seq ?? 0;
  let previous = last ? Date.parse(last.status_at) : -Infinity;
  for (const status of statuses) {
    seq += 1;
    // A status the portal already holds keeps its time, so the portal records no new entry (only
    // the new data, e.g. result links). Any other gets a time strictly after the previous one:
    // the portal knows an entry by (status, time) and refuses one older than its latest.
    const same = last && seq === last.seq + 1 && last.national_status === status;
    const at = same ? new Date(previous) : new Date(Math.max(change.at.getTime(), previous + 1));
    previous = at.getTime();
    await tx.execute(sql`
      insert into tthc.national_syncs (dossier_id, seq, action, national_status, status_at)
      values (${change.dossierId}::uuid, ${seq}, ${change.action}, ${status}, ${at.toISOString()}::timestamptz)`);
    await enqueueJob(tx, { queue: NATIONAL_SYNC_QUEUE, payload: { dossierId: change.dossierId }, dedupeKey: `national-sync:${change.dossierId}:${seq}` });
  }
}
