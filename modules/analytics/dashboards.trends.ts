// The IOC's time series: received, returned on time and the on-time rate per month over the last
// 12 months, or per day over the last 30 days, each beside the same month or day a year before.
// Counted from the pre-aggregate's month and day rows (trends.repository.ts) — the rows the
// one-stop figures of a period sum — and folded here with the figures' own percentage.
import { percent } from './figures.ts';
import { parsePeriod, requireStarted, snapshotDay } from './periods.ts';
import type { TrendCounts } from './trends.repository.ts';

export type TrendGrain = 'month' | 'day';
/** How far back a series goes: 12 months, or 30 days. */
export const TREND_LENGTH: Readonly<Record<TrendGrain, number>> = { month: 12, day: 30 };

export interface TrendSlot {
  /** `YYYY-MM` or `YYYY-MM-DD`. */
  key: string;
  /** `MM/YYYY` or `DD/MM`, as a Vietnamese axis reads. */
  label: string;
  /** The bucket day of the slot (the month's first day, or the day) and of the same slot a year before. */
  day: string;
  previousDay: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The same calendar day a year before; 29 February is compared with 28 February. */
export function dayYearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y - 1}-${pad(m)}-${pad(m === 2 && d === 29 ? 28 : d)}`;
}

/**
 * The slots of a series that ends with the period shown: its snapshot day (the period's last
 * day, or today while it runs) and that day's month, going back 12 months or 30 days.
 * 400/422 for a malformed period or one not begun, as every figure.
 */
export function trendSlots(grain: TrendGrain, periodKey: string, today: string): TrendSlot[] {
  const period = parsePeriod(periodKey);
  requireStarted(period, today);
  const end = snapshotDay(period, today);
  const slots: TrendSlot[] = [];
  for (let back = TREND_LENGTH[grain] - 1; back >= 0; back--) {
    if (grain === 'month') {
      const at = new Date(Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - 1 - back, 1));
      const day = iso(at);
      slots.push({ key: day.slice(0, 7), label: `${day.slice(5, 7)}/${day.slice(0, 4)}`, day, previousDay: `${at.getUTCFullYear() - 1}${day.slice(4)}` });
    } else {
      const day = iso(new Date(Date.parse(`${end}T00:00:00Z`) - back * 86_400_000));
      slots.push({ key: day, label: `${day.slice(8, 10)}/${day.slice(5, 7)}`, day, previousDay: dayYearBefore(day) });
    }
  }
  return slots;
}

/** The day after a slot's last day: where the bucket read of [first slot, …) stops. */
export function slotsEnd(grain: TrendGrain, lastDay: string): string {
  const d = new Date(`${lastDay}T00:00:00Z`);
  if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}

/** What a series shows of a slot's counts: received, returned on time (early or on the day), or the on-time rate as the figures compute it. */
export const TREND_VALUES = {
  received: (c: TrendCounts | undefined) => c?.received ?? 0,
  returnedOnTime: (c: TrendCounts | undefined) => (c ? c.early + c.onTime : 0),
  onTimeRate: (c: TrendCounts | undefined) => (c ? percent(c.early + c.onTime, c.early + c.onTime + c.late) : null),
} as const;
export type TrendValue = keyof typeof TREND_VALUES;
