import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import { POPULAR_COUNT } from './portal.service.ts';

/** The home page's data on a real database: the most filed procedures first, then online ones. */
describe('portal home', () => {
  let w: World;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z');
  });
  after(() => w.close());

  it('lists online procedures by code on a young installation, the owning agency, and no help line unless configured', async () => {
    const home = await w.tthc.portal.home();
    assert.equal(home.popular.length, POPULAR_COUNT);
    const codes = home.popular.map((p) => p.nationalCode);
    assert.deepEqual(codes, [...codes].sort(), 'by national code');
    for (const p of home.popular) assert.ok((await w.tthc.procedures.get(p.id)).methods.includes('online'), `${p.nationalCode} is filed online`);
    assert.equal(home.owner.name, (await w.catalog.rootAgency()).name);
    assert.equal(home.serviceCentre?.name, 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp');
    assert.equal(home.hotline, null);
  });

  it('puts the procedure with the most dossiers first', async () => {
    const offeringId = await w.offering('1.001193', 'TAM.H19.X001');
    const birth = await w.tthc.procedures.getByCode('1.001193');
    const before = await w.tthc.portal.home();
    for (let i = 0; i < 2; i++) {
      const submission = birthSubmission();
      submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
      await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission });
    }
    const home = await w.tthc.portal.home();
    assert.equal(home.popular[0]!.id, birth.id);
    assert.equal(home.popular.length, POPULAR_COUNT);
    assert.equal(new Set(home.popular.map((p) => p.id)).size, POPULAR_COUNT, 'no procedure twice');
    assert.notDeepEqual(home.popular, before.popular);
  });
});
