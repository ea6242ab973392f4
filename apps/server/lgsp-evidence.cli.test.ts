import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig, queryRows } from '../../packages/platform/index.ts';
import { caCertificate, startCa, type StartedCa } from '../sandbox/index.ts';
import { buildApp } from './app.ts';
import { cliDatabase, runCli } from './cli.testing.ts';

/** `lgsp:export-evidence` writes a package (audited); `lgsp:verify-evidence` checks it with the CA and the database gone. */
describe('npx node apps/server/main.ts lgsp:export-evidence / lgsp:verify-evidence', () => {
  let dir: string;
  let ca: StartedCa | undefined;
  let target: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  const masterKey = randomBytes(32).toString('base64url');

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sen-lgsp-evidence-'));
    ca = await startCa();
    target = await cliDatabase(dir);
    env = {
      SEN_DATA_DIR: dir, SEN_MASTER_KEY: masterKey, DEMO: 'true', SANDBOX: 'false', LOG_LEVEL: 'silent', ...target.env,
      SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt`,
    };
    writeFileSync(path.join(dir, 'root.crt'), (await caCertificate(ca.base, 'root')).raw);
    // Three exchanges, then a seal, written by the platform as the gateway would.
    await target.use(async (database) => {
      const platform = await buildApp(loadConfig(env), database);
      await platform.seed();
      await Promise.all([1, 2, 3].map((n) => platform.modules.lgsp.messageLog.append({
        at: new Date(), messageId: `msg-${n}`, requestId: `req-${n}`, client: 'VN/GOV/A/SYS', service: 'VN/GOV/B/DATA/citizens', method: 'GET', path: `/citizens/${n}`,
        status: 200, fault: null, durationMs: 2.5, providerMs: 1.5, requestHash: 'h', purpose: 'test', userId: null, requestBodyHash: null, responseBodyHash: null,
      })));
      await platform.modules.lgsp.sealer.sealNow();
      await platform.app.close();
    });
  });
  after(async () => {
    await ca?.sandbox.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the evidence of a message id (audited with the purpose), and verifies it offline; any altered byte is refused (exit 2)', async () => {
    const file = path.join(dir, 'msg-2.json');
    const usage = await runCli('lgsp:export-evidence', env, ['msg-2', file]);
    assert.equal(usage.status, 64, 'a purpose is required');
    const unknown = await runCli('lgsp:export-evidence', env, ['no-such', file, '--purpose', 'Đối soát khiếu nại']);
    assert.equal(unknown.status, 1);
    const exported = await runCli('lgsp:export-evidence', env, ['msg-2', file, '--purpose', 'Đối soát khiếu nại']);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /record 2, sealed at record 3/);
    const audited = await target.use(({ db }) => queryRows<{ purpose: string }>(db, sql`select purpose from platform.audit_log where actor = 'cli:lgsp:export-evidence'`));
    assert.deepEqual(audited.map((a) => a.purpose), ['Đối soát khiếu nại']);

    // Offline: the CA (and its TSA) is gone and no database is named.
    await ca!.sandbox.close();
    ca = undefined;
    const offline = { SEN_MASTER_KEY: masterKey, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SEN_DATA_DIR: path.join(dir, 'nowhere') };
    const valid = await runCli('lgsp:verify-evidence', offline, [file, '--root', path.join(dir, 'root.crt')]);
    assert.equal(valid.status, 0, valid.stderr);
    assert.match(valid.stdout, /evidence VALID: message msg-2, record 2, sealed with record 3/);
    assert.match(valid.stdout, /the trusted root given/);

    const text = readFileSync(file, 'utf8');
    const tampered = path.join(dir, 'tampered.json');
    writeFileSync(tampered, text.replace('"/citizens/2"', '"/citizens/9"'));
    const refused = await runCli('lgsp:verify-evidence', offline, [tampered]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /evidence INVALID: record 2: its content does not match its hash/);
    writeFileSync(tampered, '{ not json');
    assert.equal((await runCli('lgsp:verify-evidence', offline, [tampered])).status, 2);
  });
});
