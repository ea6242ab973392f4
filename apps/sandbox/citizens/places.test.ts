import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMUNES, drawAddress, drawHomeTown } from './places.ts';
import { seededRandom } from './random.ts';

/** The province's own list of its 102 communes and wards (Resolution 1663/NQ-UBTVQH15), shipped as catalog seed data. */
const OFFICIAL = readFileSync(new URL('../../../modules/catalog/seed/communes-2025.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [type, name, , , formerProvince] = line.split(',');
    return { name: `${type === 'xã' ? 'Xã' : 'Phường'} ${name}`, kind: type === 'xã' ? 'commune' : 'ward', formerProvince };
  });

const PLACEHOLDER = /chưa có tên|số 0\d/i;

describe('sandbox places', () => {
  it('are real communes and wards of Đồng Tháp, with their type and former province', () => {
    assert.equal(OFFICIAL.length, 102);
    for (const place of COMMUNES) {
      const official = OFFICIAL.find((o) => o.name === place.name);
      assert.ok(official, `${place.name} is not in the official list`);
      assert.equal(place.kind, official.kind, place.name);
      assert.equal(place.formerProvince, official.formerProvince, place.name);
    }
  });

  it('never print a placeholder name in an address or a home town', () => {
    const random = seededRandom('places-test');
    for (let i = 0; i < 500; i++) {
      assert.doesNotMatch(drawAddress(random).text, PLACEHOLDER);
      assert.doesNotMatch(drawHomeTown(random, i % 2 ? '087' : '082'), PLACEHOLDER);
    }
  });
});
