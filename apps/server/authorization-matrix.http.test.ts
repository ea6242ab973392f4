import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, registeredRoutes } from '../../packages/platform/index.ts';
import { createTestPlatform, type TestPlatform } from './testing.ts';

/** Row counts of every table Sen owns, except the audit trail (refusals are audited by design). */
async function snapshot(t: TestPlatform): Promise<string> {
  const tables = await queryRows<{ schema: string; name: string }>(
    t.database.db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema', 'public') and table_type = 'BASE TABLE'
          and not (table_schema = 'platform' and table_name in ('audit_log', 'audit_head', 'rate_counters'))
          and not (table_schema = 'identity' and table_name = 'oidc_payloads')
        order by 1, 2`,
  );
  const counts: string[] = [];
  for (const { schema, name } of tables) {
    const [row] = await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from "${schema}"."${name}"`));
    counts.push(`${schema}.${name}=${row?.n}`);
  }
  return counts.join(' ');
}

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, randomUUID()).replace(/\*$/, 'x');

describe('authorisation matrix: every protected route × a caller without its permission', () => {
  let t: TestPlatform;
  let weakToken: string;
  let unscopedToken: string;
  before(async () => {
    t = await createTestPlatform();
    weakToken = await t.clientToken(); // the demo system client holds only report.read
    unscopedToken = await t.clientToken(undefined, undefined, {}); // no scope asked for: none granted
  });
  after(async () => t.close());

  it('refuses every protected route with 401 (no token) or 403 (no scope, no permission) and writes nothing', async () => {
    const protectedRoutes = registeredRoutes(t.app).filter((r) => r.access !== 'public' && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    assert.ok(protectedRoutes.length >= 15, `expected the module routes, found ${protectedRoutes.length}`);
    const before = await snapshot(t);
    for (const route of protectedRoutes) {
      const url = concrete(route.url);
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const request = { method: route.method as 'GET', url, ...(hasBody ? { payload: {} } : {}) };
      const anonymous = await t.app.inject(request);
      assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} without a token → ${anonymous.statusCode}`);
      assert.equal(anonymous.json().code, 'auth.required');
      const unscoped = await t.app.inject({ ...request, headers: { authorization: `Bearer ${unscopedToken}` } });
      assert.equal(unscoped.statusCode, 403, `${route.method} ${route.url} without scope ${route.scope} → ${unscoped.statusCode}`);
      assert.equal(unscoped.json().code, 'auth.insufficient_scope');
      if (route.access === 'authenticated' || route.access === 'report.read') continue;
      const weak = await t.app.inject({ ...request, headers: { authorization: `Bearer ${weakToken}` } });
      assert.equal(weak.statusCode, 403, `${route.method} ${route.url} without ${route.access} → ${weak.statusCode}`);
      assert.equal(weak.json().code, 'auth.forbidden');
    }
    assert.equal(await snapshot(t), before);
  });

  it('declares an access rule on every route (deny by default)', () => {
    for (const route of registeredRoutes(t.app)) {
      assert.ok(route.access, `${route.method} ${route.url}`);
      if (route.access !== 'public') assert.ok(route.scope, `${route.method} ${route.url} needs a scope`);
    }
  });
});
