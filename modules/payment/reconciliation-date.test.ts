import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconciliationDate } from './index.ts';

test('the daily occurrence at 00:00 UTC (07:00 in Vietnam) reconciles the Vietnamese day that ended', () => {
  assert.equal(reconciliationDate({ periodStart: '2026-12-06T00:00:00.000Z' }), '2026-12-05');
  assert.equal(reconciliationDate({ periodStart: '2027-01-01T00:00:00.000Z' }), '2026-12-31');
});

test('a job that names its day reconciles that day; one with neither is an error', () => {
  assert.equal(reconciliationDate({ date: '2026-11-30', periodStart: '2026-12-06T00:00:00.000Z' }), '2026-11-30');
  assert.throws(() => reconciliationDate({}));
});
