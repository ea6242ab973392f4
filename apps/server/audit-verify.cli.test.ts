import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { appendAudit, auditKeys, canonicalJson, requestTimeStamp, type CheckpointFile } from '../../packages/platform/index.ts';
import { cliDatabase, runCli as run } from './cli.testing.ts';
import { caSandbox, startSandbox, type RunningSandbox } from '../sandbox/index.ts';

const record = (n: number) => ({ actor: 'user:a', action: 'POST /x', target: `/x/${n}`, outcome: 201, sourceIp: '127.0.0.1', requestId: `r-${n}-0000000`, purpose: 'request' });

describe('npm run audit:verify and audit:checkpoint', () => {
  let dir: string;
  let target: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  const masterKey = randomBytes(32).toString('base64url');
  const keys = auditKeys(masterKey);
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sen-audit-'));
    target = await cliDatabase(dir);
    env = { SEN_DATA_DIR: dir, SEN_MASTER_KEY: masterKey, DEMO: 'true', AUDIT_TSA_URL: 'off', ...target.env };
  });
  after(async () => {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes an intact chain and names the first record altered by hand', async () => {
    await target.use(async ({ db }) => {
      for (let n = 1; n <= 4; n++) await appendAudit(db, record(n), keys);
    });
    const intact = await run('audit:verify', env);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /intact: 4 records verified \(all keyed\); no checkpoints/);

    await target.use(async ({ db }) => {
      await db.execute(sql`alter table platform.audit_log disable trigger audit_log_append_only`);
      await db.execute(sql`update platform.audit_log set outcome = 200 where seq = 2`);
    });
    const tampered = await run('audit:verify', env);
    assert.equal(tampered.status, 2);
    assert.match(tampered.stderr, /TAMPERED at record 2 \(altered\)/);
    await target.use(async ({ db }) => {
      await db.execute(sql`update platform.audit_log set outcome = 201 where seq = 2`);
      await db.execute(sql`alter table platform.audit_log enable trigger audit_log_append_only`);
    });
  });

  describe('with the CA sandbox as time-stamping authority', () => {
    let sandbox: RunningSandbox;
    let tsa: string;
    before(async () => {
      sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [caSandbox()] });
      tsa = `http://127.0.0.1:${sandbox.port}/ca/tsa`;
    });
    after(() => sandbox.close());

    it('stamps checkpoints (retrying when the TSA was down) and detects a forged stamp and a truncated log', async () => {
      const checkpoints = path.join(dir, 'audit-checkpoints');
      // The TSA is unreachable: the checkpoint is written all the same, unstamped.
      const down = await run('audit:checkpoint', { ...env, AUDIT_TSA_URL: 'http://127.0.0.1:9/ca/tsa' });
      assert.equal(down.status, 0, down.stderr);
      assert.match(down.stdout, /checkpoint written at record 4/);
      assert.match(down.stderr, /left unstamped \(retried later\)/);
      assert.match((await run('audit:verify', env)).stdout, /intact: 4 records .*; 1 checkpoints up to record 4, 1 not yet time-stamped/);

      const withTsa = { ...env, AUDIT_TSA_URL: tsa };
      await target.use(async ({ db }) => {
        for (let n = 5; n <= 6; n++) await appendAudit(db, record(n), keys);
      });
      const up = await run('audit:checkpoint', withTsa);
      assert.equal(up.status, 0, up.stderr);
      assert.match(up.stdout, /checkpoint written at record 6/);
      assert.match(up.stdout, /2 checkpoints time-stamped/);
      const verified = await run('audit:verify', env);
      assert.equal(verified.status, 0, verified.stderr);
      assert.match(verified.stdout, /intact: 6 records verified \(all keyed\); 2 checkpoints up to record 6, all time-stamped/);

      // A genuine token of the same TSA, but over other bytes, swapped into a checkpoint.
      const file = path.join(checkpoints, readdirSync(checkpoints).sort().at(-1)!);
      const original = readFileSync(file, 'utf8');
      const parsed = JSON.parse(original) as CheckpointFile;
      const other = await requestTimeStamp(tsa, Buffer.from(canonicalJson({ ...parsed.checkpoint, seq: 7 })));
      writeFileSync(file, JSON.stringify({ ...parsed, timeStamp: { ...parsed.timeStamp, token: other.token } }));
      const forged = await run('audit:verify', env);
      assert.equal(forged.status, 2);
      assert.match(forged.stderr, /\(forged_checkpoint\): checkpoint checkpoint-000000000000006\.json has a time stamp that does not verify: the time stamp covers other data/);
      writeFileSync(file, original);

      // A superuser truncates with the triggers off and resets the head: the checkpoints remember.
      await target.use(async ({ db }) => {
        await db.execute(sql`alter table platform.audit_log disable trigger user`);
        await db.execute(sql`alter table platform.audit_head disable trigger user`);
        await db.execute(sql`truncate platform.audit_log`);
        await db.execute(sql`update platform.audit_head set seq = 0, hash = ${'0'.repeat(64)}`);
      });
      const truncated = await run('audit:verify', env);
      assert.equal(truncated.status, 2);
      assert.match(truncated.stderr, /TAMPERED at record 1 \(truncated\): a checkpoint written at .* saw 6 records but the database holds 0/);
    });
  });
});
