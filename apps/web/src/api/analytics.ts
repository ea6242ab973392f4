// Statistics API (modules/analytics): the types come from the generated schema.
import { api, rawRequest } from './client.ts';
import type { paths, Schema } from './schemas.ts';

export type OneStopReport = Schema<'OneStopReport'>;
export type Figures = OneStopReport['total'];
export type PeriodView = OneStopReport['period'];
export type GroupBy = OneStopReport['groupBy'];
export type DrillFigure = NonNullable<paths['/api/analytics/one-stop/dossiers']['get']['parameters']['query']>['figure'];
export type DrillDossier = Schema<'OneStopDrillDossier'>;
export type PublicAgencyRow = Schema<'PublicAgencyStatistics'>;
export type Indicators = Schema<'Indicators'>;
export type ExportFormat = 'xlsx' | 'pdf';

export interface ReportQuery { period: string; agency?: string | undefined; groupBy: GroupBy }

const query = (q: ReportQuery) => ({ period: q.period, groupBy: q.groupBy, ...(q.agency ? { agency: q.agency } : {}) });

export const analyticsApi = {
  report: (q: ReportQuery) => api.get<OneStopReport>('/api/analytics/one-stop', query(q)),
  dossiers: (q: ReportQuery & { figure: DrillFigure; procedure?: string; field?: string; limit: number; offset: number }) =>
    api.get<Schema<'OneStopDrillPage'>>('/api/analytics/one-stop/dossiers', {
      period: q.period, figure: q.figure, limit: q.limit, offset: q.offset, ...(q.agency ? { agency: q.agency } : {}), ...(q.procedure ? { procedure: q.procedure } : {}), ...(q.field ? { field: q.field } : {}),
    }),
  export: (q: ReportQuery, format: ExportFormat = 'xlsx') => rawRequest('GET', '/api/analytics/one-stop/export', { query: { ...query(q), format } }),
  /** The periodic report sent upward (form II.06a/VPCP/KSTT), rows per field. */
  periodicReport: (q: Omit<ReportQuery, 'groupBy'>, format: ExportFormat) =>
    rawRequest('GET', '/api/analytics/one-stop/report', { query: { period: q.period, format, ...(q.agency ? { agency: q.agency } : {}) } }),
  indicators: (q: { period: string; agency?: string | undefined }) => api.get<Indicators>('/api/analytics/indicators', { period: q.period, ...(q.agency ? { agency: q.agency } : {}) }),
  publicAgencies: (period: string) => api.get<Schema<'PublicAgencyStatisticsPage'>>('/api/analytics/public/agencies', { period }),
};
