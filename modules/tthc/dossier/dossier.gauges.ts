import { vietnamDate, type Queryable, type ScrapeGauges } from '../../../packages/platform/index.ts';
import { countByStatus } from './dossier.queries.ts';
import { DOSSIER_STATUSES } from './dossier.status.ts';

/**
 * Business gauges read when Prometheus scrapes: dossiers by status and the overdue ones, for
 * the whole province (per-agency figures belong to the statistics, not to a metrics label).
 * One grouped query (an index-only scan of dossiers_queue_idx: about 1 s per million dossiers
 * on a busy 2-core machine), reused for 60 s: business figures need no fresher. Every status is
 * reported, zeros included, so a rule can compare against 0. Every replica reports the same
 * values (they read the same table).
 */
export function dossierGauges(db: Queryable, now: () => Date): ScrapeGauges<'sen_tthc_dossiers' | 'sen_tthc_dossiers_overdue'> {
  const byStatus = ['status'];
  return {
    source: 'tthc',
    maxAgeMs: 60_000,
    gauges: {
      sen_tthc_dossiers: { help: 'Dossiers by status', labelNames: byStatus },
      sen_tthc_dossiers_overdue: { help: 'Dossiers past their promised return date and not yet returned, by status', labelNames: byStatus },
    },
    async read() {
      const counts = new Map((await countByStatus(db, vietnamDate(now()))).map((row) => [row.status, row]));
      const samples = (pick: 'total' | 'overdue') => DOSSIER_STATUSES.map((status) => ({ labels: { status }, value: counts.get(status)?.[pick] ?? 0 }));
      return { sen_tthc_dossiers: samples('total'), sen_tthc_dossiers_overdue: samples('overdue') };
    },
  };
}
