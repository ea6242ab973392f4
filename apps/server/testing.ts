// Test support for whole-platform HTTP tests: an isolated database, the app built and seeded,
// and real tokens from the platform's own OpenID Connect provider.
import { loadConfig, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { DEMO_SERVICE_CLIENT } from '../../modules/identity/index.ts';
import { buildApp, type Platform } from './app.ts';

export interface TestPlatform extends Platform {
  database: Database;
  /** A client-credentials access token for a service client (the demo client by default). */
  clientToken(clientId?: string, secret?: string): Promise<string>;
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
    async clientToken(clientId = DEMO_SERVICE_CLIENT.clientId, secret = DEMO_SERVICE_CLIENT.secret) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/oidc/token',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials',
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
