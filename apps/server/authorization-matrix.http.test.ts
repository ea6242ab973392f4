import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { registeredRoutes } from '../../packages/platform/index.ts';
import { createTestPlatform, snapshot, type TestPlatform } from './testing.ts';

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
