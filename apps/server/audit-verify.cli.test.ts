import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { appendAudit, migrate, openDatabase } from '../../packages/platform/index.ts';

const main = path.resolve(import.meta.dirname, 'main.ts');

describe('npm run audit:verify', () => {
  it('passes an intact chain and names the first record altered by hand', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-audit-'));
    try {
      const database = await openDatabase({ pgliteDir: path.join(dir, 'pglite') });
      await migrate(database.db);
      for (let n = 1; n <= 4; n++) {
        await appendAudit(database.db, { actor: 'user:a', action: 'POST /x', target: `/x/${n}`, outcome: 201, sourceIp: '127.0.0.1', requestId: `r-${n}-0000000`, purpose: 'request' });
      }
      await database.close();
      const verify = () => spawnSync(process.execPath, [main, 'audit:verify'], { env: { ...process.env, SEN_DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
      const intact = verify();
      assert.equal(intact.status, 0, intact.stderr);
      assert.match(intact.stdout, /intact: 4 records/);

      const tamper = await openDatabase({ pgliteDir: path.join(dir, 'pglite') });
      await tamper.db.execute(sql`alter table platform.audit_log disable trigger audit_log_append_only`);
      await tamper.db.execute(sql`update platform.audit_log set outcome = 200 where seq = 2`);
      await tamper.close();
      const tampered = verify();
      assert.equal(tampered.status, 2);
      assert.match(tampered.stderr, /TAMPERED at record 2 \(altered\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
