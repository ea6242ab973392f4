import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citizens, REFERENCE_DATE } from '../citizens/generator.ts';
import { isValidEnterpriseCode } from '../citizens/enterprise-code.ts';
import { foldVietnamese } from '../citizens/random.ts';
import { VSIC_LINES } from './catalog.ts';
import { ENTERPRISE_COUNT, adulthood, enterprises } from './generator.ts';
import { PEOPLE_POOL } from './people.ts';

const SEED = 'enterprise-test';
const people = citizens(SEED);
const directory = enterprises(SEED, people);
const all = directory.list(0, ENTERPRISE_COUNT);

test('2,000 enterprises with unique, valid codes of the Đồng Tháp tax prefixes', () => {
  assert.equal(directory.count, 2000);
  assert.equal(all.length, 2000);
  const codes = new Set(all.map((e) => e.code));
  assert.equal(codes.size, 2000);
  for (const enterprise of all) {
    assert.ok(isValidEnterpriseCode(enterprise.code), enterprise.code);
    assert.match(enterprise.code, /^1[42]/);
    assert.equal(directory.byCode(enterprise.code), enterprise);
  }
  assert.equal(directory.byCode('0100109106'), undefined);
});

test('names are unique regardless of diacritics, and open with their legal form', () => {
  assert.equal(new Set(all.map((e) => foldVietnamese(e.name))).size, all.length);
  const opening = { one_member_llc: 'Công ty TNHH', multi_member_llc: 'Công ty TNHH', joint_stock: 'Công ty Cổ phần', private: 'Doanh nghiệp tư nhân', partnership: 'Công ty Hợp danh' };
  for (const enterprise of all) assert.ok(enterprise.name.startsWith(`${opening[enterprise.type]} `), enterprise.name);
  assert.ok(all.filter((e) => e.type === 'private').every((e) => e.internationalName === null));
  assert.ok(all.some((e) => e.internationalName !== null && e.shortName !== null));
});

test('the mix of forms and statuses looks like a real registry', () => {
  const share = (predicate: (e: (typeof all)[number]) => boolean) => all.filter(predicate).length / all.length;
  assert.ok(share((e) => e.status === 'active') > 0.8);
  assert.ok(share((e) => e.status === 'suspended') > 0.02);
  assert.ok(share((e) => e.status === 'dissolved') > 0.02);
  for (const type of ['one_member_llc', 'multi_member_llc', 'joint_stock', 'private', 'partnership'] as const) {
    assert.ok(share((e) => e.type === type) > 0.002, type);
  }
  assert.ok(share((e) => e.type === 'one_member_llc') > share((e) => e.type === 'joint_stock'));
});

test('same seed gives identical data; another seed gives other enterprises', () => {
  assert.deepEqual(enterprises(SEED, citizens(SEED)).list(0, ENTERPRISE_COUNT), all);
  const other = enterprises('another-seed', citizens('another-seed')).list(0, ENTERPRISE_COUNT);
  const shared = other.filter((e) => directory.byCode(e.code)).length;
  assert.ok(shared < 10, `${shared} codes shared between seeds`);
  assert.notDeepEqual(other.map((e) => e.name), all.map((e) => e.name));
});

test('search ignores diacritics and case, and finds codes by their first digits', () => {
  const target = all[123]!;
  const found = directory.search(foldVietnamese(target.name).toUpperCase(), 50);
  assert.ok(found.includes(target));
  const loose = directory.search('cong ty co phan', 30);
  assert.equal(loose.length, 30);
  assert.ok(loose.every((e) => e.type === 'joint_stock'));
  assert.deepEqual(directory.search('phú hưng', 100), directory.search('PHU   HUNG', 100));
  assert.ok(directory.search('phu hung', 100).length > 0);
  assert.deepEqual(directory.search(target.code, 5), [target]);
  assert.deepEqual(directory.search('không có doanh nghiệp này'), []);
});

test('representatives, owners and members are listed adult citizens', () => {
  for (const enterprise of all) {
    const involved = [enterprise.legalRepresentative, ...(enterprise.owner ? [enterprise.owner] : []), ...enterprise.members];
    for (const person of involved) {
      const citizen = people.byId(person.personalId);
      assert.ok(citizen && citizen.index !== null && citizen.index < PEOPLE_POOL, person.personalId);
      assert.equal(citizen.fullName, person.fullName);
      assert.ok(adulthood(citizen.dateOfBirth) <= REFERENCE_DATE, `${person.personalId} born ${citizen.dateOfBirth}`);
      assert.ok(enterprise.registeredOn >= adulthood(citizen.dateOfBirth), `${enterprise.code} registered before ${person.fullName} was 18`);
    }
    assert.ok(enterprise.legalRepresentative.title.length > 0);
    if (enterprise.type === 'private') {
      assert.equal(enterprise.legalRepresentative.title, 'Chủ doanh nghiệp');
      assert.equal(enterprise.owner?.personalId, enterprise.legalRepresentative.personalId);
    }
    if (enterprise.type === 'private' || enterprise.type === 'one_member_llc') assert.ok(enterprise.owner);
    else {
      assert.equal(enterprise.owner, null);
      assert.ok(enterprise.members.length >= 2);
      assert.equal(enterprise.members.reduce((sum, m) => sum + m.capitalVnd, 0), enterprise.charterCapitalVnd);
    }
  }
});

test('business lines are VSIC 2018 codes with one main line; locations carry 5-digit codes', () => {
  for (const enterprise of all) {
    assert.equal(enterprise.businessLines.filter((l) => l.main).length, 1);
    for (const line of enterprise.businessLines) assert.equal(line.name, VSIC_LINES[line.code]);
    assert.equal(new Set(enterprise.businessLines.map((l) => l.code)).size, enterprise.businessLines.length);
    enterprise.businessLocations.forEach((location, i) => assert.equal(location.locationCode, String(i + 1).padStart(5, '0')));
    assert.ok(Number.isSafeInteger(enterprise.charterCapitalVnd) && enterprise.charterCapitalVnd >= 100_000_000);
    assert.match(enterprise.registeredOn, /^(199[5-9]|20[0-2]\d)-\d{2}-\d{2}$/);
    assert.ok(enterprise.registeredOn <= '2025-12-31');
    assert.match(enterprise.phone, /^0\d{9,10}$/);
    assert.equal(enterprise.address.province, 'Tỉnh Đồng Tháp');
  }
  assert.ok(all.some((e) => e.businessLocations.length > 0));
  assert.ok(all.some((e) => e.businessLines.some((l) => l.code === '1020' && l.main)));
});
