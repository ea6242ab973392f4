import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { citizenById, generateCitizen } from '../citizens/generator.ts';
import { foldVietnamese } from '../citizens/random.ts';
import { OTHER_PROVINCE, SEN, basic, postForm, startPortal, type TestPortal } from './test-support.ts';

const REDIRECT = SEN.redirectUris![0]!;
let portal: TestPortal;
let clockOffsetMs = 0;

before(async () => {
  portal = await startPortal({ now: () => Date.now() + clockOffsetMs });
});
after(() => portal.close());

const origin = () => portal.base.replace(/\/dvcqg$/, '');

async function authorize(params: Record<string, string> = {}): Promise<Response> {
  const query = new URLSearchParams({ client_id: SEN.id, redirect_uri: REDIRECT, state: 'st-123', response_type: 'code', ...params });
  return fetch(`${portal.base}/sso/authorize?${query}`, { redirect: 'manual' });
}

/** Follows authorize to the sign-in page; answers the page's path. */
async function startSignIn(): Promise<string> {
  const response = await authorize();
  assert.equal(response.status, 303);
  const location = response.headers.get('location')!;
  assert.match(location, /^\/dvcqg\/sso\/requests\/[\w-]{32}$/);
  return location;
}

/** Submits the sign-in form like a browser and answers the URL the client is sent back to. */
async function signIn(pagePath: string, form: Record<string, string>): Promise<URL> {
  const response = await postForm(`${origin()}${pagePath}/login`, form);
  assert.equal(response.status, 303, await response.clone().text());
  return new URL(response.headers.get('location')!);
}

function exchange(code: string, overrides: Record<string, string> = {}, client = SEN): Promise<Response> {
  return postForm(`${portal.base}/sso/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...overrides }, { authorization: basic(client.id, client.secret) });
}

const errorCode = async (response: Response) => ((await response.json()) as { code: string }).code;

test('a tester searches without diacritics, signs in, and the client gets the profile once', async () => {
  const pagePath = await startSignIn();
  const page = await fetch(`${origin()}${pagePath}?q=${encodeURIComponent('nguyen van')}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = await page.text();
  assert.match(html, /<html lang="vi">/);
  const options = [...html.matchAll(/name="citizen" id="[^"]+" value="(\d{12})">\s*<label[^>]*>([^<]+)/g)].map((m) => ({ id: m[1]!, name: m[2]!.trim() }));
  assert.ok(options.length > 0);
  for (const option of options) assert.ok(foldVietnamese(option.name).includes('nguyen van'), option.name);
  assert.match(html, /Nguyễn Văn/);

  const chosen = options[0]!.id;
  const back = await signIn(pagePath, { citizen: chosen });
  assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
  assert.equal(back.searchParams.get('state'), 'st-123');
  const code = back.searchParams.get('code')!;
  assert.match(code, /^[\w-]{32}$/);

  const tokens = await exchange(code);
  assert.equal(tokens.status, 200);
  assert.equal(tokens.headers.get('cache-control'), 'no-store');
  const body = (await tokens.json()) as { access_token: string; token_type: string; expires_in: number; profile: Record<string, unknown> };
  assert.equal(body.token_type, 'Bearer');
  assert.ok(body.access_token.length > 20);
  const citizen = citizenById('dvcqg-test', chosen)!;
  assert.deepEqual(body.profile, {
    personalId: chosen, fullName: citizen.fullName, dateOfBirth: citizen.dateOfBirth, sex: citizen.sex,
    phone: citizen.phoneNumber, email: citizen.email, address: citizen.permanentAddress.text,
  });

  // The SSO token is not an API token.
  const api = await fetch(`${portal.base}/api/v1/dossiers/X/statuses`, {
    method: 'POST', headers: { authorization: `Bearer ${body.access_token}`, 'content-type': 'application/json' }, body: '{}',
  });
  assert.equal(api.status, 401);

  const reuse = await exchange(code);
  assert.equal(reuse.status, 400);
  assert.equal(await errorCode(reuse), 'dvcqg.invalid_grant');
  // The sign-in request is spent as well.
  assert.equal((await postForm(`${origin()}${pagePath}/login`, { citizen: chosen })).status, 400);
});

test('an unregistered redirect URI or client gets an error page, never a redirect', async () => {
  const refused: Record<string, string>[] = [
    { redirect_uri: 'https://evil.example/cb' }, { redirect_uri: `${REDIRECT}/more` }, { client_id: 'nobody' }, { client_id: OTHER_PROVINCE.id },
  ];
  for (const params of refused) {
    const response = await authorize(params);
    assert.equal(response.status, 400, JSON.stringify(params));
    assert.equal(response.headers.get('location'), null);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  }
  const wrongType = await authorize({ response_type: 'token' });
  assert.equal(wrongType.status, 303);
  const back = new URL(wrongType.headers.get('location')!);
  assert.equal(back.searchParams.get('error'), 'unsupported_response_type');
  assert.equal(back.searchParams.get('state'), 'st-123');
});

test('cancel returns access_denied with the state', async () => {
  const pagePath = await startSignIn();
  const response = await postForm(`${origin()}${pagePath}/cancel`, {});
  assert.equal(response.status, 303);
  const back = new URL(response.headers.get('location')!);
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), 'st-123');
  assert.equal(back.searchParams.get('code'), null);
  assert.equal((await fetch(`${origin()}${pagePath}`)).status, 400);
});

test('an invalid personal id re-shows the page; refused exchanges leave the code usable', async () => {
  const pagePath = await startSignIn();
  const refused = await postForm(`${origin()}${pagePath}/login`, { personalId: '123' });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /role="alert"/);
  const typed = generateCitizen('dvcqg-test', 5).personalId;
  const code = (await signIn(pagePath, { personalId: typed })).searchParams.get('code')!;

  const wrongSecret = await postForm(`${portal.base}/sso/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: SEN.id, client_secret: 'nope' });
  assert.equal(wrongSecret.status, 401);
  assert.equal(await errorCode(wrongSecret), 'dvcqg.invalid_client');
  const wrongGrant = await exchange(code, { grant_type: 'client_credentials' });
  assert.equal(wrongGrant.status, 400);
  assert.equal(await errorCode(wrongGrant), 'dvcqg.unsupported_grant_type');
  assert.equal((await exchange(code, { redirect_uri: 'http://127.0.0.1:9/other' })).status, 400);
  assert.equal((await exchange(code, {}, OTHER_PROVINCE)).status, 400);

  const byForm = await postForm(`${portal.base}/sso/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: SEN.id, client_secret: SEN.secret });
  assert.equal(byForm.status, 200);
  assert.equal(((await byForm.json()) as { profile: { personalId: string } }).profile.personalId, typed);
});

test('codes expire after five minutes', async () => {
  const pagePath = await startSignIn();
  const code = (await signIn(pagePath, { citizen: generateCitizen('dvcqg-test', 7).personalId })).searchParams.get('code')!;
  clockOffsetMs += 5 * 60 * 1000 + 1000;
  try {
    const late = await exchange(code);
    assert.equal(late.status, 400);
    assert.equal(await errorCode(late), 'dvcqg.invalid_grant');
  } finally {
    clockOffsetMs = 0;
  }
  assert.equal((await exchange(code)).status, 400, 'an expired code is gone for good');
});
