// The IOC's dashboards (modules/analytics, dashboards.routes.ts).
import { api, rawRequest } from './client.ts';
import type { DrillFigure } from './analytics.ts';

// TODO(lead): Schema<'Dashboard'>, Schema<'DashboardPanel'>, Schema<'DashboardPanelData'>, Schema<'DashboardCommuneLayer'>,
// Schema<'DashboardMeasure'> once openapi.json is regenerated with the dashboard routes.
export type ChartKind = 'number' | 'gauge' | 'bar' | 'line' | 'pie' | 'table' | 'commune-map';
export type PeriodKind = 'month' | 'quarter' | 'year';
export type Unit = 'count' | '%' | 'points';

export interface Panel {
  id: string;
  position: number;
  titleVi: string;
  titleEn: string;
  measure: string;
  chart: ChartKind;
  periodKind: PeriodKind;
  options: { limit?: number };
}

export interface Dashboard {
  id: string;
  code: string;
  titleVi: string;
  titleEn: string;
  visibility: 'public' | 'internal';
  refreshSeconds: number;
  rotationSeconds: number;
  version: number;
  updatedAt: string;
  panels: Panel[];
}

export interface DataRow {
  key: string;
  label: string;
  value: number | null;
  /** The same period a year before. */
  previous: number | null;
  target: number | null;
  drill: { agency?: string; procedure?: string; figure?: DrillFigure } | null;
}

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

export interface Measure { key: string; name: { vi: string; en: string }; shape: 'value' | 'series' | 'communes'; unit: Unit; charts: ChartKind[] }
export interface CommuneLayer {
  communes: { agencyId: string; agencyCode: string; unitCode: string | null; name: string }[];
  map: { features: number; importedAt: string; geojson: Record<string, unknown> } | null;
}

export interface PanelQuery { period?: string | undefined; agency?: string | undefined }
export type DashboardInput = Omit<Dashboard, 'id' | 'version' | 'updatedAt' | 'panels'>;
export type PanelInput = Omit<Panel, 'id'>;

const base = (code: string) => `/api/analytics/dashboards/${encodeURIComponent(code)}`;
const query = (q: PanelQuery) => ({ ...(q.period ? { period: q.period } : {}), ...(q.agency ? { agency: q.agency } : {}) });

export const iocApi = {
  dashboards: () => api.get<{ items: Dashboard[] }>('/api/analytics/dashboards'),
  dashboard: (code: string) => api.get<Dashboard>(base(code)),
  data: (code: string, panelId: string, q: PanelQuery) => api.get<PanelData>(`${base(code)}/panels/${panelId}/data`, query(q)),
  export: (code: string, panelId: string, q: PanelQuery, format: 'csv' | 'xlsx') =>
    rawRequest('GET', `${base(code)}/panels/${panelId}/export`, { query: { ...query(q), format } }),
  measures: () => api.get<{ items: Measure[] }>('/api/analytics/dashboard-measures'),
  communeLayer: () => api.get<CommuneLayer>('/api/analytics/commune-layer'),
  importMap: (geojson: unknown) => api.put<{ features: number }>('/api/analytics/commune-layer/map', geojson),
  removeMap: () => api.delete('/api/analytics/commune-layer/map'),
  createDashboard: (input: DashboardInput) => api.post<Dashboard>('/api/analytics/dashboards', input),
  updateDashboard: (code: string, patch: Partial<Omit<DashboardInput, 'code'>> & { expectedVersion: number }) => api.patch<Dashboard>(base(code), patch),
  deleteDashboard: (code: string) => api.delete(base(code)),
  createPanel: (code: string, input: PanelInput) => api.post<Panel>(`${base(code)}/panels`, input),
  updatePanel: (code: string, panelId: string, patch: Partial<PanelInput>) => api.patch<Panel>(`${base(code)}/panels/${panelId}`, patch),
  deletePanel: (code: string, panelId: string) => api.delete(`${base(code)}/panels/${panelId}`),
};
