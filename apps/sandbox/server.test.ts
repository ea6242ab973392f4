import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ADMIN_TOKEN, NORMAL_FAULTS, startSandbox, type RunningSandbox } from './index.ts';

const ALL = ['vneid', 'population', 'business', 'ndxp', 'dvcqg', 'payment', 'vnpost', 'mail', 'sms', 'ca', 'vapex', 'civil'];
let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', publicUrl: 'https://sandbox.example.test/', logLevel: 'silent' });
});
after(() => sandbox.close());

const local = (path: string): string => `http://127.0.0.1:${sandbox.port}${path}`;

test('the index page lists the sandboxes and is marked as synthetic', async () => {
  const response = await fetch(local('/'));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /text\/html/);
  assert.match(response.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
  const body = await response.text();
  assert.match(body, /MÔI TRƯỜNG THỬ NGHIỆM — dữ liệu giả lập/);
  assert.match(body, /href="\/vneid\/.well-known\/openid-configuration"/);
  assert.deepEqual(await (await fetch(local('/health'))).json(), { status: 'ok', sandboxes: ALL });
  for (const name of ALL) assert.match(body, new RegExp(`href="/${name}/openapi.json"`));
});

test('URLs come from the public URL, whatever address the request reached', async () => {
  assert.equal(sandbox.url, 'https://sandbox.example.test');
  const discovery = (await (await fetch(local('/vneid/.well-known/openid-configuration'))).json()) as Record<string, string>;
  assert.equal(discovery.issuer, 'https://sandbox.example.test/vneid');
  assert.equal(discovery.authorization_endpoint, 'https://sandbox.example.test/vneid/auth');
  assert.equal(discovery.token_endpoint, 'https://sandbox.example.test/vneid/token');
});

test('the default client sen-province is registered when no clients are given', async () => {
  const url = new URL(local('/vneid/auth'));
  url.search = new URLSearchParams({
    client_id: 'sen-province', redirect_uri: 'http://localhost:8080/oidc/vneid/callback', response_type: 'code', scope: 'openid vneid',
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 303);
  assert.match(response.headers.get('location')!, /^https:\/\/sandbox\.example\.test\/vneid\/interaction\/|^\/vneid\/interaction\//);
});

test('fault injection: the next requests fail, hang or slow down, then the sandbox recovers', async () => {
  const jwks = local('/vneid/jwks');
  const admin = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
  const put = (sandboxName: string, body: unknown) => fetch(local(`/_admin/faults/${sandboxName}`), {
    method: 'PUT', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body),
  });
  assert.equal((await put('nowhere', { failNext: 1 })).status, 404);
  assert.equal((await put('vneid', { failNext: -1 })).status, 400);

  assert.equal((await put('vneid', { failNext: 2, failStatus: 502 })).status, 200);
  assert.equal((await fetch(jwks)).status, 502);
  const second = await fetch(jwks);
  assert.equal(second.status, 502);
  assert.equal(((await second.json()) as { code: string }).code, 'sandbox.fault_injected');
  assert.equal((await fetch(jwks)).status, 200);

  await put('vneid', { hangNext: 1 });
  await assert.rejects(fetch(jwks, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
  assert.equal((await fetch(jwks)).status, 200);

  await put('vneid', { latencyMs: 150 });
  const started = performance.now();
  assert.equal((await fetch(jwks)).status, 200);
  assert.ok(performance.now() - started >= 140);
  assert.equal((await fetch(local('/health'))).status, 200, 'the admin and health routes are never faulted');

  await put('vneid', { latencyMs: 0, errorRate: 1, failStatus: 500 });
  assert.equal((await fetch(jwks)).status, 500, 'an error rate of 1 fails every request');
  await put('vneid', { errorRate: 0, timeoutRate: 1 });
  await assert.rejects(fetch(jwks, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
  await put('vneid', { timeoutRate: 0, down: true });
  await assert.rejects(fetch(jwks), (error: Error) => error.name === 'TypeError', 'down: the connection is dropped');

  assert.equal((await fetch(local('/_admin/faults/vneid'), { method: 'DELETE', headers: admin })).status, 200);
  assert.equal((await fetch(jwks)).status, 200);
  assert.deepEqual(((await (await fetch(local('/_admin/faults'), { headers: admin })).json()) as Record<string, unknown>).vneid, NORMAL_FAULTS);
});

test('the admin API refuses a missing or wrong admin token and changes nothing', async () => {
  const url = local('/_admin/faults/vneid');
  const body = JSON.stringify({ failNext: 5 });
  const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${DEFAULT_ADMIN_TOKEN}` }];
  for (const headers of attempts) {
    const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { code: string }).code, 'sandbox.admin_unauthorized');
  }
  assert.equal((await fetch(local('/_admin/faults'))).status, 401);
  assert.equal((await fetch(local('/vneid/jwks'))).status, 200, 'no fault was set');
});

test('every sandbox publishes its OpenAPI document', async () => {
  const response = await fetch(local('/vneid/openapi.json'));
  assert.equal(response.status, 200);
  const doc = (await response.json()) as { openapi: string; info: { title: string } };
  assert.match(doc.openapi, /^3\./);
  assert.match(doc.info.title, /VNeID/);
  const documents = sandbox.openapi() as Record<string, { servers: { url: string }[]; paths: Record<string, unknown> }>;
  assert.deepEqual(Object.keys(documents), ALL);
  for (const name of ALL) {
    assert.ok(Object.keys(documents[name]!.paths).length > 0, `${name} documents its routes`);
    // Paths are relative to the sandbox's base path, its one server.
    assert.deepEqual(documents[name]!.servers.map((s) => s.url), [`/${name}`], `${name} is served under its base path`);
    assert.ok(Object.keys(documents[name]!.paths).every((path) => path.startsWith('/') && !path.startsWith(`/${name}/`)), `${name} documents only its own routes`);
  }
});
