// Statistics API (modules/analytics). Written by hand after modules/analytics/one-stop.schemas.ts
// until the generated schema (openapi.json) includes it.
import { api, rawRequest } from './client.ts';

export type GroupBy = 'agency' | 'agency_group' | 'procedure' | 'field';
export type DrillFigure = 'received' | 'carriedOver' | 'inProcessing' | 'waiting' | 'dueSoon' | 'overdue' | 'early' | 'onTime' | 'late' | 'rejected' | 'withdrawn';

export interface Figures {
  received: { total: number; online: number; counter: number; nationalPortal: number; post: number };
  carriedOver: number;
  inProcessing: number;
  waiting: number;
  dueSoon: number;
  overdue: number;
  finished: { total: number; early: number; onTime: number; late: number };
  rejected: number;
  withdrawn: number;
  onTimeRate: number | null;
  onlineShare: number | null;
  fullyOnlineShare: number | null;
  onlinePaymentShare: number | null;
  digitisedShare: number | null;
  processingDays: { average: number | null; median: number | null };
  ratings: { count: number; average: number | null };
}

export interface PeriodView { key: string; from: string; to: string; snapshot: string }

export interface OneStopReport {
  period: PeriodView;
  previousPeriod: PeriodView;
  agency: { id: string; name: string };
  groupBy: GroupBy;
  total: Figures;
  previousTotal: Figures;
  rows: { key: string; label: string; figures: Figures; previous: Figures }[];
}

export interface DrillDossier {
  dossierId: string;
  code: string;
  agencyId: string;
  procedureName: string;
  channel: string;
  status: string;
  receivedAt: string | null;
  dueOn: string | null;
  finishedAt: string | null;
  outcome: string | null;
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

export interface ReportQuery { period: string; agency?: string | undefined; groupBy: GroupBy }

const query = (q: ReportQuery) => ({ period: q.period, groupBy: q.groupBy, ...(q.agency ? { agency: q.agency } : {}) });

export const analyticsApi = {
  report: (q: ReportQuery) => api.get<OneStopReport>('/api/analytics/one-stop', query(q)),
  dossiers: (q: ReportQuery & { figure: DrillFigure; procedure?: string; field?: string; limit: number; offset: number }) =>
    api.get<{ items: DrillDossier[]; total: number }>('/api/analytics/one-stop/dossiers', {
      period: q.period, figure: q.figure, limit: q.limit, offset: q.offset, ...(q.agency ? { agency: q.agency } : {}), ...(q.procedure ? { procedure: q.procedure } : {}), ...(q.field ? { field: q.field } : {}),
    }),
  export: (q: ReportQuery) => rawRequest('GET', '/api/analytics/one-stop/export', { query: query(q) }),
  publicAgencies: (period: string) => api.get<{ period: PeriodView; agencies: PublicAgencyRow[] }>('/api/analytics/public/agencies', { period }),
};
