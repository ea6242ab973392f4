import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startSandbox, type RunningSandbox } from '../server.ts';
import { isValidEnterpriseCode } from '../citizens/enterprise-code.ts';
import { citizenById } from '../citizens/generator.ts';

const SEED = 'vneid-test';
const CLIENT = { clientId: 'test-rp', clientSecret: 'test-secret-1', redirectUris: ['http://127.0.0.1:9/oidc/vneid/callback'] };
const REDIRECT = CLIENT.redirectUris[0]!;

let sandbox: RunningSandbox;
let discovery: Record<string, string>;

before(async () => {
  sandbox = await startSandbox({ port: 0, seed: SEED, clients: [CLIENT], logLevel: 'silent' });
  const response = await fetch(`${sandbox.url}/vneid/.well-known/openid-configuration`);
  assert.equal(response.status, 200);
  discovery = (await response.json()) as Record<string, string>;
});
after(() => sandbox.close());

/** A browser stand-in: keeps cookies and follows nothing by itself. */
class Browser {
  readonly cookies = new Map<string, string>();
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(url, sandbox.url), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')).trim(), pair!.slice(pair!.indexOf('=') + 1).trim()];
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

interface Started {
  browser: Browser;
  interactionUrl: string;
  verifier: string;
  state: string;
  nonce: string;
}

async function authorize(params: Record<string, string> = {}): Promise<Started> {
  const browser = new Browser();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const url = new URL(discovery.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid profile vneid', state, nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', ...params,
  }).toString();
  const response = await browser.request(url.href);
  assert.equal(response.status, 303);
  const interactionUrl = response.headers.get('location')!;
  assert.match(interactionUrl, /^\/vneid\/interaction\/[\w-]+$/);
  return { browser, interactionUrl, verifier, state, nonce };
}

/** Submits the sign-in form and follows the provider back to the client's redirect URI. */
async function signIn(started: Started, form: Record<string, string>): Promise<URL> {
  const submitted = await started.browser.post(`${started.interactionUrl}/login`, form);
  assert.equal(submitted.status, 303, await submitted.clone().text());
  const resumed = await started.browser.request(submitted.headers.get('location')!);
  assert.equal(resumed.status, 303);
  return new URL(resumed.headers.get('location')!);
}

