import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  CIVIL_NAMESPACE, DEFAULT_ADMIN_TOKEN, DEFAULT_SEED, NDXP_PROVINCE_LGSP_ID, civilSoapSandbox, generateCitizen, ndxpSandbox, setSandboxFaults,
  type FaultSettings, type RunningSandbox,
} from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { queryRows } from '../../packages/platform/index.ts';
import { parseClientId, parseServiceId, readXml, soapEnvelope } from '../../packages/xroad/index.ts';
import { consumerDepartment, findXml, lgspApi, listenOnLoopback, providerAndConsumer, startTestSandbox } from './lgsp.test-support.ts';

/**
 * SOAP through NDXP (decision 0050) over real HTTP: a provincial subsystem sends an X-Road SOAP
 * message (PR-MESS) to the LGSP gateway for a SOAP service registered as national; LGSP forwards
 * it to the NDXP sandbox's SOAP entry as the province, NDXP relays it to the civil-status SOAP
 * sandbox, and the answer comes back as the consumer's. Both legs logged, faults mapped, quotas.
 */

const CIVIL_NDXP = 'VN/GOV/000.00.00.G12/CSDLHT/civil-status';

interface LogRow { message_id: string; request_id: string; client: string | null; service: string | null; status: number; fault: string | null; request_hash: string; path: string }

