import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TOTP, Secret } from 'otpauth';
import { createSecretBox, queryRows, type Database, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../packages/platform/testing.ts';
import { createAccountService, type AccountService } from './account.service.ts';
import { verifyPassword } from './password.ts';

// A small organisation chart: province → department A, department B.
const PROVINCE = randomUUID();
const DEPT_A = randomUUID();
const DEPT_B = randomUUID();
const agencies = {
  async agencyAncestors(id: string) {
    return id === PROVINCE ? [] : [PROVINCE];
  },
  async listAgencies() {
    return [
      { id: PROVINCE, parentId: null, name: 'UBND tỉnh' },
      { id: DEPT_A, parentId: PROVINCE, name: 'Sở A' },
      { id: DEPT_B, parentId: PROVINCE, name: 'Sở B' },
    ];
  },
};

/** A hash as Sen made them before OWASP's current parameters (N=2^15). */
function oldCostHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const code = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe('account service', () => {
  let database: Database;
  let accounts: AccountService;
  let provinceAdmin: Principal;
  let deptAdmin: Principal;
  const countUsers = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from identity.users`))[0]?.n;

  before(async () => {
    database = await createTestDatabase();
    accounts = createAccountService(database.db, agencies, { box: createSecretBox('a-test-master-key-of-at-least-32-chars'), revoked: async () => {} });
    await accounts.seedRoles();
    await accounts.seedRoles();
    const all = (await accounts.listRoles()).map((r) => r.permissions);
    provinceAdmin = { kind: 'user', userId: randomUUID(), userType: 'official', displayName: 'P', grants: [{ agencyId: PROVINCE, scope: 'subtree', permissions: all.flat() }] };
    const agencyAdmin = (await accounts.listRoles()).find((r) => r.code === 'agency_admin');
    deptAdmin = { kind: 'user', userId: randomUUID(), userType: 'official', displayName: 'A', grants: [{ agencyId: DEPT_A, scope: 'subtree', permissions: agencyAdmin?.permissions ?? [] }] };
  });
  after(async () => database.close());

  it('seeds the built-in roles once', async () => {
    const roles = await accounts.listRoles();
    assert.equal(roles.filter((r) => r.code === 'system_admin').length, 1);
    assert.ok(roles.length >= 6);
  });

  it('creates an official with a never-reversible password hash', async () => {
    const created = await accounts.createOfficial(deptAdmin, { username: 'Can.Bo1', fullName: 'Lê Văn Một', password: 'Correct horse 42', agencyId: DEPT_A });
    assert.equal(created.username, 'can.bo1');
    const row = await accounts.repo.userByUsername('can.bo1');
    assert.ok(row?.passwordHash?.startsWith('scrypt$'));
    assert.ok(!row?.passwordHash?.includes('Correct horse'));
    assert.equal(await verifyPassword('Correct horse 42', row?.passwordHash ?? ''), true);
  });

  it('refuses weak passwords, taken usernames and foreign agencies, writing nothing', async () => {
    const before = await countUsers();
    await assert.rejects(accounts.createOfficial(deptAdmin, { username: 'weak', fullName: 'X', password: 'short1', agencyId: DEPT_A }), rejectsWith(400, 'identity.weak_password'));
    await assert.rejects(accounts.createOfficial(deptAdmin, { username: 'can.bo1', fullName: 'X', password: 'Long enough 123', agencyId: DEPT_A }), rejectsWith(409, 'identity.username_taken'));
    await assert.rejects(accounts.createOfficial(deptAdmin, { username: 'other', fullName: 'X', password: 'Long enough 123', agencyId: DEPT_B }), rejectsWith(403, 'identity.out_of_scope'));
    assert.equal(await countUsers(), before);
  });

  it('locks an account after five wrong passwords', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await accounts.signInOfficial('can.bo1', 'wrong password 1')).status, 'invalid');
    assert.equal((await accounts.signInOfficial('can.bo1', 'wrong password 1')).status, 'locked');
    assert.equal((await accounts.signInOfficial('can.bo1', 'Correct horse 42')).status, 'locked', 'the right password does not open a locked account');
    const official = (await accounts.listOfficials(deptAdmin, { limit: 10, offset: 0 })).items.find((o) => o.username === 'can.bo1');
    assert.equal(official?.locked, true);
    await accounts.unlockOfficial(deptAdmin, official?.id ?? '');
    assert.equal((await accounts.signInOfficial('can.bo1', 'Correct horse 42')).status, 'ok');
  });

  it('re-hashes a password stored at the old cost when its owner signs in', async () => {
    const official = await accounts.createOfficial(provinceAdmin, { username: 'cu.hash', fullName: 'Hash Cũ', password: 'Old password 15', agencyId: DEPT_B });
    const old = oldCostHash('Old password 15');
    await accounts.repo.setSignInState(official.id, { passwordHash: old });
    assert.equal((await accounts.signInOfficial('cu.hash', 'Wrong password 15')).status, 'invalid');
    assert.equal((await accounts.repo.userById(official.id))?.passwordHash, old, 'a failed attempt changes nothing');
    assert.equal((await accounts.signInOfficial('cu.hash', 'Old password 15')).status, 'ok');
    const upgraded = (await accounts.repo.userById(official.id))?.passwordHash ?? '';
    assert.match(upgraded, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword('Old password 15', upgraded), true);
    assert.equal((await accounts.signInOfficial('cu.hash', 'Old password 15')).status, 'ok', 'the upgraded hash signs in');
  });

  it('does not reveal whether a username exists', async () => {
    assert.deepEqual(await accounts.signInOfficial('nobody', 'whatever 123'), { status: 'invalid' });
  });

  it('makes an administrator enrol TOTP, then requires a fresh code each time', async () => {
    const admin = await accounts.createOfficial(provinceAdmin, { username: 'quantri', fullName: 'Quản Trị', password: 'Admin pass 2026', agencyId: PROVINCE });
    const role = (await accounts.listRoles()).find((r) => r.code === 'agency_admin');
    await accounts.assignRole(provinceAdmin, admin.id, { roleId: role?.id ?? '', agencyId: PROVINCE, scope: 'subtree' });
    assert.equal((await accounts.signInOfficial('quantri', 'Admin pass 2026')).status, 'totp_enrolment_required');
    const { secret } = await accounts.beginTotpEnrolment(admin.id);
    await assert.rejects(accounts.confirmTotp(admin.id, '000000'), rejectsWith(400, 'identity.totp_invalid'));
    const now = Date.now();
    await accounts.confirmTotp(admin.id, code(secret, now));
    assert.equal((await accounts.signInOfficial('quantri', 'Admin pass 2026')).status, 'totp_required');
    assert.equal(await accounts.verifyTotp(admin.id, code(secret, now)), false, 'the enrolment code cannot be replayed');
    assert.equal(await accounts.verifyTotp(admin.id, code(secret, now + 30_000)), true);
    assert.equal(await accounts.verifyTotp(admin.id, code(secret, now + 30_000)), false, 'a code works once');
  });

  it('scopes role grants to the granter’s agencies and permissions', async () => {
    const official = (await accounts.listOfficials(deptAdmin, { limit: 10, offset: 0 })).items.find((o) => o.username === 'can.bo1');
    const roles = await accounts.listRoles();
    const desk = roles.find((r) => r.code === 'one_stop_officer');
    const sysadmin = roles.find((r) => r.code === 'system_admin');
    await assert.rejects(accounts.assignRole(deptAdmin, official?.id ?? '', { roleId: desk?.id ?? '', agencyId: DEPT_B, scope: 'agency' }), rejectsWith(403, 'identity.out_of_scope'));
    await assert.rejects(accounts.assignRole(deptAdmin, official?.id ?? '', { roleId: sysadmin?.id ?? '', agencyId: DEPT_A, scope: 'agency' }), rejectsWith(403, 'identity.grant_exceeds_own'));
    const provinceOfficial = (await accounts.listOfficials(provinceAdmin, { limit: 10, offset: 0 })).items.find((o) => o.username === 'quantri');
    await assert.rejects(accounts.getOfficial(deptAdmin, provinceOfficial?.id ?? ''), rejectsWith(403, 'identity.out_of_scope'));
    // The department admin lists only officials of its own subtree.
    assert.deepEqual((await accounts.listOfficials(deptAdmin, { limit: 10, offset: 0 })).items.map((o) => o.username), ['can.bo1']);
  });

  it('refuses a stale version with 409', async () => {
    const official = (await accounts.listOfficials(deptAdmin, { limit: 10, offset: 0, q: 'le van mot' })).items[0];
    assert.equal(official?.fullName, 'Lê Văn Một', 'search works without diacritics');
    await accounts.updateOfficial(deptAdmin, official?.id ?? '', { fullName: 'Lê Văn Hai', version: official?.version ?? 0 });
    await assert.rejects(accounts.updateOfficial(deptAdmin, official?.id ?? '', { fullName: 'Lê Văn Ba', version: official?.version ?? 0 }), rejectsWith(409, 'identity.version_conflict'));
  });

  it('links a VNeID citizen by personal id number, once, even when two sign-ins race', async () => {
    const personalId = '087190012345';
    const [a, b] = await Promise.all([accounts.linkCitizen({ personalId, fullName: 'Nguyễn Văn An' }), accounts.linkCitizen({ personalId, fullName: 'Nguyễn Văn An' })]);
    assert.equal(a.id, b.id);
    const again = await accounts.linkCitizen({ personalId, fullName: 'Nguyễn Văn An', enterpriseCode: '0301234567' });
    assert.equal(again.id, a.id);
    assert.equal(again.enterpriseCode, '0301234567');
    await assert.rejects(accounts.linkCitizen({ personalId: '12345', fullName: 'X' }), rejectsWith(400, 'identity.invalid_personal_id'));
    const me = await accounts.me({ kind: 'user', userId: a.id, userType: 'citizen', displayName: '', grants: [] });
    assert.equal(me.personalIdMasked, '*********345');
  });
});
