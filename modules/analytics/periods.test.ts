import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medianOf } from './figures.ts';
import { parsePeriod, requireStarted, sameTimeLastYear, snapshotDay } from './periods.ts';
import { rejectsWith } from '../../packages/platform/testing.ts';

describe('reporting periods', () => {
  it('a month, a quarter and a year as Vietnam dates [from, to) with their last day', () => {
    assert.deepEqual(parsePeriod('2026-02'), { key: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-03-01', last: '2026-02-28' });
    assert.deepEqual(parsePeriod('2024-02').last, '2024-02-29', 'a leap year');
    assert.deepEqual(parsePeriod('2025-12'), { key: '2025-12', kind: 'month', from: '2025-12-01', to: '2026-01-01', last: '2025-12-31' });
    assert.deepEqual(parsePeriod('2026-Q4'), { key: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2027-01-01', last: '2026-12-31' });
    assert.deepEqual(parsePeriod('2026'), { key: '2026', kind: 'year', from: '2026-01-01', to: '2027-01-01', last: '2026-12-31' });
  });

  it('anything else is 400 analytics.period_invalid', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '26', '2026-1', '2026/01', '1999', '2200', '', '2026-01-01']) {
      assert.throws(() => parsePeriod(bad), rejectsWith(400, 'analytics.period_invalid'), bad);
    }
  });

  it('compares with the same period a year before; counts unfinished dossiers at the last day or today', () => {
    assert.equal(sameTimeLastYear(parsePeriod('2026-Q1')).key, '2025-Q1');
    assert.equal(sameTimeLastYear(parsePeriod('2026-02')).from, '2025-02-01');
    assert.equal(snapshotDay(parsePeriod('2026-02'), '2026-05-20'), '2026-02-28');
    assert.equal(snapshotDay(parsePeriod('2026-05'), '2026-05-20'), '2026-05-20');
    assert.throws(() => requireStarted(parsePeriod('2026-06'), '2026-05-20'), rejectsWith(422, 'analytics.period_in_future'));
    requireStarted(parsePeriod('2026'), '2026-05-20');
  });

  it('the median of a distribution: the middle value, or the mean of the two middle ones', () => {
    assert.equal(medianOf(new Map()), null);
    assert.equal(medianOf(new Map([[3, 1]])), 3);
    assert.equal(medianOf(new Map([[1, 2], [10, 1]])), 1);
    assert.equal(medianOf(new Map([[1, 1], [4, 1]])), 2.5);
    assert.equal(medianOf(new Map([[5, 2], [1, 2], [2, 1]])), 2);
  });
});
