import { migrate, type Config } from '../../packages/platform/index.ts';
import { buildApp } from './app.ts';
import { openConfiguredDatabase } from './main.ts';

/** `npm start`: migrate, seed, listen, and shut down gracefully on SIGTERM/SIGINT. */
export async function start(config: Config): Promise<void> {
  const database = await openConfiguredDatabase(config);
  await migrate(database.db);
  const { app } = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lines = [
    '',
    `Sen is running (${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
    `  Platform      http://localhost:${port}/`,
    `  API docs      http://localhost:${port}/api/docs`,
    `  Health        http://localhost:${port}/health  ·  http://localhost:${port}/ready`,
    '',
  ];
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => process.exit(1), config.shutdownGraceMs).unref();
    await app.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
