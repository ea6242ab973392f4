import { loadConfig, openDatabase } from '../../packages/platform/index.ts';
import { startSandbox } from '../sandbox/index.ts';
import { buildApp } from './app.ts';

/** Sen's OpenAPI document, from a throw-away app on an in-memory database. */
export async function platformOpenapi(): Promise<Record<string, unknown>> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false' });
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    const { app } = await buildApp(config, database);
    await app.ready();
    const doc = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return doc;
  } finally {
    await database.close();
  }
}

/** Each sandbox's own document by sandbox name, from a throw-away sandbox server on a random port. */
export async function sandboxOpenapi(): Promise<Record<string, Record<string, unknown>>> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  try {
    return sandbox.openapi() as Record<string, Record<string, unknown>>;
  } finally {
    await sandbox.close();
  }
}
