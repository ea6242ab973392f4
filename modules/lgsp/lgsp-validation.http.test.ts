import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { agencyAdmin, countRows, gatewayClient, lgspApi, listenOnLoopback, listenServer, providerAndConsumer, seededAgencies } from './lgsp.test-support.ts';

/**
 * Decision 0048 through the whole platform: a service described in YAML, the gateway checking
 * path, header, media type and form body of requests (refusals logged, never at the provider),
 * and the provider's answers (a non-conforming one withheld as Server.ServerProxy.ServiceFailed,
 * the log keeping the answer as received).
 */

const DESCRIPTION = `
openapi: 3.1.0
info: { title: Giấy phép, version: "1" }
paths:
  /permits/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
        - { name: X-Trace-Id, in: header, required: true, schema: { type: string, format: uuid } }
      responses:
        "200": { description: the permit, content: { application/json: { schema: { type: object, required: [code] } } } }
        "404": { description: no such permit }
  /permits:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded: { schema: { type: object, required: [code], properties: { code: { type: string, minLength: 2 } } } }
          application/xml: {}
      responses:
        "201": { description: created }
`;
/** What the provider answers for GET /permits/{id}: 1 conforms, the others do not. */
const ANSWERS: Record<string, [status: number, contentType: string, body: string]> = {
  1: [200, 'application/json', '{"code":"GP-1"}'],
  2: [200, 'application/json', '{"number":2}'],
  3: [418, 'text/plain', 'teapot'],
  4: [200, 'text/html', '<p>permit</p>'],
};
const TRACE = { 'x-trace-id': '0b6f8a2e-5d7c-4e19-9a8b-1c2d3e4f5a6b' };
const CLIENT = { clientId: 'lgsp-validation-consumer', secret: 'lgsp-validation-consumer-secret-0123' };

