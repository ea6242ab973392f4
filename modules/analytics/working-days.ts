import type { CatalogService } from '../catalog/index.ts';

/** Counts working days in (from, to] from the province's calendar (weekends, holidays, swapped days as decided). */
export type WorkingDayCounter = (from: string, to: string) => number;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads the days off of every year the pairs span, once per request: the processing time of
 * thousands of dossiers is then arithmetic, not thousands of calendar calls.
 */
async function daysOff(calendar: Pick<CatalogService, 'yearCalendar'>, firstYear: number, lastYear: number): Promise<Set<string>> {
  const years = Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i);
  const calendars = await Promise.all(years.map((year) => calendar.yearCalendar(year, undefined, true)));
  return new Set(calendars.flatMap((c) => c.daysOff.map((day) => day.date)));
}

/**
 * The province's calendar read once per request: each year's days off loaded once however many
 * periods and counters of the request ask for it (a page compares two periods, each spanning the
 * years before it).
 */
export function calendarOnce(calendar: Pick<CatalogService, 'yearCalendar'>): Pick<CatalogService, 'yearCalendar'> {
  const loaded = new Map<string, ReturnType<CatalogService['yearCalendar']>>();
  return {
    yearCalendar(year, agencyId, includeWeekends) {
      const key = `${year}:${agencyId ?? ''}:${includeWeekends === true}`;
      if (!loaded.has(key)) loaded.set(key, calendar.yearCalendar(year, agencyId, includeWeekends));
      return loaded.get(key)!;
    },
  };
}

/**
 * The working days counted from `base` (1 January of `firstYear`) to each day up to the end of
 * `lastYear`, inclusive: the working days in (a, b] are `counts[b] - counts[a]`, so the database
 * can turn (received, finished) pairs into processing times itself (one-stop.repository.ts).
 */
export async function cumulativeWorkingDays(calendar: Pick<CatalogService, 'yearCalendar'>, firstYear: number, lastYear: number): Promise<{ base: string; counts: number[] }> {
  const off = await daysOff(calendar, firstYear, lastYear);
  const base = `${firstYear}-01-01`;
  const counts: number[] = [];
  for (let n = dayNumber(base), total = 0; n <= dayNumber(`${lastYear}-12-31`); n++) {
    if (!off.has(dateOf(n))) total += 1;
    counts.push(total);
  }
  return { base, counts };
}

export async function workingDayCounter(calendar: Pick<CatalogService, 'yearCalendar'>, firstYear: number, lastYear: number): Promise<WorkingDayCounter> {
  const off = await daysOff(calendar, firstYear, lastYear);
  return (from, to) => {
    const a = dayNumber(from);
    const b = dayNumber(to);
    let count = 0;
    for (let n = a + 1; n <= b; n++) if (!off.has(dateOf(n))) count += 1;
    return count;
  };
}
