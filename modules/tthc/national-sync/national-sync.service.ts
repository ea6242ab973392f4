import { sql } from 'drizzle-orm';
import { canActOn, conflict, enqueueJob, forbidden, notFound, queryRows, type Db, type Principal } from '../../../packages/platform/index.ts';
import { NATIONAL_SYNC_QUEUE } from './national-sync.outbox.ts';

/**
 * What administrators see of the sync with the national portal: the rows not yet acknowledged
 * (waiting, failing with backoff, dead letters) per dossier, and a retry of a dead or failing
 * row. Province-wide work: the permission must be held at the root of the organisation chart.
 */
export const SYNC_PERMISSION = 'dvcqg.sync';
export const SYNC_VIEWS = ['open', 'pending', 'failing', 'dead'] as const;
export type SyncView = (typeof SYNC_VIEWS)[number];

export interface SyncItem {
  id: number;
  dossierId: string;
  dossierCode: string;
  seq: number;
  action: string;
  nationalStatus: number;
  statusAt: string;
  /** `pending`: not tried yet; `failing`: retrying with backoff; `dead`: needs an administrator. */
  state: 'pending' | 'failing' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface SyncCounts { pending: number; failing: number; dead: number }

const VIEW_FILTER: Record<SyncView, ReturnType<typeof sql>> = {
  open: sql`s.state <> 'sent'`,
  pending: sql`s.state = 'pending' and s.attempts = 0`,
  failing: sql`s.state = 'pending' and s.attempts > 0`,
  dead: sql`s.state = 'dead'`,
};

interface Row {
  id: number; dossier_id: string; dossier_code: string; seq: number; action: string; national_status: number; status_at: string;
  state: string; attempts: number; last_error: string | null; next_attempt_at: string; created_at: string;
}

const toItem = (r: Row): SyncItem => ({
  id: Number(r.id), dossierId: r.dossier_id, dossierCode: r.dossier_code, seq: r.seq, action: r.action, nationalStatus: r.national_status,
  statusAt: new Date(r.status_at).toISOString(),
  state: r.state === 'dead' ? 'dead' : r.attempts > 0 ? 'failing' : 'pending',
  attempts: r.attempts, lastError: r.last_error,
  nextAttemptAt: r.state === 'dead' ? null : new Date(r.next_attempt_at).toISOString(), createdAt: new Date(r.created_at).toISOString(),
});

export function createSyncMonitor(db: Db, rootAgencyId: () => Promise<string>) {
  async function authorise(principal: Principal): Promise<void> {
    if (!canActOn(principal, SYNC_PERMISSION, await rootAgencyId(), [])) {
      throw forbidden('national_sync.forbidden', 'Cần quyền dvcqg.sync toàn tỉnh / dvcqg.sync is needed province-wide');
    }
  }

  return {
    /**
     * Of the dossiers received (accepted at intake) on Vietnam days [from, to) at these agencies,
     * how many the national portal has acknowledged at least once: the statistics' "synchronised"
     * count (index 766.1.4). Counts only, no principal: the statistics check their own scope.
     */
    async receivedAndSynced(agencyIds: readonly string[], from: string, to: string): Promise<number> {
      if (agencyIds.length === 0) return 0;
      const [row] = await queryRows<{ n: number }>(db, sql`
        select count(*)::int as n from tthc.dossiers d
        where d.agency_id = any(${`{${agencyIds.join(',')}}`}::uuid[])
          and (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${from}::date
          and (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date < ${to}::date
          and exists (select 1 from tthc.national_syncs s where s.dossier_id = d.id and s.state = 'sent')`);
      return row?.n ?? 0;
    },

    async list(principal: Principal, query: { view: SyncView; limit: number; offset: number }): Promise<{ items: SyncItem[]; total: number; limit: number; offset: number; counts: SyncCounts }> {
      await authorise(principal);
      const where = VIEW_FILTER[query.view];
      const rows = await queryRows<Row>(db, sql`
        select s.id, s.dossier_id, d.code as dossier_code, s.seq, s.action, s.national_status, s.status_at, s.state, s.attempts,
               s.last_error, s.next_attempt_at, s.created_at
        from tthc.national_syncs s join tthc.dossiers d on d.id = s.dossier_id
        where ${where} order by s.state = 'dead' desc, s.created_at, s.dossier_id, s.seq limit ${query.limit} offset ${query.offset}`);
      const [counts] = await queryRows<SyncCounts & { total: number }>(db, sql`
        select count(*) filter (where state = 'pending' and attempts = 0)::int as pending,
               count(*) filter (where state = 'pending' and attempts > 0)::int as failing,
               count(*) filter (where state = 'dead')::int as dead,
               (select count(*)::int from tthc.national_syncs s where ${where}) as total
        from tthc.national_syncs where state <> 'sent'`);
      const { total, ...byState } = counts!;
      return { items: rows.map(toItem), total, limit: query.limit, offset: query.offset, counts: byState };
    },

    /** Sends the row again now, with a fresh round of attempts; its dossier's later rows follow it. */
    async retry(principal: Principal, id: number): Promise<SyncItem> {
      await authorise(principal);
      return db.transaction(async (tx) => {
        const [row] = await queryRows<Row>(tx, sql`
          select s.id, s.dossier_id, d.code as dossier_code, s.seq, s.action, s.national_status, s.status_at, s.state, s.attempts,
                 s.last_error, s.next_attempt_at, s.created_at
          from tthc.national_syncs s join tthc.dossiers d on d.id = s.dossier_id where s.id = ${id} for update of s`);
        if (!row) throw notFound('national_sync.not_found', 'Không tìm thấy bản ghi đồng bộ / No such sync record');
        if (row.state === 'sent') throw conflict('national_sync.already_sent', 'Bản ghi đã được Cổng DVCQG xác nhận / Already acknowledged by the portal');
        const [updated] = await queryRows<Row>(tx, sql`
          update tthc.national_syncs set state = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null where id = ${id}
          returning id, dossier_id, ${row.dossier_code} as dossier_code, seq, action, national_status, status_at, state, attempts, last_error, next_attempt_at, created_at`);
        await enqueueJob(tx, { queue: NATIONAL_SYNC_QUEUE, payload: { dossierId: row.dossier_id }, dedupeKey: `national-sync:${row.dossier_id}:${row.seq}:retry:${Date.now()}` });
        return toItem(updated!);
      });
    },
  };
}

export type SyncMonitor = ReturnType<typeof createSyncMonitor>;
