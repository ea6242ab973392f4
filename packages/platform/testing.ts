import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './config.ts';
import { openDatabase, type Database } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { AppError } from './errors.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped on close).
 * `migrated: false` leaves it empty (for processes that must migrate it themselves).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<Database & { url?: string }> {
  const url = testDatabaseUrl();
  const migrated = options.migrated ?? true;
  if (!url) {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    if (migrated) await migrate(database.db);
    return database;
  }
  const name = `sen_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize: 5 });
  if (migrated) await migrate(database.db);
  return {
    ...database,
    url: target.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** For `assert.rejects`: the error is an AppError with this status and stable code. */
export const rejectsWith = (status: number, code: string) => (err: unknown) => {
  if (!(err instanceof AppError)) throw err;
  if (err.status !== status || err.code !== code) throw new Error(`expected ${status} ${code}, got ${err.status} ${err.code}: ${err.message}`);
  return true;
};

/** The text of a PDF as poppler's pdftotext reads it (tests of printed documents). */
export { pdfText } from './pdf-text.test-support.ts';
