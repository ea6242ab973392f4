import { actorOf, canActOn, conflict, forbidden, holdsPermission, notFound, unauthorized, unprocessable, vietnamDate, type Db, type Principal } from '../../packages/platform/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { CHARTS_OF, MEASURES, MEASURE_BY_KEY, type ChartKind, type CommuneRef, type DataRow, type PeriodKind, type Unit } from './dashboards.measures.ts';
import { dashboardsRepository as repo, type DashboardRow, type PanelRow } from './dashboards.repository.ts';
import { validateCommuneMap } from './dashboards.geojson.ts';
import { indicatorInputs, type IndicatorSources } from './indicators.report.ts';
import { trendsRepository } from './trends.repository.ts';
import { REPORT_PERMISSION, type OneStopService } from './one-stop.service.ts';

/** Administrators configure the dashboards and the commune map province-wide: the shared-catalogue permission at the root agency. */
export const DASHBOARD_ADMIN_PERMISSION = 'catalog.edit';

export interface DashboardInput {
  code: string;
  titleVi: string;
  titleEn: string;
  visibility: 'public' | 'internal';
  refreshSeconds: number;
  rotationSeconds: number;
}

export interface PanelInput {
  position: number;
  titleVi: string;
  titleEn: string;
  measure: string;
  chart: ChartKind;
  periodKind: PeriodKind;
  options?: { limit?: number | undefined } | undefined;
}

export interface Panel extends Required<Omit<PanelInput, 'options'>> { id: string; options: { limit?: number } }
export interface Dashboard extends DashboardInput { id: string; version: number; updatedAt: string; panels: Panel[] }

export interface PanelData {
  panelId: string;
  measure: string;
  chart: ChartKind;
  period: string;
  agency: string | null;
  unit: Unit;
  max: number | null;
  rows: DataRow[];
  computedAt: string;
}

export interface PanelDataQuery { period?: string | undefined; agency?: string | undefined }

/** What an anonymous visitor reads of a public dashboard: titles and panels, no ids of people, no version. */
export interface PublicDashboard extends Pick<Dashboard, 'code' | 'titleVi' | 'titleEn' | 'refreshSeconds'> {
  panels: Omit<Panel, 'options'>[];
}
/** A public panel's figures: the province's aggregates, each row a label and its numbers (no drill-down, no agency filter). */
export interface PublicPanelData extends Omit<PanelData, 'agency' | 'rows'> {
  rows: Omit<DataRow, 'drill'>[];
}

export interface DashboardsDeps {
  db: Db;
  oneStop: OneStopService;
  catalog: Pick<CatalogService, 'listAgencies' | 'readCodeList' | 'rootAgency'>;
  /** The counts beside the figures that the indicators page takes (national sync, LGSP): the index and KPI panels take the same. */
  sources?: IndicatorSources | undefined;
  now: () => Date;
}

const panelOf = (p: PanelRow): Panel => ({
  id: p.id, position: p.position, titleVi: p.titleVi, titleEn: p.titleEn, measure: p.measure, chart: p.chart as ChartKind,
  periodKind: p.periodKind as PeriodKind, options: p.options as Panel['options'],
});
const publicDashboardOf = (d: DashboardRow, panels: PanelRow[]): PublicDashboard => ({
  code: d.code, titleVi: d.titleVi, titleEn: d.titleEn, refreshSeconds: d.refreshSeconds,
  panels: panels.map(panelOf).map(({ options: _options, ...panel }) => panel),
});
const dashboardOf = (d: DashboardRow, panels: PanelRow[]): Dashboard => ({
  id: d.id, code: d.code, titleVi: d.titleVi, titleEn: d.titleEn, visibility: d.visibility as Dashboard['visibility'],
  refreshSeconds: d.refreshSeconds, rotationSeconds: d.rotationSeconds, version: d.version, updatedAt: d.updatedAt.toISOString(), panels: panels.map(panelOf),
});

/** The period a panel shows by default: the current month, quarter or year in Vietnam. */
export function defaultPeriod(kind: PeriodKind, today: string): string {
  if (kind === 'year') return today.slice(0, 4);
  if (kind === 'quarter') return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return today.slice(0, 7);
}

