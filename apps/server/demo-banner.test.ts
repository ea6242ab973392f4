import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { DEMO_ACCOUNTS, DEMO_SERVICE_CLIENT, DEMO_TOTP_SECRET } from '../../modules/identity/index.ts';
import { buildApp } from './app.ts';
import { demoBanner } from './demo-banner.ts';

describe('the demo banner', () => {
  it('shows the demo secrets on the start that created the accounts, and never again', async () => {
    const database = await createTestDatabase();
    try {
      const platform = await buildApp(loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true' }), database);
      const first = await platform.seed();
      const second = await platform.seed();
      assert.deepEqual([first.demoCreated, second.demoCreated], [true, false]);
      const secrets = [...DEMO_ACCOUNTS.map((a) => a.password), DEMO_TOTP_SECRET, DEMO_SERVICE_CLIENT.secret];
      const once = demoBanner(first.demoCreated).join('\n');
      const later = demoBanner(second.demoCreated).join('\n');
      for (const secret of secrets) {
        assert.ok(once.includes(secret), `the first banner shows ${secret}`);
        assert.ok(!later.includes(secret), `a later banner prints ${secret}`);
      }
      assert.match(later, /admin/);
      await platform.app.close();
    } finally {
      await database.close();
    }
  });
});
