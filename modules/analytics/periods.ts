import { badRequest, unprocessable } from '../../packages/platform/index.ts';

/** A reporting period: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, as Vietnam dates [from, to). */
export interface Period {
  key: string;
  kind: 'month' | 'quarter' | 'year';
  from: string;
  to: string;
  /** The period's last day. */
  last: string;
}

export const PERIOD_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';
const MIN_YEAR = 2000;
const MAX_YEAR = 2199;

const pad = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`);

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function build(key: string, kind: Period['kind'], year: number, firstMonth: number, months: number): Period {
  const from = firstOfMonth(year, firstMonth);
  const to = firstOfMonth(year, firstMonth + months);
  return { key, kind, from, to, last: dayBefore(to) };
}

/** 400 `analytics.period_invalid` for anything else than the three forms. */
export function parsePeriod(key: string): Period {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(key);
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < MIN_YEAR || year > MAX_YEAR) {
    throw badRequest('analytics.period_invalid', 'Kỳ báo cáo phải có dạng YYYY, YYYY-MM hoặc YYYY-Qn / The period is YYYY, YYYY-MM or YYYY-Qn', { field: 'period', value: key.slice(0, 20) });
  }
  if (match[2]) return build(key, 'month', year, Number(match[2]), 1);
  if (match[3]) return build(key, 'quarter', year, (Number(match[3]) - 1) * 3 + 1, 3);
  return build(key, 'year', year, 1, 12);
}

/** The same period a year earlier (this month against the same month last year). */
export function sameTimeLastYear(period: Period): Period {
  return parsePeriod(`${Number(period.key.slice(0, 4)) - 1}${period.key.slice(4)}`);
}

/** A period that has not begun has no figures: 422 `analytics.period_in_future`. */
export function requireStarted(period: Period, today: string): void {
  if (period.from > today) throw unprocessable('analytics.period_in_future', 'Kỳ báo cáo chưa bắt đầu / The period has not begun', { field: 'period' });
}

/** The day unfinished dossiers are counted at: the period's last day, or today while it runs. */
export const snapshotDay = (period: Period, today: string): string => (period.last < today ? period.last : today);

/** The current month's key in Vietnam. */
export const monthOf = (date: string): string => date.slice(0, 7);