/** 422 when the measure is unknown or cannot be drawn as the chart asked for. */
function checkPanel(input: Pick<PanelInput, 'measure' | 'chart'>): void {
  const measure = MEASURE_BY_KEY.get(input.measure);
  if (!measure) {
    throw unprocessable('analytics.measure_unknown', 'Không có chỉ số này / Unknown measure', { measure: input.measure, known: MEASURES.map((m) => m.key) });
  }
  if (!CHARTS_OF[measure.shape].includes(input.chart)) {
    throw unprocessable('analytics.chart_incompatible', 'Biểu đồ không phù hợp với chỉ số / This chart cannot show this measure', { measure: input.measure, chart: input.chart, allowed: CHARTS_OF[measure.shape] });
  }
}

/**
 * The IOC's dashboards: their definitions (data an administrator edits), each panel's data
 * computed from the one-stop figures within the caller's scope, and the commune map.
 * Public dashboards are read by anyone and show the province's aggregates without drill-down;
 * internal ones need report.read and show the caller's scope.
 */
export function createDashboardsService(deps: DashboardsDeps) {
  const { db, catalog } = deps;
  const today = () => vietnamDate(deps.now());

  async function requireAdmin(principal: Principal): Promise<void> {
    if (principal.kind === 'anonymous') throw unauthorized();
    const root = await catalog.rootAgency();
    if (!canActOn(principal, DASHBOARD_ADMIN_PERMISSION, root.id, [])) {
      throw forbidden('analytics.forbidden', 'Chỉ quản trị viên cấp tỉnh cấu hình bảng điều hành / Only a province administrator configures the dashboards');
    }
  }

  /** A public dashboard is computed as the province sees it: aggregates only, never a drill-down. */
  async function publicReader(): Promise<Principal> {
    const root = await catalog.rootAgency();
    return { kind: 'system', clientId: 'analytics-public-dashboards', grants: [{ agencyId: root.id, scope: 'subtree', permissions: [REPORT_PERMISSION] }] };
  }

  const mayRead = (principal: Principal, d: DashboardRow) => d.visibility === 'public' || holdsPermission(principal, REPORT_PERMISSION);

  async function readable(principal: Principal, code: string): Promise<DashboardRow> {
    const d = await repo.byCode(db, code);
    if (!d) throw notFound('analytics.dashboard_not_found', 'Không tìm thấy bảng điều hành / Dashboard not found');
    if (!mayRead(principal, d)) {
      if (principal.kind === 'anonymous') throw unauthorized();
      throw forbidden('analytics.forbidden', 'Bạn không có quyền xem bảng điều hành này / You may not read this dashboard');
    }
    return d;
  }

  async function owned(code: string): Promise<DashboardRow> {
    const d = await repo.byCode(db, code);
    if (!d) throw notFound('analytics.dashboard_not_found', 'Không tìm thấy bảng điều hành / Dashboard not found');
    return d;
  }

  async function communes(): Promise<CommuneRef[]> {
    const agencies = (await catalog.listAgencies()).filter((a) => a.kind === 'commune' && a.active).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'));
    const units = await catalog.readCodeList('administrative-units', { limit: 1000 }).catch(() => undefined);
    const unitOf = new Map(units && !units.notModified ? units.items.map((i) => [String(i.extra['agencyCode'] ?? ''), i.code]) : []);
    return agencies.map((a) => ({ agencyId: a.id, agencyCode: a.code, unitCode: unitOf.get(a.code) ?? null, name: a.name }));
  }

  /** A public dashboard; an internal one is "not found" to the public API (it does not tell what exists). */
  async function published(code: string): Promise<DashboardRow> {
    const d = await repo.byCode(db, code);
    if (!d || d.visibility !== 'public') throw notFound('analytics.dashboard_not_found', 'Không tìm thấy bảng điều khiển công khai / Public dashboard not found');
    return d;
  }

  const panelData = async (principal: Principal, code: string, panelId: string, query: PanelDataQuery) => compute(await readable(principal, code), principal, panelId, query);

  async function compute(d: DashboardRow, principal: Principal, panelId: string, query: PanelDataQuery): Promise<{ dashboard: DashboardRow; panel: Panel; data: PanelData }> {
    const row = await repo.panel(db, d.id, panelId);
    if (!row) throw notFound('analytics.panel_not_found', 'Không tìm thấy ô biểu đồ / Panel not found');
    const panel = panelOf(row);
    const measure = MEASURE_BY_KEY.get(panel.measure);
    if (!measure) throw unprocessable('analytics.measure_unknown', 'Không có chỉ số này / Unknown measure', { measure: panel.measure });
    const isPublic = d.visibility === 'public';
    const period = query.period ?? defaultPeriod(panel.periodKind, today());
    const reader = isPublic ? await publicReader() : principal;
    const result = await measure.compute({
      principal: reader, oneStop: deps.oneStop, period, agency: query.agency, today: today(),
      receivedOn: (day, ids) => repo.receivedOn(db, day, ids), communes,
      trend: (grain, from, to, ids) => trendsRepository.counts(db, grain, from, to, ids),
      indicators: () => indicatorInputs(deps.oneStop, deps.sources ?? {}, reader, { period, agency: query.agency }),
    });
    const limited = panel.options.limit ? result.rows.slice(0, panel.options.limit) : result.rows;
    const rows = isPublic ? limited.map((r) => ({ ...r, drill: null })) : limited;
    return {
      dashboard: d, panel,
      data: { panelId: panel.id, measure: panel.measure, chart: panel.chart, period, agency: query.agency ?? null, unit: result.unit, max: result.max, rows, computedAt: deps.now().toISOString() },
    };
  }

  return {
    measures: () => MEASURES.map((m) => ({ key: m.key, name: m.name, shape: m.shape, unit: m.unit, charts: [...CHARTS_OF[m.shape]] })),

    async list(principal: Principal): Promise<Dashboard[]> {
      const all = await repo.list(db);
      return Promise.all(all.filter((d) => mayRead(principal, d)).map(async (d) => dashboardOf(d, await repo.panels(db, d.id))));
    },

    async get(principal: Principal, code: string): Promise<Dashboard> {
      const d = await readable(principal, code);
      return dashboardOf(d, await repo.panels(db, d.id));
    },

    panelData: async (principal: Principal, code: string, panelId: string, query: PanelDataQuery) => (await panelData(principal, code, panelId, query)).data,

    /** The public dashboards, for anyone: what the public page lists. */
    async publicList(): Promise<PublicDashboard[]> {
      const shown = (await repo.list(db)).filter((d) => d.visibility === 'public');
      return Promise.all(shown.map(async (d) => publicDashboardOf(d, await repo.panels(db, d.id))));
    },

    async publicGet(code: string): Promise<PublicDashboard> {
      const d = await published(code);
      return publicDashboardOf(d, await repo.panels(db, d.id));
    },

    /** A public panel's figures: the province's aggregates (a reader of the module's own), rows reduced to label and numbers. */
    async publicPanelData(code: string, panelId: string, period: string | undefined): Promise<PublicPanelData> {
      const d = await published(code);
      const { data } = await compute(d, await publicReader(), panelId, period ? { period } : {});
      return {
        panelId: data.panelId, measure: data.measure, chart: data.chart, period: data.period, unit: data.unit, max: data.max, computedAt: data.computedAt,
        rows: data.rows.map((r) => ({ key: r.key, label: r.label, value: r.value, previous: r.previous, target: r.target })),
      };
    },

    /** The data behind one panel for a download: report.read (aggregates, still audited by the route). */
    async exportData(principal: Principal, code: string, panelId: string, query: PanelDataQuery) {
      if (!holdsPermission(principal, REPORT_PERMISSION)) {
        if (principal.kind === 'anonymous') throw unauthorized();
        throw forbidden('analytics.forbidden', 'Bạn không có quyền tải dữ liệu / You may not download the data');
      }
      return panelData(principal, code, panelId, query);
    },

    async createDashboard(principal: Principal, input: DashboardInput): Promise<Dashboard> {
      await requireAdmin(principal);
      const row = await repo.insert(db, input);
      if (!row) throw conflict('analytics.dashboard_exists', 'Đã có bảng điều hành với mã này / A dashboard with this code exists', { code: input.code });
      return dashboardOf(row, []);
    },

    async updateDashboard(principal: Principal, code: string, expectedVersion: number, patch: Partial<Omit<DashboardInput, 'code'>>): Promise<Dashboard> {
      await requireAdmin(principal);
      const d = await owned(code);
      const row = await repo.update(db, d.id, expectedVersion, patch);
      if (!row) throw conflict('analytics.dashboard_version_conflict', 'Bảng điều hành đã được người khác sửa / The dashboard was changed meanwhile', { version: d.version });
      return dashboardOf(row, await repo.panels(db, d.id));
    },

    async deleteDashboard(principal: Principal, code: string): Promise<void> {
      await requireAdmin(principal);
      await repo.remove(db, (await owned(code)).id);
    },

    async createPanel(principal: Principal, code: string, input: PanelInput): Promise<Panel> {
      await requireAdmin(principal);
      checkPanel(input);
      const d = await owned(code);
      return db.transaction(async (tx) => {
        const row = await repo.insertPanel(tx, { dashboardId: d.id, ...input, options: input.options ?? {} });
        await repo.touch(tx, d.id);
        return panelOf(row);
      });
    },

    async updatePanel(principal: Principal, code: string, panelId: string, patch: Partial<PanelInput>): Promise<Panel> {
      await requireAdmin(principal);
      const d = await owned(code);
      const current = await repo.panel(db, d.id, panelId);
      if (!current) throw notFound('analytics.panel_not_found', 'Không tìm thấy ô biểu đồ / Panel not found');
      checkPanel({ measure: patch.measure ?? current.measure, chart: patch.chart ?? (current.chart as ChartKind) });
      return db.transaction(async (tx) => {
        const row = await repo.updatePanel(tx, panelId, patch);
        await repo.touch(tx, d.id);
        return panelOf(row!);
      });
    },

    async deletePanel(principal: Principal, code: string, panelId: string): Promise<void> {
      await requireAdmin(principal);
      const d = await owned(code);
      if (!(await repo.panel(db, d.id, panelId))) throw notFound('analytics.panel_not_found', 'Không tìm thấy ô biểu đồ / Panel not found');
      await db.transaction(async (tx) => {
        await repo.removePanel(tx, panelId);
        await repo.touch(tx, d.id);
      });
    },

    /** The 102 communes (names from the catalogue) and the imported map, if any: what the commune layer draws. */
    async communeLayer(): Promise<{ communes: CommuneRef[]; map: { features: number; importedAt: string; geojson: Record<string, unknown> } | null }> {
      const [list, map] = await Promise.all([communes(), repo.communeMap(db)]);
      return { communes: list, map: map ? { features: map.features, importedAt: map.importedAt.toISOString(), geojson: map.geojson } : null };
    },

    /** Replaces the commune map; 422 (nothing written) unless every feature names a catalogue commune. */
    async importCommuneMap(principal: Principal, geojson: unknown): Promise<{ features: number }> {
      await requireAdmin(principal);
      const valid = validateCommuneMap(geojson, await communes());
      await repo.saveCommuneMap(db, valid.geojson, valid.features, actorOf(principal));
      return { features: valid.features };
    },

    async removeCommuneMap(principal: Principal): Promise<void> {
      await requireAdmin(principal);
      await repo.removeCommuneMap(db);
    },

    /**
     * At start-up: on a fresh install the province dashboard (internal) and the public one, so the
     * public page is never empty; on an install that has dashboards already, the public one only
     * when no dashboard is public and its code is free (to hide it, an administrator makes it internal).
     */
    async seed(): Promise<void> {
      const existing = await repo.list(db);
      if (existing.length === 0) await insertDefault(DEFAULT_DASHBOARD, DEFAULT_PANELS);
      if (existing.some((d) => d.visibility === 'public' || d.code === PUBLIC_DASHBOARD.code)) return;
      await insertDefault(PUBLIC_DASHBOARD, PUBLIC_PANELS);
    },
  };

  async function insertDefault(input: DashboardInput, panels: Omit<PanelInput, 'position'>[]): Promise<void> {
    await db.transaction(async (tx) => {
      const d = await repo.insert(tx, input);
      if (!d) return;
      for (const [position, panel] of panels.entries()) await repo.insertPanel(tx, { dashboardId: d.id, position, ...panel, options: panel.options ?? {} });
    });
  }
}

