import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { hashClientSecret } from '../identity/index.ts';
import { adminToken, createReplica, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';

/** Two replicas on one PostgreSQL database: a right revoked on one is enforced by the other, whose cache had it. */

const CONSUMER = { clientId: 'lgsp-replica-consumer', secret: 'lgsp-replica-consumer-secret-0123456789' };
const provider = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
let a: TestPlatform;
let b: Awaited<ReturnType<typeof createReplica>>;

before(async () => {
  a = await createTestPlatform();
  b = await createReplica(a);
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await b.close();
  await a.close();
  provider.close();
});

test('a right revoked on one replica is enforced on the other within a moment (change signal over LISTEN/NOTIFY)', async () => {
  const admin = await adminToken(a);
  const api = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const answer = await a.app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) });
    assert.ok(answer.statusCode < 300, answer.body);
    return answer.statusCode === 204 ? { id: '', xroadId: '' } : (answer.json() as { id: string; xroadId: string });
  };
  const root = (await a.modules.catalog.service.listAgencies()).find((x) => x.parentId === null)!;
  await a.modules.identity.service.repo.insertServiceClient({
    clientId: CONSUMER.clientId, name: CONSUMER.clientId, secretHash: hashClientSecret(CONSUMER.secret), agencyId: root.id, permissions: [], scopes: ['lgsp'],
  });
  const member = await api('POST', '/members', { agencyCode: root.code, memberClass: 'GOV' });
  const providerSub = await api('POST', `/members/${member.id}/subsystems`, { code: 'DATA', name: 'Provider' });
  const consumer = await api('POST', `/members/${member.id}/subsystems`, { code: 'CLIENT', name: 'Consumer', clientId: CONSUMER.clientId });
  const service = await api('POST', `/subsystems/${providerSub.id}/services`, {
    code: 'ping', name: 'Ping', baseUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`,
    openApi: { openapi: '3.0.3', info: { title: 'Ping', version: '1' }, paths: { '/ping': { get: {} } } },
  });
  await api('PUT', `/services/${service.id}/status`, { status: 'published' });
  const token = await a.clientToken(CONSUMER.clientId, CONSUMER.secret, { scope: 'lgsp', resource: `${a.config.publicUrl}/lgsp` });
  const callOnB = async () => (await b.app.inject({ url: `/lgsp/r1/${providerSub.xroadId}/ping/ping`, headers: { authorization: `Bearer ${token}`, 'x-road-client': consumer.xroadId } })).headers['x-road-error'];

  assert.equal(await callOnB(), 'Server.ServerProxy.AccessDenied');
  const right = await api('POST', `/services/${service.id}/rights`, { subsystemId: consumer.id });
  // B cached the denial; the grant made on A reaches it by signal.
  let answer: unknown = 'Server.ServerProxy.AccessDenied';
  for (let i = 0; i < 100 && answer !== undefined; i++) {
    await sleep(50);
    answer = await callOnB();
  }
  assert.equal(answer, undefined, 'the grant is honoured on B');
  assert.equal(await callOnB(), undefined, 'and B serves it again (from its cache)');

  await api('DELETE', `/rights/${right.id}`);
  for (let i = 0; i < 100 && answer === undefined; i++) {
    answer = await callOnB();
    if (answer === undefined) await sleep(50);
  }
  assert.equal(answer, 'Server.ServerProxy.AccessDenied', 'the revocation made on A is enforced on B');
});
