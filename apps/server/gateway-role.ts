import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import {
  createDataPlaneApp, createMetrics, metricsExposure, migrate, migrationsApplied, openBlobStore, openConfiguredDatabase, ping,
  type App, type Config, type Database,
} from '../../packages/platform/index.ts';
import { gatewayModules } from './app.ts';

/**
 * `--role gateway` (decision 0034): the LGSP data plane alone — `/lgsp/r1/…`, its metaservices,
 * `/lgsp/listClients`, `/health`, `/ready` and `/metrics` — on the lean listener of
 * `createDataPlaneApp`, over the same database as the platform. No web app, no API, no jobs (the
 * seals and V-APEX publication run in `npm start`). With `--workers N`, node:cluster forks N
 * processes sharing the port; each keeps its own group commit of the message log, and the chain
 * stays one because every group locks its head row (PostgreSQL only: PGlite is one process's).
 */

export interface GatewayPlatform {
  app: App;
  modules: ReturnType<typeof gatewayModules>;
  beginDrain(): void;
}

/** The gateway's HTTPS options with mutual TLS: consumers are asked for a certificate, checked by the gateway itself (a refusal is an X-Road fault, not a TLS alert). */
export function gatewayTls(config: Config): HttpsServerOptions | undefined {
  if (!config.lgspTls) return undefined;
  return {
    key: readFileSync(config.lgspTls.keyFile),
    cert: readFileSync(config.lgspTls.certFile),
    ca: readFileSync(config.lgspTls.caFile),
    requestCert: true,
    rejectUnauthorized: false,
  };
}

export async function buildGatewayApp(
  config: Config, database: Database, options: { now?: () => Date; https?: HttpsServerOptions } = {},
): Promise<GatewayPlatform> {
  const metrics = createMetrics();
  if (database.poolStats) metrics.addPool(database.poolStats);
  const modules = gatewayModules({ db: database.db, config, listen: database.listen }, metrics, openBlobStore(config), options);
  await modules.identity.start();
  await modules.lgsp.start();
  const app = createDataPlaneApp({
    logLevel: config.logLevel, bodyLimitBytes: config.bodyLimitBytes, trustProxy: config.trustProxy, metrics, metricsGuard: metricsExposure(config).main,
    ...(options.https ? { https: options.https } : {}),
  });
  app.addHook('onClose', async () => modules.identity.stop());
  app.addHook('onClose', async () => modules.lgsp.stop());
  let draining = false;
  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' as const }));
  app.get('/ready', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const reachable = await ping(database.db);
    const migrated = reachable && (await migrationsApplied(database.db));
    if (reachable && migrated && !draining) return { status: 'ready' as const, database: database.kind };
    return reply.status(503).send({ status: 'not_ready' as const, database: reachable, migrations: migrated, ...(draining ? { draining } : {}) });
  });
  await modules.lgsp.gateway(app);
  // Records still queued for the message log are committed before the database closes.
  app.addHook('onClose', async () => modules.lgsp.messageLog.flush());
  return { app, modules, beginDrain: () => { draining = true; } };
}

/** One gateway process: open the database, (alone) migrate, listen; SIGTERM drains, closes the listener, flushes the log. */
async function runGatewayProcess(config: Config, migrateFirst: boolean): Promise<void> {
  const database = await openConfiguredDatabase(config);
  let running: GatewayPlatform | undefined;
  try {
    if (migrateFirst) await migrate(database.db);
    running = await buildGatewayApp(config, database, { ...(config.lgspTls ? { https: gatewayTls(config)! } : {}) });
    await running.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await running?.app.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  const platform = running;
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(1), config.shutdownDrainMs + config.shutdownGraceMs).unref();
    platform.beginDrain();
    if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    await platform.app.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

/** `start --role gateway [--workers N]`. */
export async function startGateway(config: Config, workers: number): Promise<void> {
  if (workers > 1 && !config.databaseUrl) throw new Error('--workers needs PostgreSQL (DATABASE_URL): an embedded PGlite database belongs to one process');
  if (workers <= 1) {
    await runGatewayProcess(config, true);
    console.log(`Sen LGSP gateway (--role gateway) on ${config.lgspTls ? 'https' : 'http'}://${config.host}:${config.port}/lgsp/r1/…`);
    return;
  }
  if (cluster.isWorker) {
    await runGatewayProcess(config, false);
    return;
  }
  // The primary migrates once, then forks; it serves nothing itself.
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`Sen LGSP gateway (--role gateway, ${workers} workers) on ${config.lgspTls ? 'https' : 'http'}://${config.host}:${config.port}/lgsp/r1/…`);
}
