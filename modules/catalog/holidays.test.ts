import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addWorkingDays,
  DEFAULT_RULES,
  lawfulDaysOff,
  workingCalendar,
  workingDaysBetween,
  type CalendarException,
  type YearRules,
} from './holidays.ts';

const lawOnly = workingCalendar({ rules: () => DEFAULT_RULES, exception: () => undefined });

function calendarWith(exceptions: CalendarException[], rules: Record<number, YearRules> = {}) {
  const byDate = new Map(exceptions.map((e) => [e.date, e]));
  return workingCalendar({ rules: (y) => rules[y] ?? DEFAULT_RULES, exception: (d) => byDate.get(d) });
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