describe('LGSP national leg for SOAP: consumer → LGSP → NDXP (PR-MESS) → civil-status SOAP sandbox', () => {
  let sandbox: RunningSandbox;
  let t: TestPlatform;
  let admin: string;
  let token: string;
  let soapUrl: string;
  const ids = { consumerSubsystem: '', service: '' };
  const xroad = { consumer: '', service: '' };
  const citizen = generateCitizen(DEFAULT_SEED, 5);
  const adminHeaders = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
  const { api, created } = lgspApi(() => t, () => admin);
  const faults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(sandbox.url, 'ndxp', settings);
  const message = (id: string, body: string) => soapEnvelope({
    client: parseClientId(xroad.consumer)!, service: parseServiceId(xroad.service)!, id, userId: 'VN001099012345', protocolVersion: '4.0',
  }, body);
  const birthRecord = (personalId: string) => `<civil:getBirthRecord xmlns:civil="${CIVIL_NAMESPACE}"><civil:personalId>${personalId}</civil:personalId></civil:getBirthRecord>`;
  const call = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', authorization: `Bearer ${token}`, ...headers }, body });
    const text = await response.text();
    const parsed = readXml(text);
    assert.ok(parsed.ok, text);
    return { status: response.status, error: response.headers.get('x-road-error'), text, root: parsed.root };
  };
  const legs = async (messageId: string) => {
    await t.modules.lgsp.messageLog.flush();
    return queryRows<LogRow>(t.database.db, sql`
      select message_id, request_id, client, service, status, fault, request_hash, path from lgsp.message_log where message_id = ${messageId} order by seq`);
  };
  const hubMessages = async () => ((await (await fetch(`${sandbox.url}/ndxp/_admin/messages?service=${encodeURIComponent(CIVIL_NDXP)}`, { headers: adminHeaders })).json()) as {
    messages: { id: string; requestId: string; client: string; service: string; path: string; status: number; requestHash: string; error?: string }[];
  }).messages;

  before(async () => {
    sandbox = await startTestSandbox(ndxpSandbox(), civilSoapSandbox());
    t = await createTestPlatform({ NDXP_URL: `${sandbox.url}/ndxp` });
    admin = await adminToken(t);
    const { root, department, clientId, gatewayToken, departmentAdmin } = await consumerDepartment(t, 'lgsp-nsoap');
    token = gatewayToken;
    const { providerSub: national, consumerSubs: [consumerSub] } = await providerAndConsumer(created, {
      root, department, departmentAdmin, provider: { code: 'NDXP', name: 'Kết nối hệ thống quốc gia qua NDXP' }, consumers: [{ code: 'ONEGATE', name: 'Một cửa', clientId }],
    });
    ids.consumerSubsystem = consumerSub!.id;
    xroad.consumer = consumerSub!.xroadId;
    const service = await created(`/subsystems/${national.id}/services`, {
      kind: 'soap', code: 'civil-status', name: 'CSDL hộ tịch điện tử (SOAP)', nationalService: CIVIL_NDXP, wsdlUrl: `${sandbox.url}/civil/service.wsdl`,
    });
    ids.service = service.id;
    xroad.service = `${national.xroadId}/civil-status`;
    assert.equal((await api('PUT', `/services/${ids.service}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${ids.service}/rights`, { subsystemId: ids.consumerSubsystem, method: 'POST', pathPattern: '/getBirthRecord' })).statusCode, 201);
    soapUrl = `${await listenOnLoopback(t)}/lgsp/soap`;
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('registers a SOAP service as national: its address is NDXP\'s SOAP entry, never one of the caller\'s choosing', async () => {
    const service = (await api('GET', `/services/${ids.service}`)).json();
    assert.deepEqual([service.kind, service.nationalService, service.baseUrl], ['soap', CIVIL_NDXP, `${sandbox.url}/ndxp/soap`]);
    assert.deepEqual(service.endpoints, [{ method: 'POST', path: '/getBirthRecord' }, { method: 'POST', path: '/echo' }]);
    const both = await api('POST', `/subsystems/${service.subsystemId}/services`, {
      kind: 'soap', code: 'both', name: 'x', baseUrl: 'http://127.0.0.1:9/soap', nationalService: CIVIL_NDXP, wsdlUrl: `${sandbox.url}/civil/service.wsdl`,
    });
    assert.deepEqual([both.statusCode, both.json().code], [400, 'lgsp.provider_required']);
    const malformed = await api('POST', `/subsystems/${service.subsystemId}/services`, { kind: 'soap', code: 'bad', name: 'x', nationalService: 'VN/GOV/only-three', wsdlUrl: `${sandbox.url}/civil/service.wsdl` });
    assert.equal(malformed.json().code, 'lgsp.invalid_national_service');
    assert.equal((await api('GET', '/services')).json().filter((s: { code: string }) => ['both', 'bad'].includes(s.code)).length, 0, 'nothing written');
  });

  it('reads a birth record through NDXP: the province is the client on the national leg, the consumer sees its own header and request hash; both legs logged', async () => {
    const sent = message('sen-nsoap-1', birthRecord(citizen.personalId));
    const answer = await call(sent, { 'x-purpose': 'Dang ky khai sinh' });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(findXml(answer.root, 'fullName')?.text, citizen.fullName);
    const header = findXml(answer.root, 'Header')!;
    assert.equal(findXml(findXml(header, 'client')!, 'memberCode')?.text, parseClientId(xroad.consumer)!.memberCode, 'the consumer\'s own xrd:client');
    assert.equal(findXml(findXml(header, 'service')!, 'subsystemCode')?.text, 'NDXP', 'the service the consumer called');
    assert.equal(findXml(header, 'requestHash')?.text, createHash('sha512').update(sent).digest('base64'), 'the hash of the consumer\'s own request');
    assert.doesNotMatch(answer.text, /000\.00\.00\.G12|H19\/LGSP/, 'nothing of the national leg\'s identifiers');

    const rows = await legs('sen-nsoap-1');
    assert.deepEqual(rows.map((r) => [r.client, r.service, r.status, r.path]), [
      [NDXP_PROVINCE_LGSP_ID, CIVIL_NDXP, 200, '/getBirthRecord'], [xroad.consumer, xroad.service, 200, '/getBirthRecord'],
    ]);
    const hub = (await hubMessages()).find((m) => m.id === 'sen-nsoap-1')!;
    assert.equal(hub.client, NDXP_PROVINCE_LGSP_ID);
    assert.equal(hub.requestHash, rows[0]!.request_hash, 'NDXP logged the same bytes LGSP logged on its national record');
    assert.equal(hub.requestId, rows[0]!.request_id, 'and LGSP\'s national record names NDXP\'s own id of the message');
    assert.notEqual(rows[0]!.request_hash, rows[1]!.request_hash, 'the two legs are two messages');
    assert.equal((await t.modules.lgsp.verifyLog()).ok, true);
  });

  it('passes the national system\'s own SOAP fault on as an answer, not as an X-Road fault', async () => {
    const answer = await call(message('sen-nsoap-notfound', birthRecord('000000000000')));
    assert.equal(answer.status, 500);
    assert.equal(answer.error, null, 'no X-Road-Error: the provider answered');
    assert.equal(findXml(answer.root, 'faultcode')?.text, 'Client.NotFound');
    assert.deepEqual((await legs('sen-nsoap-notfound')).map((r) => r.status), [500, 500]);
  });

  it('refuses an operation without a right before NDXP sees anything', async () => {
    const before = (await hubMessages()).length;
    const answer = await call(message('sen-nsoap-echo', `<civil:echo xmlns:civil="${CIVIL_NAMESPACE}"><civil:text>x</civil:text></civil:echo>`));
    assert.deepEqual([answer.status, answer.error], [500, 'Server.ServerProxy.AccessDenied']);
    assert.equal((await hubMessages()).length, before);
    assert.deepEqual((await legs('sen-nsoap-echo')).map((r) => r.client), [xroad.consumer], 'only the consumer leg');
  });

  it('maps NDXP\'s faults: its refusal of the province passes as the provider side\'s AccessDenied', async () => {
    const right = `${sandbox.url}/ndxp/_admin/services/${encodeURIComponent(CIVIL_NDXP)}/clients/${encodeURIComponent(NDXP_PROVINCE_LGSP_ID)}`;
    assert.equal((await fetch(right, { method: 'DELETE', headers: adminHeaders })).status, 200);
    try {
      const answer = await call(message('sen-nsoap-ndxp-denied', birthRecord(citizen.personalId)));
      assert.deepEqual([answer.status, answer.error], [500, 'Server.ServerProxy.AccessDenied']);
      assert.match(findXml(answer.root, 'faultstring')!.text, /^NDXP answered Server\.ServerProxy\.AccessDenied/);
      assert.deepEqual((await legs('sen-nsoap-ndxp-denied')).map((r) => [r.client, r.fault]), [
        [NDXP_PROVINCE_LGSP_ID, 'Server.ServerProxy.AccessDenied'], [xroad.consumer, 'Server.ServerProxy.AccessDenied'],
      ]);
      assert.equal((await hubMessages()).find((m) => m.id === 'sen-nsoap-ndxp-denied')?.error, 'Server.ServerProxy.AccessDenied');
    } finally {
      await fetch(right, { method: 'PUT', headers: adminHeaders });
    }
  });

  it('answers NetworkError when NDXP is down, and logs both legs with it', async () => {
    await faults({ down: true });
    try {
      const answer = await call(message('sen-nsoap-down', birthRecord(citizen.personalId)));
      assert.deepEqual([answer.status, answer.error], [500, 'Server.ServerProxy.NetworkError']);
      assert.match(findXml(answer.root, 'faultstring')!.text, /^NDXP: /);
    } finally {
      await faults(null);
    }
    assert.deepEqual((await legs('sen-nsoap-down')).map((r) => [r.client, r.fault]), [
      [NDXP_PROVINCE_LGSP_ID, 'Server.ServerProxy.NetworkError'], [xroad.consumer, 'Server.ServerProxy.NetworkError'],
    ]);
  });

  it('NDXP\'s SOAP entry speaks PR-MESS: a wrong key is SslAuthenticationFailed, the REST entry does not serve a SOAP service', async () => {
    const sent = soapEnvelope({ client: parseClientId(NDXP_PROVINCE_LGSP_ID)!, service: parseServiceId(CIVIL_NDXP)!, id: 'ndxp-direct-1', protocolVersion: '4.0' }, birthRecord(citizen.personalId));
    const wrong = await fetch(`${sandbox.url}/ndxp/soap`, { method: 'POST', headers: { 'content-type': 'text/xml', 'x-road-client-key': 'wrong' }, body: sent });
    assert.deepEqual([wrong.status, wrong.headers.get('x-road-error')], [500, 'Server.ClientProxy.SslAuthenticationFailed']);
    assert.match(await wrong.text(), /<faultcode>Server\.ClientProxy\.SslAuthenticationFailed<\/faultcode>/);
    const right = await fetch(`${sandbox.url}/ndxp/soap`, { method: 'POST', headers: { 'content-type': 'text/xml', 'x-road-client-key': t.config.ndxp.clientKey }, body: sent });
    const text = await right.text();
    assert.equal(right.status, 200, text);
    assert.match(text, new RegExp(`<xrd:requestHash[^>]*>${createHash('sha512').update(sent).digest('base64').replace(/[+/]/g, '\\$&')}</xrd:requestHash>`));
    const rest = await fetch(`${sandbox.url}/ndxp/r1/${CIVIL_NDXP}/getBirthRecord`, { method: 'POST', headers: { 'x-road-client': NDXP_PROVINCE_LGSP_ID, 'x-road-client-key': t.config.ndxp.clientKey } });
    assert.deepEqual([rest.status, rest.headers.get('x-road-error')], [500, 'Server.ServerProxy.UnknownService']);
  });

  it('counts national SOAP calls against the consumer\'s quota as any call', async () => {
    const set = await api('PUT', `/services/${ids.service}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSubsystem, limit: 1, windowSeconds: 3600 });
    assert.equal(set.statusCode, 200, set.body);
    const first = await call(message('sen-nsoap-quota-1', birthRecord(citizen.personalId)));
    assert.equal(first.status, 200, first.text);
    const before = (await hubMessages()).length;
    const second = await call(message('sen-nsoap-quota-2', birthRecord(citizen.personalId)));
    assert.deepEqual([second.status, second.error], [500, 'Client.QuotaExceeded']);
    assert.equal((await hubMessages()).length, before, 'NDXP did not see the message over the quota');
  });
});
