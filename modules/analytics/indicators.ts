/**
 * The national service-quality index (Decision 766/QĐ-TTg) and the framework's KPIs, as data
 * (indicators.qd766.ts, indicators.kpis.ts) and as pure functions over Sen's one-stop figures and
 * a few counts that live beside them (docs/service-quality-index.md, docs/kpis.md). No database:
 * the caller reads the inputs, these functions only compute.
 */
import { percent, type Figures } from './figures.ts';
import { INDEX_GROUPS, INDEX_INDICATORS } from './indicators.qd766.ts';
import { FRAMEWORK_KPIS } from './indicators.kpis.ts';
import type { FrameworkKpi, IndexGroupId, IndexIndicator, MeasureId, Scoring } from './indicators.types.ts';

export type { Bilingual, Confidence, FrameworkKpi, IndexGroup, IndexGroupId, IndexIndicator, KpiTarget, MeasureId, Observation, Scoring, SourceRef } from './indicators.types.ts';
export { FRAMEWORK_KPIS, INDEX_GROUPS, INDEX_INDICATORS };

/** Procedure-catalogue counts of one agency (or the province), as the catalogue stands now. */
export interface ProcedureCounts {
  /** Procedures offered. */
  total: number;
  /** Offered with an online service, partly or fully online. */
  online: number;
  /** Eligible for a fully-online service (marked so in the national procedure database). */
  eligibleFullyOnline: number;
  /** Of those eligible, offered fully online. */
  fullyOnline: number;
  /** With a fee or charge above zero. */
  withFees: number;
  /** Of those with fees, payable online. */
  withFeesPayableOnline: number;
  /** Of those with fees, with at least one dossier paid online in the period. */
  withFeesPaidOnline: number;
}

/** Dossier counts of the period that the one-stop figures do not carry (yet). */
export interface DossierCounts {
  /** Of those received, acknowledged by the national portal (tthc's national sync). */
  syncedToNationalPortal?: number;
  /** Of those returned, whose result was issued as a signed electronic file. */
  withElectronicResult?: number;
  /** Of those received, with at least one part taken from the e-data store (once only). */
  reusingDigitisedData?: number;
  /** Of those received, whose applicant data came from the population database (VNeID). */
  usingPopulationData?: number;
  /** Of those received and processed, rated "not satisfied" or complained about. */
  dissatisfiedOrComplained?: number;
}

/** The provincial integration platform: departments and those that publish data on it. */
export interface LgspCounts {
  departments: number;
  departmentsIntegrated: number;
}

