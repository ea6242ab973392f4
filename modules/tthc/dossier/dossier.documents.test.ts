import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placeInOrgChart, placeOfIssue } from './dossier.documents.ts';

describe('place of issue on the place-and-date line', () => {
  it('is the commune’s or ward’s own name for its People’s Committee', () => {
    assert.equal(placeOfIssue('UBND xã Tân Hồng'), 'Tân Hồng');
    assert.equal(placeOfIssue('UBND phường Cao Lãnh'), 'Cao Lãnh');
    assert.equal(placeOfIssue('Ủy ban nhân dân xã Mỹ Quí'), 'Mỹ Quí');
  });

  it('is left to the province’s default for provincial agencies', () => {
    assert.equal(placeOfIssue('Sở Tư pháp'), undefined);
    assert.equal(placeOfIssue('Ủy ban nhân dân tỉnh Đồng Tháp'), undefined);
  });
});

describe('place of issue from the org chart', () => {
  it('is the nearest People\'s Committee\'s place, the agency first, then its ancestors', () => {
    assert.equal(placeInOrgChart(['UBND xã Tân Hồng', 'UBND tỉnh Đồng Tháp']), 'Tân Hồng');
    assert.equal(placeInOrgChart(['Sở Tư pháp', 'Ủy ban nhân dân tỉnh Đồng Tháp']), 'Đồng Tháp');
    assert.equal(placeInOrgChart(['Phòng Hành chính tư pháp', 'Sở Tư pháp', 'UBND tỉnh An Giang']), 'An Giang', 'not a hard-coded province');
    assert.equal(placeInOrgChart(['Sở Tư pháp']), undefined);
  });
});

