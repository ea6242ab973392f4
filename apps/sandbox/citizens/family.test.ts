import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCitizen, listCitizens } from './generator.ts';
import { parsePersonalId } from './personal-id.ts';

const SEED = 'test-seed';

test('parents, spouse, temporary residence and card are plausible and agree with the citizen', () => {
  let married = 0;
  let temporary = 0;
  for (const citizen of listCitizens(SEED, 0, 400)) {
    const year = Number(citizen.dateOfBirth.slice(0, 4));
    const father = parsePersonalId(citizen.father.personalId, new Date('2026-01-01'));
    const mother = parsePersonalId(citizen.mother.personalId, new Date('2026-01-01'));
    assert.ok(father && mother, citizen.personalId);
    assert.equal(father.sex, 'male');
    assert.equal(mother.sex, 'female');
    // The father carries the citizen's family name; both parents are old enough, born no earlier than 1900.
    assert.ok(citizen.father.fullName.startsWith(`${citizen.familyName} `), citizen.father.fullName);
    assert.ok(year - father.birthYear >= 20 || father.birthYear === 1900, `${year} ${father.birthYear}`);
    assert.ok(year - mother.birthYear >= 15 && mother.birthYear >= 1900, `${year} ${mother.birthYear}`);
    assert.equal(citizen.spouse !== null, citizen.maritalStatus === 'married');
    if (citizen.spouse) {
      married++;
      const spouse = parsePersonalId(citizen.spouse.personalId, new Date('2026-01-01'))!;
      assert.notEqual(spouse.sex, citizen.sex);
      assert.ok(Math.abs(spouse.birthYear - year) <= 6 || spouse.birthYear === 2007, `${year} ${spouse.birthYear}`);
    }
    assert.equal(citizen.temporaryAddress === null, citizen.currentAddress === citizen.permanentAddress);
    if (citizen.temporaryAddress) temporary++;
    const adult = citizen.phoneNumber !== null; // phone numbers start at 14, as cards do
    assert.equal(citizen.idCard !== null, adult, citizen.personalId);
    if (citizen.idCard) {
      assert.ok(citizen.idCard.issuedOn >= '2021-01-04' && citizen.idCard.issuedOn <= '2025-12-31', citizen.idCard.issuedOn);
      assert.equal(citizen.idCard.issuedBy, citizen.idCard.issuedOn >= '2024-07-01' ? 'Bộ Công an' : 'Cục Cảnh sát quản lý hành chính về trật tự xã hội');
    }
    assert.ok(citizen.placeOfBirth.length > 0);
  }
  assert.ok(married > 100 && temporary > 20, `${married} married, ${temporary} with a temporary residence`);
});

test('the family stream is deterministic', () => {
  assert.deepEqual(generateCitizen(SEED, 17).father, generateCitizen(SEED, 17).father);
  assert.notDeepEqual(generateCitizen(SEED, 17).mother, generateCitizen('other-seed', 17).mother);
});
