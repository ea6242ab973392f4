// `npm run bench -- lgsp`: the LGSP gateway's data plane (issue 10). An echo provider on
// loopback and one load generator (autocannon, in this process) against, in one run:
//   (1) the provider directly;
//   (2) nginx as a plain reverse proxy (Debian nginx, the operations configuration of
//       apps/server/replicas.testing.ts, started here);
//   (3) a bare Node reverse proxy (undici Pool, no checks) — the practical limit of a Node data plane;
//   (4) Sen's gateway: token, access check, quota, circuit breaker, metadata message log (PostgreSQL);
//   (5) as (4) with full body logging (the bodies sealed with the secret box, in the same group commit);
//   (4g)/(5g) as (4)/(5) against `start --role gateway` (the lean data-plane process, decision 0034)
//       on the same database, and (4w) with `--workers 2` (BENCH_WORKERS);
//   (4a) as (4g) with LGSP_LOG_COMMIT=async (decision 0041): the log's commits do not wait for the WAL
//       flush — an operator's choice, shown apart from the durable default (4g).
// BENCH_CPU_PROF=1 runs the `--role gateway` process under --cpu-prof (profiles in var/bench-profiles).
// POSTs of 1 KB and 100 KB bodies (the provider answers the same bytes), each at a fixed
// 1,000 req/s and at saturation with 20 connections, then at saturation with 100 connections (a
// gateway whose latency is a WAL flush needs more requests in flight to fill its groups); every
// target of a table gets the same body and connection count; a few seconds each. Printed: req/s, p50/p99, the latency added
// to (1), and the ratios (4)/(3), (4)/(2). Targets: (4) ≥ 70 % of (3); added p99 ≤ 5 ms at 1,000 req/s.
// BENCH_SECONDS (default 6) sets each run's length; the database server is BENCH_DATABASE_URL,
// TEST_DATABASE_URL or the local one. Also printed: the CPU time per message of the process(es)
// serving each target (/proc, user + system, all workers; the figure the shared machine's noise
// moves least) and of the bench database's PostgreSQL backends, and the ratio of CPU per message
// (3)/(4g), which bounds (4g)/(3) in req/s when every process shares two cores.
// To iterate on a few targets: BENCH_ONLY=3,4g (their tags) and BENCH_SIZES=1 (KB); default: all.
// BENCH_GATEWAY_LOG=warn shows the `--role gateway` processes' log (silent by default).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../apps/server/start.ts';
import { nginx } from '../apps/server/replicas.testing.ts';
import { cpuMs, databaseBackends, treeCpuMs } from './cpu.ts';

interface Histogram { p50: number; p99: number; average: number }
interface AutocannonResult { requests: { average: number }; latency: Histogram; non2xx: number; errors: number; timeouts: number; '2xx': number }
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const DATABASE = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FIXED_RATE = 1000;
const CONNECTIONS = 20;
const MANY_CONNECTIONS = 100;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
// The platform child and the `--role gateway` processes must agree on the message log's and tokens' key.
const MASTER_KEY = randomBytes(32).toString('base64url');
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((tag) => tag.trim())) : undefined;
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map((kb) => Number(kb) * 1024) : [1024, 100 * 1024];
const wanted = (tag: string) => !ONLY || ONLY.has(tag);
const main = path.join(import.meta.dirname, '../apps/server/main.ts');

