import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import { runXroadContract } from '../../../packages/xroad/testing.ts';
import { DEFAULT_NDXP_MEMBERS, ndxpSandbox, type MessageRecord } from './sandbox.ts';

const LGSP = DEFAULT_NDXP_MEMBERS[0]!;
const OTHER = DEFAULT_NDXP_MEMBERS[1]!;
const ECHO = 'VN/GOV/000.00.00.G99/TESTSYS/echo';
const DOWN = 'VN/GOV/000.00.00.G99/TESTSYS/down';
const CLOSED = 'VN/GOV/000.00.00.G99/TESTSYS/closed';
const PROVIDER = 'VN/GOV/000.00.00.G99/TESTSYS';
const PROVIDER_KEY = 'provider-secret-for-tests';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const seen: Seen[] = [];
let provider: Server;
let sandbox: RunningSandbox;
let base: string;

/** The provider's description: served beside its API, which lives under `/api`. */
const PROVIDER_OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Echo', version: '1' },
  servers: [{ url: '/api' }],
  paths: { '/items': { post: { responses: { 201: { description: 'created' } } } }, '/items/{id}': { get: { responses: {} }, delete: { responses: {} } } },
};

/** The provider's information system, on loopback: answers by path. */
function startProvider(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(PROVIDER_OPENAPI));
        return;
      }
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url!.startsWith('/api/missing')) {
        res.writeHead(404, { 'content-type': 'text/plain', 'x-road-error': 'forged-by-provider' }).end('nothing here');
      } else if (req.url!.startsWith('/api/slow')) {
        const timer = setTimeout(() => res.end('late'), 5_000);
        res.on('close', () => clearTimeout(timer));
      } else if (req.url!.startsWith('/api/redirect')) {
        res.writeHead(302, { location: '/api/elsewhere' }).end();
      } else {
        res.writeHead(201, { 'content-type': 'application/json', 'x-provider': 'yes', server: 'provider-httpd', 'set-cookie': ['a=1', 'b=2'] })
          .end(JSON.stringify({ echoed: body.toString('utf8') }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  provider = await startProvider();
  const dead = await startProvider();
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise((resolve) => dead.close(resolve));
  const port = (provider.address() as AddressInfo).port;
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent',
    sandboxes: [ndxpSandbox({
      providerTimeoutMs: 1_000,
      services: [
        {
          id: ECHO, title: 'Echo', target: `http://127.0.0.1:${port}/api`, openapi: `http://127.0.0.1:${port}/openapi.json`,
          headers: { 'x-client-id': 'ndxp-hub', 'x-api-key': PROVIDER_KEY }, allowedClients: [LGSP.id],
        },
        { id: DOWN, title: 'Down', target: `http://127.0.0.1:${deadPort}/api`, allowedClients: [LGSP.id] },
        { id: CLOSED, title: 'Closed', target: `http://127.0.0.1:${port}/api`, allowedClients: [] },
      ],
    })],
  });
  base = `http://127.0.0.1:${sandbox.port}/ndxp`;
});

after(async () => {
  await sandbox.close();
  provider.closeAllConnections();
  await new Promise((resolve) => provider.close(resolve));
});

const asClient = (member: { id: string; key: string }, extra: Record<string, string> = {}) => ({ 'x-road-client': member.id, 'x-road-client-key': member.key, ...extra });
const admin = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

runXroadContract(() => ({
  baseUrl: base,
  instance: 'VN',
  client: { id: LGSP.id, credentials: { 'X-Road-Client-Key': LGSP.key } },
  unhashedHeaders: ['x-road-client-key'],
  badCredentials: { 'X-Road-Client-Key': 'wrong-key' },
  allowedService: { id: ECHO, path: '/contract' },
  deniedService: CLOSED,
  unknownService: `${PROVIDER}/nope`,
  provider: { id: PROVIDER, openApiServiceCode: 'echo' },
}));

async function fault(response: Response, status: number, type: string): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('x-road-error'), type);
  const body = (await response.json()) as { type: string; message: string; detail: string };
  assert.equal(body.type, type);
  assert.ok(body.message.length > 0);
  assert.match(body.detail, UUID);
}

