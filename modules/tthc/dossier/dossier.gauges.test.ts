import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { act, birthSubmission, setUpWorld, upload, type World } from './dossier.test-support.ts';

describe('dossier gauges (read at scrape time)', () => {
  let w: World;
  let offeringId: string;
  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z'); // Monday 09:00 in Việt Nam
    offeringId = await w.offering('1.001193', 'TAM.H19.X001');
  });
  after(() => w.close());

  const file = async () => {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    return (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission })).dossier;
  };
  const value = (samples: { labels?: Record<string, string>; value: number }[], status: string) => samples.find((s) => s.labels?.status === status)?.value;

  it('counts dossiers by status, and those past their promised date, in one read', async () => {
    await file();
    const accepted = await act(w, w.desk, await file(), { action: 'accept' });
    assert.equal(accepted.dueDate, '2026-11-23');

    const today = await w.tthc.gauges.read();
    assert.equal(value(today.sen_tthc_dossiers!, 'submitted'), 1);
    assert.equal(value(today.sen_tthc_dossiers!, 'processing'), 1);
    assert.equal(value(today.sen_tthc_dossiers!, 'completed'), 0, 'every status is reported, zeros included');
    assert.equal(value(today.sen_tthc_dossiers_overdue!, 'processing'), 0, 'due today is not overdue');

    w.clock.set('2026-11-25T02:00:00.000Z');
    const later = await w.tthc.gauges.read();
    assert.equal(value(later.sen_tthc_dossiers_overdue!, 'processing'), 1);
    assert.equal(value(later.sen_tthc_dossiers_overdue!, 'submitted'), 0, 'not yet received: no promised date');
  });
});
