import { actorOf, badRequest, canActOn, conflict, forbidden, newId, notFound, type Db, type Principal } from '../../packages/platform/index.ts';
import { calendarRepository as repo, type StoredDecision, type StoredException } from './calendar.repository.ts';
import { SEED_CALENDAR_DECISIONS } from './seed/calendar-decisions.ts';
import { dayNumber, fromDayNumber, isIsoDate, isoFromParts, toIsoDate, weekday, yearOf, WEEKDAY_NAMES_VI, type IsoDate } from './dates.ts';
import {
  addWorkingDays as addDaysOn,
  DEFAULT_RULES,
  workingCalendar,
  workingDaysBetween as betweenOn,
  type DayOff,
  type WorkingCalendar,
  type YearRules,
} from './holidays.ts';
import type { AgencyService } from './agency.service.ts';

export const CALENDAR_EDIT = 'calendar.edit';
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
export const MAX_WORKING_DAYS = 3650;

export interface CalendarDay extends DayOff {
  weekday: string;
}

export interface YearCalendar {
  year: number;
  agencyId: string | null;
  nationalDayAdjacent: YearRules['nationalDayAdjacent'];
  /**
   * True when the year's days off were announced (seeded decisions); false when they are only
   * proposed by the Labour Code rule, every such day then being marked `provisional`.
   */
  decided: boolean;
  /** Days off in date order (weekends only when asked for). */
  daysOff: CalendarDay[];
  /** Days that would be off but are worked: swapped Saturdays (`document`) or exceptions (`exceptionId`). */
  workingDays: { date: string; weekday: string; name: string; nameEn: string | null; exceptionId: string | null; document: string | null }[];
}

export interface NewException {
  date: string;
  kind: 'day_off' | 'working_day';
  name: string;
  nameEn?: string | null | undefined;
  agencyId?: string | null | undefined;
}

function checkedDate(value: Date | string, field: string): IsoDate {
  const date = toIsoDate(value);
  if (!isIsoDate(date)) throw badRequest('request.invalid', `${field} must be a date YYYY-MM-DD`, [{ field, message: 'not a calendar date' }]);
  const year = yearOf(date);
  if (year < MIN_YEAR || year > MAX_YEAR) throw badRequest('catalog.date_out_of_range', `Dates must lie between ${MIN_YEAR} and ${MAX_YEAR}`);
  return date;
}

export type CalendarService = ReturnType<typeof createCalendarService>;

