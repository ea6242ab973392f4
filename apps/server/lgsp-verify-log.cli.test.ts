import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createMessageLog, messageLogKey } from '../../modules/lgsp/index.ts';
import { cliDatabase, runCli } from './cli.testing.ts';

describe('npx node apps/server/main.ts lgsp:verify-log', () => {
  let dir: string;
  let target: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  const masterKey = randomBytes(32).toString('base64url');
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sen-lgsp-log-'));
    target = await cliDatabase(dir);
    env = { SEN_DATA_DIR: dir, SEN_MASTER_KEY: masterKey, DEMO: 'true', ...target.env };
  });
  after(async () => {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes an intact chain and names the first record altered by hand (exit 2)', async () => {
    await target.use(async ({ db }) => {
      const log = createMessageLog(db, messageLogKey(masterKey));
      await Promise.all(Array.from({ length: 5 }, (_, n) => log.append({
        at: new Date(), messageId: `m-${n}`, requestId: `r-${n}`, client: 'VN/GOV/A/SYS', service: 'VN/GOV/B/DATA/citizens', method: 'GET', path: '/citizens/1',
        status: 200, fault: null, durationMs: 2.5, providerMs: 1.5, requestHash: 'h', purpose: 'test', userId: null,
      })));
    });
    const intact = await runCli('lgsp:verify-log', env);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /LGSP message log intact: 5 records verified/);

    await target.use(({ db }) => db.execute(sql`update lgsp.message_log set client = 'VN/GOV/X/FORGED' where seq = 3`));
    const tampered = await runCli('lgsp:verify-log', env);
    assert.equal(tampered.status, 2);
    assert.match(tampered.stderr, /TAMPERED at record 3 \(hash\)/);

    const otherKey = await runCli('lgsp:verify-log', { ...env, SEN_MASTER_KEY: randomBytes(32).toString('base64url') });
    assert.equal(otherKey.status, 2, 'another key cannot vouch for the chain');
  });
});
