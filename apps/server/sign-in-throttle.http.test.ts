import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { createTestPlatform, signInOfficial, type TestPlatform } from './testing.ts';

// Sign-in throttling with the default limits: by account and by address together.
const PASSWORD = 'Commune office 2026';

describe('sign-in throttling by account and by address', () => {
  let t: TestPlatform;
  let officials: string[];
  const failedSignIns = async (usernames: string[]) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select coalesce(sum(failed_sign_ins), 0)::int as n from identity.users where username in ${usernames}`))[0]?.n;

  before(async () => {
    t = await createTestPlatform();
    const agencyId = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)?.id ?? null;
    // Thirty officials of one commune office (one hash made through the service, shared to save 30 × 0.3 s of scrypt).
    const { repo } = t.modules.identity.service;
    const first = await t.modules.identity.service.createOfficial(
      { kind: 'system', clientId: 'test', grants: [{ agencyId: agencyId ?? '', scope: 'subtree', permissions: ['identity.manage'] }] },
      { username: 'xa.canbo00', fullName: 'Cán bộ xã 0', password: PASSWORD, agencyId: agencyId ?? '' },
    );
    const passwordHash = (await repo.userById(first.id))?.passwordHash ?? null;
    officials = ['xa.canbo00'];
    for (let i = 1; i < 30; i++) {
      const username = `xa.canbo${String(i).padStart(2, '0')}`;
      await repo.insertUser({ id: randomUUID(), kind: 'official', username, fullName: `Cán bộ xã ${i}`, agencyId, passwordHash });
      officials.push(username);
    }
    await repo.insertUser({ id: randomUUID(), kind: 'official', username: 'xa.chutich', fullName: 'Chủ tịch xã', agencyId, passwordHash });
  });
  after(async () => t.close());

  it('lets thirty officials of one office behind one NAT address all sign in within a minute', async () => {
    const office = '198.51.100.20';
    // All at once, as at eight in the morning: the thirty password posts reach the address counter
    // within seconds of each other (the scrypt work comes after), so they share one window.
    const results = await Promise.all(officials.map((u) => signInOfficial(t, u, PASSWORD, undefined, office)));
    assert.deepEqual(
      results.map((r, i) => `${officials[i]}: ${r.tokens ? 'signed in' : r.refused?.statusCode}`),
      officials.map((u) => `${u}: signed in`),
    );
    const [counter] = await queryRows<{ count: number }>(t.database.db, sql`select count from platform.rate_counters where key = ${`sign-in:address:${office}`}`);
    assert.equal(counter?.count, 30, 'all thirty were counted in one window of the address counter');
  });

  it('stops password spraying from one address once it has failed often, before checking any more passwords', async () => {
    const sprayer = '203.0.113.7';
    const limit = t.config.signInFailureLimit;
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) {
      statuses.push((await signInOfficial(t, officials[i % officials.length] ?? '', 'Summer2026!', undefined, sprayer)).refused?.statusCode ?? 200);
    }
    assert.deepEqual(statuses, Array(limit).fill(401), 'each wrong password is refused');
    const failuresBefore = await failedSignIns(officials);
    const blocked = await signInOfficial(t, 'xa.canbo05', 'Summer2026!', undefined, sprayer);
    assert.equal(blocked.refused?.statusCode, 429);
    assert.equal(blocked.refused?.headers['retry-after'], '60');
    assert.match(blocked.refused?.body ?? '', /Quá nhiều lần đăng nhập/);
    const rightPassword = await signInOfficial(t, 'xa.canbo06', PASSWORD, undefined, sprayer);
    assert.equal(rightPassword.refused?.statusCode, 429, 'the address is refused, even with a right password');
    assert.equal(await failedSignIns(officials), failuresBefore, 'no password was checked past the ceiling');
    assert.ok((await signInOfficial(t, 'xa.canbo06', PASSWORD, undefined, '198.51.100.21')).tokens, 'another address still signs in');
    const accountFailures = async (username: string) =>
      (await queryRows<{ count: number }>(t.database.db, sql`select count from platform.rate_counters where key = ${`sign-in:account:${username}`}`))[0]?.count ?? 0;
    assert.equal(await accountFailures('xa.canbo07'), 1, 'each sprayed account counts its failure');
    assert.equal(await accountFailures('xa.canbo06'), 0, 'a right password clears the account’s run of failures');
  });

  it('slows and then locks one account attacked from many addresses', async () => {
    const target = 'xa.chutich';
    const timings: { status: number | undefined; ms: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const attempt = await signInOfficial(t, target, `Wrong password ${i}`, undefined, `192.0.2.${10 + i}`);
      timings.push({ status: attempt.refused?.statusCode, ms: performance.now() - started });
    }
    assert.deepEqual(timings.map((x) => x.status), [401, 401, 401, 401, 423]);
    assert.ok((timings[3]?.ms ?? 0) >= 2000, `the fourth failure in a row is answered after ≥ 2 s (took ${Math.round(timings[3]?.ms ?? 0)} ms)`);
    assert.ok((timings[4]?.ms ?? 0) >= 4000, `the fifth after ≥ 4 s (took ${Math.round(timings[4]?.ms ?? 0)} ms)`);
    const locked = await signInOfficial(t, target, PASSWORD, undefined, '192.0.2.99');
    assert.equal(locked.refused?.statusCode, 423, 'the right password does not open the locked account');
  });
});
