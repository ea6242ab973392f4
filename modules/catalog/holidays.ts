/**
 * Statutory days off in Vietnam (Labour Code 2019, art. 111–112) and working-day arithmetic.
 * Pure functions: the calendar service feeds them the exceptions stored in the database.
 */
import { addDays, dayNumber, fromDayNumber, isoFromParts, weekday, yearOf, type IsoDate } from './dates.ts';
import { hungKingsDate, tetHolidayDates } from './lunar.ts';

export type NonWorkingKind = 'weekend' | 'holiday' | 'compensatory' | 'swapped_off' | 'day_off';

/** What an announced decision says about one date; `swapped_work` is a Saturday worked. */
export type DecisionKind = 'holiday' | 'compensatory' | 'swapped_off' | 'swapped_work';

export interface CalendarDecision {
  date: IsoDate;
  kind: DecisionKind;
  name: string;
  nameEn: string | null;
  document: string;
}

export interface DayOff {
  date: IsoDate;
  kind: NonWorkingKind;
  name: string;
  nameEn: string;
  /**
   * `decision`: announced for a decided year; `law`: proposed by the Labour Code rule (for a
   * year not yet decided, `provisional`) or a weekly rest day; `exception`: an administrator's.
   */
  source: 'law' | 'decision' | 'exception';
  /** A day the rule proposes for a year whose days off have not been announced yet. */
  provisional?: boolean;
  /** The decision's legal basis and document number. */
  document?: string;
  exceptionId?: string;
}

export interface YearRules {
  /** Art. 112 gives 2/9 and one adjacent day, 1/9 or 3/9, chosen each year; 1/9 by default. */
  nationalDayAdjacent: 'before' | 'after';
}

export const DEFAULT_RULES: YearRules = { nationalDayAdjacent: 'before' };

export interface CalendarException {
  id: string;
  date: IsoDate;
  kind: 'day_off' | 'working_day';
  name: string;
  nameEn: string | null;
  agencyId: string | null;
}

export const isWeekend = (date: IsoDate): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

/** The public holidays of art. 112(1) for one Gregorian year, before compensation. */
export function statutoryHolidays(year: number, rules: YearRules = DEFAULT_RULES): DayOff[] {
  const law = (date: IsoDate, name: string, nameEn: string): DayOff => ({ date, kind: 'holiday', name, nameEn, source: 'law' });
  const days: DayOff[] = [law(isoFromParts(year, 1, 1), 'Tết Dương lịch', "New Year's Day")];
  // Tết of lunar year `year` always begins in late January or February of Gregorian `year`.
  for (const date of tetHolidayDates(year)) days.push(law(date, 'Tết Nguyên đán', 'Lunar New Year (Tết)'));
  days.push(law(hungKingsDate(year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings Commemoration'));
  days.push(law(isoFromParts(year, 4, 30), 'Ngày Chiến thắng (30/4)', 'Reunification Day'));
  days.push(law(isoFromParts(year, 5, 1), 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'));
  days.push(law(isoFromParts(year, 9, 2), 'Quốc khánh (2/9)', 'National Day'));
  const adjacent = rules.nationalDayAdjacent === 'before' ? isoFromParts(year, 9, 1) : isoFromParts(year, 9, 3);
  days.push(law(adjacent, 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'));
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Holidays plus art. 111(3) compensation: a holiday falling on the weekly rest day is taken on
 * the next working day (the next day that is neither a weekend nor a holiday nor already taken).
 */
export function lawfulDaysOff(year: number, rules: YearRules = DEFAULT_RULES): DayOff[] {
  const holidays = statutoryHolidays(year, rules);
  const taken = new Set(holidays.map((h) => h.date));
  const result = [...holidays];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    result.push({ date: day, kind: 'compensatory', name: `Nghỉ bù ${holiday.name}`, nameEn: `In lieu of ${holiday.nameEn}`, source: 'law' });
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** What decides whether days are worked: per-year rules and the administrators' exceptions. */
export interface CalendarSource {
  rules(year: number): YearRules;
  /** The exception that applies on that date (already resolved to the most specific agency). */
  exception(date: IsoDate): CalendarException | undefined;
  /** The year's announced decisions by date, or undefined when the year is not decided. */
  decisions(year: number): ReadonlyMap<IsoDate, CalendarDecision> | undefined;
}

export interface WorkingCalendar {
  /** Undefined when the day is worked; otherwise why it is not. */
  dayOff(date: IsoDate): DayOff | undefined;
  isWorkingDay(date: IsoDate): boolean;
}

export function workingCalendar(source: CalendarSource): WorkingCalendar {
  const lawByYear = new Map<number, Map<IsoDate, DayOff>>();
  const lawOn = (date: IsoDate): DayOff | undefined => {
    const year = yearOf(date);
    let days = lawByYear.get(year);
    if (!days) {
      days = new Map(lawfulDaysOff(year, source.rules(year)).map((d) => [d.date, d]));
      lawByYear.set(year, days);
    }
    return days.get(date);
  };
  const dayOff = (date: IsoDate): DayOff | undefined => {
    const exception = source.exception(date);
    if (exception?.kind === 'working_day') return undefined;
    if (exception?.kind === 'day_off') {
      return { date, kind: 'day_off', name: exception.name, nameEn: exception.nameEn ?? exception.name, source: 'exception', exceptionId: exception.id };
    }
    const decided = source.decisions(yearOf(date));
    if (decided) {
      // A decided year: its decisions replace the rule, so a statutory day is never counted twice.
      const decision = decided.get(date);
      if (decision?.kind === 'swapped_work') return undefined;
      if (decision) return { date, kind: decision.kind, name: decision.name, nameEn: decision.nameEn ?? decision.name, source: 'decision', document: decision.document };
    } else {
      const law = lawOn(date);
      if (law) return { ...law, provisional: true };
    }
    if (isWeekend(date)) {
      return weekday(date) === 6
        ? { date, kind: 'weekend', name: 'Thứ Bảy', nameEn: 'Saturday', source: 'law' }
        : { date, kind: 'weekend', name: 'Chủ nhật', nameEn: 'Sunday', source: 'law' };
    }
    return undefined;
  };
  return { dayOff, isWorkingDay: (date) => dayOff(date) === undefined };
}

/**
 * The Vietnamese convention for processing deadlines ("ngày tiếp nhận + n ngày làm việc"; Civil
 * Code 2015 art. 147: the first day of a period counted in days is not counted): a time limit of
 * n working days runs from the day after receipt, so the due date is the n-th working day
 * after `start`; the receipt day itself never counts, even when it is a working day. A dossier
 * received on a day off (online) is therefore due on the n-th working day after it as well.
 * n = 0 returns the first working day on or after `start` (same-day procedures): a promised
 * date is never a day off.
 */
export function addWorkingDays(calendar: WorkingCalendar, start: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let day = dayNumber(start);
  if (n === 0) {
    while (!calendar.isWorkingDay(fromDayNumber(day))) day += 1;
    return fromDayNumber(day);
  }
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (calendar.isWorkingDay(fromDayNumber(day))) counted += 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days in the half-open interval (from, to]: the inverse of `addWorkingDays`, so
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(calendar, to, from);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (calendar.isWorkingDay(fromDayNumber(day))) count += 1;
  return count;
}
