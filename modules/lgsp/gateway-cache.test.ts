import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Listen, ListenHandlers } from '../../packages/platform/index.ts';
import { CACHE_TTL_MS, createGatewayCache } from './gateway-cache.ts';

/** A listener the test drives: `signal()` is a NOTIFY arriving, `connected` the listening connection. */
function fakeListen() {
  let handlers: ListenHandlers | undefined;
  const state = { connected: true };
  const listen: Listen = async (_channel, h) => {
    handlers = h;
    return { get connected() { return state.connected; }, close: async () => {} };
  };
  return { listen, state, signal: () => handlers?.message('*') };
}

test('answers are cached until a change signal, which empties the cache; a read begun before the signal is not kept', async () => {
  let now = 0;
  const cache = createGatewayCache(() => now);
  const channel = fakeListen();
  await cache.start(channel.listen);
  let reads = 0;
  const load = async () => ++reads;
  assert.equal(await cache.get('k', load), 1);
  assert.equal(await cache.get('k', load), 1, 'the second call is served from memory');
  channel.signal();
  assert.equal(await cache.get('k', load), 2, 'after a signal the database is read again');

  let finish: (value: number) => void = () => {};
  const slow = cache.get('slow', () => new Promise<number>((resolve) => (finish = resolve)));
  channel.signal();
  finish(10);
  assert.equal(await slow, 10);
  assert.equal(await cache.get('slow', async () => 11), 11, 'the read that raced the signal was not cached');

  now += CACHE_TTL_MS;
  assert.equal(await cache.get('k', load), 3, 'an entry older than the TTL is read again');
  await cache.stop();
});

test('nothing is cached while the listening connection is down', async () => {
  const cache = createGatewayCache();
  const channel = fakeListen();
  await cache.start(channel.listen);
  channel.state.connected = false;
  let reads = 0;
  await cache.get('k', async () => ++reads);
  await cache.get('k', async () => ++reads);
  assert.equal(reads, 2);
  await cache.stop();
});
