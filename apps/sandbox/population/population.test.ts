import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { citizens } from '../citizens/generator.ts';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import type { PopulationAccessEntry } from './sandbox.ts';
import { DEFAULT_POPULATION_CLIENTS, populationSandbox } from './sandbox.ts';

const SEED = 'population-test';
const directory = citizens(SEED);
const HUB = { 'x-client-id': 'ndxp-hub', 'x-api-key': 'sandbox-population-key-ndxp' };
const OTHER = { 'x-client-id': 'other-client', 'x-api-key': 'other-client-key' };
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };
const PURPOSE = 'Giải quyết hồ sơ đăng ký khai sinh';

let sandbox: RunningSandbox;
let base: string;

before(async () => {
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent', seed: SEED,
    sandboxes: [populationSandbox({ clients: [...DEFAULT_POPULATION_CLIENTS, { id: 'other-client', secret: 'other-client-key' }] })],
  });
  base = `http://127.0.0.1:${sandbox.port}/population`;
});
after(() => sandbox.close());

async function lookup(body: unknown, headers: Record<string, string> = HUB): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/v1/citizens/lookup`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function adminLog(query = ''): Promise<{ total: number; items: PopulationAccessEntry[] }> {
  const response = await fetch(`${base}/_admin/access-log${query}`, { headers: ADMIN });
  assert.equal(response.status, 200);
  return (await response.json()) as { total: number; items: PopulationAccessEntry[] };
}

const masked = (id: string) => `${id.slice(0, 3)}******${id.slice(-3)}`;

test('a listed citizen is found by id and full name (case and spacing ignored) or by date of birth', async () => {
  const citizen = directory.generate(42);
  const byName = await lookup({ personalId: citizen.personalId, fullName: `  ${citizen.fullName.toUpperCase().replace(/ /g, '   ')} `, purpose: PURPOSE });
  assert.equal(byName.status, 200);
  assert.deepEqual(byName.body, {
    personalId: citizen.personalId, fullName: citizen.fullName, dateOfBirth: citizen.dateOfBirth, sex: citizen.sex,
    birthRegistrationPlace: citizen.birthRegistrationPlace, homeTown: citizen.homeTown, ethnicity: citizen.ethnicity,
    religion: citizen.religion, nationality: 'VN', maritalStatus: citizen.maritalStatus,
    permanentResidence: citizen.permanentAddress, currentResidence: citizen.currentAddress,
  });
  const byDate = await lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE });
  assert.equal(byDate.status, 200);
  assert.equal(byDate.body.fullName, citizen.fullName);
});

test('unknown ids and mismatches answer the same 404, diacritics included', async () => {
  const citizen = directory.generate(7);
  const unlisted = directory.generate(10_000);
  const refusals = await Promise.all([
    lookup({ personalId: citizen.personalId, fullName: `${citizen.fullName} Hai`, purpose: PURPOSE }),
    lookup({ personalId: citizen.personalId, fullName: citizen.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, ''), purpose: PURPOSE }),
    lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth === '1990-01-01' ? '1990-01-02' : '1990-01-01', purpose: PURPOSE }),
    lookup({ personalId: unlisted.personalId, fullName: unlisted.fullName, purpose: PURPOSE }),
    lookup({ personalId: '087000000000', dateOfBirth: '2000-01-01', purpose: PURPOSE }),
  ]);
  assert.notEqual(citizen.fullName, citizen.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  for (const refusal of refusals) {
    assert.equal(refusal.status, 404);
    assert.deepEqual(refusal.body, refusals[0]!.body);
    assert.equal(refusal.body.code, 'population.no_match');
  }
});

test('a purpose and exactly one matching field are required', async () => {
  const citizen = directory.generate(3);
  const before = (await adminLog('?outcome=invalid')).total;
  const missing = await lookup({ personalId: citizen.personalId, fullName: citizen.fullName });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 'population.purpose_required');
  const short = await lookup({ personalId: citizen.personalId, fullName: citizen.fullName, purpose: 'vì sao' });
  assert.equal(short.body.code, 'population.purpose_required');
  const blank = await lookup({ personalId: citizen.personalId, fullName: citizen.fullName, purpose: ' '.repeat(20) });
  assert.equal(blank.body.code, 'population.purpose_required');
  const neither = await lookup({ personalId: citizen.personalId, purpose: PURPOSE });
  assert.equal(neither.status, 400);
  assert.equal(neither.body.code, 'population.match_field_required');
  const both = await lookup({ personalId: citizen.personalId, fullName: citizen.fullName, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE });
  assert.equal(both.body.code, 'population.match_field_required');
  const badId = await lookup({ personalId: '12345', fullName: citizen.fullName, purpose: PURPOSE });
  assert.equal(badId.status, 400);
  assert.equal(badId.body.code, 'population.invalid_request');
  const log = await adminLog('?outcome=invalid');
  assert.equal(log.total, before + 6);
  assert.equal(log.items[0]!.personalIdMasked, '******');
  assert.equal(log.items[5]!.personalIdMasked, masked(citizen.personalId));
  assert.equal(log.items[5]!.purpose, null);
});

test('a missing or wrong key is refused with 401 and not logged', async () => {
  const citizen = directory.generate(1);
  const body = { personalId: citizen.personalId, fullName: citizen.fullName, purpose: PURPOSE };
  const before = (await adminLog()).total;
  for (const headers of [{} as Record<string, string>, { 'x-client-id': 'ndxp-hub' }, { ...HUB, 'x-api-key': 'wrong' }, { ...HUB, 'x-client-id': 'stranger' }]) {
    const refused = await lookup(body, headers);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'population.unauthorized');
  }
  assert.equal((await fetch(`${base}/v1/access-log`)).status, 401);
  assert.equal((await adminLog()).total, before);
});

test('the access log records requester, official and masked id, per client', async () => {
  const citizen = directory.generate(99);
  const since = new Date().toISOString();
  const forwarded = { ...OTHER, 'x-road-client': 'VN/GOV/000.00.00.H19/LGSP', 'x-road-userid': 'canbo.motcua@dongthap' };
  assert.equal((await lookup({ personalId: citizen.personalId, dateOfBirth: citizen.dateOfBirth, purpose: PURPOSE }, forwarded)).status, 200);
  assert.equal((await lookup({ personalId: citizen.personalId, dateOfBirth: '1900-01-01', purpose: PURPOSE }, OTHER)).status, 404);

  const own = (await (await fetch(`${base}/v1/access-log?since=${encodeURIComponent(since)}`, { headers: OTHER })).json()) as { total: number; items: PopulationAccessEntry[] };
  assert.equal(own.total, 2);
  const [noMatch, found] = own.items;
  assert.deepEqual({ ...found, id: undefined, at: undefined }, {
    id: undefined, at: undefined, clientId: 'other-client', requester: 'VN/GOV/000.00.00.H19/LGSP', userId: 'canbo.motcua@dongthap',
    purpose: PURPOSE, personalIdMasked: masked(citizen.personalId), outcome: 'found',
  });
  assert.equal(noMatch!.requester, 'other-client');
  assert.equal(noMatch!.outcome, 'no_match');

  const hubOwn = (await (await fetch(`${base}/v1/access-log?limit=500`, { headers: HUB })).json()) as { items: PopulationAccessEntry[] };
  assert.ok(hubOwn.items.length > 0);
  assert.ok(hubOwn.items.every((entry) => entry.clientId === 'ndxp-hub'));
  const filtered = (await (await fetch(`${base}/v1/access-log?outcome=no_match&since=${encodeURIComponent(since)}`, { headers: OTHER })).json()) as { total: number };
  assert.equal(filtered.total, 1);
  const until = (await (await fetch(`${base}/v1/access-log?until=${encodeURIComponent(since)}`, { headers: OTHER })).json()) as { total: number };
  assert.equal(until.total, 0);

  const all = await adminLog('?limit=500');
  assert.ok(all.items.some((e) => e.clientId === 'ndxp-hub') && all.items.some((e) => e.clientId === 'other-client'));
  assert.equal((await adminLog(`?clientId=other-client&since=${encodeURIComponent(since)}`)).total, 2);
  assert.ok(!JSON.stringify(all).includes(citizen.personalId), 'full personal ids never reach the log');
  assert.equal((await fetch(`${base}/_admin/access-log`)).status, 401);
});

test('injected faults hit the lookup but not the tester page', async () => {
  const citizen = directory.generate(5);
  const put = await fetch(`http://127.0.0.1:${sandbox.port}/_admin/faults/population`, {
    method: 'PUT', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ failNext: 1 }),
  });
  assert.equal(put.status, 200);
  assert.equal((await fetch(`${base}/`)).status, 200);
  const failed = await lookup({ personalId: citizen.personalId, fullName: citizen.fullName, purpose: PURPOSE });
  assert.equal(failed.status, 503);
  assert.equal((await lookup({ personalId: citizen.personalId, fullName: citizen.fullName, purpose: PURPOSE })).status, 200);
});

test('the tester page lists sample citizens that the lookup finds', async () => {
  const response = await fetch(`${base}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  const page = await response.text();
  const ids = [...page.matchAll(/<code>(\d{12})<\/code>/g)].map((m) => m[1]!);
  assert.equal(ids.length, 10);
  assert.ok(!page.includes('sandbox-population-key-ndxp'), 'keys are not shown');
  const sample = directory.byId(ids[9]!)!;
  assert.equal((await lookup({ personalId: sample.personalId, dateOfBirth: sample.dateOfBirth, purpose: PURPOSE })).status, 200);
  const paths = Object.keys((sandbox.openapi().population as { paths: Record<string, unknown> }).paths);
  assert.deepEqual(paths.sort(), ['/', '/_admin/access-log', '/v1/access-log', '/v1/citizens/lookup']);
});
