import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createDvcqgPortal, createMailer, createSmsSender, createVapexExchange } from '../../packages/national/index.ts';
import { auditKeys, JobRunner, PLATFORM_MAINTENANCE_QUEUE, PLATFORM_RECURRING, maintenanceHandler, createMetricsServer, loadConfig, metricsExposure, migrate, openCheckpointStore, openConfiguredDatabase, withAdvisoryLock, startCheckpointer, type Config, type Database } from '../../packages/platform/index.ts';
import { startSandbox } from '../sandbox/index.ts';
import { buildApp, webDist } from './app.ts';
import { registerOnceOnly } from './once-only.ts';

/** The advisory lock under which replicas register tthc at LGSP one at a time. */
const ONCE_ONLY_LOCK = 7_204_611_011n;
import { demoBanner } from './demo-banner.ts';

export interface RunningPlatform {
  url: string;
  sandboxUrl: string | undefined;
  /** The demo accounts were created by this start (their secrets are printed this once). */
  demoCreated: boolean;
  /** The separate metrics listener (METRICS_PORT), when configured. */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Builds the web app once when it has not been built (a fresh clone running `npm start`). Into a
 * directory of its own, then renamed into place: replicas starting together on one checkout never
 * serve a half-written build, and the one that finishes second discards its copy.
 */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  log('Building the web app (first start only)…');
  const { build } = await import('vite');
  const draft = `${webDist}.build-${process.pid}`;
  const built = () => existsSync(path.join(webDist, 'index.html'));
  try {
    await build({ configFile: path.resolve(import.meta.dirname, '../web/vite.config.ts'), logLevel: 'warn', build: { outDir: draft, emptyOutDir: true } });
    try {
      renameSync(draft, webDist);
    } catch (err) {
      if (built()) return; // another replica's build got there first: use it
      if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // The remains of an interrupted build, without index.html: replace them.
      rmSync(webDist, { recursive: true, force: true });
      renameSync(draft, webDist);
    }
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
}

/**
 * Starts the sandboxes (when enabled) and the platform: migrate, seed, listen. Used by
 * `npm start`, the benchmarks and the browser journeys (with PORT=0 for random ports). `now`: the
 * modules' clock (a browser journey moves it to file a dossier in the past); the real time otherwise.
 */
export async function startPlatform(config: Config, options: { now?: () => Date } = {}): Promise<RunningPlatform> {
  const sandbox = config.sandbox
    ? await startSandbox({
        port: config.sandboxPort,
        host: config.host,
        logLevel: config.logLevel,
        adminToken: config.sandboxAdminToken,
        platformUrl: config.publicUrl,
        smtpPort: config.sandboxSmtpPort,
        clients: [{ clientId: config.vneid.clientId, clientSecret: config.vneid.clientSecret, redirectUris: [`${config.publicUrl}/oidc/vneid/callback`] }],
      })
    : undefined;
  const database = await openConfiguredDatabase(config).catch(async (err: unknown) => {
    await sandbox?.close();
    throw err;
  });
  let platform: Awaited<ReturnType<typeof buildApp>>;
  let jobs: { stop(): Promise<void> } | undefined;
  let seeded: { demoCreated: boolean };
  let metricsServer: ReturnType<typeof createMetricsServer> | undefined;
  let listening: { close(): Promise<unknown> } | undefined;
  const separate = metricsExposure(config).separate;
  try {
    await migrate(database.db);
    platform = await buildApp(config, database, { devOrigins: config.demo ? ['http://localhost:5173'] : [], ...(options.now ? { now: options.now } : {}) });
    seeded = await platform.seed();
    // Once-only data: tthc as an LGSP consumer of the national services (registered when missing). A
    // failure leaves filing working without prefill, so it is a warning, not a failed start.
    if (config.onceOnly.register) {
      await withAdvisoryLock(database, ONCE_ONLY_LOCK, () => registerOnceOnly(platform, config)).catch((err: unknown) => platform.app.log.warn({ err }, 'once-only: could not register tthc at LGSP; prefill from the national databases is unavailable'));
    }
    await platform.app.listen({ port: config.port, host: config.host });
    listening = platform.app;
    if (separate) {
      metricsServer = createMetricsServer(platform.metrics, separate.guard);
      await metricsServer.listen({ port: separate.port, host: separate.host });
    }
    jobs = startJobs(config, platform, database);
  } catch (err) {
    // A failed start leaves nothing running behind it.
    await metricsServer?.close().catch(() => {});
    await listening?.close().catch(() => {});
    await database.close().catch(() => {});
    await sandbox?.close();
    throw err;
  }
  const address = platform.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const metricsAddress = metricsServer?.server.address();
  return {
    url: `http://localhost:${port}`,
    sandboxUrl: sandbox?.url,
    demoCreated: seeded.demoCreated,
    metricsUrl: typeof metricsAddress === 'object' && metricsAddress ? `http://${separate?.host}:${metricsAddress.port}` : undefined,
    // Graceful: fail readiness, keep serving for the drain period, then stop accepting and finish
    // the requests and the job batch in hand before the database goes.
    async close() {
      platform.beginDrain();
      if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      await Promise.all([jobs?.stop(), platform.app.close()]);
      await metricsServer?.close();
      await database.close();
      await sandbox?.close();
    },
  };
}

/**
 * The background work of this replica: notices by mail and SMS, the dossier sync to the national
 * portal (any replica may claim any job),
 * and the audit checkpoints kept outside the database (idempotent by seq across replicas).
 */
function startJobs(config: Config, platform: Awaited<ReturnType<typeof buildApp>>, database: Database): { stop(): Promise<void> } {
  const mailer = createMailer({ ...config.mail, outbound: platform.metrics.outbound });
  const sms = createSmsSender({ ...config.sms, outbound: platform.metrics.outbound });
  const dvcqg = createDvcqgPortal({ ...config.dvcqg, outbound: platform.metrics.outbound });
  const runner = new JobRunner(database.db, {
    handlers: { ...platform.modules.tthc.jobHandlers({ mailer, sms, dvcqg, log: platform.app.log }), ...platform.modules.payment.jobHandlers(), ...platform.modules.lgsp.jobHandlers(createVapexExchange({ ...config.vapex, outbound: platform.metrics.outbound }), mailer), ...platform.modules.analytics.jobHandlers({ log: platform.app.log }), [PLATFORM_MAINTENANCE_QUEUE]: maintenanceHandler(database.db) },
    recurring: [...PLATFORM_RECURRING, ...platform.modules.tthc.recurring, ...platform.modules.payment.recurring, ...platform.modules.lgsp.recurring],
    metrics: platform.metrics,
    onError: (job, error) => platform.app.log.warn({ queue: job.queue, jobId: job.id, attempt: job.attempts, err: error }, 'job failed; will retry'),
  });
  runner.start();
  const checkpointer = startCheckpointer({
    db: database.db,
    store: openCheckpointStore(config.audit.checkpointDir),
    keys: auditKeys(config.masterKey),
    tsaUrl: config.audit.tsaUrl,
    intervalMs: config.audit.checkpointIntervalMs,
    records: config.audit.checkpointRecords,
    log: platform.app.log,
  });
  return {
    async stop() {
      await checkpointer.stop();
      await runner.stop();
      mailer.close();
    },
  };
}

/**
 * Random free ports need to be known before the config (public URL, VNeID redirect) is built:
 * pick one, check it can be listened on, then start on it. The pick is below the kernel's
 * ephemeral range (32768–60999 on Linux, 49152–65535 elsewhere) — a port the OS hands out for
 * listen(0) is also one it hands out as the local port of an outgoing connection, and one of
 * those (a browser's, a database client's) could take it between the check and the listen.
 */
export async function freePort(): Promise<number> {
  const { randomInt } = await import('node:crypto');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = randomInt(FREE_PORT_FROM, FREE_PORT_BELOW);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${FREE_PORT_FROM} and ${FREE_PORT_BELOW}`);
}

const FREE_PORT_FROM = 20_000;
const FREE_PORT_BELOW = 32_768;

async function canListen(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const isAddressInUse = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'EADDRINUSE';

/**
 * A whole platform on random ports with an in-memory database: for journeys and benchmarks. A port
 * taken by another process between the pick and the listen (tests run side by side) means new
 * ports and another start; a failed start leaves nothing running behind it.
 */
export async function startEphemeralPlatform(env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<RunningPlatform> {
  for (let attempt = 1; ; attempt += 1) {
    const [port, sandboxPort, sandboxSmtpPort] = [await freePort(), await freePort(), await freePort()];
    const config = loadConfig({
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_SMTP_PORT: String(sandboxSmtpPort),
      HOST: '127.0.0.1',
      SEN_DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      DEMO: 'true',
      ...env,
    });
    try {
      return await startPlatform(config, options);
    } catch (err) {
      if (!isAddressInUse(err) || attempt === 5) throw err;
    }
  }
}

/** Where the metrics are, and who may read them. */
function metricsLine(config: Config, running: RunningPlatform): string {
  const exposure = metricsExposure(config);
  if (running.metricsUrl) return `${running.metricsUrl}/metrics${config.metrics.token ? ' (bearer METRICS_TOKEN)' : ''}`;
  if (exposure.main?.kind === 'token') return `${running.url}/metrics (bearer METRICS_TOKEN)`;
  if (exposure.main?.kind === 'loopback') return `${running.url}/metrics (from this machine only)`;
  return 'metrics not served: set METRICS_TOKEN or METRICS_PORT';
}

/** `npm start`. */
export async function start(config: Config): Promise<void> {
  await ensureWebBuilt((line) => console.log(line));
  const running = await startPlatform(config);
  const demo = config.demo ? demoBanner(running.demoCreated) : [];
  console.log(
    [
      '',
      `Sen is running (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})`,
      `  Platform      ${running.url}/`,
      `  API docs      ${running.url}/api/docs`,
      `  SSO (OIDC)    ${running.url}/oidc/.well-known/openid-configuration`,
      `  Health        ${running.url}/health  ·  ${running.url}/ready  ·  ${metricsLine(config, running)}`,
      ...(running.sandboxUrl
        ? [
            `  Sandboxes     ${running.sandboxUrl}/  — synthetic data only: /vneid /population /business /ndxp /dvcqg /payment /vnpost /mail /sms /ca /vapex`,
            `                mail inbox ${running.sandboxUrl}/mail/inbox (SMTP on port ${config.sandboxSmtpPort}), SMS inbox ${running.sandboxUrl}/sms/inbox`,
            `                fault admin API ${running.sandboxUrl}/_admin/faults (Authorization: Bearer ${config.sandboxAdminToken === 'sandbox-admin-token' ? config.sandboxAdminToken : '<SANDBOX_ADMIN_TOKEN>'})`,
          ]
        : []),
      ...demo,
      '',
    ].join('\n'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    const timer = setTimeout(() => process.exit(1), config.shutdownDrainMs + config.shutdownGraceMs).unref();
    await running.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
