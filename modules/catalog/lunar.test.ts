import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hungKingsDate, lunarToSolar, solarToLunar, tetDate, tetHolidayDates } from './lunar.ts';

describe('Vietnamese lunar calendar', () => {
  it('finds Tết on the dates Vietnam observed', () => {
    const known: Record<number, string> = {
      1985: '1985-01-21',
      2007: '2007-02-17',
      2020: '2020-01-25',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      // 2030: the new moon falls at 23:07 in Vietnam but 00:07 next day in China.
      2030: '2030-02-02',
      1968: '1968-01-29',
    };
    for (const [year, date] of Object.entries(known)) assert.equal(tetDate(Number(year)), date, `Tết ${year}`);
  });

  it('differs from the Chinese calendar where UTC+7 and UTC+8 disagree', () => {
    assert.equal(tetDate(1985, 8), '1985-02-20');
    assert.equal(tetDate(2007, 8), '2007-02-18');
    assert.equal(tetDate(2030, 8), '2030-02-03');
    assert.equal(tetDate(2024, 8), '2024-02-10');
  });

  it('finds the Hùng Kings commemoration (10/3 lunar)', () => {
    assert.equal(hungKingsDate(2024), '2024-04-18');
    assert.equal(hungKingsDate(2025), '2025-04-07');
    assert.equal(hungKingsDate(2026), '2026-04-26');
  });

  it('gives the five Tết days ending on mùng 4', () => {
    // Lunar year 2024 (Giáp Thìn) had a 29-day twelfth month: its last day was 29 Chạp.
    assert.deepEqual(tetHolidayDates(2025), ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    assert.deepEqual(tetHolidayDates(2026), ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('converts solar to lunar and back, including a leap month', () => {
    assert.deepEqual(solarToLunar(10, 2, 2024), { day: 1, month: 1, year: 2024, leap: false });
    assert.deepEqual(solarToLunar(9, 2, 2024), { day: 30, month: 12, year: 2023, leap: false });
    // 2023 had a leap second month (tháng 2 nhuận) starting 2023-03-22.
    assert.deepEqual(solarToLunar(22, 3, 2023), { day: 1, month: 2, year: 2023, leap: true });
    assert.equal(lunarToSolar(1, 2, 2023, true), '2023-03-22');
    assert.equal(lunarToSolar(1, 3, 2023, true), undefined);
    for (let day = 1; day <= 28; day += 9) {
      const lunar = solarToLunar(day, 7, 2031);
      assert.equal(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap), `2031-07-${String(day).padStart(2, '0')}`);
    }
  });
});
