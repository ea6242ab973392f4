import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { DEFAULT_ADMIN_TOKEN, DEFAULT_MAIL_USERS, mailSandbox, startSandbox, type RunningSandbox } from '../sandbox/index.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from '../../modules/identity/index.ts';
import { queryRows, readMigrations, type Database } from '../../packages/platform/index.ts';
import { cookieJar, signInThrough } from './testing.ts';
import { counterFilingBody, fileAtCounter, refile, send, startTwoReplicas, transportVia, uploadDeclaration, type Replica, type ReplicaPair } from './replicas.testing.ts';

/**
 * Two Sen processes on one PostgreSQL database, started at the same moment on an empty database:
 * everything one replica does, the other sees — tokens, sign-in sessions, throttling, jobs,
 * idempotent filings, the audit chain and (within its stated time) reference data.
 */
const PUBLIC_URL = 'http://sen.test';
const SIGN_IN_LIMIT = 6;
// The tthc reference-data memo's stated time (modules/tthc/index.ts, REFERENCE_TTL_MS).
const MEMO_TTL_MS = 10_000;
const DRAIN_MS = 1500;

describe('two replicas on one PostgreSQL database', () => {
  let pair: ReplicaPair;
  let database: Database;
  let sandbox: RunningSandbox;
  let a: Replica;
  let b: Replica;
  let env: Record<string, string>;
  let desk: string;
  let offerings: { id: string; version: number }[];
  let startedIn: number[];
  // Every sign-in comes from its own documentation address (TRUST_PROXY): only the throttling test meets the limit.
  let address = 10;
  const nextAddress = () => ({ 'x-forwarded-for': `198.51.100.${address++}` });
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [mailSandbox({ smtpPort: 0 })] });
    const { smtpPort } = (await (await fetch(`${sandbox.url}/mail/api/v1/info`)).json()) as { smtpPort: number };
    const mailUser = DEFAULT_MAIL_USERS[0]!;
    pair = await startTwoReplicas(PUBLIC_URL, {
      SIGN_IN_RATE_LIMIT: String(SIGN_IN_LIMIT),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SMTP_URL: `smtp://${mailUser.username}:${mailUser.password}@127.0.0.1:${smtpPort}`,
    });
    ({ database, env, a, b, startedIn } = pair);

    const viaA = transportVia(() => a.url, nextAddress());
    const signedIn = await signInThrough(viaA, 'motcua', 'Motcua@2026!', undefined, PUBLIC_URL);
    desk = signedIn.tokens!.access_token;
    const procedure = JSON.parse((await send(`${a.url}/api/tthc/procedures?q=xac nhan tinh trang hon nhan`)).body).items[0];
    offerings = JSON.parse((await send(`${b.url}/api/tthc/procedures/${procedure.id}/offerings`)).body).items;
    assert.ok(offerings.length >= 2, 'the procedure is offered at several communes');
  });

  after(async () => {
    await pair?.dispose();
    await sandbox?.close();
  });

  it('both start at the same moment on an empty database: migrated once, seeded once, no crash, no secret printed', async () => {
    assert.equal(startedIn.length, 2);
    const migrations = await rows<{ n: number }>(sql`select count(*)::int as n from public.sen_schema_migrations`);
    assert.equal(migrations[0]!.n, readMigrations().length);
    const users = await rows<{ username: string }>(sql`select username from identity.users where kind = 'official' order by username`);
    assert.deepEqual(users.map((u) => u.username), DEMO_ACCOUNTS.map((d) => d.username).sort());
    const keys = await rows<{ use: string; n: number }>(sql`select use, count(*)::int as n from identity.keys where retired_at is null group by use order by use`);
    assert.deepEqual(keys, [{ use: 'cookie', n: 1 }, { use: 'sig', n: 1 }], 'one signing key and one cookie key, not one per replica');
    const agencies = await rows<{ code: string; n: number }>(sql`select code, count(*)::int as n from catalog.agencies group by code having count(*) > 1`);
    assert.deepEqual(agencies, []);
    for (const r of [a, b]) {
      assert.doesNotMatch(r.output(), /params:|scrypt\$|Failed query/, `replica ${r.name} printed no statement parameters`);
    }
  });

  it('an SSO sign-in begun on one replica completes on the other', async () => {
    const route = { authorize: a.url, page: b.url, login: a.url, totp: b.url, resume: b.url, token: a.url } as const;
    const result = await signInThrough(transportVia((step) => route[step], nextAddress()), 'chuyenvien', 'Chuyenvien@2026!', undefined, PUBLIC_URL);
    assert.ok(result.tokens, 'signed in');
    const me = await send(`${b.url}/api/identity/me`, { headers: { authorization: `Bearer ${result.tokens.access_token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(JSON.parse(me.body).username, 'chuyenvien');
  });

  it('a token issued by one replica works on the other, and once revoked is refused there within a second', async () => {
    const { tokens } = await signInThrough(transportVia(() => a.url, nextAddress()), 'chuyenvien', 'Chuyenvien@2026!', undefined, PUBLIC_URL);
    const token = tokens!.access_token;
    const me = () => send(`${b.url}/api/identity/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).statusCode, 200, 'accepted by the other replica');
    const revoked = await send(`${a.url}/oidc/token/revocation`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token', client_id: 'sen-web' }).toString(),
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const since = Date.now();
    let status = 200;
    while (status !== 401 && Date.now() - since < 5000) {
      status = (await me()).statusCode;
      if (status !== 401) await sleep(25);
    }
    const took = Date.now() - since;
    assert.equal(status, 401, 'refused once revoked');
    assert.ok(took <= 1000, `refused by the other replica within a second (took ${took} ms)`);
  });

  /** A sign-in page opened on replica A: its path and the browser's cookies. */
  async function openSignIn(headers: Record<string, string>) {
    const jar = cookieJar();
    const query = new URLSearchParams({
      client_id: 'sen-web', response_type: 'code', redirect_uri: `${PUBLIC_URL}/auth/callback`, scope: 'openid',
      code_challenge: createHash('sha256').update(randomBytes(32)).digest('base64url'), code_challenge_method: 'S256',
    });
    const start = await send(`${a.url}/oidc/auth?${query}`, { headers });
    assert.equal(start.statusCode, 303, start.body);
    jar.store(start.headers['set-cookie']);
    const path = new URL(String(start.headers.location), PUBLIC_URL).pathname;
    return {
      attempt: (on: Replica, username: string, password: string) => send(`${on.url}${path}/login`, {
        method: 'POST', headers: { ...headers, cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
      }),
    };
  }

  it('sign-in throttling counts attempts made on both replicas: per account and per address', async () => {
    // Wrong passwords for one account, alternately on each replica, each from another address.
    for (let i = 0; i < 5; i++) {
      const headers = nextAddress();
      const wrong = await (await openSignIn(headers)).attempt(i % 2 ? b : a, 'lanhdao', `wrong password ${i}`);
      // The failure that reaches the threshold may already answer "locked".
      assert.ok(i < 4 ? wrong.statusCode === 401 : [401, 423].includes(wrong.statusCode), `attempt ${i + 1}: ${wrong.statusCode}`);
    }
    const [locked] = await rows<{ locked: boolean }>(sql`select locked_until > now() as locked from identity.users where username = 'lanhdao'`);
    assert.equal(locked!.locked, true, 'five failures spread over both replicas lock the account');
    const right = await (await openSignIn(nextAddress())).attempt(b, 'lanhdao', 'Lanhdao@2026!');
    assert.notEqual(right.statusCode, 303, 'the locked account does not sign in, even with the right password');

    // One address, different accounts, alternately on each replica: the shared counter refuses the attempt past the limit.
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    const page = await openSignIn(headers);
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      const attempt = await page.attempt(i % 2 ? b : a, `khong-co-${i}`, 'wrong');
      assert.equal(attempt.statusCode, 401, `attempt ${i + 1} of ${SIGN_IN_LIMIT}`);
    }
    for (const r of [a, b]) assert.equal((await page.attempt(r, 'khong-co-x', 'wrong')).statusCode, 429, `refused on replica ${r.name}`);
  });

  it('an idempotent filing retried against the other replica — or sent to both at once — is one dossier', async () => {
    const filing = { offeringId: offerings[0]!.id, token: desk, key: `retry-${randomUUID()}` };
    const first = await fileAtCounter(a.url, a.url, filing);
    assert.equal(first.filing?.statusCode, 201, first.body);
    const retried = await refile(b.url, filing, first.body);
    assert.equal(retried.statusCode, 201, retried.body);
    assert.equal(JSON.parse(retried.body).dossier.id, JSON.parse(first.filing.body).dossier.id);

    const both = { token: desk, key: `both-${randomUUID()}` };
    const body = counterFilingBody(offerings[0]!.id, JSON.parse((await uploadDeclaration(a.url, desk)).body).id);
    const answers = await Promise.all([refile(a.url, both, body), refile(b.url, both, body)]);
    assert.deepEqual(answers.map((r) => r.statusCode), [201, 201], answers.map((r) => r.body).join('\n'));
    const ids = answers.map((r) => JSON.parse(r.body).dossier.id);
    assert.equal(ids[0], ids[1], 'both replicas answer with the same dossier');
    const [stored] = await rows<{ n: number }>(sql`select count(*)::int as n from tthc.dossiers where id = ${ids[0]}`);
    assert.equal(stored!.n, 1);
  });

  it('a job enqueued is run exactly once though both replicas\' workers poll', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `nguoi-nop-${i}-${randomBytes(3).toString('hex')}@example.com`);
    const filed = await Promise.all(emails.map((email, i) => {
      const [upload, file] = i % 2 ? [a, b] : [b, a];
      return fileAtCounter(upload.url, file.url, {
        offeringId: offerings[0]!.id, token: desk, key: `job-${randomUUID()}`, applicant: { fullName: 'Trần Văn Bình', personalId: '087190004322', email },
      });
    }));
    assert.deepEqual(filed.map((f) => f.filing?.statusCode), emails.map(() => 201));
    const ids = filed.map((f) => JSON.parse(f.filing!.body).dossier.id as string);
    const jobs = () => rows<{ status: string; attempts: number }>(sql`
      select status, attempts from platform.jobs where queue = 'tthc.notice' and payload->>'dossierId' in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    const since = Date.now();
    while ((await jobs()).some((j) => j.status !== 'done') && Date.now() - since < 60_000) await sleep(250);
    const done = await jobs();
    assert.equal(done.length, emails.length, 'one notice job per dossier');
    assert.deepEqual(done.map((j) => [j.status, j.attempts]), emails.map(() => ['done', 1]), 'each claimed once');
    for (const email of emails) {
      const inbox = (await (await fetch(`${sandbox.url}/mail/_admin/messages?to=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}` } })).json()) as { items: unknown[] };
      assert.equal(inbox.items.length, 1, `exactly one mail to ${email}`);
    }
  });

  it('the reference-data memo on one replica sees an administrator\'s change made on the other within its stated time', async () => {
    const totp = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
    const { tokens } = await signInThrough(transportVia(() => a.url, nextAddress()), 'admin', 'Admin@2026!', () => totp.generate(), PUBLIC_URL);
    const admin = tokens!.access_token;
    const { id: offeringId, version } = offerings[1]!;
    const probe = () => fileAtCounter(b.url, b.url, { offeringId, token: desk, key: `memo-${randomUUID()}` });
    assert.equal((await probe()).filing?.statusCode, 201, 'replica B has the offering in its memo');

    const changed = await send(`${a.url}/api/tthc/offerings/${offeringId}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ active: false, version }),
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const since = Date.now();
    let refused: string | undefined;
    while (!refused && Date.now() - since < MEMO_TTL_MS + 5000) {
      const attempt = await probe();
      if (attempt.filing?.statusCode === 404) refused = JSON.parse(attempt.filing.body).code;
      else await sleep(250);
    }
    const took = Date.now() - since;
    assert.equal(refused, 'tthc.offering_not_found', 'the withdrawn offering is refused on replica B');
    assert.ok(took <= MEMO_TTL_MS + 1000, `within the memo's ${MEMO_TTL_MS} ms (took ${took} ms)`);
  });

  it('the audit trail stays one valid chain with writes from both replicas (audit:verify)', async () => {
    for (const [i, r] of [a, b, a, b].entries()) {
      const filed = await fileAtCounter(r.url, r.url, { offeringId: offerings[0]!.id, token: desk, key: `audit-${randomUUID()}`, requestId: `replica-${r.name}-${i}-${randomBytes(4).toString('hex')}` });
      assert.equal(filed.filing?.statusCode, 201);
    }
    const writers = await rows<{ replica: string; n: number }>(sql`
      select substring(request_id from 'replica-(a|b)-') as replica, count(*)::int as n from platform.audit_log
      where request_id like 'replica-%' group by 1 order by 1`);
    assert.deepEqual(writers.map((w) => w.replica), ['a', 'b'], 'both replicas wrote to the chain');
    const verify = spawnSync(process.execPath, ['apps/server/main.ts', 'audit:verify'], {
      cwd: new URL('../..', import.meta.url).pathname, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8',
    });
    assert.equal(verify.status, 0, `${verify.stdout}${verify.stderr}`);
  });

  it('a replica told to stop fails readiness at once, serves on through its drain, then exits 0', async () => {
    const signalled = Date.now();
    const exited = b.stop('SIGTERM');
    let ready = await send(`${b.url}/ready`);
    while (ready.statusCode === 200 && Date.now() - signalled < 1000) ready = await send(`${b.url}/ready`);
    assert.equal(ready.statusCode, 503);
    assert.equal(JSON.parse(ready.body).draining, true);
    const served = await send(`${b.url}/api/tthc/procedures?q=ho tich`);
    assert.equal(served.statusCode, 200, 'still serving while the load balancer notices');
    assert.ok(Date.now() - signalled < DRAIN_MS, 'checked within the drain period');
    assert.equal(await exited, 0);
    assert.ok(Date.now() - signalled >= DRAIN_MS, 'exits only after the drain period');
    await assert.rejects(fetch(`${b.url}/health`), 'the listener is closed');
  });
});
