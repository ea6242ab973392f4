import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { test } from 'node:test';

/**
 * The X-Road protocol contract, built from the protocol documents (PR-REST 1.0.4, PR-META,
 * PR-MREST) and run over real HTTP against anything that claims to speak it: the NDXP sandbox
 * now, the LGSP gateway later. Expected values (request hashes above all) are computed here
 * from the documents' definitions, not with the package's own functions.
 */

export interface XroadContractTarget {
  /** URL under which `/r1/…` and `/listClients` are served (e.g. `http://127.0.0.1:8081/ndxp`). */
  baseUrl: string;
  instance: string;
  /** A registered client subsystem (`INSTANCE/CLASS/MEMBER/SUBSYSTEM`) and the headers that authenticate it. */
  client: { id: string; credentials: Record<string, string> };
  /** Credential headers that are transport authentication, not part of the message (left out of the request hash). */
  unhashedHeaders?: readonly string[];
  /** Credentials that fail authentication for the same client id. */
  badCredentials: Record<string, string>;
  /** A service the client may call, and a path on it (the provider's answer does not matter). */
  allowedService: { id: string; path: string };
  /** A service of the same provider subsystem the client may not call. */
  deniedService: string;
  /** A service id nobody provides. */
  unknownService: string;
  /** The provider subsystem of both services, and a code `getOpenAPI` describes. */
  provider: { id: string; openApiServiceCode: string };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers, in this order (Node adds only Host, Connection and Content-Length, all filtered by PR-REST §4.3). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const header = (response: RawResponse, name: string): string | undefined => {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha512 = (data: Buffer | string): Buffer => createHash('sha512').update(data).digest();

/** PR-REST §4.6: the fault's status, `X-Road-Error`, and a JSON body `{type, message, detail}` unless XML was asked for. */
function assertFault(response: RawResponse, status: 400 | 500, type: string): void {
  assert.equal(response.status, status, `${type}: status ${response.status}, body ${response.body}`);
  assert.equal(header(response, 'x-road-error'), type);
  assert.match(header(response, 'content-type') ?? '', /^application\/json;\s*charset=utf-8$/i);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['detail', 'message', 'type']);
  assert.equal(body.type, type);
  assert.ok(typeof body.message === 'string' && body.message.length > 0);
  assert.ok(typeof body.detail === 'string' && body.detail.length > 0);
}

/** Registers the contract's tests (node:test); `target` is read when they run, after the caller's `before`. */
export function runXroadContract(target: () => XroadContractTarget): void {
  const r1 = (path: string) => `${target().baseUrl}/r1/${path}`;
  const asClient = (extra: Record<string, string> = {}) => ({ 'X-Road-Client': target().client.id, ...target().client.credentials, ...extra });

  test('PR-REST §4.3: the response carries X-Road-Client, X-Road-Service, X-Road-Id (the client\'s, kept), X-Road-Request-Id', async () => {
    const { client, allowedService } = target();
    const response = await send(r1(`${allowedService.id}${allowedService.path}`), 'GET', asClient({ 'X-Road-Id': 'contract-msg-1' }));
    assert.equal(header(response, 'x-road-error'), undefined, response.body);
    assert.equal(header(response, 'x-road-client'), client.id);
    assert.equal(header(response, 'x-road-service'), allowedService.id);
    assert.equal(header(response, 'x-road-id'), 'contract-msg-1');
    assert.ok((header(response, 'x-road-request-id') ?? '').length > 0);
    assert.notEqual(header(response, 'x-road-request-id'), 'contract-msg-1');
  });

  test('PR-REST §4.3: without X-Road-Id the server generates one (UUID recommended)', async () => {
    const { allowedService } = target();
    const response = await send(r1(`${allowedService.id}${allowedService.path}`), 'GET', asClient());
    assert.match(header(response, 'x-road-id') ?? '', UUID);
  });

  test('PR-REST §4.3: the last of several X-Road-Client headers names the client', async () => {
    const { allowedService, client } = target();
    const url = new URL(r1(`${allowedService.id}${allowedService.path}`));
    const response = await new Promise<RawResponse>((resolve, reject) => {
      // Given as a raw list, Node adds no Host header: name it.
      const raw = ['Host', url.host, 'X-Road-Client', `${target().instance}/NOCLASS/nobody/NONE`, ...Object.entries(client.credentials).flat(), 'X-Road-Client', client.id];
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'GET', headers: raw }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: '' }));
      });
      req.on('error', reject).end();
    });
    assert.equal(header(response, 'x-road-error'), undefined);
    assert.equal(header(response, 'x-road-client'), client.id);
  });

  /**
   * PR-REST §4.3: base64(SHA-512(SHA-512(headers) ‖ SHA-512(body))), or base64(SHA-512(headers))
   * without a body, "headers" being the REST header part of PR-MESSTRANSP §3 (request line and
   * headers) as docs/lgsp.md spells it out.
   */
  function expectedHeaderPart(method: string, requestTarget: string, sent: Record<string, string>, response: RawResponse, idGenerated: boolean): Buffer {
    const skipped = new Set(['host', 'connection', 'content-length', ...(target().unhashedHeaders ?? []).map((h) => h.toLowerCase())]);
    let text = `${method}\r\n${requestTarget}\r\n`;
    for (const [name, value] of Object.entries(sent)) if (!skipped.has(name.toLowerCase())) text += `${name}:${value}\r\n`;
    text += `x-road-request-id:${header(response, 'x-road-request-id')}\r\n`;
    if (idGenerated) text += `x-road-id:${header(response, 'x-road-id')}\r\n`;
    return Buffer.from(text, 'utf8');
  }

  test('PR-REST §4.3: the request hash of a bodiless request covers the headers alone: base64(SHA-512(headers))', async () => {
    const { allowedService } = target();
    const requestTarget = `/r1/${allowedService.id}${allowedService.path}?a=1&b=%20x`;
    const sent = asClient({ 'X-Road-UserId': 'VN001099012345', 'X-Road-Issue': 'HS-2026-1', Accept: 'application/json', 'X-Custom': 'kept' });
    const response = await send(`${target().baseUrl}${requestTarget}`, 'GET', sent);
    const expected = sha512(expectedHeaderPart('GET', requestTarget, sent, response, true)).toString('base64');
    assert.equal(header(response, 'x-road-request-hash'), expected);
    const withEmptyBody = sha512(Buffer.concat([sha512(expectedHeaderPart('GET', requestTarget, sent, response, true)), sha512('')])).toString('base64');
    assert.notEqual(header(response, 'x-road-request-hash'), withEmptyBody, 'no empty-body digest for a bodiless request');
  });

  test('PR-REST §4.3: the request hash of a request with a body is base64(SHA-512(SHA-512(headers) ‖ SHA-512(body)))', async () => {
    const { allowedService } = target();
    const requestTarget = `/r1/${allowedService.id}${allowedService.path}`;
    const body = JSON.stringify({ hello: 'xin chào' });
    const sent = asClient({ 'Content-Type': 'application/json; charset=utf-8', 'X-Road-Id': 'contract-hash-2', 'X-Road-Request-Hash': 'forged-by-client' });
    const response = await send(`${target().baseUrl}${requestTarget}`, 'POST', sent, body);
    const withoutForged = Object.fromEntries(Object.entries(sent).filter(([name]) => name !== 'X-Road-Request-Hash'));
    const head = expectedHeaderPart('POST', requestTarget, withoutForged, response, false);
    const expected = sha512(Buffer.concat([sha512(head), sha512(Buffer.from(body, 'utf8'))])).toString('base64');
    assert.equal(header(response, 'x-road-request-hash'), expected);
  });

  test('PR-REST §4.6 category 3: protocol errors of the client are 400 Client.BadRequest', async () => {
    const { allowedService, instance } = target();
    const path = r1(`${allowedService.id}${allowedService.path}`);
    // PR-REST §2.3: the version identifier (r1) is a mandatory part of the URL; another one is refused.
    const unsupported = await send(`${target().baseUrl}/r2/${allowedService.id}${allowedService.path}`, 'GET', asClient());
    assertFault(unsupported, 400, 'Client.BadRequest');
    assert.match((JSON.parse(unsupported.body) as { message: string }).message, /version r2/);
    assertFault(await send(path, 'GET', { ...target().client.credentials }), 400, 'Client.BadRequest');
    assertFault(await send(path, 'GET', asClient({ 'X-Road-Client': `${instance}/GOV/bad*code/SUB` })), 400, 'Client.BadRequest');
    assertFault(await send(path, 'GET', asClient({ 'X-Road-Client': instance })), 400, 'Client.BadRequest');
    assertFault(await send(r1(`${instance}/GOV/only-three`), 'GET', asClient()), 400, 'Client.BadRequest');
    // PR-REST §4.2: the separator is never encoded between parts, and a decoded part holds only §4.8 characters.
    assertFault(await send(r1(allowedService.id.split('/').join('%2F')), 'GET', asClient()), 400, 'Client.BadRequest');
    assertFault(await send(r1(`${allowedService.id}/..%2F..%2Fsecret`), 'GET', asClient()), 400, 'Client.BadRequest');
    // PR-REST §4.2: the request URI may be limited to 2000 characters.
    assertFault(await send(r1(`${allowedService.id}/${'a'.repeat(2100)}`), 'GET', asClient()), 400, 'Client.BadRequest');
  });

  test('PR-REST §4.6 categories 2 and 4: X-Road faults are 500 with Server.ClientProxy.* or Server.ServerProxy.*', async () => {
    const { allowedService, deniedService, unknownService } = target();
    const path = allowedService.path;
    assertFault(await send(r1(`${allowedService.id}${path}`), 'GET', { 'X-Road-Client': target().client.id, ...target().badCredentials }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
    assertFault(await send(r1(`${deniedService}${path}`), 'GET', asClient()), 500, 'Server.ServerProxy.AccessDenied');
    assertFault(await send(r1(`${unknownService}${path}`), 'GET', asClient()), 500, 'Server.ServerProxy.UnknownService');
  });

  test('PR-REST §4.6: a fault answers in XML when Accept asks for application/xml, text/xml or text/*, JSON otherwise', async () => {
    const { deniedService } = target();
    for (const [accept, mediaType] of [['application/xml', 'application/xml'], ['text/xml;q=0.9', 'text/xml'], ['text/*', 'text/xml'], ['application/json, application/xml', 'application/xml']] as const) {
      const response = await send(r1(deniedService), 'GET', asClient({ Accept: accept }));
      assert.equal(response.status, 500);
      assert.equal(header(response, 'x-road-error'), 'Server.ServerProxy.AccessDenied');
      assert.equal(header(response, 'content-type'), `${mediaType}; charset=utf-8`);
      assert.match(response.body, /^<\?xml version="1\.0" encoding="UTF-8"[^>]*\?><error><type>Server\.ServerProxy\.AccessDenied<\/type><message>[^<]+<\/message><detail>[^<]+<\/detail><\/error>$/);
    }
    for (const accept of ['application/json', '*/*', undefined]) {
      assertFault(await send(r1(deniedService), 'GET', asClient(accept ? { Accept: accept } : {})), 500, 'Server.ServerProxy.AccessDenied');
    }
  });

  test('PR-META §2, Annex A, C.1: GET /listClients?xRoadInstance= needs no credentials and answers text/xml clientList', async () => {
    const { baseUrl, instance, client } = target();
    const response = await send(`${baseUrl}/listClients?xRoadInstance=${encodeURIComponent(instance)}`, 'GET', {});
    assert.equal(response.status, 200);
    assert.match(header(response, 'content-type') ?? '', /^text\/xml/);
    assert.match(response.body, /^<\?xml version="1\.0" encoding="UTF-8"[^>]*\?><ns2:clientList xmlns:ns1="http:\/\/x-road\.eu\/xsd\/identifiers" xmlns:ns2="http:\/\/x-road\.eu\/xsd\/xroad\.xsd">/);
    const [inst, memberClass, memberCode, subsystemCode] = client.id.split('/');
    assert.ok(response.body.includes(`<ns2:id ns1:objectType="SUBSYSTEM"><ns1:xRoadInstance>${inst}</ns1:xRoadInstance><ns1:memberClass>${memberClass}</ns1:memberClass><ns1:memberCode>${memberCode}</ns1:memberCode><ns1:subsystemCode>${subsystemCode}</ns1:subsystemCode></ns2:id>`));
    assert.ok(response.body.includes(`<ns2:id ns1:objectType="MEMBER"><ns1:xRoadInstance>${inst}</ns1:xRoadInstance><ns1:memberClass>${memberClass}</ns1:memberClass><ns1:memberCode>${memberCode}</ns1:memberCode></ns2:id>`));
  });

  test('PR-META §2, Annex B, C.1: listClients answers JSON for Accept: application/json; another instance lists nobody here', async () => {
    const { baseUrl, client } = target();
    const response = await send(`${baseUrl}/listClients`, 'GET', { Accept: 'application/json' });
    assert.equal(response.status, 200);
    assert.match(header(response, 'content-type') ?? '', /^application\/json/);
    const { member } = JSON.parse(response.body) as { member: { id: Record<string, string>; name: string }[] };
    const [inst, memberClass, memberCode, subsystemCode] = client.id.split('/');
    assert.ok(member.some((m) => m.id.object_type === 'SUBSYSTEM' && m.id.xroad_instance === inst && m.id.member_class === memberClass
      && m.id.member_code === memberCode && m.id.subsystem_code === subsystemCode && m.name.length > 0));
    const other = await send(`${baseUrl}/listClients?xRoadInstance=NO-SUCH-INSTANCE`, 'GET', { Accept: 'application/json' });
    assert.deepEqual(JSON.parse(other.body), { member: [] });
  });

  test('PR-MREST §4, Annex B.1/B.2: listMethods lists every service with endpoint_list, allowedMethods only the allowed ones', async () => {
    const { provider, allowedService, deniedService } = target();
    const code = (id: string) => id.split('/')[4];
    const list = async (metaservice: string) => {
      const response = await send(r1(`${provider.id}/${metaservice}`), 'GET', asClient());
      assert.equal(response.status, 200, response.body);
      assert.match(header(response, 'content-type') ?? '', /^application\/json/);
      return (JSON.parse(response.body) as { service: Record<string, unknown>[] }).service;
    };
    const all = await list('listMethods');
    for (const service of all) {
      assert.equal(service.object_type, 'SERVICE');
      assert.ok(['OPENAPI', 'REST'].includes(service.service_type as string));
      assert.ok(Array.isArray(service.endpoint_list));
      assert.ok(!['listMethods', 'allowedMethods', 'getOpenAPI'].includes(service.service_code as string), 'PR-MREST §4: no metaservice names');
    }
    assert.ok(all.some((s) => s.service_code === code(allowedService.id)) && all.some((s) => s.service_code === code(deniedService)));
    const allowed = (await list('allowedMethods')).map((s) => s.service_code);
    assert.ok(allowed.includes(code(allowedService.id)) && !allowed.includes(code(deniedService)));
  });

  test('PR-MREST §5: getOpenAPI?serviceCode= returns the OpenAPI description; without serviceCode 400, unknown code 500', async () => {
    const { provider } = target();
    const response = await send(r1(`${provider.id}/getOpenAPI?serviceCode=${encodeURIComponent(provider.openApiServiceCode)}`), 'GET', asClient());
    assert.equal(response.status, 200, response.body);
    assert.match((JSON.parse(response.body) as { openapi: string }).openapi, /^3\./);
    assertFault(await send(r1(`${provider.id}/getOpenAPI`), 'GET', asClient()), 400, 'Client.BadRequest');
    assertFault(await send(r1(`${provider.id}/getOpenAPI?serviceCode=no-such-service`), 'GET', asClient()), 500, 'Server.ServerProxy.UnknownService');
  });
}
