import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCa, type StartedCa } from '../../../apps/sandbox/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { renderNotice } from '../documents/index.ts';
import { sampleStop } from '../documents/samples.ts';
import { act, birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';

/** Results the leader signed are in the holder's store (from the results registry): listed, downloaded, reused; nobody else's. */
describe('results in the e-data store', () => {
  let ca: StartedCa;
  let w: World;

  before(async () => {
    ca = await startCa();
    w = await setUpWorld('2026-11-23T02:00:00.000Z', {
      SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt`,
    }, { signing: true });
  });
  after(async () => {
    await w.close();
    await ca.sandbox.close();
  });

  it('the signed result is listed in the holder\'s store with its registry entry, downloads as signed, reuses; another person gets not found', async () => {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    let dossier = (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission })).dossier;
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    const result = await w.tthc.uploads.accept(w.specialist, { fileName: 'Trich-luc-khai-sinh.pdf', declaredType: 'application/pdf', bytes: await renderNotice(sampleStop) });
    dossier = await act(w, w.specialist, dossier, { action: 'attach_result', files: [result.id] });
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    dossier = await act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });

    const items = await w.tthc.store.list(w.citizen);
    const entry = items.find((d) => d.source === 'result');
    assert.ok(entry, 'the result is in the store');
    assert.match(entry.id, /^KQ-/);
    assert.equal(entry.result?.status, 'valid');
    assert.equal(entry.holder, '*********234');

    const file = await w.tthc.store.file(w.citizen, entry.id);
    const signed = await w.tthc.dossiers.fileContent(w.citizen, dossier.id, dossier.files.find((f) => f.kind === 'result')!.id);
    assert.ok(file.bytes.equals(signed.bytes), 'the signed PDF the dossier returns');
    const reused = await w.tthc.store.reuse(w.citizen, entry.id);
    assert.equal(reused.storeDocumentId, entry.id);

    const other = await w.signInWithVneid({ personalId: '087190005678', fullName: 'Lê Thị Bình' });
    assert.deepEqual((await w.tthc.store.list(other)).map((d) => d.id), []);
    await assert.rejects(w.tthc.store.file(other, entry.id), rejectsWith(404, 'store.document_not_found'));
  });
});
