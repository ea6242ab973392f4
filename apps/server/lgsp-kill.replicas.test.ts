import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { hashClientSecret, permissionCodes } from '../../modules/identity/index.ts';
import { messageLogKey, verifyMessageLog } from '../../modules/lgsp/index.ts';
import { loadConfig, queryRows, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { buildApp, type Platform } from './app.ts';
import { replica, replicaEnvironment, scratchDir, type Replica } from './replicas.testing.ts';
import { ensureWebBuilt } from './start.ts';

/**
 * The gateway killed (SIGKILL) in the middle of a load: every exchange whose answer reached its
 * client is in the message log after the restart, exactly once, and the chain is whole. The
 * record is committed (in a group) before the answer is released, so nothing the client saw
 * can be lost; a group cut off by the kill is rolled back as a whole, its answers never sent.
 */
const WORKERS = 12;
// Answers received before the kill: enough that several groups commit while others are in flight.
const KILL_AFTER = 150;

describe('LGSP gateway killed with SIGKILL under load', () => {
  let database: Database & { url?: string };
  let gateway: Replica;
  let env: Record<string, string>;
  let echo: Server;
  let blobDir: string;
  let platform: Platform | undefined;
  let gatewayToken = '';
  let serviceId = '';
  let consumer = '';

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    if (!database.url) throw new Error('this test needs PostgreSQL: run with TEST_DATABASE_URL');
    blobDir = scratchDir('lgsp-kill-blobs');
    env = replicaEnvironment({ databaseUrl: database.url, publicUrl: 'http://sen.test', blobDir });
    await ensureWebBuilt(() => {});
    gateway = await replica('gateway', env);
    gateway.start();
    await gateway.ready();

    echo = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;

    // The registry, written through the platform in this process on the same database.
    platform = await buildApp(loadConfig({ ...env, SEN_DATA_DIR: scratchDir('lgsp-kill-setup'), LOG_LEVEL: 'silent' }), database);
    const p = platform;
    const root = (await p.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)!;
    await p.modules.identity.service.repo.insertServiceClient({ clientId: 'kill-admin', name: 'admin', secretHash: hashClientSecret('kill-admin-secret'), agencyId: root.id, permissions: permissionCodes });
    await p.modules.identity.service.repo.insertServiceClient({ clientId: 'kill-consumer', name: 'consumer', secretHash: hashClientSecret('kill-consumer-secret'), agencyId: root.id, permissions: [], scopes: ['lgsp'] });
    const token = async (clientId: string, secret: string, params: Record<string, string>) => {
      const answer = await fetch(`${gateway.url}/oidc/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
      });
      assert.equal(answer.status, 200, await answer.clone().text());
      return ((await answer.json()) as { access_token: string }).access_token;
    };
    const admin = await token('kill-admin', 'kill-admin-secret', { scope: 'api' });
    const api = async (method: string, url: string, body: object) => {
      const answer = await fetch(`${gateway.url}/api/lgsp${url}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(answer.status < 300, `${method} ${url}: ${answer.status} ${await answer.clone().text()}`);
      return (await answer.json()) as { id: string; xroadId: string };
    };
    const member = await api('POST', '/members', { agencyCode: root.code, memberClass: 'GOV' });
    const provider = await api('POST', `/members/${member.id}/subsystems`, { code: 'DATA', name: 'Dữ liệu' });
    const consumerSub = await api('POST', `/members/${member.id}/subsystems`, { code: 'ONEGATE', name: 'Một cửa', clientId: 'kill-consumer' });
    consumer = consumerSub.xroadId;
    const service = await api('POST', `/subsystems/${provider.id}/services`, { code: 'echo', name: 'Echo', baseUrl: echoUrl, openApi: { openapi: '3.0.3', info: { title: 'Echo', version: '1' }, paths: { '/echo': { post: {} } } } });
    serviceId = `${provider.xroadId}/echo`;
    await api('PUT', `/services/${service.id}/status`, { status: 'published' });
    await api('POST', `/services/${service.id}/rights`, { subsystemId: consumerSub.id });
    gatewayToken = await token('kill-consumer', 'kill-consumer-secret', { scope: 'lgsp', resource: 'http://sen.test/lgsp' });
  });

  after(async () => {
    await platform?.app.close();
    await gateway?.dispose();
    echo?.close();
    await database?.close();
    if (blobDir) rmSync(blobDir, { recursive: true, force: true });
  });

  it('every exchange whose answer the client received is in the log after the restart, once; the chain is whole', async () => {
    const answered: string[] = [];
    let failed = 0;
    let stopping = false;
    let killed: Promise<number | null> | undefined;
    const callOnce = async () => {
      const id = randomUUID();
      try {
        const answer = await fetch(`${gateway.url}/lgsp/r1/${serviceId}/echo`, {
          method: 'POST', body: JSON.stringify({ id }),
          headers: { authorization: `Bearer ${gatewayToken}`, 'x-road-client': consumer, 'x-road-id': id, 'content-type': 'application/json' },
        });
        const body = await answer.text();
        // Received in full: this answer left the gateway, so its record must be in the log.
        if (answer.status === 200 && JSON.parse(body).id === id) answered.push(id);
        else failed += 1;
      } catch {
        failed += 1;
      }
      if (answered.length >= KILL_AFTER && !killed) killed = gateway.stop('SIGKILL');
    };
    await Promise.all(Array.from({ length: WORKERS }, async () => {
      while (!stopping) {
        await callOnce();
        if (killed) stopping = true;
      }
    }));
    await killed;
    const answeredBeforeKill = answered.length;
    assert.ok(answered.length >= KILL_AFTER, `answers before the kill: ${answered.length}`);

    gateway.start();
    await gateway.ready();
    const logged = await queryRows<{ id: string; n: number }>(database.db, sql`select message_id as id, count(*)::int as n from lgsp.message_log group by message_id`);
    const counts = new Map(logged.map((r) => [r.id, r.n]));
    const missing = answered.filter((id) => !counts.has(id));
    assert.deepEqual(missing, [], `${missing.length} answered exchanges missing from the log`);
    assert.deepEqual(logged.filter((r) => r.n > 1), [], 'no exchange logged twice');
    const [monitoring] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from lgsp.operational_records`);
    assert.equal(monitoring!.n, logged.length, 'one operational record per logged exchange, committed together');

    // The restarted gateway extends the same chain.
    await callOnce();
    assert.deepEqual(await verifyMessageLog(database.db, messageLogKey(env.SEN_MASTER_KEY!)), { ok: true, records: logged.length + 1 });
    console.log(`lgsp kill test: ${answeredBeforeKill} answered before SIGKILL, ${failed} cut off, ${logged.length} logged (${logged.length - answeredBeforeKill} logged but unanswered)`);
  });
});
