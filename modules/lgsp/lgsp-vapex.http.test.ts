import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { vapexSandbox, type RunningSandbox, setSandboxFaults, type FaultSettings } from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { type JobRunner, queryRows } from '../../packages/platform/index.ts';
import { VAPEX_SYNC_QUEUE } from './index.ts';
import { lgspApi, registerRecordsService, startTestSandbox, vapexJobRunner, vapexToken } from './lgsp.test-support.ts';

/**
 * Publication on V-APEX over real HTTP to the V-APEX sandbox: the administrator's choice never
 * waits for V-APEX; the job registers and publishes the service, follows a new version of its
 * description and its lifecycle, and retries while V-APEX is down.
 */

const v2 = { openapi: '3.1.0', info: { title: 'Hộ tịch', version: '2.0.0' }, paths: { '/records/{id}': { get: {} }, '/records': { post: {} } } };

interface VapexView { id: string; status: string; version: string; providerCode: string; versions: { version: string }[]; openapi: { info: { version: string } } }

describe('LGSP: publication of chosen services on V-APEX', () => {
  let sandbox: RunningSandbox;
  let t: TestPlatform;
  let admin: string;
  let runner: JobRunner;
  let serviceId = '';
  let consumerToken = '';

  const { api } = lgspApi(() => t, () => admin);
  /** What another province sees of V-APEX's catalogue. */
  const onVapex = async (id: string): Promise<VapexView | undefined> => {
    const response = await fetch(`${sandbox.url}/vapex/api/v1/apis/${id}`, { headers: { authorization: `Bearer ${consumerToken}` } });
    return response.status === 404 ? undefined : (await response.json()) as VapexView;
  };
  const faults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(sandbox.url, 'vapex', settings);
  const publication = async () => (await api('GET', `/services/${serviceId}/vapex`)).json() as { vapexId: string | null; state: string; published: boolean; syncedVersion: number | null; lastError: string | null };
  /** Backoff is the job platform's business (tested there); here every wait is brought forward. */
  const dueNow = () => t.database.db.execute(sql`update platform.jobs set run_at = now() where status = 'pending' and queue = ${VAPEX_SYNC_QUEUE}`);

  before(async () => {
    sandbox = await startTestSandbox(vapexSandbox());
    t = await createTestPlatform({ VAPEX_API_URL: `${sandbox.url}/vapex` });
    admin = await adminToken(t);
    runner = vapexJobRunner(t, { send: async () => ({ messageId: "none" }), close: () => undefined });
    consumerToken = await vapexToken(sandbox.url, 'consumer-h29', 'sandbox-vapex-secret-h29');

    serviceId = await registerRecordsService(t, api);
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('refuses a choice without lgsp.manage, and an unknown service, writing nothing', async () => {
    const forbidden = await api('PUT', `/services/${serviceId}/vapex`, { publish: true }, await t.clientToken());
    assert.equal(forbidden.statusCode, 403);
    const unknown = await api('PUT', '/services/00000000-0000-4000-8000-000000000000/vapex', { publish: true });
    assert.equal(unknown.statusCode, 404);
    assert.equal((await api('GET', `/services/${serviceId}/vapex`)).json().code, 'lgsp.vapex_not_chosen');
    const jobs = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.jobs where queue = ${VAPEX_SYNC_QUEUE}`);
    assert.equal(jobs[0]!.n, 0);
  });

  it('publishes a chosen service once it is published here, never waiting for V-APEX', async () => {
    await faults({ down: true });
    const chosen = await api('PUT', `/services/${serviceId}/vapex`, { publish: true });
    assert.equal(chosen.statusCode, 200, chosen.body);
    assert.equal(chosen.json().state, 'pending', 'the choice is stored although V-APEX is down');
    await faults(null);
    await runner.drain();
    assert.equal((await publication()).vapexId, null, 'a draft is not registered yet');

    assert.equal((await api('PUT', `/services/${serviceId}/status`, { status: 'published' })).statusCode, 200);
    await runner.drain();
    const state = await publication();
    assert.equal(state.state, 'synced', JSON.stringify(state));
    assert.equal(state.published, true);
    const there = (await onVapex(state.vapexId!))!;
    assert.equal(there.status, 'published');
    assert.equal(there.version, '1.0.0');
    assert.equal(there.providerCode, '000.00.00.H19');
  });

  it('sends a new version of the description when the service is refreshed', async () => {
    const refreshed = await api('POST', `/services/${serviceId}/refresh`, { openApi: v2 });
    assert.equal(refreshed.json().changed, true);
    assert.equal((await publication()).state, 'pending');
    await runner.drain();
    const state = await publication();
    assert.equal(state.syncedVersion, 2);
    const there = (await onVapex(state.vapexId!))!;
    assert.equal(there.openapi.info.version, '2.0.0');
    assert.deepEqual(there.versions.map((v) => v.version), ['1.0.0', '2.0.0']);
  });

  it('retries while V-APEX fails, then catches up', async () => {
    await faults({ failNext: 100, failStatus: 503 });
    assert.equal((await api('PUT', `/services/${serviceId}/status`, { status: 'deprecated' })).statusCode, 200, 'the lifecycle step does not wait for V-APEX');
    await runner.drain();
    const failing = await publication();
    assert.equal(failing.state, 'failed');
    assert.match(failing.lastError ?? '', /503|vapex/i);
    const [job] = await queryRows<{ status: string; attempts: number }>(t.database.db, sql`
      select status, attempts from platform.jobs where queue = ${VAPEX_SYNC_QUEUE} order by id desc limit 1`);
    assert.deepEqual([job!.status, job!.attempts], ['pending', 1], 'the job waits to try again');
    // Its last attempt fails too: a dead letter, visible as such.
    await t.database.db.execute(sql`update platform.jobs set max_attempts = 2 where queue = ${VAPEX_SYNC_QUEUE} and status = 'pending'`);
    await dueNow();
    await runner.drain();
    const [dead] = await queryRows<{ status: string; last_error: string }>(t.database.db, sql`
      select status, last_error from platform.jobs where queue = ${VAPEX_SYNC_QUEUE} order by id desc limit 1`);
    assert.equal(dead!.status, 'dead');
    assert.match(dead!.last_error, /503/);

    await faults(null);
    assert.equal((await onVapex(failing.vapexId!))?.status, 'published', 'V-APEX still shows the old state');
    // The administrator chooses again: a fresh job catches up.
    assert.equal((await api('PUT', `/services/${serviceId}/vapex`, { publish: true })).statusCode, 200);
    await runner.drain();
    const state = await publication();
    assert.equal(state.state, 'synced');
    assert.equal(state.published, false);
    assert.equal(await onVapex(state.vapexId!), undefined, 'a deprecated service is withdrawn from the catalogue');
  });

  it('keeps a retired service withdrawn, and a withdrawal asked by the administrator', async () => {
    assert.equal((await api('PUT', `/services/${serviceId}/status`, { status: 'retired' })).statusCode, 200);
    await runner.drain();
    const state = await publication();
    assert.deepEqual([state.state, state.published], ['synced', false]);
    const withdrawn = await api('PUT', `/services/${serviceId}/vapex`, { publish: false });
    assert.equal(withdrawn.json().wanted, false);
    await runner.drain();
    assert.equal(await onVapex(state.vapexId!), undefined);
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from platform.audit_log where action like '%vapex%'`);
    assert.ok(audit[0]!.n >= 2, 'the choices are in the audit trail');
  });
});