export function createCalendarService(db: Db, agencies: AgencyService) {
  /** The agency and its ancestors, nearest first: an override on a nearer agency wins. */
  async function chainOf(agencyId: string | undefined): Promise<string[]> {
    if (!agencyId) return [];
    return [agencyId, ...(await agencies.agencyAncestors(agencyId))];
  }

  async function calendarFor(fromYear: number, toYear: number, agencyId?: string): Promise<WorkingCalendar> {
    const chain = await chainOf(agencyId);
    const [exceptions, rules, decisions] = await Promise.all([
      repo.exceptionsBetween(db, isoFromParts(fromYear, 1, 1), isoFromParts(toYear, 12, 31), chain),
      repo.yearRules(db, fromYear, toYear),
      repo.decisionsOf(db, fromYear, toYear),
    ]);
    const rank = (e: StoredException) => (e.agencyId === null ? chain.length : chain.indexOf(e.agencyId));
    const byDate = new Map<string, StoredException>();
    for (const e of exceptions) {
      const held = byDate.get(e.date);
      if (!held || rank(e) < rank(held)) byDate.set(e.date, e);
    }
    return workingCalendar({ rules: (y) => rules.get(y) ?? DEFAULT_RULES, exception: (d) => byDate.get(d), decisions: (y) => decisions.get(y) });
  }

  async function isWorkingDay(date: Date | string, agencyId?: string): Promise<boolean> {
    const day = checkedDate(date, 'date');
    return (await calendarFor(yearOf(day), yearOf(day), agencyId)).isWorkingDay(day);
  }

  /** See `addWorkingDays` in holidays.ts: receipt date + n working days, the receipt day not counted. */
  async function addWorkingDays(start: Date | string, n: number, agencyId?: string): Promise<string> {
    const from = checkedDate(start, 'start');
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw badRequest('catalog.days_invalid', `days must be an integer from 0 to ${MAX_WORKING_DAYS}`);
    let span = Math.ceil(n / 200) + 1;
    for (;;) {
      const last = Math.min(yearOf(from) + span, MAX_YEAR);
      const result = addDaysOn(await calendarFor(yearOf(from), last, agencyId), from, n);
      // Exceptions were loaded up to `last`; widen the window if the answer lies beyond it.
      if (yearOf(result) <= last) return checkedDate(result, 'result');
      if (last === MAX_YEAR) throw badRequest('catalog.date_out_of_range', `The result lies after ${MAX_YEAR}`);
      span *= 2;
    }
  }

  async function workingDaysBetween(from: Date | string, to: Date | string, agencyId?: string): Promise<number> {
    const a = checkedDate(from, 'from');
    const b = checkedDate(to, 'to');
    if (Math.abs(dayNumber(b) - dayNumber(a)) > MAX_WORKING_DAYS * 2) throw badRequest('catalog.range_too_long', 'The interval is too long');
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return betweenOn(await calendarFor(yearOf(lo), yearOf(hi), agencyId), a, b);
  }

  async function yearCalendar(year: number, agencyId?: string, includeWeekends = false): Promise<YearCalendar> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badRequest('catalog.date_out_of_range', `year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    const calendar = await calendarFor(year, year, agencyId);
    const rules = (await repo.yearRules(db, year, year)).get(year) ?? DEFAULT_RULES;
    const chain = await chainOf(agencyId);
    const exceptions = await repo.exceptionsBetween(db, isoFromParts(year, 1, 1), isoFromParts(year, 12, 31), chain);
    const daysOff: CalendarDay[] = [];
    const last = dayNumber(isoFromParts(year, 12, 31));
    for (let d = dayNumber(isoFromParts(year, 1, 1)); d <= last; d++) {
      const date = fromDayNumber(d);
      const off = calendar.dayOff(date);
      if (off && (includeWeekends || off.kind !== 'weekend')) daysOff.push({ ...off, weekday: WEEKDAY_NAMES_VI[weekday(date)] as string });
    }
    const decisions = (await repo.decisionsOf(db, year, year)).get(year);
    const weekdayOf = (date: string) => WEEKDAY_NAMES_VI[weekday(date)] as string;
    const swapped = [...(decisions?.values() ?? [])]
      .filter((d) => d.kind === 'swapped_work' && calendar.isWorkingDay(d.date) && !exceptions.some((e) => e.date === d.date))
      .map((d) => ({ date: d.date, weekday: weekdayOf(d.date), name: d.name, nameEn: d.nameEn, exceptionId: null, document: d.document }));
    const excepted = exceptions
      .filter((e) => e.kind === 'working_day' && calendar.isWorkingDay(e.date))
      .map((e) => ({ date: e.date, weekday: weekdayOf(e.date), name: e.name, nameEn: e.nameEn, exceptionId: e.id, document: null }));
    const workingDays = [...swapped, ...excepted].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { year, agencyId: agencyId ?? null, nationalDayAdjacent: rules.nationalDayAdjacent, decided: decisions !== undefined, daysOff, workingDays };
  }

  async function requireCalendarScope(principal: Principal, agencyId: string | null): Promise<void> {
    if (agencyId === null) return agencies.requireProvinceScope(principal, CALENDAR_EDIT);
    const ancestors = await agencies.agencyAncestors(agencyId);
    if (!canActOn(principal, CALENDAR_EDIT, agencyId, ancestors)) throw forbidden('auth.out_of_scope', "You may not edit this agency's calendar");
  }

  async function listExceptions(year: number, agencyId?: string): Promise<StoredException[]> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badRequest('catalog.date_out_of_range', `year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    return repo.exceptionsBetween(db, isoFromParts(year, 1, 1), isoFromParts(year, 12, 31), agencyId ? await chainOf(agencyId) : 'all');
  }

  async function addException(principal: Principal, input: NewException): Promise<StoredException> {
    const date = checkedDate(input.date, 'date');
    const agencyId = input.agencyId ?? null;
    await requireCalendarScope(principal, agencyId);
    const name = input.name.trim();
    if (!name) throw badRequest('request.invalid', 'name is required', [{ field: 'name' }]);
    const id = newId();
    const created = await repo.insertException(db, { id, date, kind: input.kind, name, nameEn: input.nameEn ?? null, agencyId, createdBy: actorOf(principal) });
    if (!created) throw conflict('catalog.exception_exists', `There is already an exception on ${date} for this scope; delete it first`);
    return (await repo.findException(db, id)) as StoredException;
  }

  async function removeException(principal: Principal, id: string): Promise<void> {
    const existing = await repo.findException(db, id);
    if (!existing) throw notFound('catalog.exception_not_found', 'No such calendar exception');
    await requireCalendarScope(principal, existing.agencyId);
    await repo.deleteException(db, id);
  }

  async function setYearRules(principal: Principal, year: number, rules: YearRules): Promise<YearRules> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badRequest('catalog.date_out_of_range', `year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    await agencies.requireProvinceScope(principal, CALENDAR_EDIT);
    await repo.saveYearRules(db, year, rules, actorOf(principal));
    return rules;
  }

  /** Stores the announced decisions that are missing (idempotent; replicas may run it together). */
  async function seedDecisions(): Promise<void> {
    const rows: (StoredDecision & { createdBy: string })[] = SEED_CALENDAR_DECISIONS.map((d) => ({ ...d, createdBy: 'seed' }));
    await repo.insertMissingDecisions(db, rows);
  }

  return { seedDecisions, isWorkingDay, addWorkingDays, workingDaysBetween, yearCalendar, listExceptions, addException, removeException, setYearRules };
}
