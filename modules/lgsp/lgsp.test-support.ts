import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { hashClientSecret } from '../identity/index.ts';
import { startSandbox, type RunningSandbox, type SandboxFactory } from '../../apps/sandbox/index.ts';
import { freePort } from '../../apps/server/start.ts';
import { createTestPlatform, type TestPlatform } from '../../apps/server/testing.ts';
import { createVapexExchange, type Mailer } from '../../packages/national/index.ts';
import { JobRunner, queryRows } from '../../packages/platform/index.ts';
import type { XmlNode } from '../../packages/xroad/index.ts';

/** The setting the LGSP HTTP tests share: the platform, sandboxes, agencies, clients and registrations. */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Agency { id: string; code: string; parentId: string | null; kind: string }

/**
 * The LGSP administration API through `inject()`, as `token` (by default the test's administrator).
 * Getters, because the platform and its tokens only exist once `before` has run.
 */
export function lgspApi(platform: () => TestPlatform, defaultToken: () => string) {
  const api = (method: Method, url: string, payload?: unknown, token = defaultToken()) =>
    platform().app.inject({ method, url: `/api/lgsp${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** POSTs `payload` and expects 201: the created row. */
  const created = async (url: string, payload: unknown, token = defaultToken()) => {
    const answer = await api('POST', url, payload, token);
    assert.equal(answer.statusCode, 201, answer.body);
    return answer.json();
  };
  return { api, created };
}

/** Rows in `table`; a table without its schema is one of LGSP's. */
export async function countRows(t: TestPlatform, table: string): Promise<number> {
  const name = table.includes('.') ? table : `lgsp.${table}`;
  return Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(name)}`))[0]!.n);
}

/** The province (the root agency) and its departments, in the seed's order. */
export async function seededAgencies(t: TestPlatform): Promise<{ root: Agency; department: Agency; departments: Agency[] }> {
  const agencies = await t.modules.catalog.service.listAgencies();
  const root = agencies.find((a) => a.parentId === null)!;
  const departments = agencies.filter((a) => a.parentId === root.id && a.kind === 'department');
  return { root, department: departments[0]!, departments };
}

/** A service client of `agencyId` that may take gateway tokens (scope `lgsp`). */
export async function insertGatewayClient(t: TestPlatform, agencyId: string, client: { clientId: string; secret: string }, name = client.clientId): Promise<void> {
  await t.modules.identity.service.repo.insertServiceClient({ clientId: client.clientId, name, secretHash: hashClientSecret(client.secret), agencyId, permissions: [], scopes: ['lgsp'] });
}

/** A service client of `agencyId` that takes gateway tokens (scope `lgsp`): its gateway token. */
export async function gatewayClient(t: TestPlatform, agencyId: string, client: { clientId: string; secret: string }, name = client.clientId): Promise<string> {
  await insertGatewayClient(t, agencyId, client, name);
  return t.clientToken(client.clientId, client.secret, { scope: 'lgsp', resource: `${t.config.publicUrl}/lgsp` });
}

/** A service client acting as `agencyId`'s LGSP administrator (secret `<clientId>-secret`): its token. */
export async function agencyAdmin(t: TestPlatform, agencyId: string, clientId: string, name = 'dept admin'): Promise<string> {
  await t.modules.identity.service.repo.insertServiceClient({ clientId, name, secretHash: hashClientSecret(`${clientId}-secret`), agencyId, permissions: ['lgsp.manage'] });
  return t.clientToken(clientId, `${clientId}-secret`);
}

/**
 * The setting gateway tests share: the province (the root agency) and one of its departments as a
 * consumer, with a service client that takes gateway tokens (scope `lgsp`) and the department's
 * own LGSP administrator (the province's does not administer it).
 */
export async function consumerDepartment(t: TestPlatform, prefix: string) {
  const { root, department } = await seededAgencies(t);
  const clientId = `${prefix}-consumer`;
  const gatewayToken = await gatewayClient(t, department.id, { clientId, secret: `${prefix}-consumer-secret-0123456789` });
  const departmentAdmin = await agencyAdmin(t, department.id, `${prefix}-dept-admin`);
  return { root, department, clientId, gatewayToken, departmentAdmin };
}

