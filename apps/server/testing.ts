// Test support for whole-platform HTTP tests: an isolated database, the app built and seeded,
// and real tokens from the platform's own OpenID Connect provider.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig, openDatabase, queryRows, type Config, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { DEMO_SERVICE_CLIENT, hashClientSecret, permissionCodes } from '../../modules/identity/index.ts';
import { buildApp, type Platform } from './app.ts';

export interface TestPlatform extends Platform {
  database: Database;
  config: Config;
  /** A client-credentials access token for a service client (the demo client by default), with scope `api` unless told. */
  clientToken(clientId?: string, secret?: string, params?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export async function createTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', PORT: '8080', ...env });
  const platform = await buildApp(config, database);
  await platform.seed();
  await platform.app.ready();
  return {
    ...platform,
    database,
    config,
    async clientToken(clientId = DEMO_SERVICE_CLIENT.clientId, secret = DEMO_SERVICE_CLIENT.secret, params: Record<string, string> = { scope: 'api' }) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/oidc/token',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'client_credentials', ...params }).toString(),
      });
      if (response.statusCode !== 200) throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
      return (response.json() as { access_token: string }).access_token;
    },
    async close() {
      await platform.app.close();
      await database.close();
    },
  };
}

/**
 * A second replica of a test platform on the same database: the same Database object on PGlite
 * (one in-process engine), a second connection pool (and listener) on PostgreSQL.
 */
export async function createReplica(t: TestPlatform): Promise<Platform & { close(): Promise<void> }> {
  const url = (t.database as Database & { url?: string }).url;
  const database = url ? await openDatabase({ url, poolSize: 3 }) : t.database;
  const platform = await buildApp(t.config, database);
  await platform.app.ready();
  return {
    ...platform,
    async close() {
      await platform.app.close();
      if (url) await database.close();
    },
  };
}

/** A token for a service client holding every permission (the test's stand-in for an administrator). */
export async function adminToken(t: TestPlatform): Promise<string> {
  const root = (await t.modules.catalog.service.listAgencies()).find((a) => a.parentId === null);
  const clientId = `admin-${Math.random().toString(36).slice(2, 8)}`;
  await t.modules.identity.service.repo.insertServiceClient({ clientId, name: 'test admin', secretHash: hashClientSecret('test-admin-secret'), agencyId: root?.id ?? '', permissions: permissionCodes });
  return t.clientToken(clientId, 'test-admin-secret');
}

/** A browser's cookie jar, enough for sign-in flows (one host, every path, no expiry handling). */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    store(setCookie: string | string[] | null | undefined) {
      for (const line of [setCookie ?? []].flat()) {
        const [pair] = line.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (!pair || eq < 0) continue;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
    },
  };
}

/** One HTTP answer, whichever way it travelled (inject or a real socket). */
export interface SentResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The steps of a sign-in, so a caller can send each one to a different replica. */
export type SignInStep = 'authorize' | 'page' | 'login' | 'totp' | 'resume' | 'token';

/** Sends one request of a sign-in: a path with its query, an optional form body. */
export type SignInTransport = (step: SignInStep, method: 'GET' | 'POST', path: string, headers: Record<string, string>, form?: string) => Promise<SentResponse>;

/**
 * An official signs in through the platform's own OpenID Connect provider, as the web app does
 * (authorization code + PKCE, the server-rendered sign-in page, TOTP when asked): the tokens, or
 * the refusing page. `publicUrl` is the platform's PUBLIC_URL (the web client's redirect).
 */
export async function signInThrough(send: SignInTransport, username: string, password: string, totp?: () => string, publicUrl = 'http://localhost:8080') {
  const redirect = `${publicUrl}/auth/callback`;
  const jar = cookieJar();
  const go = async (step: SignInStep, method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const headers: Record<string, string> = { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
    const response = await send(step, method, url, headers, form ? new URLSearchParams(form).toString() : undefined);
    jar.store(response.headers['set-cookie']);
    return response;
  };
  const pathOf = (location: unknown) => {
    const url = new URL(String(location), publicUrl);
    return `${url.pathname}${url.search}`;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ client_id: 'sen-web', response_type: 'code', redirect_uri: redirect, scope: 'openid profile offline_access api', code_challenge: challenge, code_challenge_method: 'S256', state: 'st-123', nonce: 'n-456' });
  const start = await go('authorize', 'GET', `/oidc/auth?${query}`);
  assert.equal(start.statusCode, 303, start.body);
  const interaction = pathOf(start.headers.location);
  const page = await go('page', 'GET', interaction);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Đăng nhập/);
  assert.match(page.body, /<label for="username">/);
  let step = await go('login', 'POST', `${interaction}/login`, { username, password });
  if (totp) {
    assert.equal(step.statusCode, 200, step.body.slice(0, 300));
    assert.match(step.body, /name="code"/);
    step = await go('totp', 'POST', `${interaction}/totp`, { code: totp() });
  }
  if (step.statusCode !== 303) return { refused: step };
  let location = String(step.headers.location);
  while (!location.startsWith(redirect)) {
    const next = await go('resume', 'GET', pathOf(location));
    assert.equal(next.statusCode, 303, next.body.slice(0, 300));
    location = String(next.headers.location);
  }
  const callback = new URL(location);
  assert.equal(callback.searchParams.get('state'), 'st-123');
  const tokens = await send('token', 'POST', '/oidc/token', { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirect, client_id: 'sen-web', code_verifier: verifier }).toString());
  assert.equal(tokens.statusCode, 200, tokens.body);
  return { tokens: JSON.parse(tokens.body) as { access_token: string; refresh_token: string; id_token: string } };
}

/** `signInThrough` an in-process platform (inject); `from` is the browser's address (inject's remote address). */
export function signInOfficial(t: TestPlatform, username: string, password: string, totp?: () => string, from = '127.0.0.1') {
  return signInThrough(async (_step, method, url, headers, payload) => {
    const response = await t.app.inject({ method, url, headers, remoteAddress: from, ...(payload === undefined ? {} : { payload }) });
    return { statusCode: response.statusCode, headers: response.headers as SentResponse['headers'], body: response.body };
  }, username, password, totp);
}

/** The access token of an official (demo accounts by default need no TOTP). */
export async function officialToken(t: TestPlatform, username: string, password: string): Promise<string> {
  const result = await signInOfficial(t, username, password);
  if (!result.tokens) throw new Error(`sign-in of ${username} refused: ${result.refused?.statusCode}`);
  return result.tokens.access_token;
}

/**
 * Row counts of every table Sen owns, except the audit trail and the LGSP message log with its
 * operational-monitoring twin (one record per logged exchange): refusals are recorded in them by design.
 */
export async function snapshot(t: TestPlatform): Promise<string> {
  const tables = await queryRows<{ schema: string; name: string }>(
    t.database.db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema', 'public') and table_type = 'BASE TABLE'
          and not (table_schema = 'platform' and table_name in ('audit_log', 'audit_head', 'rate_counters'))
          and not (table_schema = 'identity' and table_name = 'oidc_payloads')
          and not (table_schema = 'lgsp' and table_name in ('message_log', 'message_log_head', 'operational_records'))
        order by 1, 2`,
  );
  const counts: string[] = [];
  for (const { schema, name } of tables) {
    const [row] = await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from "${schema}"."${name}"`));
    counts.push(`${schema}.${name}=${row?.n}`);
  }
  return counts.join(' ');
}
