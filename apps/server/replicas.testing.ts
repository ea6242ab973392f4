// Test support for Sen run as real processes: replicas of `node apps/server/main.ts start` on one
// PostgreSQL database, and Debian's nginx in front of them as the load balancer.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import type { Database } from '../../packages/platform/index.ts';
import { ensureWebBuilt, freePort } from './start.ts';
import type { SentResponse, SignInTransport } from './testing.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
export const NGINX = '/usr/sbin/nginx';

/** A scratch directory removed by the caller. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `sen-${prefix}-`));
}

/**
 * What every replica shares: the database, the public URL, the master and look-up keys and the
 * blob directory (S3 in production). Nothing else is shared — no file, no memory.
 */
export function replicaEnvironment(shared: { databaseUrl: string; publicUrl: string; blobDir: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: shared.databaseUrl,
    PUBLIC_URL: shared.publicUrl,
    BLOB_DIR: shared.blobDir,
    SEN_MASTER_KEY: randomKey(),
    DOSSIER_LOOKUP_KEY: randomKey(),
    HOST: '127.0.0.1',
    DEMO: 'true',
    SANDBOX: 'false',
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

const randomKey = () => randomBytes(32).toString('base64url');

export interface Replica {
  readonly name: string;
  readonly url: string;
  /** Spawns the process (again, after stop). */
  start(): void;
  /** Waits until `/ready` answers 200; fails early if the process exits. Returns the wait in ms. */
  ready(timeoutMs?: number): Promise<number>;
  /** Sends the signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Everything the process printed (all its runs). */
  output(): string;
  /** Kills the process if it still runs and removes its data directory. */
  dispose(): Promise<void>;
}

/** One replica on its own free port; its own data directory, the rest from `env`. */
export async function replica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const dataDir = scratchDir(`replica-${name}`);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let printed = '';
  const self: Replica = {
    name,
    url,
    start() {
      // Only what the replica is given: nothing leaks in from the test runner's environment.
      const processEnv = { ...env, PORT: String(port), SEN_DATA_DIR: dataDir };
      const spawned = spawn(process.execPath, ['apps/server/main.ts', 'start'], { cwd: repoRoot, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      child = spawned;
      spawned.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      spawned.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      exited = new Promise((resolve) => spawned.once('exit', (code) => resolve(code)));
    },
    async ready(timeoutMs = 120_000) {
      const started = Date.now();
      let gone = false;
      void exited.then(() => (gone = true));
      while (Date.now() - started < timeoutMs) {
        if (gone) throw new Error(`replica ${name} exited during start-up:\n${printed}`);
        const status = await fetch(`${url}/ready`).then((r) => r.status, () => 0);
        if (status === 200) return Date.now() - started;
        await sleep(100);
      }
      throw new Error(`replica ${name} not ready after ${timeoutMs} ms:\n${printed}`);
    },
    async stop(signal = 'SIGTERM') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
      child.kill(signal);
      return exited;
    },
    output: () => printed,
    async dispose() {
      await self.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

export interface ReplicaPair {
  database: Database & { url?: string };
  /** What both replicas were given. */
  env: Record<string, string>;
  a: Replica;
  b: Replica;
  /** How long each took from spawn to ready. */
  startedIn: number[];
  /** Kills what still runs, drops the database, removes the directories. */
  dispose(): Promise<void>;
}

/**
 * Two replicas on a new, empty database (TEST_DATABASE_URL), spawned at the same moment: they
 * migrate and seed it themselves, racing each other as replicas of a fleet do.
 */
export async function startTwoReplicas(publicUrl: string, extra: Record<string, string> = {}): Promise<ReplicaPair> {
  const database = await createTestDatabase({ migrated: false });
  if (!database.url) throw new Error('replicas need PostgreSQL: run with TEST_DATABASE_URL');
  const blobDir = scratchDir('blobs');
  const env = replicaEnvironment({ databaseUrl: database.url, publicUrl, blobDir }, extra);
  // The web app is built once here: replicas would otherwise each build it at their first start.
  await ensureWebBuilt(() => {});
  const a = await replica('a', env);
  const b = await replica('b', env);
  const dispose = async () => {
    await a.dispose();
    await b.dispose();
    await database.close();
    rmSync(blobDir, { recursive: true, force: true });
  };
  a.start();
  b.start();
  try {
    return { database, env, a, b, startedIn: await Promise.all([a.ready(), b.ready()]), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface LoadBalancer {
  url: string;
  /** nginx's access log: one line per request, `status method upstream_addr upstream_status request_time`. */
  accessLog(): string[];
  stop(): Promise<void>;
}

/**
 * nginx in front of the replicas, as an operator would configure it (docs/operations.md): a
 * refused connection, a timeout, a 502 or a 503 (a draining replica) is retried on the next
 * replica — POSTs too (`non_idempotent`), which is safe because state-changing calls that may be
 * retried carry an Idempotency-Key. `port` is known in advance: it is the replicas' PUBLIC_URL.
 */
export async function nginx(upstreams: string[], port: number): Promise<LoadBalancer> {
  const dir = scratchDir('nginx');
  // Run as root (CI), nginx's workers drop to an unprivileged user that must reach its temp dirs.
  chmodSync(dir, 0o755);
  const servers = upstreams.map((u) => `    server ${new URL(u).host} max_fails=1 fail_timeout=2s;`).join('\n');
  writeFileSync(path.join(dir, 'nginx.conf'), `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  log_format sen '$status $request_method $upstream_addr $upstream_status $request_time';
  access_log ${dir}/access.log sen;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 2m;
  upstream sen {
${servers}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://sen;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${printed}`);
    // Any HTTP answer (even 502 before the replicas listen) means nginx is up.
    if (await fetch(`${url}/health`).then(() => true, () => false)) break;
    if (i > 100) throw new Error(`nginx not answering: ${printed}`);
    await sleep(100);
  }
  return {
    url,
    accessLog: () => readFileSync(path.join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean),
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fetch, answered as `SentResponse` (redirects not followed: a sign-in reads them). */
export async function send(url: string, init: RequestInit = {}): Promise<SentResponse> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const headers: SentResponse['headers'] = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  return { statusCode: response.status, headers, body: await response.text() };
}

/** A sign-in whose every step goes to the base URL `route` picks for it. */
export function transportVia(route: (step: Parameters<SignInTransport>[0]) => string, extraHeaders: Record<string, string> = {}): SignInTransport {
  return (step, method, pathAndQuery, headers, form) => send(`${route(step)}${pathAndQuery}`, { method, headers: { ...headers, ...extraHeaders }, ...(form === undefined ? {} : { body: form }) });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface CounterFiling {
  offeringId: string;
  token: string;
  /** The filing's Idempotency-Key. */
  key: string;
  applicant?: { fullName: string; personalId: string; email?: string };
  /** Sent as X-Request-Id on both calls (the audit trail records it). */
  requestId?: string;
}

/** The declaration a counter filing names, uploaded by the officer. */
export function uploadDeclaration(to: string, token: string, requestId?: string): Promise<SentResponse> {
  const form = new FormData();
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'to-khai.pdf');
  return send(`${to}/api/tthc/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(requestId ? { 'x-request-id': requestId } : {}) }, body: form });
}

/** The JSON body of a counter filing naming an uploaded declaration. */
export function counterFilingBody(offeringId: string, uploadId: string, applicant: CounterFiling['applicant'] = { fullName: 'Lê Thị Mai', personalId: '087190004321' }): string {
  return JSON.stringify({ offeringId, submission: { applicant: { kind: 'citizen', ...applicant }, formData: {}, files: [{ uploadId, partCode: 'to-khai' }] } });
}

/**
 * A one-stop officer files a dossier at the counter, as the web app does: the declaration is
 * uploaded, then the filing names it. `uploadTo` and `fileTo` may be different replicas.
 */
export async function fileAtCounter(uploadTo: string, fileTo: string, filing: CounterFiling): Promise<{ upload: SentResponse; filing?: SentResponse; body: string }> {
  const upload = await uploadDeclaration(uploadTo, filing.token, filing.requestId);
  if (upload.statusCode !== 201) return { upload, body: upload.body };
  const body = counterFilingBody(filing.offeringId, (JSON.parse(upload.body) as { id: string }).id, filing.applicant);
  return { upload, filing: await refile(fileTo, filing, body), body };
}

/** The same filing (body and Idempotency-Key) sent again, to any replica. */
export function refile(to: string, filing: Pick<CounterFiling, 'token' | 'key' | 'requestId'>, body: string): Promise<SentResponse> {
  return send(`${to}/api/tthc/dossiers/counter`, {
    method: 'POST',
    headers: { authorization: `Bearer ${filing.token}`, 'content-type': 'application/json', 'idempotency-key': filing.key, ...(filing.requestId ? { 'x-request-id': filing.requestId } : {}) },
    body,
  });
}