test('an allowed client is relayed: path and query pass, X-Road headers both ways, request hash reproducible', async () => {
  const path = `/r1/${ECHO}/v1/bar/zyggy?quu=1&x=%20a`;
  const headers = asClient(LGSP, { 'content-type': 'application/json', 'X-Road-UserId': 'VN12345', 'X-Road-Issue': 'HS-001', 'x-custom': 'kept', 'x-api-key': 'client-forgery' });
  const body = JSON.stringify({ hello: 'xin chào' });
  const before = seen.length;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  assert.equal(response.status, 201);
  assert.deepEqual(await response.json(), { echoed: body });
  assert.equal(seen.length, before + 1);
  const got = seen.at(-1)!;
  assert.equal(got.method, 'POST');
  assert.equal(got.url, '/api/v1/bar/zyggy?quu=1&x=%20a');
  assert.equal(got.body.toString('utf8'), body);
  assert.equal(got.headers['x-road-client'], LGSP.id);
  assert.equal(got.headers['x-road-service'], ECHO);
  assert.equal(got.headers['x-road-userid'], 'VN12345');
  assert.equal(got.headers['x-road-issue'], 'HS-001');
  assert.equal(got.headers['x-client-id'], 'ndxp-hub');
  assert.equal(got.headers['x-api-key'], PROVIDER_KEY, 'the hub’s provider credential wins over the client’s');
  assert.equal(got.headers['x-custom'], 'kept');
  assert.equal(got.headers['x-road-client-key'], undefined);

  const messageId = response.headers.get('x-road-id')!;
  assert.match(messageId, UUID);
  assert.equal(got.headers['x-road-id'], messageId);
  assert.equal(response.headers.get('x-road-client'), LGSP.id);
  assert.equal(response.headers.get('x-road-service'), ECHO);
  assert.match(response.headers.get('x-road-request-id')!, UUID);
  assert.equal(response.headers.get('x-road-error'), null);
  assert.equal(response.headers.get('x-provider'), 'yes');
  assert.equal(response.headers.get('server'), null);
  assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
  const hash = response.headers.get('x-road-request-hash');
  // PR-REST §4.3: base64 of a SHA-512 digest (its exact value is checked by the contract tests, which control every header sent).
  assert.match(hash ?? '', /^[A-Za-z0-9+/]{86}==$/);
});

test('the client’s X-Road-Id is kept; provider statuses and redirects pass unchanged, without X-Road-Error', async () => {
  const missing = await fetch(`${base}/r1/${ECHO}/missing`, { headers: asClient(LGSP, { 'x-road-id': 'sen-msg-1' }) });
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), 'nothing here');
  assert.equal(missing.headers.get('content-type'), 'text/plain');
  assert.equal(missing.headers.get('x-road-error'), null);
  assert.equal(missing.headers.get('x-road-id'), 'sen-msg-1');
  assert.equal(seen.at(-1)!.headers['x-road-id'], 'sen-msg-1');

  const before = seen.length;
  const redirect = await fetch(`${base}/r1/${ECHO}/redirect`, { headers: asClient(LGSP), redirect: 'manual' });
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get('location'), '/api/elsewhere');
  assert.equal(seen.length, before + 1, 'the hub does not follow redirects');
});