describe('LGSP: validation of requests and answers against a YAML description', () => {
  let t: TestPlatform;
  let admin: string;
  let outsider: string;
  let gateway: string;
  let provider: string;
  let serviceId = '';
  let hits = 0;
  const headers: Record<string, string> = {};
  const server = createServer((req, res) => {
    if (req.url === '/openapi.yaml') return void res.writeHead(200, { 'content-type': 'application/yaml' }).end(DESCRIPTION);
    hits++;
    const [status, contentType, body] = ANSWERS[req.url!.split('/').pop()!] ?? [201, 'application/json', '{}'];
    req.resume().on('end', () => res.writeHead(status, { 'content-type': contentType }).end(body));
  });
  const { api, created: expectCreated } = lgspApi(() => t, () => admin);
  const call = async (method: string, path: string, extra: Record<string, string> = {}, body?: string) => {
    const answer = await fetch(`${gateway}${path}`, { method, headers: { ...headers, ...extra }, ...(body === undefined ? {} : { body }) });
    return { status: answer.status, error: answer.headers.get('x-road-error'), id: answer.headers.get('x-road-id')!, body: await answer.text() };
  };
  const count = (table: string) => countRows(t, table);

  before(async () => {
    t = await createTestPlatform();
    admin = await adminToken(t);
    provider = await listenServer(server);
    const { root, department } = await seededAgencies(t);
    headers.authorization = `Bearer ${await gatewayClient(t, department.id, CLIENT, 'consumer')}`;
    outsider = await agencyAdmin(t, department.id, 'lgsp-validation-outsider', 'outsider');
    const { providerSub, consumerSubs: [consumerSub] } = await providerAndConsumer(expectCreated, {
      root, department, departmentAdmin: outsider, provider: { code: 'PERMITS', name: 'Giấy phép' }, consumers: [{ code: 'DESK', name: 'Một cửa', clientId: CLIENT.clientId }],
    });
    headers['x-road-client'] = consumerSub!.xroadId;

    const before = await count('services');
    for (const bad of ['openapi: [3.1.0', 'openapi: !!js/function "() => 1"\npaths: {}']) {
      const refused = await api('POST', `/subsystems/${providerSub.id}/services`, { code: 'bad', name: 'x', baseUrl: `${provider}/api`, openApi: bad });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json().code, 'lgsp.openapi_invalid');
    }
    assert.equal(await count('services'), before, 'nothing written for bad YAML');
    const created = await api('POST', `/subsystems/${providerSub.id}/services`, { code: 'permits', name: 'Giấy phép', baseUrl: `${provider}/api`, openApiUrl: `${provider}/openapi.yaml` });
    assert.equal(created.statusCode, 201, created.body);
    serviceId = created.json().id;
    assert.deepEqual(created.json().endpoints, [{ method: 'GET', path: '/permits/*' }, { method: 'POST', path: '/permits' }], 'read from YAML');
    assert.equal((await api('PUT', `/services/${serviceId}/status`, { status: 'published' })).statusCode, 200);
    assert.equal((await api('POST', `/services/${serviceId}/rights`, { subsystemId: consumerSub!.id })).statusCode, 201);
    gateway = `${await listenOnLoopback(t)}/lgsp/r1/${providerSub.xroadId}/permits`;
  });
  after(async () => {
    await t.close();
    server.close();
  });

  it('takes the description uploaded as YAML text like the one at its URL', async () => {
    const same = await api('POST', `/services/${serviceId}/refresh`, { openApi: DESCRIPTION });
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json().changed, false, 'the same document, whether fetched or uploaded');
  });

  it('refuses requests off the description (path and header parameters, media type, form body), logged, never at the provider', async () => {
    assert.equal((await api('PUT', `/services/${serviceId}/request-validation`, { validateRequests: true })).statusCode, 200);
    const seen = hits;
    const logged = await count('message_log');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refusals: [method: string, path: string, extra: Record<string, string>, body: string | undefined, reason: RegExp][] = [
      ['GET', '/permits/abc', TRACE, undefined, /path parameter id must be integer/],
      ['GET', '/permits/1', {}, undefined, /The header X-Trace-Id is required/],
      ['GET', '/permits/1', { 'x-trace-id': 'seven' }, undefined, /header X-Trace-Id must match format ..uuid/],
      ['POST', '/permits', { 'content-type': 'application/json' }, '{"code":"GP"}', /media type application\/json is not one the operation accepts: (?=.*application\/x-www-form-urlencoded)(?=.*application\/xml)/],
      ['POST', '/permits', form, 'code=G', /body\/code must NOT have fewer than 2 characters/],
      ['POST', '/permits', form, '', /A request body is required/],
    ];
    for (const [method, path, extra, body, reason] of refusals) {
      const refused = await call(method, path, extra, body);
      assert.equal(refused.status, 400, `${method} ${path}: ${refused.body}`);
      assert.equal(refused.error, 'Client.BadRequest');
      assert.match(refused.body, reason);
    }
    assert.equal(hits, seen, 'no refused request reached the provider');
    assert.equal(await count('message_log'), logged + refusals.length, 'every refusal is in the message log');
    for (const [method, path, extra, body] of [['GET', '/permits/1', TRACE, undefined], ['POST', '/permits', form, 'code=GP'], ['POST', '/permits', { 'content-type': 'application/xml' }, '<permit/>']] as const) {
      const passed = await call(method, path, extra, body);
      assert.ok(passed.status < 300, `${method} ${path}: ${passed.body}`);
    }
    assert.equal(hits, seen + 3);
  });

  it("withholds a provider's answer off the description when response validation is on: ServiceFailed, the answer in the log as received", async () => {
    assert.equal((await api('GET', `/services/${serviceId}`)).json().validateResponses, false, 'off by default');
    assert.equal((await call('GET', '/permits/2', TRACE)).status, 200, 'off: passed on unchanged');

    const notProvider = await api('PUT', `/services/${serviceId}/response-validation`, { validateResponses: true }, outsider);
    assert.equal(notProvider.statusCode, 403);
    assert.equal(notProvider.json().code, 'lgsp.out_of_scope');
    assert.equal((await api('PUT', `/services/${serviceId}/response-validation`, { validateResponses: 'yes' })).statusCode, 400);
    assert.equal((await api('GET', `/services/${serviceId}`)).json().validateResponses, false, 'nothing changed by the refusals');
    const on = await api('PUT', `/services/${serviceId}/response-validation`, { validateResponses: true });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().validateResponses, true);
    const audit = await queryRows<{ outcome: number }>(t.database.db, sql`select outcome from platform.audit_log where target like ${`%${serviceId}/response-validation`} order by seq`);
    assert.deepEqual(audit.map((a) => a.outcome), [403, 400, 200], 'the change and the refused attempts are audited');

    const good = await call('GET', '/permits/1', TRACE);
    assert.equal(good.status, 200);
    assert.equal(good.body, ANSWERS[1]![2]);
    const seen = hits;
    for (const [id, reason] of [['2', /answer \(200\) does not match .*response 200 body must have required property 'code'/], ['3', /answer \(418\) .*declares no response 418/], ['4', /media type text\/html is not one the response 200 declares/]] as const) {
      const withheld = await call('GET', `/permits/${id}`, TRACE);
      assert.equal(withheld.status, 500, withheld.body);
      assert.equal(withheld.error, 'Server.ServerProxy.ServiceFailed');
      assert.match(withheld.body, reason);
      assert.doesNotMatch(withheld.body, new RegExp(ANSWERS[id]![2].replace(/[{}"]/g, '.')), 'the answer itself is not passed on');
      const [row] = await queryRows<{ status: number; fault: string; response_body_hash: string }>(t.database.db, sql`select status, fault, response_body_hash from lgsp.message_log where message_id = ${withheld.id}`);
      assert.equal(row?.status, 500);
      assert.equal(row?.fault, 'Server.ServerProxy.ServiceFailed');
      assert.equal(row?.response_body_hash, createHash('sha256').update(ANSWERS[id]![2]).digest('hex'), "the log keeps the provider's answer as received");
    }
    assert.equal(hits, seen + 3, 'the provider was called each time');
  });
});
