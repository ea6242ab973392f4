import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Listen, ListenHandlers, Principal } from '../../packages/platform/index.ts';
import { CACHE_TTL_MS, createTokenCache, encodeRevocation } from './token-cache.ts';

/** A stand-in for the database's LISTEN: the test delivers signals and cuts the connection. */
function fakeListen() {
  let handlers: ListenHandlers | undefined;
  const state = { connected: true };
  const listen: Listen = async (_channel, h) => {
    handlers = h;
    return { get connected() { return state.connected; }, close: async () => {} };
  };
  return { listen, state, signal: (payload: string) => handlers?.message(payload), reset: () => handlers?.reset() };
}

const principal: Principal = { kind: 'system', clientId: 'c', grants: [], scopes: ['api'] };
const entry = (over: Partial<{ grantId: string; accountId: string; clientId: string; until: number }> = {}) => ({
  principal, until: Date.now() + CACHE_TTL_MS, grantId: undefined, accountId: undefined, clientId: 'c', audience: 'http://localhost:8080/api', ...over,
});

describe('verified-token cache', () => {
  it('forgets a token named by a signal, by its grant, its account, its client, or all', async () => {
    const db = fakeListen();
    const cache = createTokenCache();
    await cache.start(db.listen);
    const fill = () => {
      cache.set('h1', entry(), cache.generation());
      cache.set('h2', entry({ grantId: 'g2', accountId: 'a2' }), cache.generation());
      cache.set('h3', entry({ clientId: 'other' }), cache.generation());
    };
    fill();
    db.signal(encodeRevocation({ token: 'h1' }));
    assert.deepEqual([cache.get('h1'), !!cache.get('h2'), !!cache.get('h3')], [undefined, true, true]);
    db.signal(encodeRevocation({ grant: 'g2' }));
    assert.equal(cache.get('h2'), undefined);
    fill();
    db.signal(encodeRevocation({ account: 'a2' }));
    assert.equal(cache.get('h2'), undefined);
    db.signal(encodeRevocation({ client: 'other' }));
    assert.equal(cache.get('h3'), undefined);
    assert.ok(cache.get('h1'));
    db.signal(encodeRevocation({ all: true }));
    assert.equal(cache.size(), 0);
  });

  it('does not cache a verification that a signal overtook, nor past its expiry', async () => {
    const db = fakeListen();
    const cache = createTokenCache();
    await cache.start(db.listen);
    const started = cache.generation();
    db.signal(encodeRevocation({ token: 'elsewhere' }));
    cache.set('h1', entry(), started);
    assert.equal(cache.get('h1'), undefined);
    cache.set('h2', entry({ until: Date.now() + 1000 }), cache.generation());
    assert.ok(cache.get('h2'));
    assert.equal(cache.get('h2', Date.now() + 1001), undefined);
  });

  it('is not used while the listening connection is down, and is emptied when it drops', async () => {
    const db = fakeListen();
    const cache = createTokenCache();
    assert.equal(cache.get('h1'), undefined);
    await cache.start(db.listen);
    cache.set('h1', entry(), cache.generation());
    db.state.connected = false;
    db.reset();
    assert.equal(cache.get('h1'), undefined);
    cache.set('h1', entry(), cache.generation());
    db.state.connected = true;
    assert.equal(cache.get('h1'), undefined, 'nothing was cached while disconnected');
  });
});
