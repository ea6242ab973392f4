import type { Principal } from '../../packages/platform/index.ts';
import { FRAMEWORK_KPIS, INDEX_GROUPS, INDEX_INDICATORS, evaluateIndex, evaluateKpis, type Observation } from './indicators.ts';
import type { OneStopService } from './one-stop.service.ts';

/** How Sen's measure differs from the definition, or why it cannot observe the indicator and who could. */
const noteOf = (o: Observation): string | null => (o.observable ? o.approximation : `${o.why} — ${o.feeder}`);

/**
 * The service-quality index (Decision 766/QĐ-TTg) and the framework's KPIs of one period and
 * agency, computed live from the same one-stop figures as the statistics (same scope rules: the
 * figures come from the one-stop service with the caller's grants).
 */
export async function indicatorsReport(oneStop: OneStopService, principal: Principal, query: { period: string; agency?: string | undefined }) {
  const report = await oneStop.report(principal, { period: query.period, groupBy: 'agency', ...(query.agency ? { agency: query.agency } : {}) });
  const index = evaluateIndex({ figures: report.total });
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
    kpis: evaluateKpis({ figures: report.total }, { figures: report.previousTotal }).map((r) => {
      const definition = byKpi.get(r.id)!;
      return { ...r, name: definition.name, formula: definition.formula, unit: definition.unit, note: noteOf(definition.observation) };
    }),
  };
}