export type DashboardsService = ReturnType<typeof createDashboardsService>;

export const DEFAULT_DASHBOARD: DashboardInput = { code: 'toan-tinh', titleVi: 'Toàn tỉnh', titleEn: 'The province at a glance', visibility: 'internal', refreshSeconds: 300, rotationSeconds: 20 };

/** The panels issue 12 lists: KPIs with targets, the service-quality score, today's dossiers, overdue by agency, 12 months against the year before, the commune layer. */
export const DEFAULT_PANELS: Omit<PanelInput, 'position'>[] = [
  { titleVi: 'Hồ sơ tiếp nhận hôm nay', titleEn: 'Dossiers received today', measure: 'received_today', chart: 'number', periodKind: 'month' },
  { titleVi: 'Tỉ lệ giải quyết đúng hạn', titleEn: 'On-time rate', measure: 'on_time_rate', chart: 'gauge', periodKind: 'month' },
  { titleVi: 'Chỉ số phục vụ người dân, doanh nghiệp', titleEn: 'Service-quality index', measure: 'index_score', chart: 'gauge', periodKind: 'month' },
  { titleVi: 'Chỉ tiêu so với mục tiêu 2030', titleEn: 'KPIs against their 2030 targets', measure: 'kpis', chart: 'bar', periodKind: 'month' },
  { titleVi: 'Hồ sơ quá hạn theo cơ quan', titleEn: 'Overdue dossiers by agency', measure: 'overdue_by_agency', chart: 'bar', periodKind: 'month', options: { limit: 15 } },
  { titleVi: 'Hồ sơ tiếp nhận theo kênh', titleEn: 'Dossiers received by channel', measure: 'received_by_channel', chart: 'pie', periodKind: 'month' },
  { titleVi: 'Hồ sơ tiếp nhận 12 tháng', titleEn: 'Dossiers received, 12 months', measure: 'received_by_month', chart: 'line', periodKind: 'month' },
  { titleVi: 'Tỉ lệ đúng hạn 12 tháng', titleEn: 'On-time rate, 12 months', measure: 'on_time_rate_by_month', chart: 'line', periodKind: 'month' },
  { titleVi: 'Hồ sơ tiếp nhận theo xã, phường', titleEn: 'Dossiers received by commune', measure: 'communes_received', chart: 'commune-map', periodKind: 'month' },
];

