/**
 * Calendar dates as plain `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01).
 * A date here is a civil date in Vietnam, never an instant, so no time zone is involved once
 * a date has been obtained; "today" is taken in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */
import { vietnamDate } from '../../packages/platform/index.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type IsoDate = string;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Today's date in Vietnam. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return vietnamDate(now);
}

/** A `Date` means an instant: it is read as the civil date in Vietnam at that instant. */
export function toIsoDate(value: Date | string): IsoDate {
  if (value instanceof Date) return todayInVietnam(value);
  return value;
}

export const WEEKDAY_NAMES_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
