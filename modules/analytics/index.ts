/**
 * modules/analytics — statistics and reports (seed lines 3554–3558, 3653–3658, 8753–8773):
 * today the one-stop figures, kept exact and live by a fact row per dossier that tthc's change
 * hook writes in the transaction of every dossier change (docs/decisions/0028-analytics-dossier-facts.md).
 * It reads other modules only through their doors. This file is the module's only door.
 */
import { memoize, type ModuleContext, type ModuleRoutes } from '../../packages/platform/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { LgspModule } from '../lgsp/index.ts';
import type { TthcModule } from '../tthc/index.ts';
import { createDashboardsService, type DashboardsService } from './dashboards.service.ts';
import { dashboardRoutes } from './dashboards.routes.ts';
import { factOf, upsertFact } from './facts.ts';
import { oneStopRepository } from './one-stop.repository.ts';
import { oneStopRoutes } from './one-stop.routes.ts';
import { createOneStopService, type OneStopService } from './one-stop.service.ts';

export type { Dashboard, DashboardsService, Panel, PanelData } from './dashboards.service.ts';
export { CHART_KINDS, MEASURES } from './dashboards.measures.ts';
export type { Figures } from './figures.ts';
export type { DrillQuery, GroupBy, OneStopReport, OneStopService, PublicAgencyRow, ReportQuery } from './one-stop.service.ts';
export { AGENCY_GROUPS, GROUP_BYS, REPORT_PERMISSION, agencyGroupOf } from './one-stop.service.ts';
export { DRILL_FIGURES, type DrillFigure } from './one-stop.repository.ts';
export { WORKBOOK_COLUMNS } from './one-stop.workbook.ts';
export { parsePeriod, sameTimeLastYear, type Period } from './periods.ts';

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

export interface AnalyticsModule {
  oneStop: OneStopService;
  /** The IOC's dashboards (configured as data) and the commune map. */
  dashboards: DashboardsService;
  routes: ModuleRoutes;
  /** Fills the facts of every existing dossier (idempotent); answers how many dossiers were read. */
  backfill(): Promise<number>;
  /** At start-up: backfills once when the facts are empty (a platform upgraded with dossiers already filed). */
  seed(): Promise<void>;
}

export function createAnalyticsModule(ctx: ModuleContext, deps: AnalyticsDependencies): AnalyticsModule {
  const { db } = ctx;
  // Registered once, at construction: from now on every dossier change writes its fact in its own transaction.
  deps.tthc.dossierChanges.register((tx, change) => upsertFact(tx, factOf(change)));
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
  const backfill = () => deps.tthc.dossierChanges.replayAll();
  const dashboards = createDashboardsService({ db, oneStop, catalog: { ...reference, rootAgency: () => catalog.rootAgency() }, now: deps.now ?? (() => new Date()) });
  const stats = oneStopRoutes(oneStop, { nationalSyncs: deps.tthc.nationalSyncs, lgsp: deps.lgsp });
  const ioc = dashboardRoutes(dashboards);
  return {
    oneStop,
    dashboards,
    routes: async (app) => {
      await stats(app);
      await ioc(app);
    },
    backfill,
    async seed() {
      if (await oneStopRepository.isEmpty(db)) await backfill();
      await dashboards.seed();
    },
  };
}
