import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { CIVIL_NAMESPACE, DEFAULT_SEED, civilSoapSandbox, civilWsdl, personalIdForIndex, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { readXml } from '../../packages/xroad/index.ts';
import { queryRows } from '../../packages/platform/index.ts';
import { adminToken, type TestPlatform } from '../../apps/server/testing.ts';
import { agencyAdmin, countRows, findXml, gatewayClient, lgspApi, platformAtPublicUrl, providerAndConsumer, seededAgencies, startTestSandbox } from './lgsp.test-support.ts';

/**
 * SOAP in the developer portal and serviceVersion routing (decision 0047): the "try it" console
 * writes the X-Road SOAP envelope around the user's body element and posts it to the gateway's
 * SOAP entry over real HTTP (the civil-status sandbox behind it); refusals are 4xx with stable
 * codes and reach nothing; the gateway answers a registered version `v{n}` with that version's
 * operations, an unknown version with Server.ServerProxy.UnknownService.
 */

const CONSUMER = { clientId: 'soap-try-consumer', secret: 'soap-try-consumer-secret-0123456789' };
const body = (operation: string, inner: string) => `<civil:${operation} xmlns:civil="${CIVIL_NAMESPACE}">${inner}</civil:${operation}>`;
const faultCode = (text: string) => {
  const parsed = readXml(text);
  assert.ok(parsed.ok, text);
  return findXml(parsed.root, 'faultcode')?.text;
};

describe('LGSP: SOAP in the "try it" console, and serviceVersion routing', () => {
  let t: TestPlatform;
  let sandbox: RunningSandbox;
  let admin: string;
  let consumerAdmin: string;
  let consumerToken: string;
  let soapUrl: string;
  let civilLocal: string;
  const ids = { providerSub: '', consumerSub: '', civil: '' };
  const xroad = { provider: '', consumer: '' };
  const { api, created } = lgspApi(() => t, () => admin);
  const count = (table: string) => countRows(t, table);
  const trySoap = (extra: Record<string, unknown> = {}, token = consumerAdmin) => api('POST', '/try/soap', {
    serviceId: ids.civil, subsystemId: ids.consumerSub, operation: 'getBirthRecord',
    body: body('getBirthRecord', `<civil:personalId>${personalIdForIndex(DEFAULT_SEED, 7)}</civil:personalId>`), purpose: 'Thử tra cứu khai sinh', ...extra,
  }, token);
  /** A message straight to the gateway, with an optional serviceVersion. */
  const direct = async (operation: string, inner: string, serviceVersion?: string) => {
    const [instance, memberClass, memberCode, subsystemCode] = xroad.consumer.split('/');
    const [pInstance, pClass, pCode, pSub] = xroad.provider.split('/');
    const envelope = '<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers"><S:Header>'
      + `<xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>${instance}</id:xRoadInstance><id:memberClass>${memberClass}</id:memberClass><id:memberCode>${memberCode}</id:memberCode><id:subsystemCode>${subsystemCode}</id:subsystemCode></xrd:client>`
      + `<xrd:service id:objectType="SERVICE"><id:xRoadInstance>${pInstance}</id:xRoadInstance><id:memberClass>${pClass}</id:memberClass><id:memberCode>${pCode}</id:memberCode><id:subsystemCode>${pSub}</id:subsystemCode>`
      + `<id:serviceCode>civil</id:serviceCode>${serviceVersion ? `<id:serviceVersion>${serviceVersion}</id:serviceVersion>` : ''}</xrd:service>`
      + `<xrd:id>version-test-${Math.random().toString(36).slice(2)}</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion></S:Header><S:Body>${body(operation, inner)}</S:Body></S:Envelope>`;
    const response = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', authorization: `Bearer ${consumerToken}` }, body: envelope });
    return { status: response.status, text: await response.text() };
  };

  before(async () => {
    const listening = await platformAtPublicUrl();
    t = listening.t;
    soapUrl = `${listening.origin}/lgsp/soap`;
    admin = await adminToken(t);
    sandbox = await startTestSandbox(civilSoapSandbox());
    civilLocal = `http://127.0.0.1:${sandbox.port}/civil`;
    const { root, department } = await seededAgencies(t);
    consumerToken = await gatewayClient(t, department.id, CONSUMER, 'consumer');
    consumerAdmin = await agencyAdmin(t, department.id, 'soap-try-dept-admin');
    const { providerSub, consumerSubs: [consumerSub] } = await providerAndConsumer(created, {
      root, department, departmentAdmin: consumerAdmin, provider: { code: 'HOTICH', name: 'Hộ tịch' }, consumers: [{ code: 'MOTCUA', name: 'Một cửa', clientId: CONSUMER.clientId }],
    });
    Object.assign(ids, { providerSub: providerSub.id, consumerSub: consumerSub!.id });
    Object.assign(xroad, { provider: providerSub.xroadId, consumer: consumerSub!.xroadId });
    const civil = await created(`/subsystems/${ids.providerSub}/services`, { kind: 'soap', code: 'civil', name: 'Hộ tịch SOAP', wsdlUrl: `${civilLocal}/service.wsdl`, baseUrl: `${civilLocal}/soap` });
    ids.civil = civil.id;
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('refuses before any call: a draft, a service not flagged sandbox, a REST call shape, a body that is not the operation\'s element, an oversized body', async () => {
    const logged = await count('lgsp.message_log');
    const draft = await trySoap();
    assert.equal(draft.statusCode, 409);
    assert.equal(draft.json().code, 'lgsp.service_not_published');
    assert.equal((await api('PUT', `/services/${ids.civil}/status`, { status: 'published' })).statusCode, 200);
    const notSandbox = await trySoap();
    assert.equal(notSandbox.statusCode, 403);
    assert.equal(notSandbox.json().code, 'lgsp.not_sandbox');
    assert.equal((await api('PUT', `/services/${ids.civil}/sandbox`, { sandbox: true })).statusCode, 200);
    const restShape = await api('POST', '/try', { serviceId: ids.civil, subsystemId: ids.consumerSub, method: 'POST', path: '/getBirthRecord', body: '<x/>' }, consumerAdmin);
    assert.equal(restShape.statusCode, 400);
    assert.equal(restShape.json().code, 'lgsp.try_wrong_kind');
    for (const bad of [
      '<civil:getBirthRecord xmlns:civil="urn:x"><civil:personalId>1</civil:personalId>', // not well-formed
      '<civil:getBirthRecord><civil:personalId>1</civil:personalId></civil:getBirthRecord>', // prefix not declared
      `${body('getBirthRecord', '')}</SOAP-ENV:Body><SOAP-ENV:Body>`, // escaping the body
      body('echo', '<civil:text>x</civil:text>'), // another operation's element
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><civil:getBirthRecord xmlns:civil="urn:x">&x;</civil:getBirthRecord>',
    ]) {
      const refused = await trySoap({ body: bad });
      assert.equal(refused.statusCode, 400, bad);
      assert.equal(refused.json().code, 'lgsp.try_invalid_xml', bad);
    }
    const big = await trySoap({ body: body('getBirthRecord', `<civil:personalId>${'ạ'.repeat(30_000)}</civil:personalId>`) });
    assert.equal(big.statusCode, 400, 'under the schema\'s 65,536 characters, over 64 KiB of UTF-8');
    assert.equal(big.json().code, 'lgsp.try_body_too_large');
    const badVersion = await trySoap({ serviceVersion: 'latest' });
    assert.equal(badVersion.statusCode, 400, 'the version is v{n} by schema');
    await t.modules.lgsp.messageLog.flush();
    assert.equal(await count('lgsp.message_log'), logged, 'nothing reached the gateway');
  });

  it('calls through the gateway: denied as a SOAP fault without a right, answered once granted; the envelope carries the X-Road header; logged and audited', async () => {
    const denied = await trySoap();
    assert.equal(denied.statusCode, 200, 'the console answers; the gateway\'s fault is in the result');
    assert.equal(denied.json().status, 500);
    assert.equal(faultCode(denied.json().body), 'Server.ServerProxy.AccessDenied');
    assert.equal(denied.json().headers['x-road-error'], 'Server.ServerProxy.AccessDenied');
    assert.equal((await api('POST', `/services/${ids.civil}/rights`, { subsystemId: ids.consumerSub, method: 'POST', pathPattern: '/getBirthRecord' })).statusCode, 201);
    const answered = await trySoap();
    assert.equal(answered.statusCode, 200, answered.body);
    const result = answered.json();
    assert.equal(result.status, 200, result.body);
    assert.equal(result.url, soapUrl);
    const sent = readXml(result.request);
    assert.ok(sent.ok, result.request);
    for (const [field, value] of [['xRoadInstance', 'VN'], ['serviceCode', 'civil'], ['protocolVersion', '4.0'], ['id', result.messageId]] as const) {
      assert.equal(findXml(sent.root, field)?.text, value, field);
    }
    assert.equal(findXml(findXml(sent.root, 'client')!, 'subsystemCode')?.text, 'MOTCUA');
    assert.match(findXml(sent.root, 'userId')!.text, /^client:soap-try-dept-admin$/);
    const answer = readXml(result.body);
    assert.ok(answer.ok, result.body);
    assert.equal(findXml(answer.root, 'personalId')?.text, personalIdForIndex(DEFAULT_SEED, 7));
    assert.ok(findXml(answer.root, 'requestHash'), 'the gateway put its request hash in the answer');
    await t.modules.lgsp.messageLog.flush();
    const [row] = await queryRows<{ message_id: string; path: string; status: number }>(t.database.db, sql`select message_id, path, status from lgsp.message_log order by seq desc limit 1`);
    assert.deepEqual({ ...row }, { message_id: result.messageId, path: '/getBirthRecord', status: 200 });
    const [audit] = await queryRows<{ purpose: string; details: { operation: string; status: number } }>(t.database.db,
      sql`select purpose, details from platform.audit_log where action = 'call lgsp.try' order by seq desc limit 1`);
    assert.equal(audit?.purpose, 'Thử tra cứu khai sinh');
    assert.equal(audit?.details.operation, 'getBirthRecord');
    assert.equal(audit?.details.status, 200);
  });

  it('serviceVersion: v{n} selects that registered version\'s operations, an unknown version is UnknownService, none is the current version', async () => {
    assert.equal((await api('POST', `/services/${ids.civil}/rights`, { subsystemId: ids.consumerSub })).statusCode, 201);
    // Version 2 drops echo and adds getDeathRecord (the sandbox still serves echo: an old client pinned to v1 keeps it).
    const v2 = civilWsdl(`${civilLocal}/soap`).replace('<wsdl:operation name="echo"><wsdl:input message="tns:echo"/>', '<wsdl:operation name="getDeathRecord"><wsdl:input message="tns:echo"/>');
    const refreshed = await api('POST', `/services/${ids.civil}/refresh`, { wsdl: v2 });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(refreshed.json().service.version, 2);
    const echo = '<civil:text>xin chào</civil:text>';
    const current = await direct('echo', echo);
    assert.equal(current.status, 500);
    assert.equal(faultCode(current.text), 'Server.ServerProxy.UnknownService', 'the current version (v2) has no echo');
    const pinned = await direct('echo', echo, 'v1');
    assert.equal(pinned.status, 200, pinned.text);
    const parsed = readXml(pinned.text);
    assert.ok(parsed.ok);
    assert.equal(findXml(parsed.root, 'text')?.text, 'xin chào');
    assert.equal(findXml(parsed.root, 'serviceVersion')?.text, 'v1', 'the version travels to the provider in the header');
    assert.equal(faultCode((await direct('echo', echo, 'v2')).text), 'Server.ServerProxy.UnknownService');
    for (const unknown of ['v3', 'v0', '1.0', 'V1']) {
      const answer = await direct('getBirthRecord', `<civil:personalId>${personalIdForIndex(DEFAULT_SEED, 1)}</civil:personalId>`, unknown);
      assert.equal(answer.status, 500, unknown);
      assert.equal(faultCode(answer.text), 'Server.ServerProxy.UnknownService', unknown);
      assert.match(answer.text, /has no version/);
    }
    assert.equal((await direct('getBirthRecord', `<civil:personalId>${personalIdForIndex(DEFAULT_SEED, 1)}</civil:personalId>`, 'v2')).status, 200);
    // The console names a version too; monitoring records it.
    const tried = await trySoap({ operation: 'echo', body: body('echo', echo), serviceVersion: 'v1' });
    assert.equal(tried.json().status, 200, tried.json().body);
    await t.modules.lgsp.messageLog.flush();
    const [monitored] = await queryRows<{ service_version: string | null }>(t.database.db, sql`select service_version from lgsp.operational_records order by seq desc limit 1`);
    assert.equal(monitored?.service_version, 'v1');
    // getWsdl with a serviceVersion serves that version's WSDL.
    const [instance, memberClass, memberCode, subsystemCode] = xroad.consumer.split('/');
    const [pInstance, pClass, pCode, pSub] = xroad.provider.split('/');
    const getWsdl = (version: string) => fetch(soapUrl, {
      method: 'POST', headers: { 'content-type': 'text/xml', authorization: `Bearer ${consumerToken}` },
      body: '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers"><S:Header>'
        + `<xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>${instance}</id:xRoadInstance><id:memberClass>${memberClass}</id:memberClass><id:memberCode>${memberCode}</id:memberCode><id:subsystemCode>${subsystemCode}</id:subsystemCode></xrd:client>`
        + `<xrd:service id:objectType="SERVICE"><id:xRoadInstance>${pInstance}</id:xRoadInstance><id:memberClass>${pClass}</id:memberClass><id:memberCode>${pCode}</id:memberCode><id:subsystemCode>${pSub}</id:subsystemCode><id:serviceCode>getWsdl</id:serviceCode></xrd:service>`
        + '<xrd:id>wsdl-version</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion></S:Header>'
        + `<S:Body><xrd:getWsdl><xrd:serviceCode>civil</xrd:serviceCode><xrd:serviceVersion>${version}</xrd:serviceVersion></xrd:getWsdl></S:Body></S:Envelope>`,
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const old = await getWsdl('v1');
    assert.equal(old.status, 200, old.text);
    assert.match(old.text, /<wsdl:operation name="echo">/);
    assert.match((await getWsdl('v2')).text, /<wsdl:operation name="getDeathRecord">/);
    assert.equal(faultCode((await getWsdl('v9')).text), 'Server.ServerProxy.UnknownService');
  });
});
