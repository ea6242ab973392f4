/**
 * modules/catalog — the organisation chart, the shared e-catalogues (versioned code lists) and
 * the working calendar. This file is the module's only door.
 */
import type { ModuleContext, ModuleRoutes, Principal } from '../../packages/platform/index.ts';
import { agencyRoutes } from './agency.routes.ts';
import { createAgencyService } from './agency.service.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { createCalendarService, type NewException, type YearCalendar } from './calendar.service.ts';
import type { StoredException } from './calendar.repository.ts';
import { codeListRoutes } from './code-list.routes.ts';
import { createCodeListService } from './code-list.service.ts';
import { seedCatalog } from './seed.ts';
import type {
  Agency,
  AgencyImportResult,
  AgencyImportRow,
  AgencyListQuery,
  AgencyPage,
  AgencyPatch,
  AgencyTreeNode,
  NewAgency,
} from './agency.types.ts';
import type { AdministrativeUnit, CodeList, CodeListReadQuery, CodeListSummary, CodeListVersion, CodeListView, NewCodeList, VersionImport } from './code-list.types.ts';
import type { YearRules } from './holidays.ts';

export type { Agency, AgencyKind, AgencyImportResult, AgencyImportRow, AgencyListQuery, AgencyPage, AgencyPatch, AgencyTreeNode, ImportRowError, NewAgency } from './agency.types.ts';
export type { AdministrativeUnit, CodeList, CodeListItem, CodeListReadQuery, CodeListSummary, CodeListVersion, CodeListView, ItemInput, NewCodeList, VersionImport } from './code-list.types.ts';
export type { DayOff, NonWorkingKind, YearRules } from './holidays.ts';
export type { CalendarDay, NewException, YearCalendar } from './calendar.service.ts';
export type { StoredException as CalendarException } from './calendar.repository.ts';
export { AGENCY_KINDS } from './agency.types.ts';
export { PROVINCIAL_CENTRE_CODE, ROOT_AGENCY_CODE } from './seed/agencies.ts';

/** What other modules may ask of the catalog. Dates are `YYYY-MM-DD` in Vietnam; a `Date` is read as Vietnam's date at that instant. */
export interface CatalogService {
  getAgency(id: string): Promise<Agency>;
  findAgencyByCode(code: string): Promise<Agency | undefined>;
  listAgencies(): Promise<Agency[]>;
  listAgencyPage(query: AgencyListQuery): Promise<AgencyPage>;
  /** Ancestors nearest first (empty for the root); 404 catalog.agency_not_found for an unknown id. */
  agencyAncestors(agencyId: string): Promise<string[]>;
  tree(): Promise<AgencyTreeNode[]>;
  rootAgency(): Promise<Agency>;
  createAgency(principal: Principal, input: NewAgency): Promise<Agency>;
  updateAgency(principal: Principal, id: string, expectedVersion: number, patch: AgencyPatch): Promise<Agency>;
  importAgencies(principal: Principal, input: { csv?: string | undefined; rows?: AgencyImportRow[] | undefined }): Promise<AgencyImportResult>;
  exportAgencies(format: 'csv' | 'json'): Promise<string>;

  listCodeLists(at?: string): Promise<CodeListSummary[]>;
  readCodeList(code: string, query: CodeListReadQuery, ifNoneMatch?: string): Promise<{ notModified: true; etag: string } | ({ notModified: false } & CodeListView)>;
  exportCodeList(code: string, format: 'csv' | 'json', query: CodeListReadQuery): Promise<{ body: string; etag: string; version: CodeListVersion }>;
  codeListVersions(code: string): Promise<CodeListVersion[]>;
  createCodeList(principal: Principal, input: NewCodeList): Promise<CodeList>;
  importVersion(principal: Principal, code: string, input: VersionImport): Promise<CodeListVersion>;
  publishVersion(principal: Principal, code: string, version: number, effectiveFrom?: string): Promise<CodeListVersion>;
  /** The commune, ward or province whose People's Committee the agency is (from the administrative-units list in force); undefined for other agencies. */
  administrativeUnitOf(agencyId: string): Promise<AdministrativeUnit | undefined>;

  /**
   * The n-th working day after `start` (receipt date + n working days; the start day is not
   * counted); n = 0: the first working day on or after `start`.
   */
  addWorkingDays(start: Date | string, n: number, agencyId?: string): Promise<string>;
  /** Working days in (from, to]; negative when `to` precedes `from`. */
  workingDaysBetween(from: Date | string, to: Date | string, agencyId?: string): Promise<number>;
  isWorkingDay(date: Date | string, agencyId?: string): Promise<boolean>;
  yearCalendar(year: number, agencyId?: string, includeWeekends?: boolean): Promise<YearCalendar>;
  listExceptions(year: number, agencyId?: string): Promise<StoredException[]>;
  addException(principal: Principal, input: NewException): Promise<StoredException>;
  removeException(principal: Principal, id: string): Promise<void>;
  setYearRules(principal: Principal, year: number, rules: YearRules): Promise<YearRules>;
}

export interface CatalogModule {
  service: CatalogService;
  routes: ModuleRoutes;
  /** Idempotent start-up load of the reference data (organisation chart, code lists, calendar decisions). */
  seed(): Promise<void>;
}

export function createCatalogModule(ctx: ModuleContext): CatalogModule {
  const agencies = createAgencyService(ctx.db);
  const codeLists = createCodeListService(ctx.db, agencies);
  const calendar = createCalendarService(ctx.db, agencies);
  const { requireProvinceScope: _scope, ...agencyApi } = agencies;
  const { seedCodeLists: _seed, replaceStandIns: _upgrade, ...codeListApi } = codeLists;
  const { seedDecisions, ...calendarApi } = calendar;
  const service: CatalogService = { ...agencyApi, ...codeListApi, ...calendarApi };
  return {
    service,
    routes: async (app) => {
      await agencyRoutes(app, agencies);
      await codeListRoutes(app, codeLists);
      await calendarRoutes(app, calendar);
    },
    seed: async () => {
      await seedCatalog(ctx.db, codeLists);
      await seedDecisions();
    },
  };
}
