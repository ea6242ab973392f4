import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEFAULT_SEED, civilSoapSandbox, civilWsdl, personalIdForIndex, type RunningSandbox } from '../../apps/sandbox/index.ts';
import { queryRows } from '../../packages/platform/index.ts';
import { HIDDEN_ENDPOINT, readXml } from '../../packages/xroad/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { agencyAdmin, countRows, findXml, gatewayClient, lgspApi, listenOnLoopback, providerAndConsumer, seededAgencies, startTestSandbox } from './lgsp.test-support.ts';

/**
 * SOAP through the LGSP gateway (issue 10, decision 0044): a service registered from the civil
 * sandbox's WSDL, called over real HTTP at /lgsp/soap with X-Road SOAP headers (PR-MESS 4.0),
 * checked like REST (credential ↔ xrd:client, rights per operation), relayed to the sandbox,
 * logged; refusals are SOAP faults (HTTP 500) and logged too; the PR-META metaservices.
 */

const CONSUMER = { clientId: 'soap-test-consumer', secret: 'soap-test-consumer-secret-0123456789' };
const OTHER = { clientId: 'soap-test-other', secret: 'soap-test-other-secret-0123456789abc' };

const ID = (parts: string[], objectType: string, wrapper: string) => {
  const [instance, memberClass, memberCode, subsystemCode, serviceCode] = parts;
  return `<xrd:${wrapper} id:objectType="${objectType}"><id:xRoadInstance>${instance}</id:xRoadInstance><id:memberClass>${memberClass}</id:memberClass>`
    + `<id:memberCode>${memberCode}</id:memberCode>${subsystemCode ? `<id:subsystemCode>${subsystemCode}</id:subsystemCode>` : ''}${serviceCode ? `<id:serviceCode>${serviceCode}</id:serviceCode>` : ''}</xrd:${wrapper}>`;
};
function envelope(client: string, service: string, body: string, extraHeader = ''): string {
  return '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" '
    + 'xmlns:id="http://x-road.eu/xsd/identifiers" xmlns:civil="urn:sen:sandbox:civil"><SOAP-ENV:Header>'
    + `${ID(client.split('/'), 'SUBSYSTEM', 'client')}${ID(service.split('/'), 'SERVICE', 'service')}<xrd:id>soap-test-${Math.random().toString(36).slice(2)}</xrd:id>`
    + `<xrd:userId>VN001099012345</xrd:userId><xrd:protocolVersion>4.0</xrd:protocolVersion>${extraHeader}</SOAP-ENV:Header><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

describe('LGSP: SOAP services from WSDL through the gateway', () => {
  let t: TestPlatform;
  let sandbox: RunningSandbox;
  let admin: string;
  let consumerToken: string;
  let otherToken: string;
  let soapUrl: string;
  let civilLocal: string;
  const ids = { providerSub: '', consumerSub: '', otherSub: '', civil: '' };
  const xroad = { provider: '', consumer: '', other: '' };
  const { api, created } = lgspApi(() => t, () => admin);
  const count = (table: string) => countRows(t, table);
  const call = async (body: string | Uint8Array<ArrayBuffer>, token = consumerToken, contentType = 'text/xml; charset=utf-8') => {
    const response = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
    const text = await response.text();
    return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' };
  };
  const faultOf = (text: string) => {
    const parsed = readXml(text);
    assert.ok(parsed.ok, text);
    const fault = findXml(parsed.root, 'Fault');
    assert.ok(fault, `a SOAP fault: ${text}`);
    return { code: findXml(fault, 'faultcode')!.text, message: findXml(fault, 'faultstring')!.text, detail: findXml(fault, 'faultDetail')!.text };
  };

  before(async () => {
    t = await createTestPlatform();
    admin = await adminToken(t);
    sandbox = await startTestSandbox(civilSoapSandbox());
    civilLocal = `http://127.0.0.1:${sandbox.port}/civil`;
    const { root, department } = await seededAgencies(t);
    consumerToken = await gatewayClient(t, department.id, CONSUMER);
    otherToken = await gatewayClient(t, department.id, OTHER);
    const departmentAdmin = await agencyAdmin(t, department.id, 'soap-test-dept-admin');
    const { providerSub, consumerSubs: [consumerSub, otherSub] } = await providerAndConsumer(created, {
      root, department, departmentAdmin, provider: { code: 'HOTICH', name: 'Hộ tịch' },
      consumers: [{ code: 'ONEGATE', name: 'Một cửa', clientId: CONSUMER.clientId }, { code: 'OTHER', name: 'Khác', clientId: OTHER.clientId }],
    });
    Object.assign(ids, { providerSub: providerSub.id, consumerSub: consumerSub!.id, otherSub: otherSub!.id });
    Object.assign(xroad, { provider: providerSub.xroadId, consumer: consumerSub!.xroadId, other: otherSub!.xroadId });

    const civil = await api('POST', `/subsystems/${ids.providerSub}/services`, { kind: 'soap', code: 'civil', name: 'Hộ tịch SOAP', wsdlUrl: `${civilLocal}/service.wsdl`, baseUrl: `${civilLocal}/soap` });
    assert.equal(civil.statusCode, 201, civil.body);
    ids.civil = civil.json().id;
    assert.equal((await api('PUT', `/services/${ids.civil}/status`, { status: 'published' })).statusCode, 200);
    // A right for one operation only.
    const granted = await api('POST', `/services/${ids.civil}/rights`, { subsystemId: ids.consumerSub, method: 'POST', pathPattern: '/getBirthRecord' });
    assert.equal(granted.statusCode, 201, granted.body);
    soapUrl = `${await listenOnLoopback(t)}/lgsp/soap`;
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('registers a SOAP service from its WSDL URL: operations are its endpoints; the WSDL is served with its endpoint locations hidden', async () => {
    const service = (await api('GET', `/services/${ids.civil}`)).json();
    assert.equal(service.kind, 'soap');
    assert.equal(service.wsdlUrl, `${civilLocal}/service.wsdl`);
    assert.deepEqual(service.endpoints, [{ method: 'POST', path: '/getBirthRecord' }, { method: 'POST', path: '/echo' }]);
    const wsdl = await api('GET', `/services/${ids.civil}/wsdl`);
    assert.equal(wsdl.statusCode, 200);
    assert.match(wsdl.headers['content-type'] as string, /^text\/xml/);
    assert.match(wsdl.body, /<wsdl:operation name="getBirthRecord">/);
    // Without baseUrl the WSDL's soap:address is the service's address.
    const uploaded = await api('POST', `/subsystems/${ids.providerSub}/services`, { kind: 'soap', code: 'civil2', name: 'Hộ tịch 2', wsdl: civilWsdl('http://civil.example.vn/soap') });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    assert.equal(uploaded.json().baseUrl, 'http://civil.example.vn/soap');
    assert.equal(uploaded.json().wsdlUrl, null);
    // PR-META §4: the portal's WSDL hides the provider's address, as the getWsdl metaservice does.
    assert.ok(!wsdl.body.includes(civilLocal), wsdl.body);
    const uploadedWsdl = await api('GET', `/services/${uploaded.json().id}/wsdl`);
    assert.equal(uploadedWsdl.statusCode, 200);
    assert.ok(!uploadedWsdl.body.includes('civil.example.vn'), uploadedWsdl.body);
    assert.ok(uploadedWsdl.body.includes(`location="${HIDDEN_ENDPOINT}"`), uploadedWsdl.body);
    // A SOAP service has no OpenAPI document: its description is the WSDL; V-APEX (OpenAPI) does not take it.
    assert.deepEqual((await api('GET', `/services/${ids.civil}/openapi`)).json(), {});
    const vapex = await api('PUT', `/services/${ids.civil}/vapex`, { publish: true });
    assert.equal(vapex.statusCode, 400);
    assert.equal(vapex.json().code, 'lgsp.vapex_rest_only');
  });

  it('refreshing from an uploaded WSDL shows the operations added and removed, as a new version', async () => {
    const id = (await api('GET', '/services')).json().find((s: { code: string }) => s.code === 'civil2').id;
    const changed = civilWsdl('http://civil.example.vn/soap').replace('<wsdl:operation name="echo"><wsdl:input message="tns:echo"/>', '<wsdl:operation name="getDeathRecord"><wsdl:input message="tns:echo"/>');
    const refreshed = await api('POST', `/services/${id}/refresh`, { wsdl: changed });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(refreshed.json().changed, true);
    assert.deepEqual(refreshed.json().diff, { added: [{ method: 'POST', path: '/getDeathRecord' }], removed: [{ method: 'POST', path: '/echo' }] });
    assert.equal(refreshed.json().service.version, 2);
    const again = await api('POST', `/services/${id}/refresh`, { wsdl: changed });
    assert.equal(again.json().changed, false);
    assert.equal((await api('POST', `/services/${id}/refresh`, { openApi: { openapi: '3.0.0', paths: {} } })).json().code, 'lgsp.wsdl_required');
  });

  it('refuses bad registrations with stable codes and writes nothing', async () => {
    const before = await count('services');
    const post = (body: unknown) => api('POST', `/subsystems/${ids.providerSub}/services`, body);
    assert.equal((await post({ kind: 'soap', code: 'x1', name: 'x', baseUrl: `${civilLocal}/soap`, openApi: { openapi: '3.0.0', paths: {} } })).json().code, 'lgsp.wsdl_required');
    assert.equal((await post({ kind: 'soap', code: 'x2', name: 'x', baseUrl: `${civilLocal}/soap` })).json().code, 'lgsp.wsdl_required');
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${civilWsdl('http://a.example/soap').replace(/^<\?xml[^>]*>/, '')}`;
    const refused = await post({ kind: 'soap', code: 'x3', name: 'x', wsdl: xxe });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().code, 'lgsp.wsdl_invalid');
    assert.equal((await post({ kind: 'soap', code: 'x4', name: 'x', wsdl: '<definitions/>' })).json().code, 'lgsp.wsdl_invalid');
    assert.equal((await post({ code: 'x5', name: 'x', baseUrl: `${civilLocal}/soap`, wsdl: civilWsdl('http://a.example/soap') })).json().code, 'lgsp.openapi_required');
    assert.equal((await post({ kind: 'soap', code: 'getWsdl', name: 'x', wsdl: civilWsdl('http://a.example/soap') })).json().code, 'lgsp.reserved_code');
    assert.equal((await post({ kind: 'soap', code: 'x6', name: 'x', wsdlUrl: `${civilLocal}/nothing-here.wsdl` })).json().code, 'lgsp.wsdl_unreachable');
    assert.equal(await count('services'), before);
    const rest = await post({ code: 'restful', name: 'REST', baseUrl: `${civilLocal}/rest`, openApi: { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { get: {} } } } });
    assert.equal(rest.statusCode, 201, rest.body);
    assert.equal(rest.json().kind, 'rest');
    const restWsdl = await api('GET', `/services/${rest.json().id}/wsdl`);
    assert.equal(restWsdl.statusCode, 404);
    assert.equal(restWsdl.json().code, 'lgsp.wsdl_not_found');
  });

  it('a granted operation is relayed to the provider and answered with its response and the request hash; both are in the log and monitoring', async () => {
    const personalId = personalIdForIndex(DEFAULT_SEED, 3);
    const request = envelope(xroad.consumer, `${xroad.provider}/civil`, `<civil:getBirthRecord><civil:personalId>${personalId}</civil:personalId></civil:getBirthRecord>`);
    const logged = await count('message_log');
    const answer = await call(request);
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.contentType, /^text\/xml/);
    const parsed = readXml(answer.text);
    assert.ok(parsed.ok);
    assert.equal(findXml(parsed.root, 'personalId')!.text, personalId);
    assert.ok(findXml(parsed.root, 'fullName')!.text.length > 0);
    assert.equal(findXml(parsed.root, 'requestHash')!.text, createHash('sha512').update(request).digest('base64'), 'PR-MESS §2.2: SHA-512 of the request bytes');
    assert.equal(findXml(parsed.root, 'userId')!.text, 'VN001099012345', 'the provider copied the header');
    await t.modules.lgsp.messageLog.flush();
    assert.equal(await count('message_log'), logged + 1);
    const [row] = await queryRows<{ client: string; service: string; path: string; status: number; fault: string | null; request_hash: string }>(t.database.db,
      sql`select client, service, path, status, fault, request_hash from lgsp.message_log order by seq desc limit 1`);
    assert.deepEqual({ ...row }, { client: xroad.consumer, service: `${xroad.provider}/civil`, path: '/getBirthRecord', status: 200, fault: null, request_hash: findXml(parsed.root, 'requestHash')!.text });
    const [monitored] = await queryRows<{ service_type: string; message_protocol_version: string; succeeded: boolean; message_user_id: string; request_attachment_count: number; request_mime_size: number | null; response_attachment_count: number; response_mime_size: number | null }>(t.database.db,
      sql`select service_type, message_protocol_version, succeeded, message_user_id, request_attachment_count, request_mime_size, response_attachment_count, response_mime_size from lgsp.operational_records order by seq desc limit 1`);
    assert.deepEqual([monitored!.request_attachment_count, monitored!.request_mime_size, monitored!.response_attachment_count, monitored!.response_mime_size], [0, null, 0, null], 'PR-OPMON: no attachments');
    assert.equal(monitored!.service_type, 'WSDL');
    assert.equal(monitored!.message_protocol_version, '4.0');
    assert.equal(monitored!.succeeded, true);
    assert.ok(!monitored!.message_user_id.includes('099012345'), 'the user id is masked');
  });

  it('withholds the provider\'s SOAP answer when its log record cannot be committed, as for REST', async () => {
    const personalId = personalIdForIndex(DEFAULT_SEED, 4);
    const request = envelope(xroad.consumer, `${xroad.provider}/civil`, `<civil:getBirthRecord><civil:personalId>${personalId}</civil:personalId></civil:getBirthRecord>`);
    await t.database.db.execute(sql`alter table lgsp.message_log rename to message_log_away`);
    try {
      const withheld = await call(request);
      assert.equal(withheld.status, 500);
      assert.match(withheld.contentType, /^text\/xml/);
      const fault = faultOf(withheld.text);
      assert.equal(fault.code, 'Server.ClientProxy.InternalError');
      assert.match(fault.message, /message log could not be written/);
      assert.match(fault.detail, /^[0-9a-f-]{36}$/);
      assert.ok(!withheld.text.includes(personalId), 'the provider\'s answer is not passed on');
    } finally {
      await t.database.db.execute(sql`alter table lgsp.message_log_away rename to message_log`);
    }
    assert.equal((await call(envelope(xroad.consumer, `${xroad.provider}/civil`, `<civil:getBirthRecord><civil:personalId>${personalId}</civil:personalId></civil:getBirthRecord>`))).status, 200);
  });

  it('refuses, with SOAP faults (HTTP 500) that are logged: an operation not granted, another subsystem, a credential of another client, none', async () => {
    const logged = await count('message_log');
    const echo = await call(envelope(xroad.consumer, `${xroad.provider}/civil`, '<civil:echo><civil:text>hi</civil:text></civil:echo>'));
    assert.equal(echo.status, 500);
    assert.equal(faultOf(echo.text).code, 'Server.ServerProxy.AccessDenied');
    const other = await call(envelope(xroad.other, `${xroad.provider}/civil`, '<civil:getBirthRecord><civil:personalId>1</civil:personalId></civil:getBirthRecord>'), otherToken);
    assert.equal(faultOf(other.text).code, 'Server.ServerProxy.AccessDenied');
    const mismatch = await call(envelope(xroad.other, `${xroad.provider}/civil`, '<civil:getBirthRecord/>'), consumerToken);
    assert.equal(mismatch.status, 500);
    const mismatchFault = faultOf(mismatch.text);
    assert.equal(mismatchFault.code, 'Server.ClientProxy.SslAuthenticationFailed');
    assert.match(mismatchFault.message, /xrd:client does not match/);
    assert.match(mismatchFault.detail, /^[0-9a-f-]{36}$/);
    assert.equal(faultOf((await call(envelope(xroad.consumer, `${xroad.provider}/civil`, '<civil:getBirthRecord/>'), '')).text).code, 'Server.ClientProxy.SslAuthenticationFailed');
    assert.equal(faultOf((await call(envelope(xroad.consumer, `${xroad.provider}/nosuch`, '<civil:getBirthRecord/>'))).text).code, 'Server.ServerProxy.UnknownService');
    assert.equal(faultOf((await call(envelope(xroad.consumer, `${xroad.provider}/civil`, '<civil:other/>'))).text).code, 'Server.ServerProxy.UnknownService');
    await t.modules.lgsp.messageLog.flush();
    assert.equal(await count('message_log'), logged + 6, 'every refusal is in the message log');
    const faults = await queryRows<{ fault: string }>(t.database.db, sql`select fault from lgsp.message_log order by seq desc limit 6`);
    assert.ok(faults.every((f) => f.fault !== null));
  });

  it('refuses malformed XML, a DOCTYPE (XXE), a wrong content type and an oversized message before anything else', async () => {
    const good = envelope(xroad.consumer, `${xroad.provider}/civil`, '<civil:getBirthRecord/>');
    const malformed = await call(good.slice(0, good.indexOf('</xrd:service>')));
    assert.equal(malformed.status, 500);
    assert.equal(faultOf(malformed.text).code, 'Client.InvalidSoap');
    const xxe = await call(`<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${good.replace(/^<\?xml[^>]*>/, '').replace('<civil:getBirthRecord/>', '<civil:getBirthRecord><civil:personalId>&x;</civil:personalId></civil:getBirthRecord>')}`);
    const xxeFault = faultOf(xxe.text);
    assert.equal(xxeFault.code, 'Client.InvalidSoap');
    assert.match(xxeFault.message, /DOCTYPE/);
    assert.ok(!xxe.text.includes('root:'), 'nothing of the file');
    assert.equal(faultOf((await call(good, consumerToken, 'application/json')).text).code, 'Client.InvalidContentType');
    assert.equal(faultOf((await call(good.replace('>4.0<', '>3.1<'))).text).code, 'Client.InvalidProtocolVersion');
    assert.equal(faultOf((await call(good.replace(/<xrd:id>[^<]*<\/xrd:id>/, ''))).text).code, 'Client.MissingHeaderField');
    const big = new Uint8Array(10 * 1024 * 1024 + 10).fill(0x20);
    const oversized = await call(big);
    assert.equal(oversized.status, 500);
    const oversizedFault = faultOf(oversized.text);
    assert.equal(oversizedFault.code, 'Client.BadRequest');
    assert.match(oversizedFault.message, /exceeds/);
  });

  it('a provider that is down is Server.ServerProxy.NetworkError', async () => {
    const down = await api('POST', `/subsystems/${ids.providerSub}/services`, { kind: 'soap', code: 'down', name: 'Down', wsdl: civilWsdl('http://127.0.0.1:9/soap') });
    assert.equal(down.statusCode, 201, down.body);
    const id = down.json().id;
    assert.equal((await api('PUT', `/services/${id}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${id}/rights`, { subsystemId: ids.consumerSub })).statusCode, 201);
    const answer = await call(envelope(xroad.consumer, `${xroad.provider}/down`, '<civil:echo><civil:text>x</civil:text></civil:echo>'));
    assert.equal(answer.status, 500);
    assert.equal(faultOf(answer.text).code, 'Server.ServerProxy.NetworkError');
  });

  it("the service's quota holds for SOAP as for REST: the call over it is Client.QuotaExceeded with Retry-After", async () => {
    const quota = await api('PUT', `/services/${ids.civil}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSub, limit: 1, windowSeconds: 3600 });
    assert.equal(quota.statusCode, 200, quota.body);
    const request = () => fetch(soapUrl, {
      method: 'POST', headers: { 'content-type': 'text/xml', authorization: `Bearer ${consumerToken}` },
      body: envelope(xroad.consumer, `${xroad.provider}/civil`, `<civil:getBirthRecord><civil:personalId>${personalIdForIndex(DEFAULT_SEED, 5)}</civil:personalId></civil:getBirthRecord>`),
    });
    const first = await request();
    await first.text();
    assert.equal(first.status, 200);
    const second = await request();
    assert.equal(second.status, 500);
    assert.equal(faultOf(await second.text()).code, 'Client.QuotaExceeded');
    assert.ok(Number(second.headers.get('retry-after')) > 0);
    assert.equal((await api('PUT', `/services/${ids.civil}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSub, limit: null, windowSeconds: 3600 })).statusCode, 200);
  });

  it('PR-META: listMethods, allowedMethods and getWsdl (endpoint hidden) for SOAP services; the REST entry refuses a SOAP service', async () => {
    const services = (text: string) => {
      const parsed = readXml(text);
      assert.ok(parsed.ok, text);
      const list = findXml(parsed.root, 'Body')!.children[0]!;
      return list.children.map((s) => findXml(s, 'serviceCode')!.text).sort();
    };
    const listed = await call(envelope(xroad.consumer, `${xroad.provider}/listMethods`, '<xrd:listMethods/>'));
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(services(listed.text), ['civil', 'down'], 'published SOAP services only (civil2 is a draft)');
    assert.deepEqual(services((await call(envelope(xroad.consumer, `${xroad.provider}/allowedMethods`, '<xrd:allowedMethods/>'))).text), ['civil', 'down']);
    assert.deepEqual(services((await call(envelope(xroad.other, `${xroad.provider}/allowedMethods`, '<xrd:allowedMethods/>'), otherToken)).text), []);
    const wsdl = await call(envelope(xroad.consumer, `${xroad.provider}/getWsdl`, '<xrd:getWsdl><xrd:serviceCode>civil</xrd:serviceCode></xrd:getWsdl>'));
    assert.equal(wsdl.status, 200, wsdl.text);
    assert.match(wsdl.contentType, /^multipart\/related/);
    assert.match(wsdl.text, /<xrd:getWsdlResponse><xrd:serviceCode>civil<\/xrd:serviceCode>/);
    assert.ok(wsdl.text.includes(`location="${HIDDEN_ENDPOINT}"`));
    assert.ok(!wsdl.text.includes(`${civilLocal}/soap`), 'PR-META §4: the provider address is hidden');
    assert.equal(faultOf((await call(envelope(xroad.consumer, `${xroad.provider}/getWsdl`, '<xrd:getWsdl><xrd:serviceCode>nosuch</xrd:serviceCode></xrd:getWsdl>'))).text).code, 'Server.ServerProxy.UnknownService');
    const rest = await fetch(soapUrl.replace('/soap', `/r1/${xroad.provider}/civil/getBirthRecord`), { method: 'POST', headers: { authorization: `Bearer ${consumerToken}`, 'x-road-client': xroad.consumer } });
    assert.equal(rest.status, 500);
    assert.equal(rest.headers.get('x-road-error'), 'Server.ServerProxy.UnknownService');
  });

  describe('through a loopback provider that mirrors the request in its own bytes', () => {
    let mirror: Server;
    const received: { contentType: string; body: Buffer }[] = [];
    before(async () => {
      // It answers with the request's bytes (its charset, parts and attachments), `civil:mirrorEcho` renamed `civil:mirrorEchoResponse` unless the text says keep.
      mirror = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const body = Buffer.concat(chunks);
          received.push({ contentType: String(request.headers['content-type']), body });
          const text = body.toString('latin1');
          const answer = text.includes('keep-the-name') ? text : text.replaceAll('civil:mirrorEcho>', 'civil:mirrorEchoResponse>');
          response.writeHead(200, { 'content-type': String(request.headers['content-type']) }).end(Buffer.from(answer, 'latin1'));
        });
      });
      await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
      const created = await api('POST', `/subsystems/${ids.providerSub}/services`, {
        kind: 'soap', code: 'mirror', name: 'Mirror', wsdl: civilWsdl(`http://127.0.0.1:${(mirror.address() as AddressInfo).port}/soap`).replaceAll('echo', 'mirrorEcho'),
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal((await api('PUT', `/services/${id}/status`, { status: 'published' })).statusCode, 200);
      assert.equal((await api('POST', `/services/${id}/rights`, { subsystemId: ids.consumerSub })).statusCode, 201);
      assert.equal((await api('PUT', `/services/${id}/body-logging`, { mode: 'full' })).statusCode, 200);
    });
    after(() => new Promise<void>((resolve) => mirror.close(() => resolve())));
    const send = async (body: Buffer, contentType: string) => {
      const response = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${consumerToken}` }, body: new Uint8Array(body) });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
    };
    const recordOf = async (hash: string) => {
      await t.modules.lgsp.messageLog.flush();
      return (await queryRows<{ message_id: string; request_body_hash: string | null; fault: string | null }>(t.database.db,
        sql`select message_id, request_body_hash, fault from lgsp.message_log where request_hash = ${hash} order by seq desc limit 1`))[0];
    };

    it('PR-MESS §2.3: a serviceCode naming the operation (the wrapper element) reaches the one service that has it; a wrapper that does not match it is Client.InvalidBody', async () => {
      const byOperation = await call(envelope(xroad.consumer, `${xroad.provider}/mirrorEcho`, '<civil:mirrorEcho><civil:text>§2.3</civil:text></civil:mirrorEcho>'));
      assert.equal(byOperation.status, 200, byOperation.text);
      const parsed = readXml(byOperation.text);
      assert.ok(parsed.ok && findXml(parsed.root, 'mirrorEchoResponse') && findXml(parsed.root, 'requestHash'));
      const logged = await count('message_log');
      const sent = received.length;
      const mismatch = await call(envelope(xroad.consumer, `${xroad.provider}/mirrorEcho`, '<civil:getBirthRecord><civil:personalId>1</civil:personalId></civil:getBirthRecord>'));
      assert.equal(mismatch.status, 500);
      const fault = faultOf(mismatch.text);
      assert.equal(fault.code, 'Client.InvalidBody');
      assert.match(fault.message, /PR-MESS §2\.3/);
      // getBirthRecord is an operation of civil, down and mirror: the code must then name the service.
      const ambiguous = faultOf((await call(envelope(xroad.consumer, `${xroad.provider}/getBirthRecord`, '<civil:getBirthRecord/>'))).text);
      assert.equal(ambiguous.code, 'Server.ServerProxy.UnknownService');
      assert.match(ambiguous.message, /several services/);
      await t.modules.lgsp.messageLog.flush();
      assert.equal(await count('message_log'), logged + 2, 'the refusals are logged');
      assert.equal(received.length, sent, 'and never relayed');
    });

    it('PR-MESS §2.6: a request in windows-1258 (Vietnamese in the header and body) is relayed as sent and answered in its charset with the hash of its bytes', async () => {
      const xml = envelope(xroad.consumer, `${xroad.provider}/mirror`, '<civil:mirrorEcho><civil:text>Đồng Tháp</civil:text></civil:mirrorEcho>', '<xrd:issue>Hồ sơ</xrd:issue>')
        .replace('encoding="UTF-8"', 'encoding="windows-1258"').replace('<xrd:userId>VN001099012345</xrd:userId>', '');
      // windows-1258 writes Đ as 0xD0, ô as 0xF4, ơ as 0xF5, á as 0xE1 (other tones are combining marks): "Đô Tháp", "Hô sơ".
      const bytes = Buffer.from(xml.replace('Đồng Tháp', '\u00d0\u00f4 Th\u00e1p').replace('Hồ sơ', 'H\u00f4 s\u00f5'), 'latin1');
      const contentType = 'text/xml; charset=windows-1258';
      const relayed = received.length;
      const answer = await send(bytes, contentType);
      assert.equal(answer.status, 200, answer.body.toString('latin1'));
      assert.equal(answer.contentType, contentType);
      assert.deepEqual(received.at(-1)!.body, bytes, 'the provider got the bytes as sent');
      const hash = createHash('sha512').update(bytes).digest('base64');
      const text = new TextDecoder('windows-1258').decode(answer.body);
      assert.ok(text.includes(`>${hash}</xrd:requestHash></SOAP-ENV:Header>`), text.slice(0, 2000));
      assert.ok(text.includes('<xrd:issue>Hô sơ</xrd:issue>') && text.includes('<civil:text>Đô Tháp</civil:text>'), 'the header and body as the client wrote them');
      const refused = await send(bytes, 'text/xml; charset=shift_jis');
      assert.equal(faultOf(refused.body.toString()).code, 'Client.InvalidContentType');
      const disagreeing = await send(bytes, 'text/xml; charset=utf-8');
      assert.equal(faultOf(disagreeing.body.toString()).code, 'Client.InvalidSoap', 'windows-1258 bytes are not UTF-8');
      assert.equal(received.length, relayed + 1, 'nothing refused reached the provider');
    });

    it('PR-MESS §2.4: a SwA message with an attachment passes both ways; the hash is over the SOAP part; the log keeps the whole message, attachment included', async () => {
      const soap = envelope(xroad.consumer, `${xroad.provider}/mirror`, '<civil:mirrorEcho><civil:text>cid:giay-khai-sinh.pdf</civil:text></civil:mirrorEcho>');
      const attachment = Buffer.concat([Buffer.from('%PDF-1.7 '), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0d, 0x0a]), Buffer.from('Giấy khai sinh')]);
      const boundary = 'MIME_boundary_sen';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: <rootpart>\r\n\r\n${soap}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <giay-khai-sinh.pdf>\r\n\r\n`), attachment,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const contentType = `multipart/related; type="text/xml"; start="<rootpart>"; boundary="${boundary}"`;
      const answer = await send(body, contentType);
      assert.equal(answer.status, 200, answer.body.toString());
      assert.equal(answer.contentType, contentType);
      assert.deepEqual(received.at(-1)!.body, body, 'relayed byte for byte');
      const hash = createHash('sha512').update(soap).digest('base64');
      assert.ok(answer.body.includes(`>${hash}</xrd:requestHash></SOAP-ENV:Header>`), 'PR-MESS §2.2: the hash of the first part');
      assert.ok(answer.body.includes(Buffer.concat([attachment, Buffer.from(`\r\n--${boundary}--`)])), 'the attachment came back untouched');
      const record = await recordOf(hash);
      assert.ok(record, 'logged with the SOAP part\'s hash');
      assert.equal(record.fault, null);
      assert.equal(record.request_body_hash, createHash('sha256').update(body).digest('hex'), 'the logged body is the whole message, attachment included');
      const [stored] = await queryRows<{ request: string | null }>(t.database.db, sql`select request_sealed as request from lgsp.message_bodies where message_id = ${record.message_id}`);
      assert.match(stored!.request!, /^sen1\./, 'sealed like any body');
      const [monitored] = await queryRows<{ request_attachment_count: number; request_mime_size: number; response_attachment_count: number; response_mime_size: number }>(t.database.db,
        sql`select request_attachment_count, request_mime_size, response_attachment_count, response_mime_size from lgsp.operational_records where message_id = ${record.message_id}`);
      assert.deepEqual({ ...monitored }, { request_attachment_count: 1, request_mime_size: body.length, response_attachment_count: 1, response_mime_size: answer.body.length }, 'PR-OPMON: attachment counts and MIME sizes');

      // Annex G: the same message as MTOM/XOP, its root application/xop+xml with type="text/xml".
      const mtom = Buffer.from(body.toString('latin1').replace('Content-Type: text/xml; charset=UTF-8', 'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"'), 'latin1');
      const mtomType = `multipart/related; type="application/xop+xml"; start="<rootpart>"; start-info="text/xml"; boundary="${boundary}"`;
      const mtomAnswer = await send(mtom, mtomType);
      assert.equal(mtomAnswer.status, 200, mtomAnswer.body.toString());
      assert.ok(mtomAnswer.body.includes(`>${hash}</xrd:requestHash></SOAP-ENV:Header>`) && mtomAnswer.body.includes(attachment));

      const before = received.length;
      const noBoundary = await send(body, 'multipart/related; type="text/xml"');
      assert.equal(noBoundary.status, 500);
      assert.equal(faultOf(noBoundary.body.toString()).code, 'Client.MimeParsingFailed');
      const notXml = await send(Buffer.from(body.toString('latin1').replace('Content-Type: text/xml; charset=UTF-8', 'Content-Type: application/pdf'), 'latin1'), contentType.replace('type="text/xml"; ', ''));
      assert.match(faultOf(notXml.body.toString()).message, /not a SOAP 1\.1 message/);
      const rootLast = await send(body, contentType.replace('<rootpart>', '<giay-khai-sinh.pdf>'));
      assert.equal(faultOf(rootLast.body.toString()).code, 'Client.MimeParsingFailed');
      assert.equal(received.length, before, 'nothing refused reached the provider');
    });

    it('PR-MESS §2.3: an answer not wrapped in {operation}Response is the provider\'s failure', async () => {
      const answer = await call(envelope(xroad.consumer, `${xroad.provider}/mirror`, '<civil:mirrorEcho><civil:text>keep-the-name</civil:text></civil:mirrorEcho>'));
      assert.equal(answer.status, 500);
      const fault = faultOf(answer.text);
      assert.equal(fault.code, 'Server.ServerProxy.ServiceFailed');
      assert.match(fault.message, /mirrorEchoResponse/);
    });
  });
});
