import { canActOn, forbidden, notFound, vietnamDate, type Db, type Principal } from '../../packages/platform/index.ts';
import type { Agency, CatalogService } from '../catalog/index.ts';
import { foldFigures, type Figures } from './figures.ts';
import { oneStopRepository as repo, type DrillFigure, type DrillRow, type Filter, type GroupColumn, type Window } from './one-stop.repository.ts';
import { parsePeriod, requireStarted, sameTimeLastYear, snapshotDay, type Period } from './periods.ts';
import { calendarOnce, cumulativeWorkingDays, workingDayCounter } from './working-days.ts';

export const REPORT_PERMISSION = 'report.read';
export const GROUP_BYS = ['agency', 'agency_group', 'procedure', 'field'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const AGENCY_GROUPS = ['departments', 'communes', 'central', 'other'] as const;
export type AgencyGroup = (typeof AGENCY_GROUPS)[number];
const AGENCY_GROUP_NAMES: Readonly<Record<AgencyGroup, string>> = {
  departments: 'Sở, ban, ngành', communes: 'UBND xã, phường', central: 'Cơ quan Trung ương tổ chức theo ngành dọc', other: 'Trung tâm Phục vụ hành chính công và cơ quan khác',
};

/** Departments and boards, communes and wards, central agencies in the province, the rest (the province, service centres). */
export function agencyGroupOf(kind: Agency['kind']): AgencyGroup {
  if (kind === 'department' || kind === 'board') return 'departments';
  if (kind === 'commune') return 'communes';
  if (kind === 'central') return 'central';
  return 'other';
}

export interface ReportQuery {
  period: string;
  agency?: string | undefined;
  groupBy?: GroupBy | undefined;
}

export interface PeriodView { key: string; from: string; to: string; snapshot: string }

export interface ReportRow {
  key: string;
  label: string;
  figures: Figures;
  previous: Figures;
}

export interface OneStopReport {
  period: PeriodView;
  previousPeriod: PeriodView;
  /** The agency reported on, and the one above it (null for the province: it reports to the Government Office). */
  agency: { id: string; name: string; parentName: string | null };
  groupBy: GroupBy;
  total: Figures;
  previousTotal: Figures;
  rows: ReportRow[];
}

export interface DrillQuery extends ReportQuery {
  figure: DrillFigure;
  procedure?: string | undefined;
  field?: string | undefined;
  limit: number;
  offset: number;
}

export interface PublicAgencyRow {
  agencyId: string;
  name: string;
  received: number;
  finished: number;
  onTimeRate: number | null;
  onlineShare: number | null;
  ratingCount: number;
  ratingAverage: number | null;
}

const GROUP_COLUMN: Readonly<Record<GroupBy, GroupColumn>> = { agency: 'agency_id', agency_group: 'agency_id', procedure: 'procedure_id', field: 'field_code' };

export interface OneStopDeps {
  db: Db;
  catalog: Pick<CatalogService, 'listAgencies' | 'yearCalendar' | 'addWorkingDays' | 'readCodeList'>;
  now: () => Date;
}

/**
 * The one-stop statistics: figures per agency, agency group, procedure or field for a period,
 * against the same period a year before, and the dossiers behind each figure. A caller sees
 * the agencies where they hold `report.read` (the agency, or its subtree for a subtree grant).
 */
export function createOneStopService(deps: OneStopDeps) {
  const { db, catalog } = deps;

  async function orgChart() {
    const agencies = await catalog.listAgencies();
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const ancestors = (id: string) => {
      const chain: string[] = [];
      for (let a = byId.get(byId.get(id)?.parentId ?? ''); a; a = byId.get(a.parentId ?? '')) chain.push(a.id);
      return chain;
    };
    return { agencies, byId, ancestors };
  }

  /** The agency asked for (default: the caller's widest), checked, and the agencies under it the caller may read. */
  async function scope(principal: Principal, agencyId: string | undefined): Promise<{ agency: Agency; ids: string[]; byId: Map<string, Agency> }> {
    const chart = await orgChart();
    const may = (id: string) => canActOn(principal, REPORT_PERMISSION, id, chart.ancestors(id));
    let agency: Agency | undefined;
    if (agencyId === undefined) {
      agency = chart.agencies.filter((a) => may(a.id)).sort((a, b) => chart.ancestors(a.id).length - chart.ancestors(b.id).length)[0];
      if (!agency) throw forbidden('analytics.forbidden', 'Bạn không có quyền xem thống kê / You may not read statistics');
    } else {
      agency = chart.byId.get(agencyId);
      if (!agency) throw notFound('analytics.agency_not_found', 'Không tìm thấy cơ quan / Agency not found');
      if (!may(agency.id)) throw forbidden('analytics.forbidden', 'Bạn không có quyền xem thống kê của cơ quan này / You may not read this agency\'s statistics');
    }
    const ids = chart.agencies.filter((a) => (a.id === agency.id || chart.ancestors(a.id).includes(agency.id)) && may(a.id)).map((a) => a.id);
    return { agency, ids, byId: chart.byId };
  }

  async function windowOf(period: Period): Promise<Window> {
    const snapshot = snapshotDay(period, vietnamDate(deps.now()));
    return { from: period.from, to: period.to, snapshot, soon: await catalog.addWorkingDays(snapshot, 2) };
  }

  async function fieldNames(): Promise<Map<string, string>> {
    const view = await catalog.readCodeList('procedure-fields', { limit: 1000 }).catch(() => undefined);
    return new Map(view && !view.notModified ? view.items.map((i) => [i.code, i.name]) : []);
  }

  async function figures(period: Period, filter: Filter, group: GroupColumn, groupOf: (key: string) => string | undefined, calendars = calendarOnce(catalog)) {
    const w = await windowOf(period);
    // Processing times are counted in the database with the calendar of the period's years and the two before (longer ones are counted here).
    const calendar = await cumulativeWorkingDays(calendars, Number(period.from.slice(0, 4)) - 2, Number(period.last.slice(0, 4)));
    const [counts, durations] = await Promise.all([repo.counts(db, w, filter, group), repo.durations(db, w, filter, group, calendar)]);
    const years = durations.filter((d) => d.days == null).flatMap((d) => [Number(d.receivedOn.slice(0, 4)), Number(d.finishedOn.slice(0, 4))]);
    const counter = await workingDayCounter(calendars, Math.min(...years, Number(period.from.slice(0, 4))), Math.max(...years, Number(period.from.slice(0, 4))));
    return { window: w, counts, ...foldFigures(counts, durations, groupOf, counter) };
  }

  const view = (period: Period, w: Window): PeriodView => ({ key: period.key, from: period.from, to: period.to, snapshot: w.snapshot });

  return {
    async report(principal: Principal, query: ReportQuery): Promise<OneStopReport> {
      const period = parsePeriod(query.period);
      const today = vietnamDate(deps.now());
      requireStarted(period, today);
      const previous = sameTimeLastYear(period);
      const groupBy = query.groupBy ?? 'agency';
      const { agency, ids, byId } = await scope(principal, query.agency);
      const groupOf = groupBy === 'agency_group' ? (key: string) => agencyGroupOf(byId.get(key)?.kind ?? 'other') : (key: string) => key;
      const filter = { agencyIds: ids };
      const calendars = calendarOnce(catalog);
      const [now, before] = await Promise.all([
        figures(period, filter, GROUP_COLUMN[groupBy], groupOf, calendars),
        figures(previous, filter, GROUP_COLUMN[groupBy], groupOf, calendars),
      ]);
      const names = groupBy === 'field' ? await fieldNames() : new Map<string, string>();
      const procedureNames = new Map([...now.counts, ...before.counts].map((r) => [r.key, r.label]));
      const labelOf = (key: string) => {
        if (groupBy === 'agency') return byId.get(key)?.name ?? key;
        if (groupBy === 'procedure') return procedureNames.get(key) ?? key;
        if (groupBy === 'field') return names.get(key) ?? key;
        return AGENCY_GROUP_NAMES[key as AgencyGroup] ?? key;
      };
      const keys = [...new Set([...now.groups.keys(), ...before.groups.keys()])];
      const empty = foldFigures([], [], () => undefined, () => 0).total;
      const rows = keys.map((key) => ({ key, label: labelOf(key), figures: now.groups.get(key) ?? empty, previous: before.groups.get(key) ?? empty }))
        .sort((a, b) => b.figures.received.total - a.figures.received.total || a.label.localeCompare(b.label, 'vi'));
      return {
        period: view(period, now.window), previousPeriod: view(previous, before.window), agency: { id: agency.id, name: agency.name, parentName: byId.get(agency.parentId ?? '')?.name ?? null }, groupBy,
        total: now.total, previousTotal: before.total, rows,
      };
    },

    /** The agencies a report of `agencyId` covers for this caller (checked as `report` checks them), and which of them are departments or boards. */
    async agenciesOf(principal: Principal, agencyId: string | undefined): Promise<{ ids: string[]; departmentIds: string[] }> {
      const { ids, byId } = await scope(principal, agencyId);
      return { ids, departmentIds: ids.filter((id) => agencyGroupOf(byId.get(id)!.kind) === 'departments') };
    },

    /** The dossiers behind one figure: what an official opens next (codes and states, no applicant). */
    async dossiers(principal: Principal, query: DrillQuery): Promise<{ items: DrillRow[]; total: number; limit: number; offset: number }> {
      const period = parsePeriod(query.period);
      requireStarted(period, vietnamDate(deps.now()));
      const { ids } = await scope(principal, query.agency);
      const page = await repo.drill(db, await windowOf(period), { agencyIds: ids, procedureId: query.procedure, fieldCode: query.field }, query.figure, query);
      return { ...page, limit: query.limit, offset: query.offset };
    },

    /** Each agency's on-time rate, online share and ratings: aggregates only, for everyone. */
    async publicAgencies(periodKey: string): Promise<{ period: PeriodView; agencies: PublicAgencyRow[] }> {
      const period = parsePeriod(periodKey);
      requireStarted(period, vietnamDate(deps.now()));
      const chart = await orgChart();
      // Names only (never a provisional code): the seeded communes' names are real even where their codes are not yet.
      const shown = chart.agencies.filter((a) => a.active);
      const result = await figures(period, { agencyIds: shown.map((a) => a.id) }, 'agency_id', (key) => key);
      const agencies = [...result.groups].map(([id, f]) => ({
        agencyId: id, name: chart.byId.get(id)!.name, received: f.received.total, finished: f.finished.total,
        onTimeRate: f.onTimeRate, onlineShare: f.onlineShare, ratingCount: f.ratings.count, ratingAverage: f.ratings.average,
      })).filter((a) => a.received + a.finished > 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return { period: view(period, result.window), agencies };
    },
  };
}

export type OneStopService = ReturnType<typeof createOneStopService>;
