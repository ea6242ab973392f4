/** Việt Nam has kept UTC+7 all year since 1975: no time-zone database needed. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The civil date in Việt Nam at an instant, `YYYY-MM-DD`. */
export function vietnamDate(at: Date = new Date()): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnamese civil date ends (23:59:59.999 in UTC+7), for "due by the end of that day". */
export function endOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+07:00`));
}
