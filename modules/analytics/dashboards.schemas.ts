import { Type } from 'typebox';
import { CHART_KINDS, PERIOD_KINDS } from './dashboards.measures.ts';
import { DRILL_FIGURES } from './one-stop.repository.ts';
import { Nullable, agency, period } from './one-stop.schemas.ts';

const title = Type.String({ minLength: 1, maxLength: 200 });
const code = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'Lower-case letters, digits and dashes' });

export const DashboardParams = Type.Object({ code }, { additionalProperties: false, $id: 'DashboardParams' });
export const PanelParams = Type.Object({ code, panelId: Type.String({ format: 'uuid' }) }, { additionalProperties: false, $id: 'DashboardPanelParams' });

const dashboardFields = {
  titleVi: title, titleEn: title,
  visibility: Type.Enum(['public', 'internal'], { description: 'public: anyone, aggregates only; internal: officials with report.read, within their scope' }),
  refreshSeconds: Type.Integer({ minimum: 30, maximum: 86_400, description: 'How often the screen reloads the panels' }),
  rotationSeconds: Type.Integer({ minimum: 5, maximum: 3_600, description: 'How long the wall mode shows each panel' }),
};
export const DashboardInput = Type.Object({ code, ...dashboardFields }, { additionalProperties: false, $id: 'DashboardInput' });
export const DashboardPatch = Type.Object({
  expectedVersion: Type.Integer({ minimum: 1 }),
  titleVi: Type.Optional(title), titleEn: Type.Optional(title), visibility: Type.Optional(dashboardFields.visibility),
  refreshSeconds: Type.Optional(dashboardFields.refreshSeconds), rotationSeconds: Type.Optional(dashboardFields.rotationSeconds),
}, { additionalProperties: false, $id: 'DashboardPatch' });