interface Created { id: string; xroadId: string }
type Create = (url: string, payload: unknown, token?: string) => Promise<Created>;

/**
 * A provider member (the province, registered by the default token) with one subsystem, and a
 * consumer member (the department, registered by its own administrator) with `consumers`.
 */
export async function providerAndConsumer(created: Create, setting: {
  root: Agency; department: Agency; departmentAdmin: string;
  provider: { code: string; name: string }; consumers: { code: string; name: string; clientId?: string }[];
}) {
  const provider = await created('/members', { agencyCode: setting.root.code, memberClass: 'GOV' });
  const consumer = await created('/members', { agencyCode: setting.department.code, memberClass: 'GOV' }, setting.departmentAdmin);
  const providerSub = await created(`/members/${provider.id}/subsystems`, setting.provider);
  const consumerSubs: Created[] = [];
  for (const subsystem of setting.consumers) consumerSubs.push(await created(`/members/${consumer.id}/subsystems`, subsystem, setting.departmentAdmin));
  return { provider, consumer, providerSub, consumerSubs };
}

/** A platform listening at its public URL on a free loopback port (the "try it" console calls the gateway there): it and that URL. */
export async function platformAtPublicUrl(): Promise<{ t: TestPlatform; origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await createTestPlatform({ PORT: String(port), PUBLIC_URL: origin });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, origin };
}

/** Version 1 of the description of the V-APEX tests' service. */
const RECORDS_V1 = { openapi: '3.1.0', info: { title: 'Hộ tịch', version: '1.0.0' }, paths: { '/records/{id}': { get: {} } } };

/** The V-APEX tests' service, a draft of the province's civil-status subsystem whose provider is never called: its id. */
export async function registerRecordsService(t: TestPlatform, api: ReturnType<typeof lgspApi>['api']): Promise<string> {
  const { root } = await seededAgencies(t);
  const member = (await api('POST', '/members', { agencyCode: root.code, memberClass: 'GOV' })).json();
  const subsystem = (await api('POST', `/members/${member.id}/subsystems`, { code: 'HOTICH', name: 'Hộ tịch' })).json();
  const service = await api('POST', `/subsystems/${subsystem.id}/services`, { code: 'records', name: 'Tra cứu hộ tịch', baseUrl: 'http://127.0.0.1:9/v1', openApi: RECORDS_V1 });
  assert.equal(service.statusCode, 201, service.body);
  return service.json().id;
}

/** The platform listening on a free loopback port: its origin (`http://127.0.0.1:<port>`). */
export async function listenOnLoopback(t: TestPlatform): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** `server` listening on a free loopback port: its origin. */
export const listenServer = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** The given sandboxes on a free loopback port, quiet. */
export const startTestSandbox = (...sandboxes: SandboxFactory[]): Promise<RunningSandbox> =>
  startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes });

/** A provider on a free loopback port answering every request with `answer`'s JSON (given the request and its body). */
export function startJsonEcho(answer: (req: IncomingMessage, body: string) => unknown): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req, Buffer.concat(chunks).toString('utf8')))));
  });
  return listenServer(server).then((url) => ({ server, url }));
}

/** The first element named `local` in `node`'s tree, depth first. */
export const findXml = (node: XmlNode, local: string): XmlNode | undefined => node.local === local ? node : node.children.map((c) => findXml(c, local)).find(Boolean);

/** LGSP's jobs (V-APEX publication and subscriptions, notices) run on demand against the V-APEX sandbox `t` is configured with. */
export const vapexJobRunner = (t: TestPlatform, mailer: Mailer): JobRunner =>
  new JobRunner(t.database.db, { handlers: t.modules.lgsp.jobHandlers(createVapexExchange({ ...t.config.vapex, timeoutMs: 2000 }), mailer) });

/** A V-APEX sandbox client's access token (client credentials). */
export async function vapexToken(sandboxUrl: string, id: string, secret: string): Promise<string> {
  const answer = await fetch(`${sandboxUrl}/vapex/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${id}&client_secret=${secret}`,
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}
