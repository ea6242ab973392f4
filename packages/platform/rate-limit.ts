import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db/connection.ts';

/**
 * Fixed-window counter in PostgreSQL, so every replica sees the same count. Returns false when
 * the caller has used up `limit` hits in the current window.
 */
export async function takeRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into platform.rate_counters (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when platform.rate_counters.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else platform.rate_counters.count + 1 end,
          window_start = case when platform.rate_counters.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else platform.rate_counters.window_start end
        returning count`,
  );
  return (row?.count ?? 0) <= limit;
}
