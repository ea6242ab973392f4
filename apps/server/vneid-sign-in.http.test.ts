import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cookieJar } from './testing.ts';
import { startEphemeralPlatform, type RunningPlatform } from './start.ts';

/** Follows redirects by hand across Sen and the VNeID sandbox, one cookie jar per host, over real HTTP. */
function browser() {
  const jars = new Map<string, ReturnType<typeof cookieJar>>();
  const jar = (url: URL) => jars.get(url.host) ?? jars.set(url.host, cookieJar()).get(url.host)!;
  return async function go(url: string, form?: Record<string, string>): Promise<{ status: number; location: string; body: string; url: string }> {
    const target = new URL(url);
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar(target).header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    jar(target).store(response.headers.getSetCookie());
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, target).href : '', body: await response.text(), url };
  };
}

describe('citizens sign in through VNeID (the sandbox) over real HTTP', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startEphemeralPlatform();
  });
  after(async () => platform.close());

  it('creates the local account by personal id number and links it on the next sign-in', async () => {
    const signIn = async (choose: Record<string, string>) => {
      const go = browser();
      const verifier = randomBytes(32).toString('base64url');
      const redirect = `${platform.url}/auth/callback`;
      const query = new URLSearchParams({
        client_id: 'sen-web',
        response_type: 'code',
        redirect_uri: redirect,
        scope: 'openid profile api',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        state: 'citizen-state',
      });
      let step = await go(`${platform.url}/oidc/auth?${query}`);
      step = await go(step.location); // Sen's sign-in page
      assert.match(step.body, /Đăng nhập bằng VNeID/);
      const interaction = new URL(step.url).pathname;
      step = await go(`${platform.url}${interaction}/vneid`);
      assert.equal(step.status, 303);
      assert.ok(step.location.startsWith(platform.sandboxUrl ?? '-'), `redirected to VNeID: ${step.location}`);
      step = await go(step.location); // VNeID /auth → its interaction
      const vneidPage = await go(step.location);
      assert.match(vneidPage.body, /MÔI TRƯỜNG THỬ NGHIỆM/);
      const firstCitizen = /id="citizen-(\d{12})"/.exec(vneidPage.body)?.[1];
      assert.ok(firstCitizen, 'the sandbox lists synthetic citizens');
      step = await go(`${new URL(vneidPage.url).origin}${new URL(vneidPage.url).pathname}/login`, { citizen: firstCitizen, ...choose });
      while (!step.location.startsWith(redirect)) {
        assert.equal(step.status, 303, `${step.url} → ${step.status} ${step.body.slice(0, 200)}`);
        step = await go(step.location);
      }
      const code = new URL(step.location).searchParams.get('code') ?? '';
      const tokens = await fetch(`${platform.url}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'sen-web', code_verifier: verifier }),
      });
      assert.equal(tokens.status, 200);
      const { access_token } = (await tokens.json()) as { access_token: string };
      const me = await fetch(`${platform.url}/api/identity/me`, { headers: { authorization: `Bearer ${access_token}` } });
      assert.equal(me.status, 200);
      return { me: (await me.json()) as { id: string; kind: string; displayName: string; personalIdMasked: string; enterpriseCode?: string }, personalId: firstCitizen, token: access_token };
    };

    const first = await signIn({});
    assert.equal(first.me.kind, 'citizen');
    assert.equal(first.me.personalIdMasked, `*********${first.personalId.slice(-3)}`);
    assert.match(first.me.displayName, /\p{L}+ \p{L}+/u);
    const second = await signIn({ asEnterprise: 'on' });
    assert.equal(second.me.id, first.me.id, 'the same person gets the same account');
    assert.match(second.me.enterpriseCode ?? '', /^\d{10}$/);

    // What VNeID said prefills applications: date of birth and residence come through as claims.
    const profile = await fetch(`${platform.url}/api/tthc/applicant-profile`, { headers: { authorization: `Bearer ${second.token}` } });
    assert.equal(profile.status, 200);
    const body = (await profile.json()) as { fullName: string; personalId: string; dateOfBirth: string | null; address: { line: string; commune: string | null } | null; enterpriseCode: string | null };
    assert.equal(body.personalId, first.personalId);
    assert.equal(body.fullName, first.me.displayName);
    assert.match(body.dateOfBirth ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(body.address?.line && body.address.commune, 'the residence VNeID holds');
    assert.equal(body.enterpriseCode, second.me.enterpriseCode);
  });

  it('counts the calls to VNeID and labels each OIDC endpoint (metrics read from this machine)', async () => {
    const response = await fetch(`${platform.url}/metrics`);
    assert.equal(response.status, 200);
    const text = await response.text();
    const vneidCalls = Number(/^sen_outbound_request_duration_seconds_count\{system="vneid",outcome="ok"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    assert.ok(vneidCalls >= 3, `discovery, keys and two code exchanges go to VNeID: ${vneidCalls}`);
    assert.match(text, /sen_http_request_duration_seconds_count\{method="GET",route="\/oidc\/auth",status="303"\} 2/);
    assert.match(text, /route="\/oidc\/interaction\/:uid\/vneid"/);
  });
});
