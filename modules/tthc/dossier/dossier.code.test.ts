import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dossierAgencyCode } from './dossier.code.ts';

const units = new Map([['commune-1', { code: '29926' }]]);
const catalog = { administrativeUnitOf: async (id: string) => units.get(id) };

describe('the agency part of a dossier code', () => {
  it('is the official agency identifier code once it is known', async () => {
    assert.equal(await dossierAgencyCode(catalog, { id: 'commune-1', code: '000.31.01.H19', placeholder: false }), '000.31.01.H19');
  });

  it('is the commune’s administrative-unit code while its agency code is provisional', async () => {
    assert.equal(await dossierAgencyCode(catalog, { id: 'commune-1', code: 'TAM.H19.X001', placeholder: true }), '29926');
  });

  it('stays the provisional code for an agency that governs no unit', async () => {
    assert.equal(await dossierAgencyCode(catalog, { id: 'department', code: 'TAM.H19.S09', placeholder: true }), 'TAM.H19.S09');
  });
});
