import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { periodLabel } from './periodic-report.ts';

describe('the periodic report\'s period in words', () => {
  it('names a month, a quarter and a year as the form writes them', () => {
    assert.equal(periodLabel('2026-05'), 'Tháng 5 năm 2026');
    assert.equal(periodLabel('2026-12'), 'Tháng 12 năm 2026');
    assert.equal(periodLabel('2026-Q2'), 'Quý II năm 2026');
    assert.equal(periodLabel('2026-Q4'), 'Quý IV năm 2026');
    assert.equal(periodLabel('2026'), 'Năm 2026');
  });
});
