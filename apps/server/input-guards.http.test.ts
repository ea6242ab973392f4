import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, registeredRoutes } from '../../packages/platform/index.ts';
import { adminToken, createTestPlatform, snapshot, type TestPlatform } from './testing.ts';

/**
 * Bad input never reaches the database as a 500: NUL characters anywhere, JSON nested without
 * end, numbers where strings belong, multipart bodies cut short. Checked for every route the
 * app registers, so a route added tomorrow is covered too.
 */
const NUL = '\u0000';
const ID = '8c6f1f9e-2d7b-4c1e-9a51-0d6b7e5f4a21';

describe('input guards over HTTP', () => {
  let t: TestPlatform;
  let admin: string;
  before(async () => {
    t = await createTestPlatform();
    admin = await adminToken(t);
  });
  after(async () => t.close());
  const auth = () => ({ authorization: `Bearer ${admin}` });
  const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  it('refuses a NUL in the path, the query or the body of every route with 400 request.nul_character, and writes nothing', async () => {
    const routes = registeredRoutes(t.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    const before = await snapshot(t);
    let checked = 0;
    for (const route of routes) {
      // Wildcards and the OpenID provider's own endpoints hand the request to others (the provider
      // parses its own bodies, the web app serves files): they must not fail, that is all.
      const wildcard = route.url.endsWith('*') || (route.url.startsWith('/oidc/') && !/^\/oidc\/(interaction|vneid)\//.test(route.url));
      // X-Road's SOAP entry speaks SOAP 1.1, whose HTTP binding (§6.2) answers every fault with 500 and
      // a SOAP Fault (PR-MESS 4.0 likewise): bad input there must be the client's fault, in that form.
      const soap = route.url === '/lgsp/soap';
      const params = route.url.match(/:[A-Za-z]+/g) ?? [];
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const attempts: { part: string; url: string; payload?: unknown }[] = [
        { part: 'querystring', url: `${route.url.replace(/:[A-Za-z]+/g, ID).replace(/\*$/, 'x')}?q=a%00b` },
        ...params.map((p) => ({ part: 'params', url: route.url.replace(/:[A-Za-z]+/g, (m) => (m === p ? 'a%00b' : ID)).replace(/\*$/, 'x') })),
        ...(withBody ? [{ part: 'body', url: route.url.replace(/:[A-Za-z]+/g, ID).replace(/\*$/, 'x'), payload: { note: `a${NUL}b`, nested: { [`k${NUL}`]: [1, { deep: NUL }] } } }] : []),
      ];
      for (const attempt of attempts) {
        const response = await t.app.inject({ method: route.method as 'GET', url: attempt.url, headers: auth(), ...(attempt.payload ? { payload: attempt.payload } : {}) });
        const label = `${route.method} ${route.url} (NUL in ${attempt.part}) → ${response.statusCode} ${response.body.slice(0, 160)}`;
        if (wildcard) {
          assert.ok(response.statusCode < 500, label);
          continue;
        }
        if (soap) {
          assert.equal(response.statusCode, 500, label);
          assert.match(response.headers['content-type'] ?? '', /^text\/xml/, label);
          assert.match(response.body, /<SOAP-ENV:Fault><faultcode>Client\.[A-Za-z.]+<\/faultcode>/, label);
          checked++;
          continue;
        }
        assert.equal(response.statusCode, 400, label);
        assert.equal(response.json().code, 'request.nul_character', label);
        checked++;
      }
    }
    assert.ok(checked >= 100, `expected every route's inputs to be tried, tried ${checked}`);
    assert.equal(await snapshot(t), before);
  });

  it('the OpenID provider answers a NUL in a form-encoded client id with a 4xx, not a 500', async () => {
    for (const payload of ['grant_type=client_credentials&client_id=a%00b&client_secret=x', 'grant_type=client_credentials&client_id=a\u0000b&client_secret=x']) {
      const response = await t.app.inject({ method: 'POST', url: '/oidc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
      assert.equal(response.statusCode, 401, response.body);
      assert.equal(response.json().error, 'invalid_client');
    }
  });

  it('refuses a NUL in fields the database would have choked on (text and jsonb)', async () => {
    const users = await count('identity.users');
    const agencyId = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)?.id;
    const official = await t.app.inject({
      method: 'POST', url: '/api/identity/officials', headers: auth(),
      payload: { username: 'nul.name', fullName: `Nguyễn${NUL}Văn`, password: 'Long enough 123', agencyId },
    });
    assert.equal(official.statusCode, 400, official.body);
    assert.deepEqual(official.json().details, { field: 'body/fullName' });
    // The escape written out in the JSON text, as a client sends it.
    const draft = await t.app.inject({
      method: 'POST', url: '/api/tthc/drafts', headers: { ...auth(), 'content-type': 'application/json' },
      payload: `{"offeringId":"${ID}","formData":{"to-khai":{"note":"a\\u0000b"}},"files":[]}`,
    });
    assert.equal(draft.statusCode, 400, draft.body);
    assert.equal(draft.json().code, 'request.nul_character');
    // An escaped backslash followed by "u0000" is six ordinary characters, not a NUL.
    const text = await t.app.inject({
      method: 'POST', url: '/api/identity/officials', headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'plain.text', fullName: 'a\\u0000b', password: 'Long enough 123', agencyId }),
    });
    assert.equal(text.statusCode, 201, text.body);
    assert.equal(text.json().fullName, 'a\\u0000b');
    assert.equal(await count('identity.users'), users + 1);
  });

  it('refuses JSON nested deeper than 64 levels with 400 request.too_deep, on the national-portal parser too', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const nested = `{"offeringId":"${ID}","formData":{"to-khai":{"x":${deep}}},"files":[]}`;
    const before = await snapshot(t);
    for (const url of ['/api/tthc/drafts', '/api/tthc/national-portal/dossiers']) {
      const response = await t.app.inject({ method: 'POST', url, headers: { ...auth(), 'content-type': 'application/json' }, payload: nested });
      assert.equal(response.statusCode, 400, `${url} → ${response.body.slice(0, 200)}`);
      assert.equal(response.json().code, 'request.too_deep');
    }
    assert.equal(await snapshot(t), before);
  });

  it('validates JSON bodies without coercing types; query strings are still read as numbers', async () => {
    const users = await count('identity.users');
    const agencyId = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null)?.id;
    const numeric = await t.app.inject({
      method: 'POST', url: '/api/identity/officials', headers: auth(),
      payload: { username: 'number.name', fullName: 12345, password: 'Long enough 123', agencyId },
    });
    assert.equal(numeric.statusCode, 400, numeric.body);
    assert.equal(numeric.json().code, 'request.invalid');
    assert.equal(numeric.json().details[0].field, 'body/fullName');
    assert.equal(await count('identity.users'), users);
    const paged = await t.app.inject({ url: '/api/identity/officials?limit=2', headers: auth() });
    assert.equal(paged.statusCode, 200, paged.body);
    assert.ok(paged.json().items.length <= 2);
  });

  it('answers a truncated multipart upload with 400 request.malformed_multipart and stores nothing', async () => {
    const boundary = '----sen-cut-short';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj`;
    const uploads = await count('tthc.uploads');
    const response = await t.app.inject({
      method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: head,
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().code, 'request.malformed_multipart');
    const nulName = await t.app.inject({
      method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: head.replace('to-khai.pdf', `to${NUL}khai.pdf`).concat(`\r\n--${boundary}--\r\n`),
    });
    assert.equal(nulName.statusCode, 400, nulName.body);
    assert.equal(nulName.json().code, 'request.nul_character');
    assert.equal(await count('tthc.uploads'), uploads);
  });

  it('refuses uploads from a client that only reads reports (403), and marking a notification that is not yours (404)', async () => {
    const reports = await t.clientToken(); // the demo system client holds only report.read
    const uploads = await count('tthc.uploads');
    const boundary = '----sen-report-client';
    const upload = await t.app.inject({
      method: 'POST', url: '/api/tthc/uploads', headers: { authorization: `Bearer ${reports}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
    });
    assert.equal(upload.statusCode, 403, upload.body);
    assert.equal(upload.json().code, 'upload.forbidden');
    assert.equal(await count('tthc.uploads'), uploads);

    const [row] = await queryRows<{ id: string }>(t.database.db, sql`insert into tthc.notifications (id, recipient, event, title, body)
      values (gen_random_uuid(), ${ID}, 'received', 'Hồ sơ đã được tiếp nhận', '…') returning id`);
    const read = await t.app.inject({ method: 'POST', url: `/api/tthc/notifications/${row!.id}/read`, headers: auth() });
    assert.equal(read.statusCode, 404, read.body);
    assert.equal(read.json().code, 'notification.not_found');
    const [after] = await queryRows<{ read_at: unknown }>(t.database.db, sql`select read_at from tthc.notifications where id = ${row!.id}`);
    assert.equal(after?.read_at, null);
  });
});
