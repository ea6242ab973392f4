import { Type } from 'typebox';
import { DRILL_FIGURES } from './one-stop.repository.ts';
import { GROUP_BYS } from './one-stop.service.ts';

export const TAGS = ['analytics'];
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const period = Type.String({ maxLength: 16, description: 'A month YYYY-MM, a quarter YYYY-Qn or a year YYYY (Vietnam dates); anything else is 400 analytics.period_invalid' });
export const agency = Type.String({ format: 'uuid', description: 'The agency (its subtree where the caller\'s grant covers it); default: the widest the caller may read' });

export const ReportQuery = Type.Object({
  period,
  agency: Type.Optional(agency),
  groupBy: Type.Optional(Type.Enum(GROUP_BYS)),
}, { additionalProperties: false, $id: 'OneStopReportQuery' });

export const EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
const format = Type.Enum(EXPORT_FORMATS, { default: 'xlsx', description: 'An Excel workbook (default) or a PDF (A4 landscape)' });

export const ExportQuery = Type.Object({
  period,
  agency: Type.Optional(agency),
  groupBy: Type.Optional(Type.Enum(GROUP_BYS)),
  format,
}, { additionalProperties: false, $id: 'OneStopExportQuery' });

export const PeriodicReportQuery = Type.Object({
  period,
  agency: Type.Optional(agency),
  groupBy: Type.Optional(Type.Enum(GROUP_BYS, { description: 'The rows of the form: per field (default, as form II.06a), agency, agency group or procedure' })),
  format,
}, { additionalProperties: false, $id: 'OneStopPeriodicReportQuery' });

export const DrillQuery = Type.Object({
  period,
  agency: Type.Optional(agency),
  figure: Type.Enum(DRILL_FIGURES),
  procedure: Type.Optional(Type.String({ format: 'uuid' })),
  field: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
}, { additionalProperties: false, $id: 'OneStopDrillQuery' });

export const PublicQuery = Type.Object({ period }, { additionalProperties: false, $id: 'PublicAgencyStatisticsQuery' });

const rate = Nullable(Type.Number({ description: 'Percentage 0–100 (two decimals); null when there is nothing to divide by' }));

export const FiguresSchema = Type.Object({
  received: Type.Object({ total: Type.Integer(), online: Type.Integer(), counter: Type.Integer(), nationalPortal: Type.Integer(), post: Type.Integer() }),
  carriedOver: Type.Integer(), inProcessing: Type.Integer(), waiting: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer(),
  finished: Type.Object({ total: Type.Integer(), early: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() }),
  rejected: Type.Integer(), withdrawn: Type.Integer(),
  onTimeRate: rate, onlineShare: rate, fullyOnlineShare: rate, onlinePaymentShare: rate, digitisedShare: rate,
  processingDays: Type.Object({ average: Nullable(Type.Number()), median: Nullable(Type.Number()) }, { description: 'Working days from receipt to return' }),
  ratings: Type.Object({ count: Type.Integer(), average: Nullable(Type.Number()) }),
}, { description: 'The one-stop figures of a group for a period (unnamed: a report holds it many times)' });

const PeriodViewSchema = Type.Object({
  key: Type.String(), from: Type.String(), to: Type.String({ description: 'Exclusive' }),
  snapshot: Type.String({ description: 'The day unfinished dossiers are counted at' }),
}, { description: 'A reporting period' });

export const ReportSchema = Type.Object({
  period: PeriodViewSchema, previousPeriod: PeriodViewSchema,
  agency: Type.Object({ id: Type.String(), name: Type.String(), parentName: Nullable(Type.String({ description: 'The agency above it; null for the province' })) }),
  groupBy: Type.Enum(GROUP_BYS),
  total: FiguresSchema, previousTotal: FiguresSchema,
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), figures: FiguresSchema, previous: FiguresSchema })),
}, { $id: 'OneStopReport' });

export const DrillPageSchema = Type.Object({
  items: Type.Array(Type.Object({
    dossierId: Type.String(), code: Type.String(), agencyId: Type.String(), procedureName: Type.String(), channel: Type.String(), status: Type.String(),
    receivedAt: Nullable(Type.String()), dueOn: Nullable(Type.String()), finishedAt: Nullable(Type.String()), outcome: Nullable(Type.String()),
  }, { $id: 'OneStopDrillDossier' })),
  total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
}, { $id: 'OneStopDrillPage' });

export const PublicAgenciesSchema = Type.Object({
  period: PeriodViewSchema,
  agencies: Type.Array(Type.Object({
    agencyId: Type.String(), name: Type.String(), received: Type.Integer(), finished: Type.Integer(),
    onTimeRate: rate, onlineShare: rate, ratingCount: Type.Integer(), ratingAverage: Nullable(Type.Number()),
  }, { $id: 'PublicAgencyStatistics' })),
}, { $id: 'PublicAgencyStatisticsPage' });

export const WorkbookSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'An .xlsx workbook or a PDF, as `format` asks' });
