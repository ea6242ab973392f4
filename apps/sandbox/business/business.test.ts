import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { citizens } from '../citizens/generator.ts';
import { enterpriseCheckDigit, generateEnterpriseCode } from '../citizens/enterprise-code.ts';
import { foldVietnamese } from '../citizens/random.ts';
import { enterprises } from '../enterprises/generator.ts';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import { setSandboxFaults } from '../faults-admin.ts';
import { DEFAULT_BUSINESS_CLIENTS, businessRegistrySandbox, type BusinessAccessEntry } from './sandbox.ts';

const SEED = 'business-test';
const directory = enterprises(SEED, citizens(SEED));
const HUB = { 'x-client-id': 'ndxp-hub', 'x-api-key': 'sandbox-business-key-ndxp' };
const OTHER = { 'x-client-id': 'other-client', 'x-api-key': 'other-client-key' };
const ADMIN = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` };

let sandbox: RunningSandbox;
let base: string;

before(async () => {
  sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent', seed: SEED,
    sandboxes: [businessRegistrySandbox({ clients: [...DEFAULT_BUSINESS_CLIENTS, { id: 'other-client', secret: 'other-client-key' }] })],
  });
  base = `http://127.0.0.1:${sandbox.port}/business`;
});
after(() => sandbox.close());

async function get<T = Record<string, unknown>>(path: string, headers: Record<string, string> = HUB): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

type Page<T> = { total: number; items: T[] };
type Summary = { code: string; name: string };

test('an enterprise is found by its code, with its registered record', async () => {
  const enterprise = directory.list(10, 1)[0]!;
  const found = await get(`/v1/enterprises/${enterprise.code}`);
  assert.equal(found.status, 200);
  const { index: _index, ...published } = enterprise;
  assert.deepEqual(found.body, published);
});

test('a malformed code or wrong check digit is 400, an unknown valid code 404', async () => {
  const valid = directory.list(0, 1)[0]!.code;
  const wrongCheck = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
  for (const code of [wrongCheck, '12345', '14000000001', 'abcdefghij']) {
    const refused = await get(`/v1/enterprises/${code}`);
    assert.equal(refused.status, 400, code);
    assert.equal(refused.body.code, 'business.invalid_code', code);
  }
  let unknown = '';
  for (let n = 0; !unknown; n++) {
    const code = generateEnterpriseCode(`unknown-${n}`);
    if (!directory.byCode(code)) unknown = code;
  }
  assert.equal(enterpriseCheckDigit(unknown.slice(0, 9)), Number(unknown[9]));
  const missing = await get(`/v1/enterprises/${unknown}`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'business.not_found');
});

test('search ignores diacritics and case and pages with a total', async () => {
  const plain = await get<Page<Summary>>('/v1/enterprises?name=phu%20hung&limit=5');
  assert.equal(plain.status, 200);
  assert.ok(plain.body.total > 5, `total ${plain.body.total}`);
  assert.equal(plain.body.items.length, 5);
  assert.ok(plain.body.items.every((e) => foldVietnamese(e.name).includes('phu hung')));
  assert.ok(plain.body.items.some((e) => e.name.includes('Phú Hưng')));
  const accented = await get<Page<Summary>>(`/v1/enterprises?name=${encodeURIComponent('PHÚ HƯNG')}&limit=100`);
  assert.equal(accented.body.total, plain.body.total);
  const second = await get<Page<Summary>>('/v1/enterprises?name=phu%20hung&limit=5&offset=5');
  assert.deepEqual(second.body.items, accented.body.items.slice(5, 10));
  const all = await get<Page<Summary>>('/v1/enterprises?limit=1');
  assert.equal(all.body.total, 2000);
  const none = await get<Page<Summary>>('/v1/enterprises?name=zzzz');
  assert.deepEqual(none.body, { total: 0, items: [] });
  assert.equal((await get('/v1/enterprises?limit=1000')).status, 400);
});

