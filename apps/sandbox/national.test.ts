import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ADMIN_TOKEN, citizens, startSandbox, type RunningSandbox } from './index.ts';
import { DEFAULT_NDXP_MEMBERS, NDXP_PROVINCE_LGSP_ID } from './ndxp/sandbox.ts';

/**
 * The way the framework has the province reach national databases: provincial system → LGSP →
 * NDXP → population database (seed lines 8722–8731), across real sandboxes on one server.
 */
let sandbox: RunningSandbox;
before(async () => {
  // A public URL that does not resolve: the hub must reach its providers on the local socket.
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', publicUrl: 'https://sandbox.invalid', logLevel: 'silent' });
});
after(() => sandbox.close());

const local = (path: string) => `http://127.0.0.1:${sandbox.port}${path}`;
const SERVICE = 'VN/GOV/000.00.00.G02/CSDLDC/citizen-lookup';
const province = DEFAULT_NDXP_MEMBERS.find((m) => m.id === NDXP_PROVINCE_LGSP_ID)!;
const otherProvince = DEFAULT_NDXP_MEMBERS.find((m) => m.id !== NDXP_PROVINCE_LGSP_ID)!;
const citizen = citizens().generate(42);

function lookup(member: { id: string; key: string }) {
  return fetch(local(`/ndxp/r1/${SERVICE}/citizens/lookup`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-road-client': member.id, 'x-road-client-key': member.key, 'x-road-userid': 'VN087090000123' },
    body: JSON.stringify({ personalId: citizen.personalId, fullName: citizen.fullName, purpose: 'Kiểm tra thông tin người nộp hồ sơ đăng ký khai sinh' }),
  });
}

async function populationLog(): Promise<{ requester: string; purpose: string }[]> {
  const response = await fetch(local('/population/_admin/access-log?limit=50'), { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } });
  assert.equal(response.status, 200);
  return ((await response.json()) as { items: { requester: string; purpose: string }[] }).items;
}

test('a province without the access right is refused by NDXP and the population database sees nothing', async () => {
  const before = (await populationLog()).length;
  const response = await lookup(otherProvince);
  assert.equal(response.status, 500, 'PR-REST §4.6: an X-Road fault is 500');
  assert.equal(response.headers.get('x-road-error'), 'Server.ServerProxy.AccessDenied');
  assert.equal(((await response.json()) as { type: string }).type, 'Server.ServerProxy.AccessDenied');
  assert.equal((await populationLog()).length, before);
});

test('the province with the access right gets the citizen, and the population database logs the real requester and purpose', async () => {
  const response = await lookup(province);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-road-service'), SERVICE);
  assert.ok(response.headers.get('x-road-request-hash'));
  const body = (await response.json()) as { personalId: string; fullName: string; dateOfBirth: string };
  assert.deepEqual([body.personalId, body.fullName, body.dateOfBirth], [citizen.personalId, citizen.fullName, citizen.dateOfBirth]);
  const [latest] = await populationLog();
  assert.equal(latest!.requester, NDXP_PROVINCE_LGSP_ID);
  assert.match(latest!.purpose, /khai sinh/);
});

test('granting the right through the admin API lets the other province in; revoking shuts it out again', async () => {
  const path = local(`/ndxp/_admin/services/${encodeURIComponent(SERVICE)}/clients/${encodeURIComponent(otherProvince.id)}`);
  const admin = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
  assert.equal((await fetch(path, { method: 'PUT', headers: admin })).status, 200);
  assert.equal((await lookup(otherProvince)).status, 200);
  assert.equal((await fetch(path, { method: 'DELETE', headers: admin })).status, 200);
  assert.equal((await lookup(otherProvince)).status, 500);
});

test('PR-MREST §4, §5 on the real sandboxes: the population service lists its endpoints from its OpenAPI and getOpenAPI returns it', async () => {
  const headers = { 'x-road-client': province.id, 'x-road-client-key': province.key };
  const provider = 'VN/GOV/000.00.00.G02/CSDLDC';
  const listed = await fetch(local(`/ndxp/r1/${provider}/allowedMethods`), { headers });
  assert.equal(listed.status, 200);
  const { service } = (await listed.json()) as { service: { service_code: string; service_type: string; endpoint_list: { method: string; path: string }[] }[] };
  const lookupService = service.find((s) => s.service_code === 'citizen-lookup')!;
  assert.equal(lookupService.service_type, 'OPENAPI');
  assert.ok(lookupService.endpoint_list.some((e) => e.method === 'POST' && e.path === '/citizens/lookup'), JSON.stringify(lookupService.endpoint_list));
  const described = await fetch(local(`/ndxp/r1/${provider}/getOpenAPI?serviceCode=citizen-lookup`), { headers });
  assert.equal(described.status, 200);
  const document = (await described.json()) as { openapi: string; paths: Record<string, unknown> };
  assert.match(document.openapi, /^3\./);
  assert.ok(document.paths['/v1/citizens/lookup']);
});
