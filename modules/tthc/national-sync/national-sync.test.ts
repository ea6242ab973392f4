import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { DEFAULT_ADMIN_TOKEN, dvcqgSandbox, startSandbox, type RunningSandbox, setSandboxFaults, type FaultSettings } from '../../../apps/sandbox/index.ts';
import { createDvcqgPortal, createMailer, createSmsSender } from '../../../packages/national/index.ts';
import { JobRunner, queryRows, type Principal } from '../../../packages/platform/index.ts';
import { act, birthSubmission, footprint, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import { NATIONAL_SYNC_QUEUE, type NationalSyncOptions } from '../index.ts';
import type { Dossier } from '../dossier/dossier.types.ts';

/**
 * Every dossier change reaches the national portal (the DVCQG sandbox over real HTTP) through
 * the outbox: in order per dossier, retried with backoff while the portal is down, never
 * duplicated there, dead letters visible and retried by an administrator.
 */
describe('sync with the national portal', () => {
  const PUBLIC_URL = 'https://dichvucong.dongthap.example';
  let w: World;
  let sandbox: RunningSandbox;
  let admin: Principal;
  const headers = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, 'content-type': 'application/json' };

  before(async () => {
    w = await setUpWorld('2026-11-23T02:00:00.000Z', { PUBLIC_URL });
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [dvcqgSandbox()] });
    admin = { kind: 'user', userId: 'sync-admin', userType: 'official', displayName: 'Quản trị', grants: [{ agencyId: (await w.catalog.rootAgency()).id, scope: 'subtree', permissions: ['dvcqg.sync'] }] };
  });
  after(async () => {
    await sandbox.close();
    await w.close();
  });

  /** A worker with only the sync queue (notices are other tests' business). */
  function worker(options: NationalSyncOptions = {}): JobRunner {
    const portal = createDvcqgPortal({ apiUrl: `${sandbox.url}/dvcqg`, clientId: 'sen-dongthap', clientSecret: 'sandbox-dvcqg-secret-h19', timeoutMs: 2000 });
    // The mail and SMS senders are never called here: only the sync queue is handled.
    const handlers = w.tthc.jobHandlers({
      mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'x@example.com' }), sms: createSmsSender({ apiUrl: 'http://127.0.0.1:9', clientId: 'x', apiKey: 'x', brandname: 'X' }),
      dvcqg: portal, dvcqgSync: options,
    });
    return new JobRunner(w.database.db, { handlers: { [NATIONAL_SYNC_QUEUE]: handlers[NATIONAL_SYNC_QUEUE]! } });
  }
  const faults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(sandbox.url, 'dvcqg', settings);
  const onPortal = async (code: string) => {
    const response = await fetch(`${sandbox.url}/dvcqg/_admin/dossiers/${code}`, { headers });
    return response.status === 404 ? undefined : (await response.json()) as { history: { status: number; at: string }[]; dossier: { results?: { url: string }[]; applicant: { personalIdMasked?: string } } };
  };
  /** Backoff is the point elsewhere; here the test brings every wait forward instead of sleeping. */
  const dueNow = async () => {
    await w.database.db.execute(sql`update tthc.national_syncs set next_attempt_at = now() where state = 'pending'`);
    await w.database.db.execute(sql`update platform.jobs set run_at = now() where status = 'pending'`);
  };
  const offering = () => w.offering('1.001193', 'TAM.H19.X001');
  async function file(): Promise<Dossier> {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    return (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await offering(), submission })).dossier;
  }
  async function toResult(start: Dossier): Promise<Dossier> {
    let dossier = await act(w, w.desk, start, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    dossier = await act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    return act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });
  }

  it('a dossier\'s whole life appears on the portal, every status once and in order, with the result\'s download link', async () => {
    let dossier = await file();
    dossier = await toResult(dossier);
    dossier = await act(w, w.desk, dossier, { action: 'attach_result', files: [(await upload(w, w.desk, 'ket-qua')).uploadId] });
    dossier = await act(w, w.desk, dossier, { action: 'return', method: 'desk' });
    const rows = await queryRows<{ seq: number; national_status: number; action: string }>(w.database.db, sql`
      select seq, national_status, action from tthc.national_syncs where dossier_id = ${dossier.id} order by seq`);
    assert.deepEqual(rows.map((r) => [r.action, r.national_status]), [['submit', 1], ['accept', 2], ['accept', 4], ['transition', 9], ['attach_result', 9], ['return', 10]]);
    assert.equal(await onPortal(dossier.code), undefined, 'nothing is sent inside the transaction');

    await worker().drain();
    const copy = (await onPortal(dossier.code))!;
    assert.deepEqual(copy.history.map((h) => h.status), [1, 2, 4, 9, 10], 'the result attached at status 9 adds no second 9');
    assert.equal(copy.dossier.applicant.personalIdMasked?.includes('*'), true, 'the personal id leaves masked');
    const file0 = dossier.files.find((f) => f.kind === 'result')!;
    assert.deepEqual(copy.dossier.results?.map((r) => r.url), [`${PUBLIC_URL}/api/tthc/dossiers/${dossier.id}/files/${file0.id}`]);

    // A worker that crashed after the portal answered sends again: the portal records nothing twice.
    await w.database.db.execute(sql`update tthc.national_syncs set state = 'pending', attempts = 0 where dossier_id = ${dossier.id}`);
    await w.database.db.execute(sql`insert into platform.jobs (queue, payload) values (${NATIONAL_SYNC_QUEUE}, ${JSON.stringify({ dossierId: dossier.id })}::jsonb)`);
    await worker().drain();
    assert.deepEqual((await onPortal(dossier.code))!.history.map((h) => h.status), [1, 2, 4, 9, 10]);
  });

  it('while the portal is down statuses wait with backoff, then arrive in order and once', async () => {
    await faults({ down: true });
    let dossier = await file();
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    const runner = worker();
    await runner.drain();
    assert.equal(await onPortal(dossier.code), undefined);
    const failing = await w.tthc.nationalSyncs.list(admin, { view: 'failing', limit: 20, offset: 0 });
    const mine = failing.items.filter((i) => i.dossierId === dossier.id);
    assert.deepEqual(mine.map((i) => [i.seq, i.state, i.attempts]), [[1, 'failing', 1]], 'only the head is tried; later rows wait behind it');
    assert.match(mine[0]!.lastError!, /unreachable/);
    assert.ok(Date.parse(mine[0]!.nextAttemptAt!) > Date.now(), 'backing off');
    assert.equal(await runner.drain(), 0, 'nothing is due before the backoff ends');

    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    dossier = await act(w, w.leader, dossier, { action: 'pause', reason: 'Chờ xác minh' });
    dossier = await act(w, w.leader, dossier, { action: 'resume' });
    // Back up but flaky (a 0.3^10 chance that a row fails all ten attempts).
    await faults({ down: false, errorRate: 0.3, failStatus: 503 });
    for (let round = 0; round < 15; round++) {
      await dueNow();
      await runner.drain();
    }
    await faults(null);
    await dueNow();
    await runner.drain();
    const expected = (await queryRows<{ national_status: number }>(w.database.db, sql`
      select national_status from tthc.national_syncs where dossier_id = ${dossier.id} order by seq`)).map((r) => r.national_status);
    assert.deepEqual(expected, [1, 2, 4, 8, 4], 'filed, received, processing, paused, processing again');
    assert.deepEqual((await onPortal(dossier.code))!.history.map((h) => h.status), expected);
    assert.equal((await w.tthc.nationalSyncs.list(admin, { view: 'open', limit: 20, offset: 0 })).items.filter((i) => i.dossierId === dossier.id).length, 0);
  });

  it('a dead letter holds back the dossier\'s later statuses until an administrator retries it', async () => {
    const runner = worker({ maxAttempts: 2 });
    await faults({ errorRate: 1, failStatus: 502 });
    let dossier = await file();
    await runner.drain();
    await dueNow();
    await runner.drain();
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    await dueNow();
    await runner.drain();
    const dead = (await w.tthc.nationalSyncs.list(admin, { view: 'dead', limit: 20, offset: 0 })).items.filter((i) => i.dossierId === dossier.id);
    assert.deepEqual(dead.map((i) => [i.seq, i.attempts]), [[1, 2]]);
    assert.match(dead[0]!.lastError!, /502/);
    const waiting = (await w.tthc.nationalSyncs.list(admin, { view: 'pending', limit: 20, offset: 0 })).items.filter((i) => i.dossierId === dossier.id);
    assert.deepEqual(waiting.map((i) => i.seq), [2, 3], 'later statuses are never sent before the dead one');
    await assert.rejects(w.tthc.nationalSyncs.retry(w.leader, dead[0]!.id), (e: { status: number; code: string }) => e.status === 403 && e.code === 'national_sync.forbidden');

    await faults(null);
    const retried = await w.tthc.nationalSyncs.retry(admin, dead[0]!.id);
    assert.equal(retried.state, 'pending');
    await runner.drain();
    assert.deepEqual((await onPortal(dossier.code))!.history.map((h) => h.status), [1, 2, 4]);
    await assert.rejects(w.tthc.nationalSyncs.retry(admin, dead[0]!.id), (e: { status: number; code: string }) => e.status === 409 && e.code === 'national_sync.already_sent');
  });

  it('an offering set to file online on the national portal refuses online filing here with a clear code, writing nothing', async () => {
    const offeringId = await offering();
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    await w.database.db.execute(sql`update tthc.offerings set online_filing_portal = 'national' where id = ${offeringId}`);
    try {
      const before = await footprint(w);
      await assert.rejects(w.tthc.dossiers.submitOnline(w.citizen, { offeringId, submission }), (e: { status: number; code: string }) => e.status === 422 && e.code === 'dossier.file_on_national_portal');
      assert.equal(await footprint(w), before);
    } finally {
      await w.database.db.execute(sql`update tthc.offerings set online_filing_portal = 'provincial' where id = ${offeringId}`);
    }
  });
});