export interface IndicatorInputs {
  figures: Figures;
  procedures?: ProcedureCounts | undefined;
  dossiers?: DossierCounts | undefined;
  lgsp?: LgspCounts | undefined;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (part: number | undefined, whole: number | undefined) => (part === undefined || whole === undefined ? null : percent(part, whole));

/**
 * The portal's on-time rate: dossiers finished early or on time, plus those still in processing and
 * not yet overdue, over every dossier finished or in processing. Rejected and withdrawn dossiers are
 * left out: Sen does not judge them against a due date.
 */
function portalOnTimeRate(f: Figures): number | null {
  const withinTime = f.finished.early + f.finished.onTime + Math.max(0, f.inProcessing - f.overdue);
  return percent(withinTime, f.finished.total + f.inProcessing);
}

/** Every measure an indicator can use, computed from the inputs; null when there is nothing to divide by or an input is missing. */
export const MEASURES = {
  onTimeRate: (i: IndicatorInputs) => i.figures.onTimeRate,
  portalOnTimeRate: (i: IndicatorInputs) => portalOnTimeRate(i.figures),
  processingDaysAverage: (i: IndicatorInputs) => i.figures.processingDays.average,
  onlineShare: (i: IndicatorInputs) => i.figures.onlineShare,
  contactlessShare: ({ figures: { received: r } }: IndicatorInputs) => percent(r.online + r.nationalPortal + r.post, r.total),
  fullyOnlineShare: (i: IndicatorInputs) => i.figures.fullyOnlineShare,
  onlinePaymentShare: (i: IndicatorInputs) => i.figures.onlinePaymentShare,
  digitisedShare: (i: IndicatorInputs) => i.figures.digitisedShare,
  /** 100 % minus the late share minus the share rated not satisfied or complained about (0 while not supplied). */
  dossierSatisfaction: (i: IndicatorInputs) => {
    const onTime = portalOnTimeRate(i.figures);
    const whole = i.figures.finished.total + i.figures.inProcessing;
    if (onTime === null) return null;
    return round2(Math.max(0, onTime - (percent(i.dossiers?.dissatisfiedOrComplained ?? 0, whole) ?? 0)));
  },
  syncedShare: (i: IndicatorInputs) => ratio(i.dossiers?.syncedToNationalPortal, i.figures.received.total),
  electronicResultShare: (i: IndicatorInputs) => ratio(i.dossiers?.withElectronicResult, i.figures.finished.total),
  reusedDataShare: (i: IndicatorInputs) => ratio(i.dossiers?.reusingDigitisedData, i.figures.received.total),
  populationDataShare: (i: IndicatorInputs) => ratio(i.dossiers?.usingPopulationData, i.figures.received.total),
  onlineProcedureShare: (i: IndicatorInputs) => ratio(i.procedures?.online, i.procedures?.total),
  fullyOnlineProcedureShare: (i: IndicatorInputs) => ratio(i.procedures?.fullyOnline, i.procedures?.eligibleFullyOnline),
  feeProceduresPayableOnlineShare: (i: IndicatorInputs) => ratio(i.procedures?.withFeesPayableOnline, i.procedures?.withFees),
  feeProceduresPaidOnlineShare: (i: IndicatorInputs) => ratio(i.procedures?.withFeesPaidOnline, i.procedures?.withFees),
  lgspDepartmentShare: (i: IndicatorInputs) => ratio(i.lgsp?.departmentsIntegrated, i.lgsp?.departments),
} satisfies Record<MeasureId, (inputs: IndicatorInputs) => number | null>;

/**
 * Points of a value: the full points from `fullAt` per cent up, in proportion below it
 * (the portal's rule "đạt từ X% trở lên đạt điểm tối đa, dưới X% = tỷ lệ × điểm tối đa / X%").
 */
export function pointsFor(value: number | null, scoring: Scoring): number | null {
  if (value === null) return null;
  const capped = Math.min(Math.max(value, 0), scoring.fullAt);
  return round2((capped * scoring.maxPoints) / scoring.fullAt);
}

export interface IndicatorResult {
  id: string;
  group: IndexGroupId;
  observable: boolean;
  /** The measured value (unit of the indicator); null when not observable, an input is missing or nothing to divide by. */
  value: number | null;
  /** Points earned; null when not scored or no value. */
  points: number | null;
  maxPoints: number | null;
}

export interface GroupResult {
  group: IndexGroupId;
  maxPoints: number;
  /** Points of the indicators Sen measured. */
  points: number;
  /** The most those measured indicators could earn: the score is out of this, not of the group's maximum. */
  measuredMax: number;
}

export interface IndexResult {
  indicators: IndicatorResult[];
  groups: GroupResult[];
  points: number;
  measuredMax: number;
  maxPoints: number;
}

export function evaluateIndicator(indicator: IndexIndicator, inputs: IndicatorInputs): IndicatorResult {
  const { observation, scoring } = indicator;
  const value = observation.observable ? MEASURES[observation.measure](inputs) : null;
  return {
    id: indicator.id, group: indicator.group, observable: observation.observable, value,
    points: scoring ? pointsFor(value, scoring) : null, maxPoints: scoring?.maxPoints ?? null,
  };
}

/** The index of one agency or the province: every indicator, each group and the total, out of what Sen measured. */
export function evaluateIndex(inputs: IndicatorInputs, indicators: readonly IndexIndicator[] = INDEX_INDICATORS): IndexResult {
  const results = indicators.map((indicator) => evaluateIndicator(indicator, inputs));
  const groups = INDEX_GROUPS.map(({ id, maxPoints }) => {
    const scored = results.filter((r) => r.group === id && r.points !== null);
    return {
      group: id, maxPoints,
      points: round2(scored.reduce((sum, r) => sum + (r.points ?? 0), 0)),
      measuredMax: scored.reduce((sum, r) => sum + (r.maxPoints ?? 0), 0),
    };
  });
  return {
    indicators: results, groups,
    points: round2(groups.reduce((sum, g) => sum + g.points, 0)),
    measuredMax: groups.reduce((sum, g) => sum + g.measuredMax, 0),
    maxPoints: INDEX_GROUPS.reduce((sum, g) => sum + g.maxPoints, 0),
  };
}

export interface KpiResult {
  id: string;
  observable: boolean;
  value: number | null;
  /** The value of the comparison period (the same period a year before), when given. */
  previous: number | null;
  change: number | null;
  target: number | null;
  /** How far the value is below the target (0 when met); null without a value or a numeric target. */
  gap: number | null;
  met: boolean | null;
  /** Towards the target, away from it, or flat, against the comparison period. */
  trend: 'towards' | 'away' | 'flat' | null;
}

export function evaluateKpi(kpi: FrameworkKpi, current: IndicatorInputs, previousInputs?: IndicatorInputs): KpiResult {
  const measure = kpi.observation.observable ? MEASURES[kpi.observation.measure] : undefined;
  const value = measure ? measure(current) : null;
  const previous = measure && previousInputs ? measure(previousInputs) : null;
  const target = kpi.target2030?.kind === 'at_least' ? kpi.target2030.value : null;
  const change = value !== null && previous !== null ? round2(value - previous) : null;
  return {
    id: kpi.id, observable: kpi.observation.observable, value, previous, change, target,
    gap: value !== null && target !== null ? round2(Math.max(0, target - value)) : null,
    met: value !== null && target !== null ? value >= target : null,
    trend: change === null ? null : change > 0 ? 'towards' : change < 0 ? 'away' : 'flat',
  };
}

export function evaluateKpis(current: IndicatorInputs, previous?: IndicatorInputs, kpis: readonly FrameworkKpi[] = FRAMEWORK_KPIS): KpiResult[] {
  return kpis.map((kpi) => evaluateKpi(kpi, current, previous));
}