test('a missing or wrong key is refused with 401 and not logged', async () => {
  const code = directory.list(0, 1)[0]!.code;
  const before = (await get<Page<BusinessAccessEntry>>('/_admin/access-log', ADMIN)).body.total;
  for (const headers of [{} as Record<string, string>, { 'x-api-key': HUB['x-api-key'] }, { ...HUB, 'x-api-key': 'sandbox-population-key-ndxp' }]) {
    const refused = await get(`/v1/enterprises/${code}`, headers);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'business.unauthorized');
  }
  assert.equal((await get('/v1/enterprises?name=phu')).status, 200);
  assert.equal((await get<Page<BusinessAccessEntry>>('/_admin/access-log', ADMIN)).body.total, before + 1);
});

test('the access log records purpose, requester and outcome, per client', async () => {
  const code = directory.list(3, 1)[0]!.code;
  const since = new Date().toISOString();
  const headers = { ...OTHER, 'x-purpose': encodeURIComponent('Thẩm định hồ sơ cấp phép'), 'x-road-client': 'VN/GOV/000.00.00.H19/LGSP', 'x-road-userid': 'canbo01' };
  assert.equal((await get(`/v1/enterprises/${code}`, headers)).status, 200);
  assert.equal((await get('/v1/enterprises/1234567890', OTHER)).status, 400);
  assert.equal((await get('/v1/enterprises?name=khong%20co', OTHER)).status, 200);

  const own = await get<Page<BusinessAccessEntry>>(`/v1/access-log?since=${encodeURIComponent(since)}`, OTHER);
  assert.equal(own.body.total, 3);
  const [search, invalid, found] = own.body.items;
  assert.deepEqual({ ...found, id: undefined, at: undefined }, {
    id: undefined, at: undefined, clientId: 'other-client', requester: 'VN/GOV/000.00.00.H19/LGSP', userId: 'canbo01',
    purpose: 'Thẩm định hồ sơ cấp phép', enterpriseCode: code, query: null, outcome: 'found',
  });
  assert.equal(invalid!.outcome, 'invalid');
  assert.equal(invalid!.purpose, null);
  assert.deepEqual([search!.query, search!.outcome, search!.enterpriseCode], ['khong co', 'not_found', null]);
  assert.equal((await get<Page<BusinessAccessEntry>>(`/v1/access-log?outcome=invalid&since=${encodeURIComponent(since)}`, OTHER)).body.total, 1);

  const hub = await get<Page<BusinessAccessEntry>>('/v1/access-log?limit=500');
  assert.ok(hub.body.items.length > 0 && hub.body.items.every((e) => e.clientId === 'ndxp-hub'));
  const admin = await get<Page<BusinessAccessEntry>>(`/_admin/access-log?since=${encodeURIComponent(since)}`, ADMIN);
  assert.equal(admin.body.total, 3);
  assert.equal((await fetch(`${base}/_admin/access-log`)).status, 401);
});

test('injected faults hit the lookups but not the tester page', async () => {
  const code = directory.list(0, 1)[0]!.code;
  await setSandboxFaults(`http://127.0.0.1:${sandbox.port}`, 'business', { failNext: 1 });
  assert.equal((await fetch(`${base}/`)).status, 200);
  assert.equal((await get(`/v1/enterprises/${code}`)).status, 503);
  assert.equal((await get(`/v1/enterprises/${code}`)).status, 200);
});

test('the tester page lists sample enterprises that the lookup finds', async () => {
  const response = await fetch(`${base}/`);
  assert.equal(response.status, 200);
  const page = await response.text();
  const codes = [...page.matchAll(/<code>(\d{10})<\/code>/g)].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  assert.ok(!page.includes('sandbox-business-key-ndxp'), 'keys are not shown');
  for (const code of codes.slice(-2)) assert.equal((await get(`/v1/enterprises/${code}`)).status, 200);
  assert.ok(page.includes('Tạm ngừng kinh doanh') && page.includes('Đã giải thể'));
});
