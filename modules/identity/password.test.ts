import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DECOY_HASH, hashPassword, needsRehash, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('hashes with scrypt at N=2^17, r=8, p=1 and verifies', async () => {
    const hash = await hashPassword('Đúng mật khẩu 2026');
    assert.match(hash, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword('Đúng mật khẩu 2026', hash), true);
    assert.equal(await verifyPassword('Sai mật khẩu 2026', hash), false);
    assert.equal(needsRehash(hash), false);
  });

  it('refuses malformed or absurdly costly stored hashes without trying them', async () => {
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$AAAA$AAAA`), false);
    assert.equal(await verifyPassword('anything 1', DECOY_HASH), false);
    assert.equal(needsRehash(DECOY_HASH), false, 'the decoy costs as much as a real check');
  });
});
