import type { Principal } from '../../packages/platform/index.ts';
import type { LgspModule } from '../lgsp/index.ts';
import type { TthcModule } from '../tthc/index.ts';
import { FRAMEWORK_KPIS, INDEX_GROUPS, INDEX_INDICATORS, evaluateIndex, evaluateKpis, type IndicatorInputs, type LgspCounts, type Observation } from './indicators.ts';
import type { OneStopReport, OneStopService, PeriodView } from './one-stop.service.ts';

/** The counts beside the one-stop figures, read through other modules' doors (each optional: without it the indicators it feeds stay null). */
export interface IndicatorSources {
  /** tthc's national sync: dossiers received in a period and acknowledged by the national portal. */
  nationalSyncs?: Pick<TthcModule['nationalSyncs'], 'receivedAndSynced'> | undefined;
  /** The LGSP registry: which agencies publish services. */
  lgsp?: Pick<LgspModule['registry'], 'listMembers' | 'listSubsystems' | 'listServices'> | undefined;
}

/** Departments (and boards) in scope, and those with at least one published service on LGSP (as they stand now). */
export async function lgspCounts(registry: NonNullable<IndicatorSources['lgsp']>, departmentIds: string[]): Promise<LgspCounts> {
  const [members, subsystems, services] = await Promise.all([registry.listMembers(), registry.listSubsystems(), registry.listServices('published')]);
  const publishing = new Set(services.map((s) => s.subsystemId));
  const memberOf = new Map(subsystems.filter((s) => publishing.has(s.id)).map((s) => [s.memberId, true]));
  const integrated = new Set(members.filter((m) => memberOf.has(m.id)).map((m) => m.agencyId));
  return { departments: departmentIds.length, departmentsIntegrated: departmentIds.filter((id) => integrated.has(id)).length };
}

/** How Sen's measure differs from the definition, or why it cannot observe the indicator and who could. */
const noteOf = (o: Observation): string | null => (o.observable ? o.approximation : `${o.why} — ${o.feeder}`);

/** The indicators' inputs of one period and agency: the one-stop report and the counts beside it, now and a year before. */
export interface IndicatorInputsOf {
  report: OneStopReport;
  current: IndicatorInputs;
  previous: IndicatorInputs;
}

/**
 * The one way the indicators' inputs are read, for the indicators page and the IOC's index and
 * KPI panels alike: the one-stop figures with the caller's grants (same scope rules as the
 * statistics), the national sync's acknowledged count of the same agencies and period, and the
 * LGSP registry's publishing departments.
 */
export async function indicatorInputs(oneStop: OneStopService, sources: IndicatorSources, principal: Principal, query: { period: string; agency?: string | undefined }): Promise<IndicatorInputsOf> {
  const report = await oneStop.report(principal, { period: query.period, groupBy: 'agency', ...(query.agency ? { agency: query.agency } : {}) });
  const { ids, departmentIds } = await oneStop.agenciesOf(principal, report.agency.id);
  const synced = (p: PeriodView) => sources.nationalSyncs?.receivedAndSynced(ids, p.from, p.to);
  const [now, before, lgsp] = await Promise.all([synced(report.period), synced(report.previousPeriod), sources.lgsp && lgspCounts(sources.lgsp, departmentIds)]);
  return {
    report,
    current: { figures: report.total, dossiers: { syncedToNationalPortal: now }, lgsp },
    // The registry keeps no history: last year's LGSP share is unknown, so that KPI shows no trend.
    previous: { figures: report.previousTotal, dossiers: { syncedToNationalPortal: before } },
  };
}

/**
 * The service-quality index (Decision 766/QĐ-TTg) and the framework's KPIs of one period and
 * agency, computed live from the same one-stop figures as the statistics (same scope rules: the
 * figures come from the one-stop service with the caller's grants).
 */
export async function indicatorsReport(oneStop: OneStopService, sources: IndicatorSources, principal: Principal, query: { period: string; agency?: string | undefined }) {
  const { report, current, previous } = await indicatorInputs(oneStop, sources, principal, query);
  const index = evaluateIndex(current);
  const byIndicator = new Map(INDEX_INDICATORS.map((i) => [i.id, i]));
  const byGroup = new Map(INDEX_GROUPS.map((g) => [g.id, g]));
  const byKpi = new Map(FRAMEWORK_KPIS.map((k) => [k.id, k]));
  return {
    period: report.period.key,
    agency: report.agency,
    index: {
      points: index.points, measuredMax: index.measuredMax, maxPoints: index.maxPoints,
      groups: index.groups.map((g) => ({ ...g, name: byGroup.get(g.group)!.name })),
      indicators: index.indicators.map((r) => {
        const definition = byIndicator.get(r.id)!;
        return { ...r, name: definition.name, formula: definition.formula, unit: definition.unit, note: noteOf(definition.observation) };
      }),
    },
    kpis: evaluateKpis(current, previous).map((r) => {
      const definition = byKpi.get(r.id)!;
      return { ...r, name: definition.name, formula: definition.formula, unit: definition.unit, note: noteOf(definition.observation) };
    }),
  };
}
