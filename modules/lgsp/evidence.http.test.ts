import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { caCertificate, startCa, type StartedCa } from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { promtoolCheck } from '../../apps/server/metrics.test-support.ts';
import { verifyEvidence, type EvidencePackage } from './index.ts';
import { sha256Hex } from './log-chain.ts';
import { agencyAdmin, gatewayClient, listenOnLoopback, seededAgencies, startJsonEcho } from './lgsp.test-support.ts';

/**
 * The message log as evidence and operational monitoring, through the whole platform: bodies
 * per service, seals signed with the LGSP's key from the CA sandbox and time-stamped by its TSA,
 * the evidence package verified offline (and every tampering refused), per-service health,
 * Prometheus counters and the provider/consumer scoping.
 */

const CONSUMER = { clientId: 'evidence-consumer', secret: 'evidence-consumer-secret-0123456789' };
const registry = { openapi: '3.0.3', info: { title: 'Households', version: '1' }, paths: { '/households': { post: {}, get: {} } } };

const startEcho = () => startJsonEcho((_req, body) => ({ echoed: body }));

/** A copy of the package with one change. */
const altered = (pkg: EvidencePackage, change: (copy: EvidencePackage) => void): EvidencePackage => {
  const copy = structuredClone(pkg);
  change(copy);
  return copy;
};
/** Flips one byte of a base64 value. */
const flipByte = (b64: string, at: number): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at % bytes.length]! ^= 0x01;
  return bytes.toString('base64');
};

