// The IOC's dashboards (modules/analytics, dashboards.routes.ts).
import { api, rawRequest } from './client.ts';

import type { Schema } from './schemas.ts';

export type Dashboard = Schema<'Dashboard'>;
export type Panel = Schema<'DashboardPanel'>;
export type PanelData = Schema<'DashboardPanelData'>;
export type DataRow = Schema<'DashboardDataRow'>;
export type Measure = Schema<'DashboardMeasure'>;
export type CommuneLayer = Schema<'DashboardCommuneLayer'>;
export type ChartKind = Panel['chart'];
export type PeriodKind = Panel['periodKind'];
export type Unit = PanelData['unit'];

export type PublicDashboard = Schema<'PublicDashboard'>;
export type PublicPanelData = Schema<'PublicDashboardPanelData'>;

export interface PanelQuery { period?: string | undefined; agency?: string | undefined }
export type DashboardInput = Omit<Dashboard, 'id' | 'version' | 'updatedAt' | 'panels'>;
export type PanelInput = Omit<Panel, 'id'>;

const publicBase = (code: string) => `/api/analytics/public/dashboards/${encodeURIComponent(code)}`;
const base = (code: string) => `/api/analytics/dashboards/${encodeURIComponent(code)}`;
const query = (q: PanelQuery) => ({ ...(q.period ? { period: q.period } : {}), ...(q.agency ? { agency: q.agency } : {}) });

/** The public dashboards, for anyone (the province's aggregates, no drill-down). */
export const publicDashboardsApi = {
  list: () => api.get<{ items: PublicDashboard[] }>('/api/analytics/public/dashboards'),
  /** Shaped as the IOC's panel data (no row leads anywhere), so the same panel draws it. */
  data: async (code: string, panelId: string, q: PanelQuery): Promise<PanelData> => {
    const data = await api.get<PublicPanelData>(`${publicBase(code)}/panels/${panelId}/data`, q.period ? { period: q.period } : {});
    return { ...data, agency: null, rows: data.rows.map((r) => ({ ...r, drill: null })) };
  },
};

export const iocApi = {
  dashboards: () => api.get<Schema<'DashboardList'>>('/api/analytics/dashboards'),
  dashboard: (code: string) => api.get<Dashboard>(base(code)),
  data: (code: string, panelId: string, q: PanelQuery) => api.get<PanelData>(`${base(code)}/panels/${panelId}/data`, query(q)),
  export: (code: string, panelId: string, q: PanelQuery, format: 'csv' | 'xlsx') =>
    rawRequest('GET', `${base(code)}/panels/${panelId}/export`, { query: { ...query(q), format } }),
  measures: () => api.get<Schema<'DashboardMeasureList'>>('/api/analytics/dashboard-measures'),
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
