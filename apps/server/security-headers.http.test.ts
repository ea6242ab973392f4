import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { ensureWebBuilt } from './start.ts';
import { createTestPlatform, type TestPlatform } from './testing.ts';

type Headers = Record<string, string | string[] | number | undefined>;
const directives = (headers: Headers) =>
  new Map(String(headers['content-security-policy'] ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

/** The sign-in page, reached as a browser does: the web client's authorization request, then the interaction. */
async function signInPage(t: TestPlatform, responseMode?: string) {
  const query = new URLSearchParams({
    client_id: 'sen-web', response_type: 'code', redirect_uri: `${t.config.publicUrl}/auth/callback`, scope: 'openid',
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'), code_challenge_method: 'S256',
    ...(responseMode ? { response_mode: responseMode } : {}),
  });
  const start = await t.app.inject({ url: `/oidc/auth?${query}` });
  assert.equal(start.statusCode, 303, start.body);
  const cookie = [start.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  const page = await t.app.inject({ url: new URL(String(start.headers.location), t.config.publicUrl).pathname, headers: { cookie } });
  return Object.assign(page, { cookie });
}

/** The pages and answers a browser meets: an API route, discovery, the sign-in page, the web app, the API docs. */
async function responses(t: TestPlatform) {
  const at = async (url: string) => t.app.inject({ url });
  const list = {
    'API route': await at('/api/identity/me'),
    discovery: await at('/oidc/.well-known/openid-configuration'),
    'sign-in page': await signInPage(t),
    'web app index': await at('/dossiers/lookup'),
    'API docs': await at('/api/docs'),
  };
  assert.equal(list['API route'].statusCode, 401);
  assert.equal(list.discovery.statusCode, 200);
  assert.match(list['sign-in page'].body, /id="sign-in-official"/);
  assert.match(list['web app index'].body, /<div id="root">/);
  assert.match(list['API docs'].body, /swagger-ui/);
  return Object.entries(list);
}

describe('security headers (PUBLIC_URL on plain http)', () => {
  let t: TestPlatform;
  before(async () => {
    await ensureWebBuilt(() => {});
    t = await createTestPlatform();
  });
  after(async () => t.close());

  it('sends a strict Content-Security-Policy and the other headers everywhere, and no HSTS', async () => {
    for (const [name, response] of await responses(t)) {
      const csp = directives(response.headers);
      assert.deepEqual(csp.get('script-src'), ["'self'"], `${name}: scripts only from our origin, no inline script`);
      assert.deepEqual(csp.get('script-src-attr'), ["'none'"], `${name}: no inline event handlers`);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${name}: nothing may frame it`);
      assert.deepEqual(csp.get('object-src'), ["'none'"], name);
      assert.deepEqual(csp.get('form-action'), ["'self'"], name);
      assert.equal(csp.has('upgrade-insecure-requests'), false, `${name}: plain http stays usable`);
      assert.equal(response.headers['x-frame-options'], 'DENY', name);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', name);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', name);
      assert.equal(response.headers['strict-transport-security'], undefined, `${name}: no HSTS over http`);
    }
  });

  it('serves pages whose scripts are all files (the policy refuses inline ones)', async () => {
    for (const [name, response] of await responses(t)) {
      const inline = [...response.body.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1] ?? ''));
      assert.deepEqual(inline, [], `${name} has no inline script`);
    }
  });

  it('lets the provider hash its one inline script (the form_post page) into the policy', async () => {
    const page = await signInPage(t, 'form_post');
    assert.equal(page.statusCode, 200);
    // Cancelling sends the browser back to the client through the form_post page.
    const { cookie } = page;
    const uid = /interaction\/([A-Za-z0-9_-]+)\/abort/.exec(page.body)?.[1];
    const aborted = await t.app.inject({ method: 'POST', url: `/oidc/interaction/${uid}/abort`, headers: { cookie } });
    const resumed = await t.app.inject({ url: new URL(String(aborted.headers.location), t.config.publicUrl).pathname, headers: { cookie } });
    assert.match(resumed.body, /<title>Submitting Callback<\/title>/, 'the access_denied answer goes back through form_post');
    const script = /<script>([\s\S]*?)<\/script>/.exec(resumed.body)?.[1] ?? '';
    assert.match(script, /submit\(\)/);
    const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    assert.deepEqual(directives(resumed.headers).get('script-src'), ["'self'", hash]);
  });
});

describe('security headers (PUBLIC_URL on https)', () => {
  let t: TestPlatform;
  before(async () => {
    await ensureWebBuilt(() => {});
    t = await createTestPlatform({ PUBLIC_URL: 'https://dichvucong.dongthap.gov.vn', TRUST_PROXY: 'true' });
  });
  after(async () => t.close());

  it('adds HSTS and upgrade-insecure-requests', async () => {
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dichvucong.dongthap.gov.vn' };
    for (const url of ['/api/identity/me', '/oidc/.well-known/openid-configuration', '/', '/api/docs']) {
      const response = await t.app.inject({ url, headers: https });
      assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url);
      assert.deepEqual(directives(response.headers).get('upgrade-insecure-requests'), [], url);
      assert.deepEqual(directives(response.headers).get('frame-ancestors'), ["'none'"], url);
    }
  });
});
