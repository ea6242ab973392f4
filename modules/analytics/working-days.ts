import type { CatalogService } from '../catalog/index.ts';

/** Counts working days in (from, to] from the province's calendar (weekends, holidays, swapped days as decided). */
export type WorkingDayCounter = (from: string, to: string) => number;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads the days off of every year the pairs span, once per request: the processing time of
 * thousands of dossiers is then arithmetic, not thousands of calendar calls.
 */
export async function workingDayCounter(calendar: Pick<CatalogService, 'yearCalendar'>, firstYear: number, lastYear: number): Promise<WorkingDayCounter> {
  const off = new Set<string>();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const day of (await calendar.yearCalendar(year, undefined, true)).daysOff) off.add(day.date);
  }
  return (from, to) => {
    const a = dayNumber(from);
    const b = dayNumber(to);
    let count = 0;
    for (let n = a + 1; n <= b; n++) if (!off.has(dateOf(n))) count += 1;
    return count;
  };
}
