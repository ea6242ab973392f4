import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import { DEFAULT_NDXP_MEMBERS, ndxpSandbox, xroadRequestHash, type MessageRecord } from './sandbox.ts';

const LGSP = DEFAULT_NDXP_MEMBERS[0]!;
const OTHER = DEFAULT_NDXP_MEMBERS[1]!;
const ECHO = 'VN/GOV/000.00.00.G99/TESTSYS/echo';
const DOWN = 'VN/GOV/000.00.00.G99/TESTSYS/down';
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

/** The provider's information system, on loopback: answers by path. */
function startProvider(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
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
      providerTimeoutMs: 300,
      services: [
        { id: ECHO, title: 'Echo', target: `http://127.0.0.1:${port}/api`, headers: { 'x-client-id': 'ndxp-hub', 'x-api-key': PROVIDER_KEY }, allowedClients: [LGSP.id] },
        { id: DOWN, title: 'Down', target: `http://127.0.0.1:${deadPort}/api`, allowedClients: [LGSP.id] },
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
  assert.equal(hash, xroadRequestHash({ method: 'POST', path, headers: { ...headers, 'x-road-id': messageId }, body }));
  assert.notEqual(hash, xroadRequestHash({ method: 'POST', path, headers: { ...headers, 'x-road-id': messageId }, body: `${body} ` }));
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

test('refusals reach no provider: no right 403, bad client 400, bad key 401, unknown service 404', async () => {
  const before = seen.length;
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(OTHER) }), 403, 'Server.ServerProxy.AccessDenied');
  await fault(await fetch(`${base}/r1/${ECHO}/x`), 400, 'Client.BadRequest');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: { 'x-road-client': 'VN/GOV/000.00.00.H19', 'x-road-client-key': LGSP.key } }), 400, 'Client.BadRequest');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: LGSP.id, key: 'wrong-key' }) }), 401, 'Server.ClientProxy.AuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: 'VN/GOV/000.00.00.H99/LGSP', key: LGSP.key }) }), 401, 'Server.ClientProxy.AuthenticationFailed');
  await fault(await fetch(`${base}/r1/${ECHO}/x`, { headers: asClient({ id: 'XX/GOV/000.00.00.H19/LGSP', key: LGSP.key }) }), 400, 'Client.InvalidClientIdentifier');
  await fault(await fetch(`${base}/r1/VN/GOV/000.00.00.G99/TESTSYS/nope/x`, { headers: asClient(LGSP) }), 404, 'Server.ServerProxy.UnknownService');
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

test('provider down → 502, provider too slow → 504', async () => {
  await fault(await fetch(`${base}/r1/${DOWN}/x`, { headers: asClient(LGSP) }), 502, 'Server.ServerProxy.ServiceFailed.NetworkError');
  const started = performance.now();
  await fault(await fetch(`${base}/r1/${ECHO}/slow`, { headers: asClient(LGSP) }), 504, 'Server.ServerProxy.ServiceFailed.Timeout');
  assert.ok(performance.now() - started < 3_000);
});

test('bodies over 10 MB are refused as an X-Road fault', async () => {
  const before = seen.length;
  const response = await fetch(`${base}/r1/${ECHO}/upload`, { method: 'PUT', headers: asClient(LGSP, { 'content-type': 'application/octet-stream' }), body: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await fault(response, 413, 'Client.BadRequest');
  assert.equal(seen.length, before);
});

test('access rights: grant through the admin API, then allowed; revoke, then refused; no token, no change', async () => {
  const right = `${base}/_admin/services/${encodeURIComponent(ECHO)}/clients/${encodeURIComponent(OTHER.id)}`;
  const call = () => fetch(`${base}/r1/${ECHO}/x`, { headers: asClient(OTHER) });
  assert.equal((await call()).status, 403);

  assert.equal((await fetch(right, { method: 'PUT' })).status, 401);
  assert.equal((await fetch(`${base}/_admin/services`)).status, 401);
  assert.equal((await call()).status, 403, 'a refused grant changed nothing');

  const granted = await fetch(right, { method: 'PUT', headers: admin });
  assert.equal(granted.status, 200);
  assert.deepEqual(((await granted.json()) as { allowedClients: string[] }).allowedClients, [LGSP.id, OTHER.id]);
  assert.equal((await call()).status, 201);

  const listed = (await (await fetch(`${base}/_admin/services`, { headers: admin })).json()) as { services: { id: string; credentialHeaders: string[] }[] };
  const echo = listed.services.find((s) => s.id === ECHO)!;
  assert.deepEqual(echo.credentialHeaders, ['x-client-id', 'x-api-key']);
  assert.ok(!JSON.stringify(listed).includes(PROVIDER_KEY), 'provider credentials are not shown');

  assert.equal((await fetch(right, { method: 'DELETE', headers: admin })).status, 200);
  await fault(await call(), 403, 'Server.ServerProxy.AccessDenied');

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
  assert.equal(refused.messages[0]!.status, 403);
  assert.equal(refused.messages[0]!.error, 'Server.ServerProxy.AccessDenied');
});

test('metaservices: listClients, listMethods and allowedMethods need an authenticated client', async () => {
  assert.equal((await fetch(`${base}/r1/VN/listClients`)).status, 400);
  const clients = await fetch(`${base}/r1/VN/listClients`, { headers: asClient(OTHER) });
  assert.equal(clients.status, 200);
  const { member } = (await clients.json()) as { member: { id: Record<string, string>; name: string }[] };
  assert.ok(member.some((m) => m.id.object_type === 'SUBSYSTEM' && m.id.member_code === '000.00.00.H19' && m.id.subsystem_code === 'LGSP'));
  assert.ok(member.some((m) => m.id.object_type === 'MEMBER' && m.id.member_code === '000.00.00.G99'));
  await fault(await fetch(`${base}/r1/XX/listClients`, { headers: asClient(OTHER) }), 404, 'Server.ServerProxy.UnknownService');

  const provider = `${base}/r1/VN/GOV/000.00.00.G99/TESTSYS`;
  const methods = (await (await fetch(`${provider}/listMethods`, { headers: asClient(OTHER) })).json()) as { service: { service_code: string }[] };
  assert.deepEqual(methods.service.map((s) => s.service_code), ['echo', 'down']);
  const allowed = (await (await fetch(`${provider}/allowedMethods`, { headers: asClient(OTHER) })).json()) as { service: unknown[] };
  assert.deepEqual(allowed.service, []);
  await fault(await fetch(`${provider}/listMethods`, { headers: asClient({ id: OTHER.id, key: 'nope' }) }), 401, 'Server.ClientProxy.AuthenticationFailed');
  await fault(await fetch(`${base}/r1/VN/GOV/000.00.00.G98/NONE/listMethods`, { headers: asClient(OTHER) }), 404, 'Server.ServerProxy.UnknownService');
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
