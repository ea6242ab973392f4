import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db/connection.ts';

/**
 * Fixed-window counters in PostgreSQL, so every replica sees the same count. A key keeps one
 * window length: the window restarts at the first hit after it has run out.
 */

/** Counts one hit against `key` and returns the hits in the current window, this one included. */
export async function countHit(db: Db, key: string, windowSeconds: number): Promise<number> {
  return countHits(db, key, 1, windowSeconds);
}

/** Counts `hits` hits at once (a replica's batch; 0 only reads) and returns the hits in the current window, these included. */
export async function countHits(db: Db, key: string, hits: number, windowSeconds: number): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into platform.rate_counters (key, window_start, count) values (${key}, now(), ${hits})
        on conflict (key) do update set
          count = case when platform.rate_counters.window_start < now() - make_interval(secs => ${windowSeconds}) then ${hits} else platform.rate_counters.count + ${hits} end,
          window_start = case when platform.rate_counters.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else platform.rate_counters.window_start end
        returning count`,
  );
  return Number(row?.count ?? 0);
}

/** The hits counted against `key` in its current window, without counting one. */
export async function hitsInWindow(db: Db, key: string, windowSeconds: number): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count from platform.rate_counters where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
  return row?.count ?? 0;
}

/** Forgets the hits counted against `key` (a success that ends a run of failures). */
export async function clearHits(db: Db, key: string): Promise<void> {
  await queryRows(db, sql`delete from platform.rate_counters where key = ${key}`);
}

/** Counts one hit; false when the caller has used up `limit` hits in the current window. */
export async function takeRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  return (await countHit(db, key, windowSeconds)) <= limit;
}
