import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placeOfIssue } from './dossier.documents.ts';

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