export const PUBLIC_DASHBOARD: DashboardInput = {
  code: 'ket-qua-giai-quyet-tthc', titleVi: 'Kết quả giải quyết thủ tục hành chính toàn tỉnh', titleEn: 'Administrative procedures across the province',
  visibility: 'public', refreshSeconds: 300, rotationSeconds: 20,
};

/** The public page's panels (the framework's transparency principle): province aggregates of the year, never a person. */
export const PUBLIC_PANELS: Omit<PanelInput, 'position'>[] = [
  { titleVi: 'Tỉ lệ giải quyết đúng hạn', titleEn: 'On-time rate', measure: 'on_time_rate', chart: 'gauge', periodKind: 'year' },
  { titleVi: 'Tỉ lệ hồ sơ nộp trực tuyến', titleEn: 'Online share', measure: 'online_share', chart: 'gauge', periodKind: 'year' },
  { titleVi: 'Mức độ hài lòng (điểm trung bình 1–5)', titleEn: 'Satisfaction (average rating 1–5)', measure: 'rating_average', chart: 'gauge', periodKind: 'year' },
  { titleVi: 'Tỉ lệ giải quyết đúng hạn theo cơ quan', titleEn: 'On-time rate by agency', measure: 'on_time_rate_by_agency', chart: 'bar', periodKind: 'year', options: { limit: 20 } },
  { titleVi: 'Tỉ lệ hồ sơ trực tuyến theo cơ quan', titleEn: 'Online share by agency', measure: 'online_share_by_agency', chart: 'bar', periodKind: 'year', options: { limit: 20 } },
  { titleVi: 'Điểm đánh giá trung bình theo cơ quan', titleEn: 'Average rating by agency', measure: 'rating_average_by_agency', chart: 'bar', periodKind: 'year', options: { limit: 20 } },
  { titleVi: 'Tỉ lệ giải quyết đúng hạn theo xã, phường', titleEn: 'On-time rate by commune', measure: 'communes_on_time_rate', chart: 'commune-map', periodKind: 'year' },
];
