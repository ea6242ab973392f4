/**
 * A short-lived in-process memo for reference data that changes rarely (agencies, published
 * procedures): each replica may serve a value up to `ttlMs` old. Failures are not remembered.
 * Only for reads whose staleness is harmless for that long; state lives in PostgreSQL.
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ttlMs: number, maxEntries = 10_000): (...args: A) => Promise<R> {
  const entries = new Map<string, { at: number; value: Promise<R> }>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    if (entries.size >= maxEntries) entries.clear();
    const value = fn(...args);
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key));
    return value;
  };
}
