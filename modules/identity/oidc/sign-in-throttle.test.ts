import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import { createSignInThrottle, refusalDelayMs } from './sign-in-throttle.ts';

describe('sign-in throttle', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.close());

  it('answers an account’s repeated failures ever later, whichever address they come from', async () => {
    const throttle = createSignInThrottle(database.db, { attemptsPerAddressPerMinute: 100, failuresPerAddress: 100 });
    const delays = [];
    for (let i = 0; i < 7; i++) delays.push(await throttle.refused(`192.0.2.${i}`, i % 2 ? ' Ke.Toan ' : 'ke.toan'));
    assert.deepEqual(delays, [0, 500, 1000, 2000, 4000, 8000, 8000]);
    await throttle.accepted('KE.TOAN');
    assert.equal(await throttle.refused('192.0.2.1', 'ke.toan'), 0, 'a right password ends the run');
    assert.equal(refusalDelayMs(40), 8000, 'never longer than 8 s');
  });

  it('gives an address a high ceiling on attempts and a lower one on failures', async () => {
    const throttle = createSignInThrottle(database.db, { attemptsPerAddressPerMinute: 5, failuresPerAddress: 3 });
    const office = '198.51.100.1';
    for (let i = 0; i < 5; i++) assert.equal(await throttle.admit(office), true, `attempt ${i + 1}`);
    assert.equal(await throttle.admit(office), false, 'the sixth attempt in a minute is refused');

    const sprayer = '203.0.113.1';
    for (let i = 0; i < 3; i++) {
      assert.equal(await throttle.admit(sprayer), true);
      await throttle.refused(sprayer, `account${i}`);
    }
    assert.equal(await throttle.admit(sprayer), false, 'refused once it has failed three times');
    assert.equal(await throttle.admit('203.0.113.2'), true, 'another address is not affected');
  });
});
