// Test support for the command line: a database the CLI can be pointed at, and one run of it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { migrate, openDatabase, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';

const main = path.resolve(import.meta.dirname, 'main.ts');

/**
 * The database the CLI is pointed at: the test PostgreSQL server when TEST_DATABASE_URL is set
 * (kept open), else a PGlite directory (opened only between CLI runs: one process at a time).
 */
export async function cliDatabase(dir: string) {
  const postgres = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
  const pgliteDir = path.join(dir, 'pglite');
  if (!postgres) {
    const database = await openDatabase({ pgliteDir });
    await migrate(database.db);
    await database.close();
  }
  return {
    env: { DATABASE_URL: postgres?.url ?? '' },
    async use<T>(work: (database: Database) => Promise<T>): Promise<T> {
      if (postgres) return work(postgres);
      const database = await openDatabase({ pgliteDir });
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    },
    close: async () => postgres?.close(),
  };
}

export function runCli(command: string, env: Record<string, string>, args: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, command, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
