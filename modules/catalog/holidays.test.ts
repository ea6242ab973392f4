import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addWorkingDays,
  DEFAULT_RULES,
  lawfulDaysOff,
  workingCalendar,
  workingDaysBetween,
  type CalendarDecision,
  type CalendarException,
  type YearRules,
} from './holidays.ts';
import { SEED_CALENDAR_DECISIONS } from './seed/calendar-decisions.ts';

const lawOnly = workingCalendar({ rules: () => DEFAULT_RULES, exception: () => undefined, decisions: () => undefined });

function calendarWith(exceptions: CalendarException[], rules: Record<number, YearRules> = {}) {
  const byDate = new Map(exceptions.map((e) => [e.date, e]));
  return workingCalendar({ rules: (y) => rules[y] ?? DEFAULT_RULES, exception: (d) => byDate.get(d), decisions: () => undefined });
}

/** The calendar with the seeded 2025 and 2026 decisions (as the database holds them). */
function decidedCalendar(extra: CalendarException[] = []) {
  const years = new Map<number, Map<string, CalendarDecision>>();
  for (const d of SEED_CALENDAR_DECISIONS) {
    const year = years.get(Number(d.date.slice(0, 4))) ?? new Map<string, CalendarDecision>();
    year.set(d.date, d);
    years.set(Number(d.date.slice(0, 4)), year);
  }
  const byDate = new Map(extra.map((e) => [e.date, e]));
  return workingCalendar({ rules: () => DEFAULT_RULES, exception: (d) => byDate.get(d), decisions: (y) => years.get(y) });
}

describe('statutory days off', () => {
  it('lists the 2026 holidays with Vietnamese names', () => {
    const days = lawfulDaysOff(2026).map((d) => `${d.date} ${d.kind} ${d.name}`);
    assert.deepEqual(days, [
      '2026-01-01 holiday Tết Dương lịch',
      '2026-02-16 holiday Tết Nguyên đán',
      '2026-02-17 holiday Tết Nguyên đán',
      '2026-02-18 holiday Tết Nguyên đán',
      '2026-02-19 holiday Tết Nguyên đán',
      '2026-02-20 holiday Tết Nguyên đán',
      '2026-04-26 holiday Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      '2026-04-30 holiday Ngày Chiến thắng (30/4)',
      '2026-05-01 holiday Ngày Quốc tế lao động (1/5)',
      '2026-09-01 holiday Quốc khánh (ngày liền kề)',
      '2026-09-02 holiday Quốc khánh (2/9)',
    ]);
  });

  it('compensates weekend holidays on the next free working day', () => {
    // 2022: 30/4 was a Saturday and 1/5 a Sunday, so 2/5 and 3/5 were days off in lieu.
    const may = lawfulDaysOff(2022).filter((d) => d.kind === 'compensatory').map((d) => d.date);
    assert.ok(may.includes('2022-05-02') && may.includes('2022-05-03'), may.join());
  });

  it('takes 3/9 instead of 1/9 when the year says so', () => {
    const days = lawfulDaysOff(2025, { nationalDayAdjacent: 'after' }).map((d) => d.date);
    assert.ok(days.includes('2025-09-03'));
    assert.ok(!days.includes('2025-09-01'));
  });
});

describe('working-day arithmetic', () => {
  it('does not count the receipt day and skips weekends', () => {
    assert.equal(addWorkingDays(lawOnly, '2025-03-07', 1), '2025-03-10'); // Friday → Monday
    assert.equal(addWorkingDays(lawOnly, '2025-03-08', 1), '2025-03-10'); // received Saturday
    assert.equal(addWorkingDays(lawOnly, '2025-03-03', 5), '2025-03-10');
    assert.equal(addWorkingDays(lawOnly, '2025-03-03', 0), '2025-03-03');
  });

  it('days = 0 is the first working day on or after the start, never a day off', () => {
    assert.equal(addWorkingDays(lawOnly, '2026-12-05', 0), '2026-12-07'); // Saturday → Monday
    assert.equal(addWorkingDays(lawOnly, '2026-12-06', 0), '2026-12-07'); // Sunday → Monday
    assert.equal(addWorkingDays(lawOnly, '2026-02-14', 0), '2026-02-23'); // Tết 2026 and its weekends
  });

  it('skips Tết', () => {
    // Tết 2026: 16–20 February (Mon–Fri), between two weekends.
    assert.equal(addWorkingDays(lawOnly, '2026-02-12', 2), '2026-02-23');
    assert.equal(workingDaysBetween(lawOnly, '2026-02-13', '2026-02-23'), 1);
  });

  it('is the inverse of workingDaysBetween', () => {
    for (const start of ['2025-01-20', '2025-04-25', '2025-08-29', '2025-12-30']) {
      for (const n of [1, 3, 7, 15, 30, 60]) {
        const due = addWorkingDays(lawOnly, start, n);
        assert.equal(workingDaysBetween(lawOnly, start, due), n, `${start} + ${n} = ${due}`);
      }
    }
    assert.equal(workingDaysBetween(lawOnly, '2025-03-10', '2025-03-03'), -5);
    assert.equal(workingDaysBetween(lawOnly, '2025-03-03', '2025-03-03'), 0);
  });

  it('honours extra days off and compensatory working Saturdays', () => {
    const calendar = calendarWith([
      { id: 'a', date: '2025-03-10', kind: 'day_off', name: 'Nghỉ bắc cầu', nameEn: null, agencyId: null },
      { id: 'b', date: '2025-03-15', kind: 'working_day', name: 'Làm bù', nameEn: null, agencyId: null },
    ]);
    assert.equal(calendar.dayOff('2025-03-10')?.name, 'Nghỉ bắc cầu');
    assert.ok(calendar.isWorkingDay('2025-03-15'));
    assert.equal(addWorkingDays(calendar, '2025-03-07', 1), '2025-03-11');
    assert.equal(addWorkingDays(calendar, '2025-03-14', 1), '2025-03-15');
  });

  it('rejects a negative count', () => {
    assert.throws(() => addWorkingDays(lawOnly, '2025-03-03', -1), RangeError);
  });
});

