import { errorResponses, type App } from '../../packages/platform/index.ts';
import { DrillPageSchema, DrillQuery, ExportQuery, PeriodicReportQuery, PublicAgenciesSchema, PublicQuery, ReportQuery, ReportSchema, TAGS, WorkbookSchema } from './one-stop.schemas.ts';
import { reportWorkbook } from './one-stop.workbook.ts';
import { NATIONAL_RECIPIENT, periodicReport } from './periodic-report.ts';
import { periodicReportPdf, periodicReportWorkbook, reportPdf } from './periodic-report.render.ts';
import { indicatorsReport, type IndicatorSources } from './indicators.report.ts';
import { IndicatorsQuery, IndicatorsSchema } from './indicators.schemas.ts';
import type { OneStopService } from './one-stop.service.ts';
import { sendExport } from './send-export.ts';

const PURPOSE = 'one-stop statistics';

export function oneStopRoutes(service: OneStopService, sources: IndicatorSources = {}) {
  return async function routes(app: App): Promise<void> {
    app.get('/one-stop', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'getOneStopStatistics', tags: TAGS,
        summary: 'One-stop figures of a period per agency, agency group, procedure or field, with the same period a year before (report.read on the agency)',
        querystring: ReportQuery, response: { 200: ReportSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request) => service.report(request.principal, request.query));

    app.get('/indicators', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'getServiceIndicators', tags: TAGS,
        summary: 'The service-quality index of Decision 766/QĐ-TTg and the framework KPIs of a period, live from the one-stop figures (report.read on the agency)',
        querystring: IndicatorsQuery, response: { 200: IndicatorsSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request) => indicatorsReport(service, sources, request.principal, request.query));

    app.get('/one-stop/dossiers', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'listOneStopFigureDossiers', tags: TAGS,
        summary: 'The dossiers behind one figure (drill-down), within the caller\'s scope: codes, procedures and states, no applicant',
        querystring: DrillQuery, response: { 200: DrillPageSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request) => {
      const page = await service.dossiers(request.principal, request.query);
      await request.audit({ action: 'read analytics.one_stop_dossiers', target: `/api/analytics/one-stop/dossiers?period=${request.query.period}&figure=${request.query.figure}`, purpose: PURPOSE, details: { total: page.total } });
      return page;
    });

    app.get('/one-stop/export', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'exportOneStopStatistics', tags: TAGS,
        summary: 'The same figures as an Excel workbook (the period and the same period a year before) or a PDF (the period); audited',
        querystring: ExportQuery, response: { 200: WorkbookSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await service.report(request.principal, query);
      return sendExport(request, reply, {
        format, fileName: `thong-ke-mot-cua-${report.period.key}-${report.groupBy}.${format}`,
        body: format === 'pdf' ? await reportPdf(report) : await reportWorkbook(report),
        audit: { action: 'export analytics.one_stop', target: `/api/analytics/one-stop/export?period=${report.period.key}&agency=${report.agency.id}&groupBy=${report.groupBy}&format=${format}`, purpose: PURPOSE },
      });
    });

    app.get('/one-stop/report', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'getOneStopPeriodicReport', tags: TAGS,
        summary: 'The periodic report sent upward (form II.06a/VPCP/KSTT: received, resolved early/on time/late, in processing within/over time), from the same figures, as PDF or Excel; audited',
        querystring: PeriodicReportQuery, response: { 200: WorkbookSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await service.report(request.principal, { ...query, groupBy: query.groupBy ?? 'field' });
      const form = periodicReport(report, report.agency.parentName ?? NATIONAL_RECIPIENT);
      return sendExport(request, reply, {
        format, fileName: `bao-cao-ket-qua-tthc-${report.period.key}.${format}`,
        body: format === 'pdf' ? await periodicReportPdf(form) : await periodicReportWorkbook(form),
        audit: { action: 'export analytics.periodic_report', target: `/api/analytics/one-stop/report?period=${report.period.key}&agency=${report.agency.id}&groupBy=${report.groupBy}&format=${format}`, purpose: PURPOSE },
      });
    });

    app.get('/public/agencies', {
      config: { access: 'public', figures: true },
      schema: {
        operationId: 'getPublicAgencyStatistics', tags: TAGS, security: [],
        summary: 'Each agency\'s on-time rate, online share and satisfaction ratings for a period: aggregates only, never a person',
        querystring: PublicQuery, response: { 200: PublicAgenciesSchema, ...errorResponses(400, 422, 503) },
      },
    }, async (request) => service.publicAgencies(request.query.period));
  };
}
