import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBreakers } from './gateway-breaker.ts';

test('a provider\'s circuit opens after N consecutive failures, lets one probe through after the pause, and closes on its success', () => {
  let now = 0;
  const breakers = createBreakers({ failures: 3, openMs: 10_000 }, () => now);
  const P = 'http://provider.example';
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(breakers.admit(P), { ok: true });
    breakers.record(P, true);
  }
  // A success in between restarts the count: failures must be consecutive.
  breakers.record(P, false);
  for (let i = 0; i < 3; i++) breakers.record(P, true);
  assert.equal(breakers.state(P), 'open');
  assert.deepEqual(breakers.admit(P), { ok: false, retryAfterSeconds: 10 });
  assert.deepEqual(breakers.admit('http://other.example'), { ok: true }, 'one circuit per provider');
  now = 10_000;
  assert.deepEqual(breakers.admit(P), { ok: true }, 'the probe');
  assert.equal(breakers.state(P), 'half-open');
  assert.equal(breakers.admit(P).ok, false, 'only one probe at a time');
  breakers.record(P, false);
  assert.equal(breakers.state(P), 'closed');
  assert.deepEqual(breakers.admit(P), { ok: true });
});

test('a failed probe opens the circuit again for the whole pause', () => {
  let now = 0;
  const breakers = createBreakers({ failures: 1, openMs: 5_000 }, () => now);
  breakers.record('p', true);
  now = 5_000;
  assert.equal(breakers.admit('p').ok, true);
  breakers.record('p', true);
  assert.equal(breakers.state('p'), 'open');
  now = 9_999;
  assert.equal(breakers.admit('p').ok, false);
  now = 10_000;
  assert.equal(breakers.admit('p').ok, true);
});
