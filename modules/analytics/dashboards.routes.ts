import { Type } from 'typebox';
import { errorResponses, etagOfBody, type App } from '../../packages/platform/index.ts';
import * as S from './dashboards.schemas.ts';
import type { DashboardsService } from './dashboards.service.ts';
import { panelCsv, panelWorkbook } from './dashboards.export.ts';
import { TAGS } from './one-stop.schemas.ts';
import { sendExport } from './send-export.ts';

const ADMIN_PURPOSE = 'dashboard administration';
/** A simplified map of a province's communes is a few megabytes at most. */
const MAP_BODY_LIMIT = 8 * 1024 * 1024;

/** The IOC: dashboards and their panels (data an administrator edits), each panel's figures, the commune map. */
export function dashboardRoutes(service: DashboardsService) {
  return async function routes(app: App): Promise<void> {
    app.get('/dashboard-measures', {
      config: { access: 'public' },
      schema: { operationId: 'listDashboardMeasures', tags: TAGS, security: [], summary: 'The measures a panel may show and the charts each may be drawn as', response: { 200: S.MeasureListSchema } },
    }, async () => ({ items: service.measures() }));

    app.get('/dashboards', {
      config: { access: 'public' },
      schema: { operationId: 'listDashboards', tags: TAGS, summary: 'The dashboards the caller may open: public ones for anyone, internal ones with report.read', response: { 200: S.DashboardListSchema } },
    }, async (request) => ({ items: await service.list(request.principal) }));

    app.get('/dashboards/:code', {
      config: { access: 'public' },
      schema: { operationId: 'getDashboard', tags: TAGS, summary: 'A dashboard and its panels', params: S.DashboardParams, response: { 200: S.DashboardSchema, ...errorResponses(401, 403, 404) } },
    }, async (request) => service.get(request.principal, request.params.code));

    app.get('/dashboards/:code/panels/:panelId/data', {
      config: { access: 'public', figures: true },
      schema: {
        operationId: 'getDashboardPanelData', tags: TAGS,
        summary: 'One panel\'s figures for a period and agency: within the caller\'s scope (internal) or the province\'s aggregates (public)',
        params: S.PanelParams, querystring: S.PanelDataQuery, response: { 200: S.PanelDataSchema, ...errorResponses(400, 401, 403, 404, 422, 503) },
      },
    }, async (request) => service.panelData(request.principal, request.params.code, request.params.panelId, request.query));

    // The public page's API: anonymous, cached like reference data (a minute; an ETag that ignores the computing time).
    app.get('/public/dashboards', {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'listPublicDashboards', tags: TAGS, security: [], summary: 'The public dashboards and their panels, for anyone', response: { 200: S.PublicDashboardListSchema } },
    }, async () => ({ items: await service.publicList() }));

    app.get('/public/dashboards/:code', {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'getPublicDashboard', tags: TAGS, security: [], summary: 'A public dashboard and its panels (an internal one is not found)', params: S.DashboardParams, response: { 200: S.PublicDashboardSchema, ...errorResponses(400, 404) } },
    }, async (request) => service.publicGet(request.params.code));

    app.get('/public/dashboards/:code/panels/:panelId/data', {
      config: { access: 'public', cache: 'reference', figures: true },
      schema: {
        operationId: 'getPublicDashboardPanelData', tags: TAGS, security: [],
        summary: 'A public panel\'s figures for a period: the province\'s aggregates, never a person, no drill-down (an internal dashboard\'s panel is not found)',
        params: S.PanelParams, querystring: S.PublicPanelDataQuery, response: { 200: S.PublicPanelDataSchema, ...errorResponses(400, 404, 422, 503) },
      },
    }, async (request, reply) => {
      const data = await service.publicPanelData(request.params.code, request.params.panelId, request.query.period);
      // The same figures computed a second later are the same answer: the validator leaves the time out.
      reply.header('etag', etagOfBody(JSON.stringify({ ...data, computedAt: undefined })));
      return data;
    });

    app.get('/dashboards/:code/panels/:panelId/export', {
      config: { access: 'authenticated', figures: true },
      schema: {
        operationId: 'exportDashboardPanelData', tags: TAGS, summary: 'One panel\'s figures as CSV or an Excel workbook (report.read); audited',
        params: S.PanelParams, querystring: S.PanelExportQuery, response: { 200: S.FileSchema, ...errorResponses(400, 403, 404, 422, 503) },
      },
    }, async (request, reply) => {
      const { dashboard, panel, data } = await service.exportData(request.principal, request.params.code, request.params.panelId, request.query);
      const { format } = request.query;
      return sendExport(request, reply, {
        format, fileName: `ioc-${dashboard.code}-${panel.measure}-${data.period}.${format}`,
        body: format === 'csv' ? panelCsv(panel, data) : await panelWorkbook(panel, data),
        audit: {
          action: 'export analytics.dashboard_panel', target: `/api/analytics/dashboards/${dashboard.code}/panels/${panel.id}?period=${data.period}${data.agency ? `&agency=${data.agency}` : ''}`,
          purpose: 'operations centre', details: { format, measure: panel.measure, rows: data.rows.length },
        },
      });
    });

    app.get('/commune-layer', {
      config: { access: 'public' },
      schema: { operationId: 'getCommuneLayer', tags: TAGS, security: [], summary: 'The communes (names from the catalogue) and the imported commune map, if any', response: { 200: S.CommuneLayerSchema } },
    }, async () => service.communeLayer());

    app.put('/commune-layer/map', {
      config: { access: 'catalog.edit' }, bodyLimit: MAP_BODY_LIMIT,
      schema: {
        operationId: 'importCommuneMap', tags: TAGS, summary: 'Import the commune map (GeoJSON); every feature must name a catalogue commune, or nothing is stored (catalog.edit at the province)',
        body: S.CommuneMapImport, response: { 200: S.CommuneMapImported, ...errorResponses(400, 403, 413, 422) },
      },
    }, async (request) => {
      const result = await service.importCommuneMap(request.principal, request.body);
      await request.audit({ action: 'import analytics.commune_map', target: '/api/analytics/commune-layer/map', purpose: ADMIN_PURPOSE, details: result });
      return result;
    });

    app.delete('/commune-layer/map', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'removeCommuneMap', tags: TAGS, summary: 'Remove the commune map (panels fall back to the schematic grid)', response: { 204: Type.Null(), ...errorResponses(403) } },
    }, async (request, reply) => {
      await service.removeCommuneMap(request.principal);
      await request.audit({ action: 'delete analytics.commune_map', target: '/api/analytics/commune-layer/map', purpose: ADMIN_PURPOSE });
      return reply.status(204).send(null);
    });

    app.post('/dashboards', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'createDashboard', tags: TAGS, summary: 'Create a dashboard (catalog.edit at the province)', body: S.DashboardInput, response: { 201: S.DashboardSchema, ...errorResponses(403, 409) } },
    }, async (request, reply) => {
      const created = await service.createDashboard(request.principal, request.body);
      await request.audit({ action: 'create analytics.dashboard', target: `/api/analytics/dashboards/${created.code}`, purpose: ADMIN_PURPOSE });
      return reply.status(201).send(created);
    });

    app.patch('/dashboards/:code', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'updateDashboard', tags: TAGS, summary: 'Update a dashboard (optimistic concurrency by version)', params: S.DashboardParams, body: S.DashboardPatch, response: { 200: S.DashboardSchema, ...errorResponses(403, 404, 409) } },
    }, async (request) => {
      const { expectedVersion, ...patch } = request.body;
      const updated = await service.updateDashboard(request.principal, request.params.code, expectedVersion, patch);
      await request.audit({ action: 'update analytics.dashboard', target: `/api/analytics/dashboards/${updated.code}`, purpose: ADMIN_PURPOSE, details: { fields: Object.keys(patch) } });
      return updated;
    });

    app.delete('/dashboards/:code', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'deleteDashboard', tags: TAGS, summary: 'Delete a dashboard and its panels', params: S.DashboardParams, response: { 204: Type.Null(), ...errorResponses(403, 404) } },
    }, async (request, reply) => {
      await service.deleteDashboard(request.principal, request.params.code);
      await request.audit({ action: 'delete analytics.dashboard', target: `/api/analytics/dashboards/${request.params.code}`, purpose: ADMIN_PURPOSE });
      return reply.status(204).send(null);
    });

    app.post('/dashboards/:code/panels', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'createDashboardPanel', tags: TAGS, summary: 'Add a panel: a measure of the registry drawn as a chart it fits', params: S.DashboardParams, body: S.PanelInput, response: { 201: S.PanelSchema, ...errorResponses(403, 404, 422) } },
    }, async (request, reply) => {
      const panel = await service.createPanel(request.principal, request.params.code, request.body);
      await request.audit({ action: 'create analytics.dashboard_panel', target: `/api/analytics/dashboards/${request.params.code}/panels/${panel.id}`, purpose: ADMIN_PURPOSE, details: { measure: panel.measure, chart: panel.chart } });
      return reply.status(201).send(panel);
    });

    app.patch('/dashboards/:code/panels/:panelId', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'updateDashboardPanel', tags: TAGS, summary: 'Change a panel', params: S.PanelParams, body: S.PanelPatch, response: { 200: S.PanelSchema, ...errorResponses(403, 404, 422) } },
    }, async (request) => {
      const panel = await service.updatePanel(request.principal, request.params.code, request.params.panelId, request.body);
      await request.audit({ action: 'update analytics.dashboard_panel', target: `/api/analytics/dashboards/${request.params.code}/panels/${panel.id}`, purpose: ADMIN_PURPOSE, details: { fields: Object.keys(request.body) } });
      return panel;
    });

    app.delete('/dashboards/:code/panels/:panelId', {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'deleteDashboardPanel', tags: TAGS, summary: 'Remove a panel', params: S.PanelParams, response: { 204: Type.Null(), ...errorResponses(403, 404) } },
    }, async (request, reply) => {
      await service.deletePanel(request.principal, request.params.code, request.params.panelId);
      await request.audit({ action: 'delete analytics.dashboard_panel', target: `/api/analytics/dashboards/${request.params.code}/panels/${request.params.panelId}`, purpose: ADMIN_PURPOSE });
      return reply.status(204).send(null);
    });
  };
}
