import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enterpriseCheckDigit, generateEnterpriseCode, isValidEnterpriseCode } from './enterprise-code.ts';
import { indexForSequence, isValidPersonalId, parsePersonalId, sequenceForIndex } from './personal-id.ts';

test('personal ids: century/sex digit and year are read per Circular 59/2021', () => {
  assert.deepEqual(parsePersonalId('087085001234'), { provinceCode: '087', sex: 'male', birthYear: 1985, sequence: '001234' });
  assert.deepEqual(parsePersonalId('082310004321'), { provinceCode: '082', sex: 'female', birthYear: 2010, sequence: '004321' });
  assert.equal(isValidPersonalId('087227000001', new Date('2026-06-01')), false, 'born in 2027 is in the future');
  assert.equal(isValidPersonalId('087226000001', new Date('2026-06-01')), true);
  assert.equal(isValidPersonalId('003085001234'), false, '003 is not a province code');
});

test('the sequence permutation is a bijection that can be inverted', () => {
  const seen = new Set<string>();
  for (let index = 0; index < 20_000; index++) {
    const sequence = sequenceForIndex('s', index);
    assert.match(sequence, /^\d{6}$/);
    seen.add(sequence);
    assert.equal(indexForSequence('s', sequence), index);
  }
  assert.equal(seen.size, 20_000);
});

test('enterprise codes carry the weighted check digit and refuse prefixes whose check is 10', () => {
  // 0100109106 (a real, published tax code) has a valid check digit.
  assert.equal(isValidEnterpriseCode('0100109106'), true);
  assert.equal(isValidEnterpriseCode('0100109107'), false);
  assert.equal(isValidEnterpriseCode('010010910'), false);
  let refused = 0;
  for (let n = 0; n < 2000; n++) {
    const prefix = String(140_000_000 + n);
    if (enterpriseCheckDigit(prefix) === undefined) refused++;
  }
  assert.ok(refused > 0, 'some prefixes have no check digit');
  for (let n = 0; n < 500; n++) {
    const code = generateEnterpriseCode(`key-${n}`);
    assert.ok(isValidEnterpriseCode(code), code);
    assert.match(code, /^1[24]\d{8}$/);
  }
  assert.equal(generateEnterpriseCode('same'), generateEnterpriseCode('same'));
});
