import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import path from 'node:path';
import type { Config } from '../config.ts';
import { pgListen, pgliteListen, type Listen, type Listener } from '../notify.ts';

/** The one database handle every module uses: PGlite or PostgreSQL behind the same Drizzle API. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A handle usable inside a transaction (same API as `Db`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The connection pool's state (PostgreSQL); PGlite is one in-process connection, without a pool. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
  /** LISTEN/NOTIFY: hear signals sent with `notify` by any replica on the same database. */
  listen: Listen;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL, or undefined for PGlite. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const max = options.poolSize ?? 10;
    const pool = new pg.Pool({ connectionString: options.url, max });
    // A failed idle client must not crash the process; the next query reports the error.
    pool.on('error', () => {});
    const db = drizzlePg(pool) as unknown as Db;
    const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max });
    const listeners = new Set<Listener>();
    const close = async () => {
      await Promise.all([...listeners].map((l) => l.close()));
      await pool.end();
    };
    return { db, kind: 'postgres', poolStats, listen: pgListen(options.url, listeners), close };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client) as unknown as Db;
  return { db, kind: 'pglite', listen: pgliteListen(client), close: () => client.close() };
}

/** The database the configuration names: PostgreSQL by URL, else PGlite in `dataDir` (or in memory). */
export function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const pgliteDir = config.dataDir.startsWith('memory://') ? config.dataDir : path.join(config.dataDir, 'pglite');
  return openDatabase({ url: config.databaseUrl, pgliteDir });
}

/** Runs raw SQL and returns its rows, the same way on both drivers. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL error behind a (possibly Drizzle-wrapped) error: SQLSTATE code and message. */
export function pgError(err: unknown): { code?: string; message: string; constraint?: string } {
  let e = err as { code?: string; message?: string; constraint?: string; cause?: unknown } | undefined;
  while (e && e.cause && typeof e.code !== 'string') e = e.cause as typeof e;
  return { code: e?.code, message: e?.message ?? String(err), constraint: e?.constraint };
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so replicas starting together take
 * turns: the second waits, then finds the work done. The lock is held by a transaction on its
 * own connection while `work` uses the others. PGlite is one process's database: no lock needed
 * (and its single connection could not serve `work` while a transaction holds it).
 */
export async function withAdvisoryLock<T>(database: Pick<Database, 'db' | 'kind'>, key: bigint, work: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return work();
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
    return work();
  });
}


/**
 * Runs one statement of fixed text, bypassing Drizzle: on PostgreSQL a named prepared statement
 * (parsed and planned once per connection of the pool), on PGlite a plain parameterised query.
 * For hot paths whose statement text never changes.
 */
export async function preparedRows<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  return (await client.query<T>(text, values)).rows;
}

/** A raw parameterised query inside `preparedTransaction` (named prepared statement on PostgreSQL). */
export type PreparedQuery = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;

/** `work` in one transaction on one connection, with raw queries of fixed text (see `preparedRows`); rolled back if it throws. */
export async function preparedTransaction<T>(db: Db, work: (query: PreparedQuery) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (!(client instanceof pg.Pool)) {
    return client.transaction(async (tx) => work(async <R>(_name: string, text: string, values: unknown[]) => (await tx.query<R>(text, values)).rows));
  }
  const connection = await client.connect();
  let broken = false;
  try {
    await connection.query('begin');
    const result = await work(async <R>(name: string, text: string, values: unknown[]) => (await connection.query<R & pg.QueryResultRow>({ name, text, values })).rows);
    await connection.query('commit');
    return result;
  } catch (error) {
    await connection.query('rollback').catch(() => (broken = true));
    throw error;
  } finally {
    // A connection that cannot even roll back is discarded, not returned to the pool.
    connection.release(broken);
  }
}
