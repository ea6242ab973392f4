import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citizenById, generateCitizen, listCitizens, personalIdForIndex, searchCitizens } from './generator.ts';
import { isValidPersonalId, parsePersonalId } from './personal-id.ts';
import { COMMUNES } from './places.ts';

const SEED = 'test-seed';

test('the same seed and index give the same citizen; another seed gives other people', () => {
  assert.deepEqual(generateCitizen(SEED, 42), generateCitizen(SEED, 42));
  assert.deepEqual(listCitizens(SEED, 0, 50), listCitizens(SEED, 0, 50));
  const other = listCitizens('another-seed', 0, 50);
  const mine = listCitizens(SEED, 0, 50);
  const sameIds = other.filter((c, i) => c.personalId === mine[i]!.personalId).length;
  assert.ok(sameIds < 3, `seeds should differ, ${sameIds} ids coincide`);
  assert.notDeepEqual(other.map((c) => c.fullName), mine.map((c) => c.fullName));
});

test('10,000 citizens: ids valid, unique, consistent with sex and date of birth; names carry diacritics', () => {
  const all = listCitizens(SEED, 0, 10_000);
  const ids = new Set<string>();
  let withDiacritics = 0;
  const family = new Map<string, number>();
  let dongThap = 0;
  for (const citizen of all) {
    assert.ok(isValidPersonalId(citizen.personalId), citizen.personalId);
    ids.add(citizen.personalId);
    const parts = parsePersonalId(citizen.personalId)!;
    assert.equal(parts.sex, citizen.sex);
    assert.equal(String(parts.birthYear), citizen.dateOfBirth.slice(0, 4));
    assert.equal(parts.provinceCode, citizen.birthRegistrationProvinceCode);
    assert.ok(!Number.isNaN(Date.parse(`${citizen.dateOfBirth}T00:00:00Z`)), citizen.dateOfBirth);
    const age = 2026 - parts.birthYear;
    assert.ok(age >= 1 && age <= 91, `age ${age}`);
    if (citizen.fullName !== citizen.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')) withDiacritics++;
    family.set(citizen.familyName, (family.get(citizen.familyName) ?? 0) + 1);
    if (parts.provinceCode === '087') dongThap++;
    assert.equal(citizen.fullName, `${citizen.familyName} ${citizen.middleName} ${citizen.givenName}`);
    if (citizen.phoneNumber !== null) assert.match(citizen.phoneNumber, /^0[35789]\d{8}$/);
    assert.match(citizen.permanentAddress.text, /(Phường|Xã) .+, Tỉnh Đồng Tháp$/);
  }
  assert.equal(ids.size, all.length, 'ids are unique');
  assert.ok(withDiacritics > 9000, `${withDiacritics} names with diacritics`);
  const nguyen = family.get('Nguyễn')! / all.length;
  assert.ok(nguyen > 0.3 && nguyen < 0.45, `Nguyễn share ${nguyen}`);
  assert.ok(dongThap / all.length > 0.5, 'most births registered in Đồng Tháp');
  assert.ok(new Set(all.map((c) => c.permanentAddress.commune)).size >= 30, 'addresses spread over 30+ communes');
  assert.ok(COMMUNES.length >= 30);
  assert.ok(all.some((c) => c.religion === 'Phật giáo Hòa Hảo'));
  assert.ok(all.some((c) => c.ethnicity === 'Khơ-me') && all.some((c) => c.ethnicity === 'Hoa'));
});

test('a listed citizen is found by id; any other valid id gives a derived citizen; invalid ids give nothing', () => {
  const listed = generateCitizen(SEED, 1234);
  assert.deepEqual(citizenById(SEED, listed.personalId), listed);
  assert.equal(personalIdForIndex(SEED, 1234), listed.personalId);

  const derived = citizenById(SEED, '087190000001')!;
  assert.equal(derived.index, null);
  assert.equal(derived.sex, 'female');
  assert.equal(derived.dateOfBirth.slice(0, 4), '1990');
  assert.deepEqual(citizenById(SEED, '087190000001'), derived);

  for (const bad of ['', '12345678901', '0871900000011', '999190000001', '087490000001', '087399000001', 'abcdefghijkl']) {
    assert.equal(citizenById(SEED, bad), undefined, bad);
    assert.equal(isValidPersonalId(bad), false, bad);
  }
  assert.throws(() => generateCitizen(SEED, -1), RangeError);
  assert.throws(() => generateCitizen(SEED, 1_000_000), RangeError);
});

test('search ignores diacritics and matches names or id digits', () => {
  const target = generateCitizen(SEED, 7);
  const folded = target.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toUpperCase();
  assert.ok(searchCitizens(SEED, folded).some((c) => c.personalId === target.personalId));
  assert.ok(searchCitizens(SEED, target.personalId.slice(4)).some((c) => c.personalId === target.personalId));
  assert.deepEqual(searchCitizens(SEED, target.personalId).map((c) => c.personalId), [target.personalId]);
  assert.equal(searchCitizens(SEED, '').length, 20);
  assert.deepEqual(searchCitizens(SEED, 'zzzz-nobody'), []);
});