describe('LGSP message log: bodies, seals, evidence and operational monitoring', () => {
  let ca: StartedCa;
  let t: TestPlatform;
  let echo: { server: Server; url: string };
  let gatewayUrl: string;
  const tokens = { root: '', provider: '', consumer: '', stranger: '', gateway: '' };
  const xroad = { provider: '', consumer: '', service: '' };
  let serviceId = '';
  const api = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const call = (path: string, body?: string) => fetch(`${gatewayUrl}/r1/${xroad.service}${path}`, {
    method: body === undefined ? 'GET' : 'POST', body,
    headers: { authorization: `Bearer ${tokens.gateway}`, 'x-road-client': xroad.consumer, 'content-type': 'application/json' },
  });

  before(async () => {
    ca = await startCa();
    echo = await startEcho();
    t = await createTestPlatform({ SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt` });
    tokens.root = await adminToken(t);
    const { departments: [providerAgency, consumerAgency, strangerAgency] } = await seededAgencies(t);
    assert.ok(strangerAgency, 'three departments in the seed');
    const admins = [['provider', providerAgency!], ['consumer', consumerAgency!], ['stranger', strangerAgency]] as const;
    for (const [role, agency] of admins) tokens[role] = await agencyAdmin(t, agency.id, `evidence-${role}-admin`, role);
    tokens.gateway = await gatewayClient(t, consumerAgency!.id, CONSUMER, 'consumer');

    const provider = (await api('POST', '/members', tokens.provider, { agencyCode: providerAgency!.code, memberClass: 'GOV' })).json();
    const consumer = (await api('POST', '/members', tokens.consumer, { agencyCode: consumerAgency!.code, memberClass: 'GOV' })).json();
    const providerSub = (await api('POST', `/members/${provider.id}/subsystems`, tokens.provider, { code: 'REG', name: 'Hộ tịch' })).json();
    const consumerSub = (await api('POST', `/members/${consumer.id}/subsystems`, tokens.consumer, { code: 'ONEGATE', name: 'Một cửa', clientId: CONSUMER.clientId })).json();
    xroad.provider = providerSub.xroadId;
    xroad.consumer = consumerSub.xroadId;
    xroad.service = `${providerSub.xroadId}/households`;
    const service = await api('POST', `/subsystems/${providerSub.id}/services`, tokens.provider, { code: 'households', name: 'Hộ gia đình', baseUrl: `${echo.url}/v1`, openApi: registry });
    assert.equal(service.statusCode, 201, service.body);
    serviceId = service.json().id;
    assert.equal(service.json().bodyLogging, 'metadata', 'bodies are not kept unless the provider asks');
    assert.equal((await api('PUT', `/services/${serviceId}/status`, tokens.provider, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${serviceId}/rights`, tokens.provider, { subsystemId: consumerSub.id })).statusCode, 201);
    gatewayUrl = `${await listenOnLoopback(t)}/lgsp`;
  });
  after(async () => {
    await t?.close();
    echo?.server.close();
    await ca?.sandbox.close();
  });

  const bodiesOf = (messageId: string) => queryRows<{ request: string | null; response: string | null }>(t.database.db, sql`
    select b.request_sealed as request, b.response_sealed as response from lgsp.message_bodies b where b.message_id = ${messageId}`);
  const recordOf = async (messageId: string) => (await queryRows<{ request_body_hash: string | null; response_body_hash: string | null }>(t.database.db, sql`
    select request_body_hash, response_body_hash from lgsp.message_log where message_id = ${messageId}`))[0]!;

  it('keeps bodies per service: metadata (hashes only) by default, full (encrypted at rest), off (neither); only the provider may choose', async () => {
    const metadata = await call('/households', '{"head":"Nguyễn Văn A"}');
    assert.equal(metadata.status, 200);
    const metadataId = metadata.headers.get('x-road-id')!;
    assert.equal((await recordOf(metadataId)).request_body_hash, sha256Hex('{"head":"Nguyễn Văn A"}'));
    assert.equal((await bodiesOf(metadataId)).length, 0);

    const refused = await api('PUT', `/services/${serviceId}/body-logging`, tokens.consumer, { mode: 'full' });
    assert.equal(refused.statusCode, 403);
    assert.equal((await api('PUT', `/services/${serviceId}/body-logging`, tokens.provider, { mode: 'everything' })).statusCode, 400);
    assert.equal((await api('PUT', `/services/${serviceId}/body-logging`, tokens.provider, { mode: 'off' })).json().bodyLogging, 'off');
    const off = await call('/households', '{"head":"B"}');
    const offRecord = await recordOf(off.headers.get('x-road-id')!);
    assert.deepEqual([offRecord.request_body_hash, offRecord.response_body_hash], [null, null]);

    assert.equal((await api('PUT', `/services/${serviceId}/body-logging`, tokens.provider, { mode: 'full' })).statusCode, 200);
    const full = await call('/households', '{"head":"Trần Thị C"}');
    const [stored] = await bodiesOf(full.headers.get('x-road-id')!);
    assert.match(stored!.request!, /^sen1\./, 'sealed with the platform secret box');
    assert.ok(!stored!.request!.includes(Buffer.from('Trần Thị C').toString('base64')), 'no plaintext at rest');
  });

  it('exports an evidence package (audited with its purpose) that verifies offline, and refuses every alteration with a reason', async () => {
    const first = await call('/households', '{"head":"Lê Văn D","members":4}');
    const firstBody = await first.text();
    const messageId = first.headers.get('x-road-id')!;
    await call('/households'); // one record after it: the chain proof has a step
    const sealed = await t.modules.lgsp.sealer.sealNow();
    assert.ok(sealed, 'a seal of the head');

    const noPurpose = await api('GET', `/messages/${messageId}/evidence`, tokens.root);
    assert.equal(noPurpose.statusCode, 400);
    const stranger = await api('GET', `/messages/${messageId}/evidence?purpose=curiosity%20only`, tokens.stranger);
    assert.equal(stranger.statusCode, 404, 'another agency does not learn the exchange exists');
    const answer = await api('GET', `/messages/${messageId}/evidence?purpose=${encodeURIComponent('Khiếu nại số 12/2026')}&bodies=true`, tokens.consumer);
    assert.equal(answer.statusCode, 200, answer.body);
    const pkg = answer.json() as EvidencePackage;
    assert.equal(pkg.chain.length, 1);
    assert.equal(Buffer.from(pkg.bodies!.request!, 'base64').toString('utf8'), '{"head":"Lê Văn D","members":4}');
    assert.equal(Buffer.from(pkg.bodies!.response!, 'base64').toString('utf8'), firstBody);
    const [audit] = await queryRows<{ purpose: string; actor: string }>(t.database.db, sql`select purpose, actor from platform.audit_log where action = 'read lgsp.evidence' order by seq desc limit 1`);
    assert.equal(audit?.purpose, 'Khiếu nại số 12/2026');

    const root = (await caCertificate(ca.base, 'root')).raw;
    const valid = await verifyEvidence(pkg, { trustedRoot: root });
    assert.equal(valid.ok, true, valid.ok ? '' : valid.reason);
    assert.equal(valid.ok && valid.messageId, messageId);
    assert.equal(valid.ok && valid.rootSha256, sha256Hex(root));

    const tampered: [string, (p: EvidencePackage) => void, RegExp][] = [
      ['the request body', (p) => { p.bodies!.request = flipByte(p.bodies!.request!, 3); }, /request body does not match/],
      ['the response body', (p) => { p.bodies!.response = flipByte(p.bodies!.response!, 5); }, /response body does not match/],
      ['a record field', (p) => { p.record.status = 201; }, /content does not match its hash/],
      ['the record time', (p) => { p.record.at = new Date(Date.parse(p.record.at) + 1).toISOString(); }, /content does not match its hash/],
      ['a chain digest', (p) => { p.chain[0]!.digest = p.chain[0]!.digest.replace(/^./, (c) => (c === '0' ? '1' : '0')); }, /does not link/],
      ['a dropped chain step', (p) => { p.chain = []; }, /the seal covers record/],
      ['the seal time', (p) => { p.seal.sealedAt = new Date(Date.parse(p.seal.sealedAt) + 1000).toISOString(); }, /seal signature does not verify/],
      ['the seal signature', (p) => { p.seal.signature = flipByte(p.seal.signature, 10); }, /seal signature does not verify/],
      ['the signer certificate', (p) => { p.seal.certificates[0] = flipByte(p.seal.certificates[0]!, 400); }, /certificate|signature/],
      ['the CA chain', (p) => { p.seal.certificates = p.seal.certificates.slice(0, 1); }, /no included certificate issued/],
      ['the time-stamp token', (p) => { p.seal.timeStampToken = flipByte(p.seal.timeStampToken, 60); }, /time stamp/],
    ];
    for (const [what, change, reason] of tampered) {
      const result = await verifyEvidence(altered(pkg, change));
      assert.equal(result.ok, false, `${what} altered must not verify`);
      assert.match(result.ok ? '' : result.reason, reason, what);
    }
    const otherCa = await startCa();
    try {
      const otherRoot = await verifyEvidence(pkg, { trustedRoot: (await caCertificate(otherCa.base, 'root')).raw });
      assert.match(otherRoot.ok ? '' : otherRoot.reason, /another root/);
    } finally {
      await otherCa.sandbox.close();
    }

    const withoutBodies = (await api('GET', `/messages/${messageId}/evidence?purpose=${encodeURIComponent('Đối soát')}`, tokens.provider)).json() as EvidencePackage;
    assert.equal(withoutBodies.bodies, null);
    assert.equal((await verifyEvidence(withoutBodies)).ok, true);
  });

  it('seals on demand a record no seal covers yet, and the chain with its seals passes lgsp:verify-log', async () => {
    const late = await call('/households');
    const answer = await api('GET', `/messages/${late.headers.get('x-road-id')}/evidence?purpose=${encodeURIComponent('Kiểm tra')}`, tokens.root);
    assert.equal(answer.statusCode, 200, answer.body);
    const pkg = answer.json() as EvidencePackage;
    assert.equal(pkg.seal.seq, pkg.record.seq);
    assert.equal((await verifyEvidence(pkg)).ok, true);
    assert.deepEqual(await t.modules.lgsp.verifyLog(), { ok: true, records: pkg.record.seq });
    // A seal edited in the database (or a sealed record rewritten with the master key) is reported.
    const [first] = await queryRows<{ seq: number; sealedAt: string }>(t.database.db, sql`select seq::int as seq, sealed_at as "sealedAt" from lgsp.message_log_seals order by seq limit 1`);
    await t.database.db.execute(sql`update lgsp.message_log_seals set sealed_at = '2020-01-01T00:00:00.000Z' where seq = ${first!.seq}`);
    const forged = await t.modules.lgsp.verifyLog();
    assert.deepEqual(forged.ok ? undefined : [forged.problem, forged.seq], ['seal', first!.seq]);
    await t.database.db.execute(sql`update lgsp.message_log_seals set sealed_at = ${first!.sealedAt} where seq = ${first!.seq}`);
    assert.equal((await t.modules.lgsp.verifyLog()).ok, true, 'restored');
    assert.equal((await api('GET', '/messages/no-such-message/evidence?purpose=checking', tokens.root)).statusCode, 404);
  });

  it('keeps one operational-monitoring record per request, per-service health and Prometheus counters, each party seeing its own', async () => {
    const records = await api('GET', '/monitoring/operational-data?limit=1000', tokens.provider);
    assert.equal(records.statusCode, 200, records.body);
    const rows = records.json() as Record<string, unknown>[];
    const [logged] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from lgsp.message_log`);
    assert.equal(rows.length, logged!.n, 'one record per logged request');
    const row = rows.at(-1)!;
    assert.equal(row.serviceCode, 'households');
    assert.equal(row.clientSubsystemCode, 'ONEGATE');
    assert.equal(row.restMethod, 'POST');
    assert.equal(row.succeeded, true);
    assert.equal(row.serviceType, 'REST');
    assert.ok(Number(row.requestSize) > 0 && Number(row.responseSize) > 0);
    assert.ok(Date.parse(String(row.requestInTs)) <= Date.parse(String(row.requestOutTs)) && Date.parse(String(row.responseInTs)) <= Date.parse(String(row.responseOutTs)));

    const denied = await fetch(`${gatewayUrl}/r1/${xroad.provider}/unknown-service/x`, { headers: { authorization: `Bearer ${tokens.gateway}`, 'x-road-client': xroad.consumer } });
    assert.equal(denied.headers.get('x-road-error'), 'Server.ServerProxy.UnknownService');

    const health = (await api('GET', '/monitoring/health', tokens.provider)).json() as { service: string; successCount: number; failureCount: number; durationMinMs: number; durationAvgMs: number; durationMaxMs: number; durationP95Ms: number }[];
    const households = health.find((h) => h.service === xroad.service)!;
    assert.equal(households.successCount, rows.length);
    assert.equal(households.failureCount, 0);
    assert.ok(households.durationMinMs <= households.durationAvgMs && households.durationAvgMs <= households.durationMaxMs);
    assert.ok(households.durationP95Ms >= households.durationMinMs && households.durationP95Ms <= households.durationMaxMs);

    const consumerView = (await api('GET', '/monitoring/operational-data?limit=1000', tokens.consumer)).json() as { faultCode: string | null }[];
    assert.equal(consumerView.length, rows.length + 1, 'the consumer sees its own calls, the refused one too');
    assert.equal(consumerView[0]!.faultCode, 'Server.ServerProxy.UnknownService');
    assert.deepEqual((await api('GET', '/monitoring/operational-data', tokens.stranger)).json(), []);
    assert.deepEqual((await api('GET', '/monitoring/health', tokens.stranger)).json(), []);
    assert.equal((await api('GET', '/monitoring/health?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', tokens.root)).json().code, 'lgsp.invalid_window');

    const metrics = await t.metrics.render();
    assert.match(metrics, new RegExp(`sen_lgsp_exchanges_total\\{service="${xroad.service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}",outcome="ok"\\} ${rows.length}`));
    assert.match(metrics, /sen_lgsp_exchanges_total\{service="unknown",outcome="server_fault"\} 1/);
    assert.match(metrics, /sen_lgsp_exchange_duration_seconds_bucket\{le="0.005",service="/);
    const promtool = promtoolCheck(metrics);
    assert.ok(promtool, 'promtool is installed (Debian package prometheus)');
    assert.ok(promtool.ok, promtool.output);
  });
});