describe('announced decisions (2025, 2026) replace the rule; undecided years are provisional', () => {
  const calendar = decidedCalendar();

  it('2025: Tết 27–31 January off with no make-up Saturday', () => {
    for (const date of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) {
      assert.equal(calendar.dayOff(date)?.source, 'decision', date);
      assert.match(calendar.dayOff(date)?.document ?? '', /8726\/VPCP-KGVX/);
    }
    // The lunar rule alone would give 28 Jan – 1 Feb 2025 and a compensatory Monday 3 Feb.
    assert.ok(calendar.isWorkingDay('2025-02-03'));
    assert.equal(addWorkingDays(calendar, '2025-01-24', 1), '2025-02-03');
    assert.equal(calendar.dayOff('2025-01-25')?.kind, 'weekend', 'no make-up day: the Saturdays around Tết stay off');
    assert.equal(calendar.dayOff('2025-02-01')?.kind, 'weekend');
  });

  it('2025: Saturday 26 April worked, Friday 2 May off', () => {
    assert.ok(calendar.isWorkingDay('2025-04-26'));
    assert.equal(calendar.dayOff('2025-05-02')?.kind, 'swapped_off');
    assert.equal(addWorkingDays(calendar, '2025-04-25', 1), '2025-04-26');
    assert.equal(addWorkingDays(calendar, '2025-04-29', 1), '2025-05-05');
    assert.equal(addWorkingDays(lawOnly, '2025-04-29', 1), '2025-05-02', 'the rule alone would have Friday 2 May worked');
  });

  it('2026: Friday 2 January off for Saturday 10 January; Tết 16–20 February', () => {
    assert.equal(calendar.dayOff('2026-01-02')?.kind, 'swapped_off');
    assert.ok(calendar.isWorkingDay('2026-01-10'));
    assert.equal(addWorkingDays(calendar, '2025-12-31', 1), '2026-01-05');
    assert.equal(addWorkingDays(calendar, '2026-01-09', 1), '2026-01-10');
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) assert.equal(calendar.dayOff(date)?.kind, 'holiday', date);
    assert.equal(addWorkingDays(calendar, '2026-02-13', 1), '2026-02-23');
  });

  it('2026: National Day Monday 31 August swapped with Saturday 22 August; statutory days not counted twice', () => {
    assert.ok(calendar.isWorkingDay('2026-08-22'));
    assert.equal(calendar.dayOff('2026-08-31')?.kind, 'swapped_off');
    assert.equal(addWorkingDays(calendar, '2026-08-28', 3), '2026-09-07');
    // (21/8, 7/9]: Sat 22/8, 24–28/8, 3–4/9 and 7/9; 31/8, 1/9 and 2/9 off.
    assert.equal(workingDaysBetween(calendar, '2026-08-21', '2026-09-07'), 9);
    // Hùng Kings 2026 falls on Sunday 26 April: Monday 27 April is the compensatory day, once.
    assert.equal(calendar.dayOff('2026-04-27')?.kind, 'compensatory');
    assert.ok(calendar.isWorkingDay('2026-04-28'));
  });

  it('an undecided year (2027) takes the rule, every day marked provisional', () => {
    const newYear = calendar.dayOff('2027-01-01');
    assert.equal(newYear?.source, 'law');
    assert.equal(newYear?.provisional, true);
    assert.equal(calendar.dayOff('2027-05-03')?.kind, 'compensatory', 'Saturday 1 May 2027 → Monday 3 May');
    assert.equal(calendar.dayOff('2027-05-03')?.provisional, true);
    assert.equal(calendar.dayOff('2026-01-01')?.provisional, undefined);
  });

  it('24/11 stays a working day unless an administrator adds it', () => {
    assert.ok(calendar.isWorkingDay('2026-11-24'));
    const withCultureDay = decidedCalendar([{ id: 'c', date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam', nameEn: null, agencyId: null }]);
    assert.equal(withCultureDay.dayOff('2026-11-24')?.source, 'exception');
  });
});