function tokenRequest(code: string, verifier: string, auth: 'basic' | 'post', secret = CLIENT.clientSecret): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}`;
  else {
    body.set('client_id', CLIENT.clientId);
    body.set('client_secret', secret);
  }
  return fetch(discovery.token_endpoint!, { method: 'POST', headers, body });
}

test('discovery publishes endpoints under /vneid and the vneid scope', () => {
  assert.equal(discovery.issuer, `${sandbox.url}/vneid`);
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'end_session_endpoint']) {
    assert.ok(discovery[key]!.startsWith(`${sandbox.url}/vneid/`), `${key}: ${discovery[key]}`);
  }
  assert.ok((discovery.scopes_supported as unknown as string[]).includes('vneid'));
});

test('authorization code + PKCE: pick a listed citizen, exchange the code, verify the ID token', async () => {
  const started = await authorize();
  const pageResponse = await started.browser.request(started.interactionUrl);
  assert.equal(pageResponse.status, 200);
  const page = await pageResponse.text();
  assert.match(page, /MÔI TRƯỜNG THỬ NGHIỆM/);
  assert.match(page, /id="citizen-search"/);
  assert.match(page, /<button type="submit" id="sign-in">/);
  const listed = [...page.matchAll(/name="citizen" id="citizen-\d{12}" value="(\d{12})"/g)].map((m) => m[1]!);
  assert.equal(listed.length, 20);
  const chosen = listed[3]!;

  const redirect = await signIn(started, { citizen: chosen });
  assert.equal(`${redirect.origin}${redirect.pathname}`, REDIRECT);
  assert.equal(redirect.searchParams.get('state'), started.state);
  assert.equal(redirect.searchParams.get('iss'), discovery.issuer);
  const code = redirect.searchParams.get('code')!;

  const refused = await tokenRequest(code, started.verifier, 'basic', 'wrong-secret');
  assert.equal(refused.status, 401);
  assert.equal(((await refused.json()) as { error: string }).error, 'invalid_client');

  const tokenResponse = await tokenRequest(code, started.verifier, 'basic');
  assert.equal(tokenResponse.status, 200);
  const tokens = (await tokenResponse.json()) as { id_token: string; access_token: string };
  const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri!)), {
    issuer: discovery.issuer, audience: CLIENT.clientId, algorithms: ['RS256'],
  });
  const citizen = citizenById(SEED, chosen)!;
  assert.equal(payload.sub, chosen);
  assert.equal(payload.personal_id, chosen);
  assert.equal(payload.nonce, started.nonce);
  assert.equal(payload.name, citizen.fullName);
  assert.equal(payload.birthdate, citizen.dateOfBirth);
  assert.equal(payload.gender, citizen.sex);
  assert.equal(payload.enterprise_code, undefined);

  const userinfo = await fetch(discovery.userinfo_endpoint!, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(userinfo.status, 200);
  assert.equal(((await userinfo.json()) as { personal_id: string }).personal_id, chosen);

  const replay = await tokenRequest(code, started.verifier, 'basic');
  assert.equal(replay.status, 400, 'a code is used once');
});

test('typed id as enterprise representative (client_secret_post): enterprise_code with a valid check digit', async () => {
  const started = await authorize();
  const typed = '087190123456';
  const redirect = await signIn(started, { personalId: typed, asEnterprise: '1' });
  const tokenResponse = await tokenRequest(redirect.searchParams.get('code')!, started.verifier, 'post');
  assert.equal(tokenResponse.status, 200);
  const { id_token: idToken } = (await tokenResponse.json()) as { id_token: string };
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(discovery.jwks_uri!)), { issuer: discovery.issuer, audience: CLIENT.clientId });
  assert.equal(payload.sub, typed);
  assert.equal(payload.gender, 'female');
  assert.ok(isValidEnterpriseCode(String(payload.enterprise_code)), String(payload.enterprise_code));
});

test('an invalid typed id re-renders the page with an error and issues no code; a valid retry then succeeds', async () => {
  const started = await authorize();
  const refused = await started.browser.post(`${started.interactionUrl}/login`, { personalId: '123456789012' });
  assert.equal(refused.status, 400);
  assert.equal(refused.headers.get('location'), null);
  const body = await refused.text();
  assert.match(body, /Số định danh cá nhân không hợp lệ/);
  assert.match(body, /name="personalId"[^>]*aria-invalid="true"/);

  const badEnterprise = await started.browser.post(`${started.interactionUrl}/login`, { personalId: '087085001234', asEnterprise: '1', enterpriseCode: '1400000001' });
  assert.equal(badEnterprise.status, 400);

  const redirect = await signIn(started, { personalId: '087085001234', asEnterprise: '1', enterpriseCode: '0100109106' });
  assert.ok(redirect.searchParams.get('code'));
});

test('cancel returns access_denied to the client', async () => {
  const started = await authorize();
  const aborted = await started.browser.post(`${started.interactionUrl}/abort`, {});
  assert.equal(aborted.status, 303);
  const resumed = await started.browser.request(aborted.headers.get('location')!);
  const redirect = new URL(resumed.headers.get('location')!);
  assert.equal(redirect.searchParams.get('error'), 'access_denied');
  assert.equal(redirect.searchParams.get('code'), null);
});

test('an unregistered redirect_uri is refused on the provider page, never redirected to', async () => {
  const browser = new Browser();
  const url = new URL(discovery.authorization_endpoint!);
  url.search = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: 'http://evil.example/cb', response_type: 'code', scope: 'openid' }).toString();
  const response = await browser.request(url.href);
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null);
  assert.match(await response.text(), /redirect_uri/);
});

test('a stale interaction cookie or uid is refused with a readable page', async () => {
  const response = await new Browser().request('/vneid/interaction/not-a-real-uid');
  assert.equal(response.status, 400);
  assert.match(await response.text(), /Phiên đăng nhập không còn hiệu lực/);
});

test('search finds a citizen without diacritics', async () => {
  const started = await authorize();
  const someone = citizenById(SEED, (await firstListed(started))!)!;
  const plain = someone.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const response = await started.browser.request(`${started.interactionUrl}?q=${encodeURIComponent(plain)}`);
  assert.equal(response.status, 200);
  assert.ok((await response.text()).includes(`value="${someone.personalId}"`));
});

async function firstListed(started: Started): Promise<string | undefined> {
  const page = await (await started.browser.request(started.interactionUrl)).text();
  return /name="citizen" id="citizen-\d{12}" value="(\d{12})"/.exec(page)?.[1];
}

test('the sign-in error page (an unknown client) cannot be framed and is not cached', async () => {
  const url = new URL(discovery.authorization_endpoint!);
  url.search = new URLSearchParams({ client_id: 'no-such-client', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid' }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 400);
  assert.match(response.headers.get('content-type')!, /text\/html/);
  assert.match(response.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.match(await response.text(), /Yêu cầu không hợp lệ/);
});
