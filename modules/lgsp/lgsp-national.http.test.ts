import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { hashClientSecret } from '../identity/index.ts';
import { queryRows } from '../../packages/platform/index.ts';
import {
  DEFAULT_ADMIN_TOKEN, DEFAULT_SEED, NDXP_PROVINCE_LGSP_ID, businessRegistrySandbox, citizens, enterprises, generateCitizen, ndxpSandbox, populationSandbox,
  startSandbox, type RunningSandbox, setSandboxFaults, type FaultSettings } from '../../apps/sandbox/index.ts';
import { adminToken, createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { consumerFault } from './gateway-national.ts';

/**
 * The national leg over real HTTP: a provincial consumer calls a national service through the
 * LGSP gateway, which checks its right and forwards through the NDXP sandbox (with the
 * province's own NDXP credentials) to the population and business-registration sandboxes.
 */

const CONSUMER = { clientId: 'lgsp-national-consumer', secret: 'lgsp-national-consumer-secret-0123456789' };
const POPULATION_NDXP = 'VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup';
const BUSINESS_NDXP = 'VN/GOV/000.00.00.G06/CSDLDN/enterprise-lookup';

interface LogRow { message_id: string; client: string | null; service: string | null; status: number; fault: string | null; purpose: string | null; user_id: string | null; request_hash: string }

describe('LGSP national leg: consumer → LGSP → NDXP → national databases', () => {
  let sandbox: RunningSandbox;
  let t: TestPlatform;
  let admin: string;
  let gatewayToken: string;
  let gatewayUrl: string;
  const xroad = { national: '', consumer: '' };
  const ids = { consumerSubsystem: '', population: '', business: '' };
  const citizen = generateCitizen(DEFAULT_SEED, 3);
  const enterprise = enterprises(DEFAULT_SEED, citizens(DEFAULT_SEED)).list(0, 1)[0]!;
  const adminHeaders = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token = admin) =>
    t.app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => fetch(`${gatewayUrl}/r1/${xroad.national}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${gatewayToken}`, 'x-road-client': xroad.consumer, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const lookup = (id: string, extra: Record<string, string> = {}) => call('/population/citizens/lookup', {
    method: 'POST', body: { personalId: citizen.personalId, fullName: citizen.fullName, purpose: 'Giải quyết thủ tục đăng ký thường trú' }, headers: { 'x-road-id': id, ...extra },
  });
  const ndxpMessages = async () => ((await (await fetch(`${sandbox.url}/ndxp/_admin/messages?client=${encodeURIComponent(NDXP_PROVINCE_LGSP_ID)}&limit=1000`, { headers: adminHeaders })).json()) as { messages: unknown[] }).messages.length;
  const legs = async (messageId: string) => {
    await t.modules.lgsp.messageLog.flush();
    return queryRows<LogRow>(t.database.db, sql`
      select message_id, client, service, status, fault, purpose, user_id, request_hash from lgsp.message_log where message_id = ${messageId} order by seq`);
  };
  const faults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(sandbox.url, 'ndxp', settings);

  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [populationSandbox(), businessRegistrySandbox(), ndxpSandbox()] });
    t = await createTestPlatform({ NDXP_URL: `${sandbox.url}/ndxp` });
    admin = await adminToken(t);
    const agencies = await t.modules.catalog.service.listAgencies();
    const root = agencies.find((a) => a.parentId === null)!;
    const department = agencies.find((a) => a.parentId === root.id && a.kind === 'department')!;
    await t.modules.identity.service.repo.insertServiceClient({
      clientId: CONSUMER.clientId, name: CONSUMER.clientId, secretHash: hashClientSecret(CONSUMER.secret), agencyId: department.id, permissions: [], scopes: ['lgsp'],
    });
    // The consumer's agency has its own LGSP administrator (the province's does not administer it).
    await t.modules.identity.service.repo.insertServiceClient({
      clientId: 'lgsp-national-dept-admin', name: 'dept admin', secretHash: hashClientSecret('lgsp-national-dept-admin-secret'), agencyId: department.id, permissions: ['lgsp.manage'],
    });
    const consumerAdmin = await t.clientToken('lgsp-national-dept-admin', 'lgsp-national-dept-admin-secret');
    gatewayToken = await t.clientToken(CONSUMER.clientId, CONSUMER.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });

    const province = (await api('POST', '/members', { agencyCode: root.code, memberClass: 'GOV' })).json();
    const consumer = (await api('POST', '/members', { agencyCode: department.code, memberClass: 'GOV' }, consumerAdmin)).json();
    const national = await api('POST', `/members/${province.id}/subsystems`, { code: 'NDXP', name: 'Kết nối hệ thống quốc gia qua NDXP' });
    assert.equal(national.statusCode, 201, national.body);
    xroad.national = national.json().xroadId;
    const consumerSubAnswer = await api('POST', `/members/${consumer.id}/subsystems`, { code: 'ONEGATE', name: 'Một cửa', clientId: CONSUMER.clientId }, consumerAdmin);
    assert.equal(consumerSubAnswer.statusCode, 201, `${JSON.stringify(consumer)} ${consumerSubAnswer.body}`);
    const consumerSub = consumerSubAnswer.json();
    ids.consumerSubsystem = consumerSub.id;
    xroad.consumer = consumerSub.xroadId;

    const population = await api('POST', `/subsystems/${national.json().id}/services`, {
      code: 'population', name: 'CSDL quốc gia về dân cư', nationalService: POPULATION_NDXP, openApiUrl: `${sandbox.url}/population/openapi.json`,
    });
    assert.equal(population.statusCode, 201, population.body);
    const business = await api('POST', `/subsystems/${national.json().id}/services`, {
      code: 'business', name: 'CSDL quốc gia về đăng ký doanh nghiệp', nationalService: BUSINESS_NDXP, openApiUrl: `${sandbox.url}/business/openapi.json`,
    });
    assert.equal(business.statusCode, 201, business.body);
    ids.population = population.json().id;
    ids.business = business.json().id;
    for (const id of [ids.population, ids.business]) assert.equal((await api('PUT', `/services/${id}/status`, { status: 'published' })).statusCode, 200);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    gatewayUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/lgsp`;
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('registers a national service by its NDXP service id: reached at NDXP, never at a base URL of the caller\'s choosing', async () => {
    const service = (await api('GET', `/services/${ids.population}`)).json();
    assert.equal(service.nationalService, POPULATION_NDXP);
    assert.equal(service.baseUrl, `${sandbox.url}/ndxp/r1/${POPULATION_NDXP}`);
    assert.ok(service.endpoints.some((e: { method: string; path: string }) => e.method === 'POST' && e.path.endsWith('/citizens/lookup')));
    const both = await api('POST', `/subsystems/${service.subsystemId}/services`, { code: 'both', name: 'x', baseUrl: 'http://127.0.0.1:9/x', nationalService: POPULATION_NDXP, openApi: { openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {} } });
    assert.equal(both.statusCode, 400);
    assert.equal(both.json().code, 'lgsp.provider_required');
    const malformed = await api('POST', `/subsystems/${service.subsystemId}/services`, { code: 'bad', name: 'x', nationalService: 'VN/GOV/only-three', openApi: { openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {} } });
    assert.equal(malformed.json().code, 'lgsp.invalid_national_service');
  });

  it('refuses a consumer without a right, and nothing reaches NDXP', async () => {
    const before = await ndxpMessages();
    const denied = await lookup('sen-national-denied');
    assert.equal(denied.status, 500);
    assert.equal(denied.headers.get('x-road-error'), 'Server.ServerProxy.AccessDenied');
    assert.equal(await ndxpMessages(), before, 'NDXP saw no message');
    const rows = await legs('sen-national-denied');
    assert.equal(rows.length, 1, 'only the consumer leg is logged');
    assert.equal(rows[0]!.fault, 'Server.ServerProxy.AccessDenied');
  });

  it('looks a seeded citizen up through LGSP → NDXP → population database, with the province as the client on the national leg; both legs logged', async () => {
    const right = await api('POST', `/services/${ids.population}/rights`, { subsystemId: ids.consumerSubsystem, method: 'POST', pathPattern: '/citizens/lookup' });
    assert.equal(right.statusCode, 201, right.body);
    const answer = await call('/population/citizens/lookup', {
      method: 'POST', body: { personalId: citizen.personalId, fullName: citizen.fullName, purpose: 'Giải quyết thủ tục đăng ký thường trú' },
      headers: { 'x-road-id': 'sen-national-lookup-1', 'x-road-userid': `VN${citizen.personalId}`, 'x-purpose': 'Giai quyet TTHC 1.004222' },
    });
    assert.equal(answer.status, 200, await answer.clone().text());
    const record = await answer.json() as { personalId: string; fullName: string };
    assert.equal(record.personalId, citizen.personalId);
    assert.equal(record.fullName, citizen.fullName);
    assert.equal(answer.headers.get('x-road-id'), 'sen-national-lookup-1');
    assert.equal(answer.headers.get('x-road-client'), xroad.consumer, 'the consumer sees its own exchange');

    const rows = await legs('sen-national-lookup-1');
    assert.equal(rows.length, 2, 'two records, linked by the consumer\'s X-Road-Id');
    const [national, consumer] = rows;
    assert.equal(national!.client, NDXP_PROVINCE_LGSP_ID);
    assert.equal(national!.service, POPULATION_NDXP);
    assert.equal(national!.status, 200);
    assert.equal(consumer!.client, xroad.consumer);
    assert.equal(consumer!.service, `${xroad.national}/population`);
    for (const leg of rows) {
      assert.equal(leg.purpose, 'Giai quyet TTHC 1.004222');
      assert.ok(leg.user_id && !leg.user_id.includes(citizen.personalId), 'the user id is masked');
    }
    // NDXP logged the same message (by the consumer's id) with the same request hash as LGSP's national record.
    const hub = (await (await fetch(`${sandbox.url}/ndxp/_admin/messages?service=${encodeURIComponent(POPULATION_NDXP)}`, { headers: adminHeaders })).json()) as { messages: { id: string; client: string; requestHash: string }[] };
    const seen = hub.messages.find((m) => m.id === 'sen-national-lookup-1')!;
    assert.equal(seen.client, NDXP_PROVINCE_LGSP_ID);
    assert.equal(seen.requestHash, national!.request_hash);
    assert.deepEqual(await t.modules.lgsp.verifyLog(), { ok: true, records: Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from lgsp.message_log`))[0]!.n) });
  });

  it('passes the national system\'s own answers on (no match: its 404), and never sends the province\'s key to the consumer or the log', async () => {
    const miss = await call('/population/citizens/lookup', {
      method: 'POST', body: { personalId: citizen.personalId, fullName: 'Không Phải Tên Này', purpose: 'Giải quyết thủ tục đăng ký thường trú' }, headers: { 'x-road-id': 'sen-national-miss' },
    });
    assert.equal(miss.status, 404);
    assert.equal(miss.headers.get('x-road-error'), null, 'a provider answer, not an X-Road fault');
    assert.equal((await miss.json() as { code: string }).code, 'population.no_match');
    const dump = JSON.stringify(await queryRows(t.database.db, sql`select * from lgsp.message_log`));
    assert.doesNotMatch(dump, new RegExp(t.config.ndxp.clientKey));
  });

  it('looks an enterprise up in the business-registration database through NDXP', async () => {
    assert.equal((await api('POST', `/services/${ids.business}/rights`, { subsystemId: ids.consumerSubsystem, method: 'GET' })).statusCode, 201);
    const answer = await call(`/business/enterprises/${enterprise.code}`, { headers: { 'x-road-id': 'sen-national-business-1' } });
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.equal((await answer.json() as { code: string }).code, enterprise.code);
    const rows = await legs('sen-national-business-1');
    assert.deepEqual(rows.map((r) => [r.client, r.service, r.status]), [[NDXP_PROVINCE_LGSP_ID, BUSINESS_NDXP, 200], [xroad.consumer, `${xroad.national}/business`, 200]]);
  });

  it('answers a proper fault when NDXP is down, and logs both legs with it', async () => {
    await faults({ down: true });
    try {
      const down = await call(`/business/enterprises/${enterprise.code}`, { headers: { 'x-road-id': 'sen-national-down' } });
      assert.equal(down.status, 500);
      assert.equal(down.headers.get('x-road-error'), 'Server.ServerProxy.NetworkError');
      assert.match((await down.json() as { message: string }).message, /^NDXP: /);
    } finally {
      await faults(null);
    }
    const rows = await legs('sen-national-down');
    assert.deepEqual(rows.map((r) => [r.client, r.fault]), [[NDXP_PROVINCE_LGSP_ID, 'Server.ServerProxy.NetworkError'], [xroad.consumer, 'Server.ServerProxy.NetworkError']]);
  });

  it('counts national calls against the consumer\'s quota: over it, NDXP sees nothing', async () => {
    const set = await api('PUT', `/services/${ids.business}/quotas`, { scope: 'consumer', subsystemId: ids.consumerSubsystem, limit: 1, windowSeconds: 3600 });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal((await call(`/business/enterprises/${enterprise.code}`, { headers: { 'x-road-id': 'sen-national-quota-1' } })).status, 200);
    const before = await ndxpMessages();
    const over = await call(`/business/enterprises/${enterprise.code}`, { headers: { 'x-road-id': 'sen-national-quota-2' } });
    assert.deepEqual([over.status, over.headers.get('x-road-error')], [400, 'Client.QuotaExceeded']);
    assert.equal(await ndxpMessages(), before);
  });

  it('maps NDXP\'s faults to the consumer\'s: provider-side faults pass, the province\'s own side of the national leg is a failed service', () => {
    assert.equal(consumerFault('Server.ServerProxy.AccessDenied'), 'Server.ServerProxy.AccessDenied');
    assert.equal(consumerFault('Server.ServerProxy.UnknownService'), 'Server.ServerProxy.UnknownService');
    assert.equal(consumerFault('Server.ClientProxy.SslAuthenticationFailed'), 'Server.ServerProxy.ServiceFailed');
    assert.equal(consumerFault('Client.BadRequest'), 'Client.BadRequest');
    assert.equal(consumerFault('Something.Else'), 'Server.ServerProxy.ServiceFailed');
  });
});
