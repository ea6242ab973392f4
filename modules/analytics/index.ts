/**
 * modules/analytics — statistics and reports (seed lines 3554–3558, 3653–3658, 8753–8773):
 * today the one-stop figures, kept exact and live by a fact row per dossier that tthc's change
 * hook writes in the transaction of every dossier change (docs/decisions/0028-analytics-dossier-facts.md).
 * It reads other modules only through their doors. This file is the module's only door.
 */
import { memoize, type JobHandler, type ModuleContext, type ModuleRoutes } from '../../packages/platform/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { LgspModule } from '../lgsp/index.ts';
import type { TthcModule } from '../tthc/index.ts';
import { createDashboardsService, type DashboardsService } from './dashboards.service.ts';
import { dashboardRoutes } from './dashboards.routes.ts';
import { BACKFILL_QUEUE, createBackfill, type BackfillLog, type BackfillState } from './backfill.ts';
import { writeFact } from './facts.ts';
import { oneStopRoutes } from './one-stop.routes.ts';
import { createOneStopService, type OneStopService } from './one-stop.service.ts';

export type { Dashboard, DashboardsService, Panel, PanelData } from './dashboards.service.ts';
export { CHART_KINDS, MEASURES } from './dashboards.measures.ts';
export type { Figures } from './figures.ts';
export type { DrillQuery, GroupBy, OneStopReport, OneStopService, PublicAgencyRow, ReportQuery } from './one-stop.service.ts';
export { AGENCY_GROUPS, GROUP_BYS, REPORT_PERMISSION, agencyGroupOf } from './one-stop.service.ts';
export { DRILL_FIGURES, type DrillFigure } from './one-stop.repository.ts';
export { WORKBOOK_COLUMNS } from './one-stop.workbook.ts';
export { parsePeriod, sameTimeLastYear, snapshotDay, type Period } from './periods.ts';
export { BACKFILL_QUEUE, type BackfillState } from './backfill.ts';
// For recounting from raw dossiers outside the module (the statistics benchmark): the same folding of counts into figures.
export { foldFigures } from './figures.ts';
export type { CountRow, DurationRow } from './one-stop.repository.ts';
export { workingDayCounter } from './working-days.ts';

export interface AnalyticsDependencies {
  catalog: CatalogService;
  /** The change hook (facts) and the national sync's counts (index 766.1.4). */
  tthc: Pick<TthcModule, 'dossierChanges'> & Partial<Pick<TthcModule, 'nationalSyncs'>>;
  /** The LGSP registry: departments publishing services (KPI 10). Without it that KPI stays null. */
  lgsp?: Pick<LgspModule['registry'], 'listMembers' | 'listSubsystems' | 'listServices'>;
  now?: () => Date;
  /** How long reference reads (agencies, calendar, field names) are memoised (default 10 s, as tthc's). */
  referenceTtlMs?: number;
}

const REFERENCE_TTL_MS = 10_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers one-stop figures: refused with 503 `analytics.rebuilding` while the facts are rebuilt. */
    figures?: boolean;
  }
}

export interface AnalyticsModule {
  oneStop: OneStopService;
  /** The IOC's dashboards (configured as data) and the commune map. */
  dashboards: DashboardsService;
  routes: ModuleRoutes;
  /** Rewrites the facts of every existing dossier now, in bulk batches (idempotent); answers how many facts were written. */
  backfill(options?: { batchSize?: number; onProgress?: (state: BackfillState) => void }): Promise<number>;
  /** Where a backfill stands; `rebuilding` while the figures are incomplete (the API answers 503 `analytics.rebuilding`). */
  backfillState(): Promise<BackfillState | undefined>;
  /** At start-up: enqueues the backfill job when facts are missing (an upgrade with dossiers already filed) or a backfill was left unfinished. */
  seed(): Promise<void>;
  /** The backfill job (docs/analytics.md). */
  jobHandlers(deps: { log: BackfillLog }): Record<string, JobHandler>;
}

export function createAnalyticsModule(ctx: ModuleContext, deps: AnalyticsDependencies): AnalyticsModule {
  const { db } = ctx;
  // Registered once, at construction: from now on every dossier change writes its fact, and the
  // difference it makes to the pre-aggregates, in its own transaction, with the same SQL as the
  // bulk backfill (one definition: facts.ts).
  const changes = deps.tthc.dossierChanges;
  changes.register(async (tx, change) => writeFact(tx, changes.rows({ id: change.dossier.id }), change.dossier.id));
  const backfill = createBackfill(db, changes);
  // Every report reads the organisation chart and the calendar: once per TTL per replica, not per request.
  const { catalog } = deps;
  const fresh = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => memoize(fn, deps.referenceTtlMs ?? REFERENCE_TTL_MS);
  const reference = {
    listAgencies: fresh(() => catalog.listAgencies()),
    yearCalendar: fresh((year: number, agencyId?: string, weekends?: boolean) => catalog.yearCalendar(year, agencyId, weekends)),
    addWorkingDays: fresh((start: Date | string, n: number, agencyId?: string) => catalog.addWorkingDays(start, n, agencyId)),
    readCodeList: fresh((code: string, query: Parameters<CatalogService['readCodeList']>[1]) => catalog.readCodeList(code, query)),
  };
  const oneStop = createOneStopService({ db, catalog: reference, now: deps.now ?? (() => new Date()) });
  // The indicators page and the IOC's index and KPI panels read the same counts beside the figures.
  const sources = { nationalSyncs: deps.tthc.nationalSyncs, lgsp: deps.lgsp };
  const dashboards = createDashboardsService({ db, oneStop, catalog: { ...reference, rootAgency: () => catalog.rootAgency() }, sources, now: deps.now ?? (() => new Date()) });
  const stats = oneStopRoutes(oneStop, sources);
  const ioc = dashboardRoutes(dashboards);
  return {
    oneStop,
    dashboards,
    // Until the facts are complete every figure would be short: the routes that answer figures say
    // so instead (503); the dashboards' configuration stays usable.
    async routes(app) {
      app.addHook('preHandler', async (request) => {
        if (request.routeOptions.config.figures) await backfill.refuseWhileRebuilding();
      });
      await stats(app);
      await ioc(app);
    },
    backfill: (options) => backfill.runAll(options),
    backfillState: () => backfill.state(),
    async seed() {
      await backfill.startIfNeeded();
      await dashboards.seed();
    },
    jobHandlers: ({ log }) => ({ [BACKFILL_QUEUE]: backfill.handler(log) }),
  };
}