/** `start --role gateway` on the bench database; resolves once `/ready` answers. */
async function roleGateway(databaseUrl: string, publicUrl: string, workers: number, env: Record<string, string> = {}): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve('var/bench-profiles')] : [];
  const proc = spawn(process.execPath, [...profile, main, 'start', '--role', 'gateway', '--workers', String(workers)], {
    stdio: ['ignore', process.env.BENCH_GATEWAY_LOG ? 'inherit' : 'ignore', 'inherit'],
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PUBLIC_URL: publicUrl, PORT: String(port), HOST: '127.0.0.1', SEN_MASTER_KEY: MASTER_KEY,
      DEMO: 'true', SANDBOX: 'false', LOG_LEVEL: process.env.BENCH_GATEWAY_LOG ?? 'silent', LGSP_CONSUMER_LIMIT: '1000000000', LGSP_SERVICE_LIMIT: '1000000000', ...env,
    },
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (proc.exitCode !== null) throw new Error(`--role gateway exited with ${proc.exitCode}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 1200) throw new Error('--role gateway did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: proc.pid!,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** One child process of bench/lgsp-child.ts; resolves with its JSON line once it listens. */
async function child(role: string, args: string[]): Promise<{ info: Record<string, string>; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const proc: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'lgsp-child.ts'), role, String(port), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TEST_DATABASE_URL: DATABASE, LOG_LEVEL: 'silent', SEN_MASTER_KEY: MASTER_KEY },
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
  return {
    info: JSON.parse(line) as Record<string, string>,
    pid: proc.pid!,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

interface Target { tag: string; name: string; url: string; headers: Record<string, string>; pids: number[]; logged?: boolean }
interface Figures { rps: number; p50: number; p99: number; failed: number; cpuUs: number | undefined; dbUs: number | undefined }

/** One measured run; the CPU of the target's processes (and, for a gateway, of the database's backends) per completed message. */
async function load(target: Target, body: Buffer, rate: number | undefined, connections: number, databaseUrl: string): Promise<Figures> {
  const backends = target.logged ? await databaseBackends(databaseUrl) : [];
  const cpuBefore = treeCpuMs(target.pids);
  const dbBefore = new Map(backends.map((pid) => [pid, cpuMs([pid])]));
  const result = await autocannon({
    url: target.url, method: 'POST', body, connections, duration: SECONDS,
    headers: { 'content-type': 'application/octet-stream', ...target.headers },
    ...(rate ? { overallRate: rate } : {}),
  });
  // Only the backends alive before and after: a session that ended meanwhile took its CPU time with it.
  const still = new Set(target.logged ? await databaseBackends(databaseUrl) : []);
  const kept = backends.filter((pid) => still.has(pid));
  const dbSpent = kept.reduce((sum, pid) => sum + cpuMs([pid]) - (dbBefore.get(pid) ?? 0), 0);
  const completed = result['2xx'] + result.non2xx;
  const perMessage = (ms: number) => (completed > 0 ? (ms * 1000) / completed : undefined);
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts,
    cpuUs: target.pids.length > 0 ? perMessage(treeCpuMs(target.pids) - cpuBefore) : undefined,
    dbUs: target.logged ? perMessage(dbSpent) : undefined,
  };
}

const micros = (us: number | undefined) => (us === undefined ? '—' : us.toFixed(0)).padStart(7);

export async function run(): Promise<void> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const echo = await child('echo', []);
    started.push(echo);
    const provider = echo.info.url!;
    const proxy = wanted('3') ? await child('proxy', [provider]) : undefined;
    if (proxy) started.push(proxy);
    const balancer = wanted('2') ? await nginx([provider], await freePort()) : undefined;
    if (balancer) started.push(balancer);
    const gateway = await child('gateway', [provider]);
    started.push(gateway);
    const { token, client, path: servicePath, loggedPath, databaseUrl, publicUrl } = gateway.info;
    const alone = wanted('4g') || wanted('5g') ? await roleGateway(databaseUrl!, publicUrl!, 1) : undefined;
    if (alone) started.push(alone);
    const workers = wanted('4w') ? await roleGateway(databaseUrl!, publicUrl!, WORKERS) : undefined;
    if (workers) started.push(workers);
    // The operator's other commit mode (decision 0041): the log's commits do not wait for the WAL flush.
    const unsynced = wanted('4a') ? await roleGateway(databaseUrl!, publicUrl!, 1, { LGSP_LOG_COMMIT: 'async' }) : undefined;
    if (unsynced) started.push(unsynced);
    const consumer = { authorization: `Bearer ${token}`, 'x-road-client': client! };

    const all: (Target | undefined)[] = [
      { tag: '1', name: '(1) direct to the provider', url: `${provider}/v1/echo`, headers: {}, pids: [echo.pid] },
      balancer && { tag: '2', name: '(2) nginx reverse proxy', url: `${balancer.url}/v1/echo`, headers: {}, pids: [] },
      proxy && { tag: '3', name: '(3) bare Node proxy (undici)', url: `${proxy.info.url}/v1/echo`, headers: {}, pids: [proxy.pid] },
      { tag: '4', name: '(4) Sen gateway, metadata log', url: `${gateway.info.url}${servicePath}`, headers: consumer, pids: [gateway.pid], logged: true },
      { tag: '5', name: '(5) Sen gateway, full body log', url: `${gateway.info.url}${loggedPath}`, headers: consumer, pids: [gateway.pid], logged: true },
      alone && { tag: '4g', name: '(4g) --role gateway, metadata', url: `${alone.url}${servicePath}`, headers: consumer, pids: [alone.pid], logged: true },
      alone && { tag: '5g', name: '(5g) --role gateway, full bodies', url: `${alone.url}${loggedPath}`, headers: consumer, pids: [alone.pid], logged: true },
      workers && { tag: '4w', name: `(4w) --role gateway, ${WORKERS} workers`, url: `${workers.url}${servicePath}`, headers: consumer, pids: [workers.pid], logged: true },
      unsynced && { tag: '4a', name: '(4a) as (4g), LGSP_LOG_COMMIT=async', url: `${unsynced.url}${servicePath}`, headers: consumer, pids: [unsynced.pid], logged: true },
    ];
    // (1) is always measured: the added latency is counted from it.
    const targets = all.filter((t): t is Target => t !== undefined && (t.tag === '1' || wanted(t.tag)));
    const load1 = () => loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`lgsp gateway (${SECONDS} s per run, POST echo; PostgreSQL message log; (4w) ${WORKERS} workers); load average ${load1()}`);
    for (const size of SIZES) {
      const body = Buffer.alloc(size, 'a');
      for (const [rate, connections] of [[FIXED_RATE, CONNECTIONS], [undefined, CONNECTIONS], [undefined, MANY_CONNECTIONS]] as const) {
        // A short warm-up of each target (JIT, connection pools, caches) before its measured run.
        const figures = new Map<string, Figures>();
        for (const target of targets) {
          await autocannon({ url: target.url, method: 'POST', body, connections, duration: 1, headers: { 'content-type': 'application/octet-stream', ...target.headers } });
          figures.set(target.tag, await load(target, body, rate, connections, databaseUrl!));
        }
        const direct = figures.get('1')!;
        console.log(`\n  load average ${load1()}`);
        console.log(`\n  ${size / 1024} KB body, ${rate ? `fixed ${rate} req/s` : 'saturation'}, ${connections} connections`);
        console.log(`  ${'configuration'.padEnd(34)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'+p50'.padStart(6)} ${'+p99'.padStart(6)} ${'failed'.padStart(6)} ${'CPU µs'.padStart(7)} ${'DB µs'.padStart(7)}`);
        for (const target of targets) {
          const f = figures.get(target.tag)!;
          console.log(`  ${target.name.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} ${f.p50.toFixed(1).padStart(7)} ${f.p99.toFixed(1).padStart(7)} ${(f.p50 - direct.p50).toFixed(1).padStart(6)} ${(f.p99 - direct.p99).toFixed(1).padStart(6)} ${String(f.failed).padStart(6)} ${micros(f.cpuUs)} ${micros(f.dbUs)}`);
        }
        const viaNginx = figures.get('2');
        const bare = figures.get('3');
        const percent = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${((a / b) * 100).toFixed(0)} %` : '—');
        for (const target of targets.filter((t) => t.logged)) {
          const f = figures.get(target.tag)!;
          const name = `(${target.tag})`;
          if (!rate) {
            console.log(`  ${name}/(3) ${percent(f.rps, bare?.rps)} (target ≥ 70 %)   ${name}/(2) ${percent(f.rps, viaNginx?.rps)}   CPU per message (3)/${name} ${percent(bare?.cpuUs, f.cpuUs)}`);
          } else console.log(`  ${name} added p99 ${(f.p99 - direct.p99).toFixed(1)} ms (target ≤ 5 ms)`);
        }
      }
    }
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  }
}
