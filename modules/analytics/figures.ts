import { COUNTED_FIGURES, type CountedFigure, type CountRow, type DurationRow } from './one-stop.repository.ts';
import type { WorkingDayCounter } from './working-days.ts';

/** The one-stop figures of a group of dossiers for a period. */
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
  /** Percentages (0–100, two decimals); null when nothing to divide by. */
  onTimeRate: number | null;
  onlineShare: number | null;
  fullyOnlineShare: number | null;
  onlinePaymentShare: number | null;
  digitisedShare: number | null;
  processingDays: { average: number | null; median: number | null };
  ratings: { count: number; average: number | null };
}

type Tally = Record<CountedFigure, number> & { ratingSum: number; days: Map<number, number> };

const round2 = (x: number) => Math.round(x * 100) / 100;
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : round2((part * 100) / whole));

/** The median of a distribution (value → how many): the middle value, or the mean of the two middle ones. */
export function medianOf(days: Map<number, number>): number | null {
  const total = [...days.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...days.entries()].sort((a, b) => a[0] - b[0]);
  const at = (index: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : round2((at(total / 2 - 1) + at(total / 2)) / 2);
}

function emptyTally(): Tally {
  return { ...Object.fromEntries(COUNTED_FIGURES.map((f) => [f, 0])) as Record<CountedFigure, number>, ratingSum: 0, days: new Map() };
}

export function figuresOf(t: Tally): Figures {
  const finished = t.early + t.onTime + t.late;
  let daysTotal = 0;
  let daysCount = 0;
  for (const [value, n] of t.days) {
    daysTotal += value * n;
    daysCount += n;
  }
  return {
    received: { total: t.received, online: t.receivedOnline, counter: t.receivedCounter, nationalPortal: t.receivedNationalPortal, post: t.receivedPost },
    carriedOver: t.carriedOver, inProcessing: t.inProcessing, waiting: t.waiting, dueSoon: t.dueSoon, overdue: t.overdue,
    finished: { total: finished, early: t.early, onTime: t.onTime, late: t.late },
    rejected: t.rejected, withdrawn: t.withdrawn,
    onTimeRate: percent(t.early + t.onTime, finished),
    onlineShare: percent(t.online, t.received),
    fullyOnlineShare: percent(t.fullyOnline, t.received),
    onlinePaymentShare: percent(t.paidOnline, t.paid),
    digitisedShare: percent(t.digitised, t.received),
    processingDays: { average: daysCount === 0 ? null : round2(daysTotal / daysCount), median: medianOf(t.days) },
    ratings: { count: t.rated, average: t.rated === 0 ? null : round2(t.ratingSum / t.rated) },
  };
}

/**
 * Folds the database's rows into groups (`groupOf` maps a row's key to its group, undefined
 * leaves it out) and the whole: counts add up, processing times join one distribution.
 */
export function foldFigures(counts: CountRow[], durations: DurationRow[], groupOf: (key: string) => string | undefined, workingDays: WorkingDayCounter): { groups: Map<string, Figures>; total: Figures } {
  const tallies = new Map<string, Tally>();
  const total = emptyTally();
  const tallyOf = (key: string) => {
    const group = groupOf(key);
    if (group === undefined) return undefined;
    if (!tallies.has(group)) tallies.set(group, emptyTally());
    return tallies.get(group)!;
  };
  for (const row of counts) {
    const tally = tallyOf(row.key);
    for (const target of tally ? [tally, total] : [total]) {
      for (const f of COUNTED_FIGURES) target[f] += row[f];
      target.ratingSum += row.ratingSum;
    }
  }
  for (const row of durations) {
    const days = row.days ?? workingDays(row.receivedOn, row.finishedOn);
    const tally = tallyOf(row.key);
    for (const target of tally ? [tally, total] : [total]) target.days.set(days, (target.days.get(days) ?? 0) + row.n);
  }
  return { groups: new Map([...tallies].map(([k, t]) => [k, figuresOf(t)])), total: figuresOf(total) };
}