test('PR-REST §4.6: refusals reach no provider — protocol errors 400, everything else 500, never another status', async () => {
  const before = seen.length;
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(OTHER) }), 500, 'Server.ServerProxy.AccessDenied');
  await fault(await fetch(`${base}/r1/${ECHO}/x`), 400, 'Client.BadRequest');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: LGSP.id, key: 'wrong-key' }) }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: { 'x-road-client': LGSP.id } }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: 'VN/GOV/000.00.00.H99/LGSP', key: LGSP.key }) }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: 'XX/GOV/000.00.00.H19/LGSP', key: LGSP.key }) }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: 'VN/GOV/000.00.00.H19', key: LGSP.key }) }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/VN/GOV/000.00.00.G99/TESTSYS/nope/x`, { headers: asClient(LGSP) }), 500, 'Server.ServerProxy.UnknownService');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(LGSP, { 'x-road-id': 'has space' }) }), 400, 'Client.BadRequest');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(LGSP, { 'x-road-represented-party': 'A/B/C' }) }), 400, 'Client.BadRequest');
  await fault(await fetch(`${base}/r1/VN/GOV/only-four`, { headers: asClient(LGSP) }), 400, 'Client.BadRequest');
  assert.equal(seen.length, before);
});

test('a path climbing out of the service is refused', async () => {
  const before = seen.length;
  // Raw HTTP: fetch would normalise the dot segments away before sending.
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: sandbox.port, path: `/ndxp/r1/${ECHO}/%2e%2e/%2e%2e/secret`, headers: asClient(LGSP) }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject).end();
  });
  assert.equal(status, 400);
  assert.equal(seen.length, before);
});

test('PR-REST §4.6 example 2 and 5: provider down → 500 NetworkError, provider too slow → 500 ServiceFailed', async () => {
  await fault(await fetch(`${base}/r1/${DOWN}/x`, { headers: asClient(LGSP) }), 500, 'Server.ServerProxy.NetworkError');
  const started = performance.now();
  await fault(await fetch(`${base}/r1/${ECHO}/slow`, { headers: asClient(LGSP) }), 500, 'Server.ServerProxy.ServiceFailed');
  assert.ok(performance.now() - started < 3_000);
});

test('PR-REST §3.1, §4.6: bodies over the 10 MB maximum are refused as Client.BadRequest (400, not 413)', async () => {
  const before = seen.length;
  const response = await fetch(`${base}/r1/${ECHO}/upload`, { method: 'PUT', headers: asClient(LGSP, { 'content-type': 'application/octet-stream' }), body: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await fault(response, 400, 'Client.BadRequest');
  assert.equal(response.headers.get('x-road-request-hash'), null, 'no hash that would leave the unread body out');
  assert.equal(seen.length, before);
});

test('access rights: grant through the admin API, then allowed; revoke, then refused; no token, no change', async () => {
  const right = `${base}/_admin/services/${encodeURIComponent(ECHO)}/clients/${encodeURIComponent(OTHER.id)}`;
  const call = () => fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(OTHER) });
  assert.equal((await call()).status, 500);

  assert.equal((await fetch(right, { method: 'PUT' })).status, 401);
  assert.equal((await fetch(`${base}/_admin/services`)).status, 401);
  assert.equal((await call()).status, 500, 'a refused grant changed nothing');

  const granted = await fetch(right, { method: 'PUT', headers: admin });
  assert.equal(granted.status, 200);
  assert.deepEqual(((await granted.json()) as { allowedClients: string[] }).allowedClients, [LGSP.id, OTHER.id]);
  assert.equal((await call()).status, 201);

  const listed = (await (await fetch(`${base}/_admin/services`, { headers: admin })).json()) as { services: { id: string; credentialHeaders: string[] }[] };
  const echo = listed.services.find((s) => s.id === ECHO)!;
  assert.deepEqual(echo.credentialHeaders, ['x-client-id', 'x-api-key']);
  assert.ok(!JSON.stringify(listed).includes(PROVIDER_KEY), 'provider credentials are not shown');

  assert.equal((await fetch(right, { method: 'DELETE', headers: admin })).status, 200);
  await fault(await call(), 500, 'Server.ServerProxy.AccessDenied');

  const unknown = await fetch(`${base}/_admin/services/${encodeURIComponent('VN/GOV/x/y/z')}/clients/${encodeURIComponent(OTHER.id)}`, { method: 'PUT', headers: admin });
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { code: string }).code, 'ndxp.unknown_service');
  const stranger = await fetch(`${base}/_admin/services/${encodeURIComponent(ECHO)}/clients/${encodeURIComponent('VN/GOV/nobody/LGSP')}`, { method: 'PUT', headers: admin });
  assert.equal(stranger.status, 404);
});

test('the message log records exchanges, faults included, filtered by client and service', async () => {
  const ok = await fetch(`${base}/r1/${ECHO}/citizens/001099012345?full=1`, { headers: asClient(LGSP, { 'x-road-id': 'log-test-1' }) });
  assert.equal(ok.status, 201);
  await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(OTHER, { 'x-road-id': 'log-test-2' }) });

  assert.equal((await fetch(`${base}/_admin/messages`)).status, 401);
  const query = new URLSearchParams({ client: LGSP.id, service: ECHO, limit: '1' });
  const { messages } = (await (await fetch(`${base}/_admin/messages?${query}`, { headers: admin })).json()) as { messages: MessageRecord[] };
  assert.equal(messages.length, 1);
  const record = messages[0]!;
  assert.equal(record.id, 'log-test-1');
  assert.equal(record.requestId, ok.headers.get('x-road-request-id'));
  assert.equal(record.requestHash, ok.headers.get('x-road-request-hash'));
  assert.equal(record.status, 201);
  assert.equal(record.method, 'GET');
  assert.equal(record.path, '/citizens/001***45', 'no query, personal id masked');
  assert.equal(record.error, undefined);
  assert.ok(record.durationMs >= 0);

  const refused = (await (await fetch(`${base}/_admin/messages?client=${encodeURIComponent(OTHER.id)}&limit=1`, { headers: admin })).json()) as { messages: MessageRecord[] };
  assert.equal(refused.messages[0]!.id, 'log-test-2');
  assert.equal(refused.messages[0]!.status, 500);
  assert.equal(refused.messages[0]!.error, 'Server.ServerProxy.AccessDenied');
});

test('PR-META §2: listClients lists members and their subsystems, providers included, without credentials', async () => {
  const response = await fetch(`${base}/listClients`, { headers: { accept: 'application/json' } });
  assert.equal(response.status, 200);
  const { member } = (await response.json()) as { member: { id: Record<string, string>; name: string; subsystem_name?: string }[] };
  const lgsp = member.filter((m) => m.id.member_code === '000.00.00.H19');
  assert.deepEqual(lgsp.map((m) => m.id.object_type), ['MEMBER', 'SUBSYSTEM'], 'the member first, then its subsystem');
  assert.equal(lgsp[1]!.subsystem_name, LGSP.subsystemName);
  assert.ok(member.some((m) => m.id.object_type === 'MEMBER' && m.id.member_code === '000.00.00.G99'));
  assert.ok(!JSON.stringify(member).includes(LGSP.key), 'no keys listed');
  const xml = await fetch(`${base}/listClients?xRoadInstance=VN`);
  assert.match(xml.headers.get('content-type')!, /^text\/xml/);
  assert.ok((await xml.text()).includes('<ns2:subsystemName>'));
  await fault(await fetch(`${base}/listClients?xRoadInstance=${encodeURIComponent('V N')}`, { headers: { accept: 'application/json' } }), 400, 'Client.BadRequest');
  assert.equal((await fetch(`${base}/r1/VN/listClients`, { headers: asClient(LGSP) })).status, 400, 'the old /r1/{instance}/listClients is not a service id');
});

test('PR-MREST §4: listMethods endpoints come from the provider\'s OpenAPI, relative to the service base; allowedMethods follows the rights', async () => {
  const provider = `${base}/r1/${PROVIDER}`;
  const methods = (await (await fetch(`${provider}/listMethods`, { headers: asClient(OTHER) })).json()) as { service: { service_code: string; service_type: string; endpoint_list: unknown[] }[] };
  assert.deepEqual(methods.service.map((s) => s.service_code), ['echo', 'down', 'closed']);
  const echo = methods.service[0]!;
  assert.equal(echo.service_type, 'OPENAPI');
  assert.deepEqual(echo.endpoint_list, [{ method: 'POST', path: '/items' }, { method: 'GET', path: '/items/*' }, { method: 'DELETE', path: '/items/*' }]);
  assert.deepEqual(methods.service[1]!, { member_class: 'GOV', member_code: '000.00.00.G99', object_type: 'SERVICE', service_code: 'down', service_type: 'REST', subsystem_code: 'TESTSYS', xroad_instance: 'VN', endpoint_list: [] });
  const allowed = (await (await fetch(`${provider}/allowedMethods`, { headers: asClient(OTHER) })).json()) as { service: unknown[] };
  assert.deepEqual(allowed.service, []);
  await fault(await fetch(`${provider}/listMethods`, { headers: asClient({ id: OTHER.id, key: 'nope' }) }), 500, 'Server.ClientProxy.SslAuthenticationFailed');
  await fault(await fetch(`${base}/r1/VN/GOV/000.00.00.G98/NONE/listMethods`, { headers: asClient(OTHER) }), 500, 'Server.ServerProxy.UnknownService');
  await fault(await fetch(`${provider}/listMethods`, { method: 'POST', headers: asClient(OTHER) }), 400, 'Client.BadRequest');
});

test('tester page and OpenAPI document', async () => {
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type')!, /text\/html/);
  const text = await page.text();
  assert.ok(text.includes(LGSP.id) && text.includes(ECHO));
  assert.ok(!text.includes(LGSP.key) && !text.includes(PROVIDER_KEY), 'no secrets on the page');
  const paths = Object.keys((sandbox.openapi().ndxp as { paths: object }).paths);
  assert.ok(paths.some((p) => p.includes('/r1/')) && paths.some((p) => p.includes('_admin/services')));
});
