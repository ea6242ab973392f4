import type { Principal } from '../../packages/platform/index.ts';
import type { Figures } from './figures.ts';
import { TREND_VALUES, slotsEnd, trendSlots, type TrendGrain, type TrendValue } from './dashboards.trends.ts';
import { FRAMEWORK_KPIS, evaluateIndex, evaluateKpis } from './indicators.ts';
import type { IndicatorInputsOf } from './indicators.report.ts';
import type { DrillFigure } from './one-stop.repository.ts';
import type { OneStopReport, OneStopService } from './one-stop.service.ts';
import type { TrendCounts } from './trends.repository.ts';

/** How a panel draws its measure. */
export const CHART_KINDS = ['number', 'gauge', 'bar', 'line', 'pie', 'table', 'commune-map'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
/** The period a panel shows when the viewer picks none. */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What a measure answers: one value, a series of labelled values, a time series (months or days in order), or a value per commune. */
export type MeasureShape = 'value' | 'series' | 'trend' | 'communes';
export type Unit = 'count' | '%' | 'points';

export interface DataRow {
  key: string;
  label: string;
  value: number | null;
  /** The same period a year before (Decision 2463 requirement 19: same-period comparison); null where it means nothing. */
  previous: number | null;
  target: number | null;
  /** Where a click goes (internal dashboards only): an agency's figures, the dossiers behind a figure. */
  drill: { agency?: string; procedure?: string; figure?: DrillFigure } | null;
}

export interface MeasureResult {
  unit: Unit;
  /** The highest value a gauge shows (100 for a share, the points Sen measured for the index). */
  max: number | null;
  rows: DataRow[];
}

export interface CommuneRef { agencyId: string; agencyCode: string; unitCode: string | null; name: string }

export interface MeasureContext {
  principal: Principal;
  oneStop: OneStopService;
  period: string;
  agency: string | undefined;
  /** The Vietnam date today. */
  today: string;
  /** The dossiers received on a day per agency, among the agencies given. */
  receivedOn(day: string, agencyIds: string[]): Promise<Map<string, number>>;
  communes(): Promise<CommuneRef[]>;
  /** The pre-aggregate's month or day rows of [from, to) among the agencies given (trends.repository.ts). */
  trend(grain: TrendGrain, from: string, to: string, agencyIds: string[]): Promise<TrendCounts[]>;
  /** The indicators' inputs of the period and agency: the same read as the indicators page (indicators.report.ts). */
  indicators(): Promise<IndicatorInputsOf>;
}

export interface Measure {
  key: string;
  name: { vi: string; en: string };
  shape: MeasureShape;
  unit: Unit;
  compute(ctx: MeasureContext): Promise<MeasureResult>;
}

/** The charts each shape can be drawn as: a panel pairing a measure with another chart is refused. */
export const CHARTS_OF: Readonly<Record<MeasureShape, readonly ChartKind[]>> = {
  value: ['number', 'gauge'],
  series: ['bar', 'line', 'pie', 'table'],
  trend: ['line', 'bar', 'table'],
  communes: ['commune-map', 'table', 'bar'],
};

const report = (ctx: MeasureContext, groupBy: OneStopReport['groupBy'] = 'agency') =>
  ctx.oneStop.report(ctx.principal, { period: ctx.period, groupBy, ...(ctx.agency ? { agency: ctx.agency } : {}) });

const one = (key: string, label: string, value: number | null, previous: number | null, drill: DataRow['drill'] = null, target: number | null = null): DataRow =>
  ({ key, label, value, previous, target, drill });

/** The top of a gauge: 100 for a share, the highest score for a rating (1–5), none for a count. */
const MAX_OF: Readonly<Record<Unit, number | null>> = { '%': 100, points: null, count: null };
const RATING_MAX = 5;

function total(key: string, name: Measure['name'], unit: Unit, pick: (f: Figures) => number | null, figure?: DrillFigure, max = MAX_OF[unit]): Measure {
  return {
    key, name, shape: 'value', unit,
    async compute(ctx) {
      const r = await report(ctx);
      return { unit, max, rows: [one('total', r.agency.name, pick(r.total), pick(r.previousTotal), figure ? { agency: r.agency.id, figure } : null)] };
    },
  };
}

function byAgency(key: string, name: Measure['name'], unit: Unit, pick: (f: Figures) => number | null, figure?: DrillFigure): Measure {
  return {
    key, name, shape: 'series', unit,
    async compute(ctx) {
      const r = await report(ctx);
      const rows = r.rows.map((row) => one(row.key, row.label, pick(row.figures), pick(row.previous), { agency: row.key, ...(figure ? { figure } : {}) }))
        // An agency with nothing to count is left out; a rate of 0 % is a figure (the public page shows it).
        .filter((row) => row.value !== null && (unit !== 'count' || row.value !== 0))
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
      return { unit, max: unit === '%' ? 100 : null, rows };
    },
  };
}

function byProcedure(key: string, name: Measure['name'], pick: (f: Figures) => number, figure: DrillFigure): Measure {
  return {
    key, name, shape: 'series', unit: 'count',
    async compute(ctx) {
      const r = await report(ctx, 'procedure');
      const rows = r.rows.map((row) => one(row.key, row.label, pick(row.figures), pick(row.previous), { agency: r.agency.id, procedure: row.key, figure }))
        .filter((row) => row.value !== 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
      return { unit: 'count', max: null, rows };
    },
  };
}

function perCommune(key: string, name: Measure['name'], unit: Unit, pick: (f: Figures) => number | null): Measure {
  return {
    key, name, shape: 'communes', unit,
    async compute(ctx) {
      const [r, communes] = await Promise.all([report(ctx), ctx.communes()]);
      const figures = new Map(r.rows.map((row) => [row.key, row]));
      // Every commune is a tile; one outside the caller's scope (or without dossiers) shows no value.
      const rows = communes.map((c) => {
        const f = figures.get(c.agencyId);
        return one(c.unitCode ?? c.agencyCode, c.name, f ? pick(f.figures) : null, f ? pick(f.previous) : null, f ? { agency: c.agencyId } : null);
      });
      return { unit, max: unit === '%' ? 100 : null, rows };
    },
  };
}

/**
 * A time series ending with the period shown: 12 months or 30 days, each slot's value beside the
 * same slot a year before (`previous`), within the caller's scope. No drill-down: a slot is not a period of the API.
 */
function trend(key: string, name: Measure['name'], unit: Unit, grain: TrendGrain, value: TrendValue): Measure {
  return {
    key, name, shape: 'trend', unit,
    async compute(ctx) {
      const slots = trendSlots(grain, ctx.period, ctx.today);
      const { ids } = await ctx.oneStop.agenciesOf(ctx.principal, ctx.agency);
      const [now, before] = await Promise.all([
        ctx.trend(grain, slots[0]!.day, slotsEnd(grain, slots.at(-1)!.day), ids),
        ctx.trend(grain, slots[0]!.previousDay, slotsEnd(grain, slots.at(-1)!.previousDay), ids),
      ]);
      const at = (rows: TrendCounts[]) => new Map(rows.map((r) => [r.day, r]));
      const [current, previous] = [at(now), at(before)];
      const pick = TREND_VALUES[value];
      const rows = slots.map((s) => one(s.key, s.label, pick(current.get(s.day)), pick(previous.get(s.previousDay))));
      return { unit, max: unit === '%' ? 100 : null, rows };
    },
  };
}

const CHANNELS = [
  ['online', 'Trực tuyến'], ['counter', 'Tại quầy'], ['nationalPortal', 'Cổng Dịch vụ công quốc gia'], ['post', 'Bưu chính công ích'],
] as const;

/**
 * The registry of what a panel may show (a panel names one by its key). Every measure is an
 * aggregate computed from the one-stop figures within the caller's scope (or, on a public
 * dashboard, the province's): none names a person.
 */
export const MEASURES: readonly Measure[] = [
  total('received', { vi: 'Hồ sơ tiếp nhận trong kỳ', en: 'Dossiers received in the period' }, 'count', (f) => f.received.total, 'received'),
  {
    key: 'received_today', name: { vi: 'Hồ sơ tiếp nhận hôm nay', en: 'Dossiers received today' }, shape: 'value', unit: 'count',
    async compute(ctx) {
      // Today's dossiers are in this month's figures: their agencies are among the month's rows (within the caller's scope).
      const r = await ctx.oneStop.report(ctx.principal, { period: ctx.today.slice(0, 7), groupBy: 'agency', ...(ctx.agency ? { agency: ctx.agency } : {}) });
      const counts = await ctx.receivedOn(ctx.today, r.rows.map((row) => row.key));
      const value = [...counts.values()].reduce((sum, n) => sum + n, 0);
      return { unit: 'count', max: null, rows: [one('today', r.agency.name, value, null)] };
    },
  },
  total('in_processing', { vi: 'Hồ sơ đang giải quyết', en: 'Dossiers in processing' }, 'count', (f) => f.inProcessing, 'inProcessing'),
  total('overdue', { vi: 'Hồ sơ quá hạn', en: 'Overdue dossiers' }, 'count', (f) => f.overdue, 'overdue'),
  total('on_time_rate', { vi: 'Tỉ lệ giải quyết đúng hạn', en: 'On-time rate' }, '%', (f) => f.onTimeRate),
  total('online_share', { vi: 'Tỉ lệ hồ sơ trực tuyến', en: 'Online share' }, '%', (f) => f.onlineShare),
  total('rating_average', { vi: 'Điểm đánh giá trung bình (1–5)', en: 'Average rating (1–5)' }, 'points', (f) => f.ratings.average, undefined, RATING_MAX),
  {
    key: 'index_score', name: { vi: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)', en: 'Service-quality index (Decision 766)' }, shape: 'value', unit: 'points',
    async compute(ctx) {
      const { report: r, current, previous } = await ctx.indicators();
      const index = evaluateIndex(current);
      const before = evaluateIndex(previous);
      return { unit: 'points', max: index.measuredMax, rows: [one('index', r.agency.name, index.points, before.points, null, index.measuredMax)] };
    },
  },
  {
    key: 'kpis', name: { vi: 'Chỉ tiêu chuyển đổi số so với mục tiêu 2030', en: 'Framework KPIs against their 2030 targets' }, shape: 'series', unit: '%',
    async compute(ctx) {
      const { current, previous } = await ctx.indicators();
      const names = new Map(FRAMEWORK_KPIS.map((k) => [k.id, k.name.vi]));
      const rows = evaluateKpis(current, previous)
        .filter((k) => k.observable && k.value !== null)
        .map((k) => one(k.id, names.get(k.id) ?? k.id, k.value, k.previous, null, k.target));
      return { unit: '%', max: 100, rows };
    },
  },
  byAgency('received_by_agency', { vi: 'Hồ sơ tiếp nhận theo cơ quan', en: 'Dossiers received by agency' }, 'count', (f) => f.received.total, 'received'),
  byAgency('overdue_by_agency', { vi: 'Hồ sơ quá hạn theo cơ quan', en: 'Overdue dossiers by agency' }, 'count', (f) => f.overdue, 'overdue'),
  byAgency('on_time_rate_by_agency', { vi: 'Tỉ lệ đúng hạn theo cơ quan', en: 'On-time rate by agency' }, '%', (f) => f.onTimeRate),
  byAgency('online_share_by_agency', { vi: 'Tỉ lệ hồ sơ trực tuyến theo cơ quan', en: 'Online share by agency' }, '%', (f) => f.onlineShare),
  byAgency('rating_average_by_agency', { vi: 'Điểm đánh giá trung bình theo cơ quan (1–5)', en: 'Average rating by agency (1–5)' }, 'points', (f) => f.ratings.average),
  byProcedure('overdue_by_procedure', { vi: 'Hồ sơ quá hạn theo thủ tục', en: 'Overdue dossiers by procedure' }, (f) => f.overdue, 'overdue'),
  byProcedure('received_by_procedure', { vi: 'Hồ sơ tiếp nhận theo thủ tục', en: 'Dossiers received by procedure' }, (f) => f.received.total, 'received'),
  {
    key: 'received_by_channel', name: { vi: 'Hồ sơ tiếp nhận theo kênh', en: 'Dossiers received by channel' }, shape: 'series', unit: 'count',
    async compute(ctx) {
      const r = await report(ctx);
      return { unit: 'count', max: null, rows: CHANNELS.map(([key, label]) => one(key, label, r.total.received[key], r.previousTotal.received[key])) };
    },
  },
  trend('received_by_month', { vi: 'Hồ sơ tiếp nhận theo tháng (12 tháng)', en: 'Dossiers received per month (12 months)' }, 'count', 'month', 'received'),
  trend('on_time_by_month', { vi: 'Hồ sơ trả đúng hạn theo tháng (12 tháng)', en: 'Results returned on time per month (12 months)' }, 'count', 'month', 'returnedOnTime'),
  trend('on_time_rate_by_month', { vi: 'Tỉ lệ đúng hạn theo tháng (12 tháng)', en: 'On-time rate per month (12 months)' }, '%', 'month', 'onTimeRate'),
  trend('received_by_day', { vi: 'Hồ sơ tiếp nhận theo ngày (30 ngày)', en: 'Dossiers received per day (30 days)' }, 'count', 'day', 'received'),
  trend('on_time_by_day', { vi: 'Hồ sơ trả đúng hạn theo ngày (30 ngày)', en: 'Results returned on time per day (30 days)' }, 'count', 'day', 'returnedOnTime'),
  trend('on_time_rate_by_day', { vi: 'Tỉ lệ đúng hạn theo ngày (30 ngày)', en: 'On-time rate per day (30 days)' }, '%', 'day', 'onTimeRate'),
  perCommune('communes_received', { vi: 'Hồ sơ tiếp nhận theo xã, phường', en: 'Dossiers received by commune' }, 'count', (f) => f.received.total),
  perCommune('communes_overdue', { vi: 'Hồ sơ quá hạn theo xã, phường', en: 'Overdue dossiers by commune' }, 'count', (f) => f.overdue),
  perCommune('communes_on_time_rate', { vi: 'Tỉ lệ đúng hạn theo xã, phường', en: 'On-time rate by commune' }, '%', (f) => f.onTimeRate),
];

export const MEASURE_BY_KEY: ReadonlyMap<string, Measure> = new Map(MEASURES.map((m) => [m.key, m]));