const panelFields = {
  position: Type.Integer({ minimum: 0, maximum: 1000 }),
  titleVi: title, titleEn: title,
  measure: Type.String({ minLength: 1, maxLength: 64, description: 'A key of the measures registry (GET /api/analytics/dashboard-measures)' }),
  chart: Type.Enum(CHART_KINDS),
  periodKind: Type.Enum(PERIOD_KINDS, { description: 'The period shown when the viewer picks none: the current month, quarter or year' }),
  options: Type.Optional(Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Show the first N rows only' })) }, { additionalProperties: false })),
};
export const PanelInput = Type.Object(panelFields, { additionalProperties: false, $id: 'DashboardPanelInput' });
export const PanelPatch = Type.Object({
  position: Type.Optional(panelFields.position), titleVi: Type.Optional(title), titleEn: Type.Optional(title), measure: Type.Optional(panelFields.measure),
  chart: Type.Optional(panelFields.chart), periodKind: Type.Optional(panelFields.periodKind), options: panelFields.options,
}, { additionalProperties: false, $id: 'DashboardPanelPatch' });

export const PanelSchema = Type.Object({ id: Type.String(), ...panelFields, options: Type.Object({ limit: Type.Optional(Type.Integer()) }) }, { $id: 'DashboardPanel' });
export const DashboardSchema = Type.Object({
  id: Type.String(), code: Type.String(), ...dashboardFields, version: Type.Integer(), updatedAt: Type.String(), panels: Type.Array(PanelSchema),
}, { $id: 'Dashboard' });
export const DashboardListSchema = Type.Object({ items: Type.Array(DashboardSchema) }, { $id: 'DashboardList' });

export const MeasureListSchema = Type.Object({
  items: Type.Array(Type.Object({
    key: Type.String(), name: Type.Object({ vi: Type.String(), en: Type.String() }), shape: Type.Enum(['value', 'series', 'trend', 'communes']),
    unit: Type.Enum(['count', '%', 'points']), charts: Type.Array(Type.Enum(CHART_KINDS)),
  }, { $id: 'DashboardMeasure' })),
}, { $id: 'DashboardMeasureList' });

export const PanelDataQuery = Type.Object({ period: Type.Optional(period), agency: Type.Optional(agency) }, { additionalProperties: false, $id: 'DashboardPanelDataQuery' });
export const PanelExportQuery = Type.Object({
  period: Type.Optional(period), agency: Type.Optional(agency), format: Type.Enum(['csv', 'xlsx']),
}, { additionalProperties: false, $id: 'DashboardPanelExportQuery' });

export const PanelDataSchema = Type.Object({
  panelId: Type.String(), measure: Type.String(), chart: Type.Enum(CHART_KINDS), period: Type.String(), agency: Nullable(Type.String()),
  unit: Type.Enum(['count', '%', 'points']), max: Nullable(Type.Number()),
  rows: Type.Array(Type.Object({
    key: Type.String(), label: Type.String(), value: Nullable(Type.Number()), previous: Nullable(Type.Number({ description: 'The same period a year before' })), target: Nullable(Type.Number()),
    drill: Nullable(Type.Object({ agency: Type.Optional(Type.String()), procedure: Type.Optional(Type.String()), figure: Type.Optional(Type.Enum(DRILL_FIGURES)) })),
  }, { $id: 'DashboardDataRow' })),
  computedAt: Type.String(),
}, { $id: 'DashboardPanelData' });

export const CommuneLayerSchema = Type.Object({
  communes: Type.Array(Type.Object({ agencyId: Type.String(), agencyCode: Type.String(), unitCode: Nullable(Type.String()), name: Type.String() }, { $id: 'DashboardCommune' })),
  map: Nullable(Type.Object({
    features: Type.Integer(), importedAt: Type.String(),
    geojson: Type.Object({}, { additionalProperties: true, description: 'A FeatureCollection whose features\' name is the commune\'s key' }),
  })),
}, { $id: 'DashboardCommuneLayer' });

export const CommuneMapImport = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500 }),
}, { additionalProperties: true, $id: 'CommuneMapImport', description: 'A GeoJSON FeatureCollection; each feature names its commune in properties.code (the 5-digit unit code or the agency code)' });
export const CommuneMapImported = Type.Object({ features: Type.Integer() }, { $id: 'CommuneMapImported' });

export const FileSchema = Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary', description: 'A CSV file or an .xlsx workbook' });

// The public API (anonymous visitors): public dashboards only, the province's aggregates, no drill-down.
export const PublicDashboardSchema = Type.Object({
  code: Type.String(), titleVi: Type.String(), titleEn: Type.String(), refreshSeconds: dashboardFields.refreshSeconds,
  panels: Type.Array(Type.Object({
    id: Type.String(), position: panelFields.position, titleVi: Type.String(), titleEn: Type.String(), measure: Type.String(), chart: panelFields.chart, periodKind: panelFields.periodKind,
  }, { $id: 'PublicDashboardPanel' })),
}, { $id: 'PublicDashboard' });
export const PublicDashboardListSchema = Type.Object({ items: Type.Array(PublicDashboardSchema) }, { $id: 'PublicDashboardList' });
export const PublicPanelDataQuery = Type.Object({ period: Type.Optional(period) }, { additionalProperties: false, $id: 'PublicDashboardPanelDataQuery' });
export const PublicPanelDataSchema = Type.Object({
  panelId: Type.String(), measure: Type.String(), chart: Type.Enum(CHART_KINDS), period: Type.String(),
  unit: Type.Enum(['count', '%', 'points']), max: Nullable(Type.Number()),
  rows: Type.Array(Type.Object({
    key: Type.String({ description: 'The agency, commune or category the row counts' }), label: Type.String(), value: Nullable(Type.Number()),
    previous: Nullable(Type.Number({ description: 'The same period a year before' })), target: Nullable(Type.Number()),
  }, { additionalProperties: false, $id: 'PublicDashboardDataRow' })),
  computedAt: Type.String(),
}, { additionalProperties: false, $id: 'PublicDashboardPanelData' });
