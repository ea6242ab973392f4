import { countHits, type Db } from '../../packages/platform/index.ts';

/**
 * Quotas and rate limits of the gateway, per consumer subsystem and per service, whose counts
 * hold across replicas: fixed windows aligned on the clock (every replica agrees which window a
 * message falls in), counted in the platform's window counters (platform.rate_counters, as
 * sign-in throttling counts) — but batched, so that a message costs no database round trip. Each
 * replica decides at once from the window's count as last read plus what it admitted since, and
 * every `syncMs` adds what it admitted to the shared counter and reads back the total. Between two
 * syncs replicas do not see each other's messages: a window may overshoot its limit by at most
 * what the other replicas admit in one `syncMs` (with one replica, never).
 */

export interface WindowLimit {
  /** Messages admitted per window. */
  limit: number;
  windowSeconds: number;
}

export interface QuotaLimits {
  /** Per consumer subsystem, over every service it calls. */
  perConsumer?: WindowLimit | undefined;
  /** Per service, over all its consumers (protects the provider). */
  perService?: WindowLimit | undefined;
}

/** A service's own limits from the registry (lgsp.quotas), which take the place of the environment's `perService` and add one per consumer on this service. */
export interface ServiceQuotas {
  /** All consumers of the service together (instead of the environment's `perService`). */
  service?: WindowLimit | undefined;
  /** The calling subsystem on this service: its override, else the service's default per consumer. */
  consumer?: WindowLimit | undefined;
}

export type QuotaVerdict = { ok: true } | { ok: false; scope: 'consumer' | 'service'; limit: number; windowSeconds: number; retryAfterSeconds: number };

interface Counter {
  key: string;
  windowSeconds: number;
  /** The window's end (ms). */
  ends: number;
  /** The shared count as last read (other replicas' messages included). */
  shared: number;
  /** Admitted here since the last sync began. */
  pending: number;
  /** Admitted here and being added by the running sync. */
  sending: number;
}

const SYNC_MS = 200;

export function createQuotas(db: Db, limits: QuotaLimits, options: { syncMs?: number; clock?: () => number } = {}) {
  const clock = options.clock ?? Date.now;
  const syncMs = options.syncMs ?? SYNC_MS;
  const counters = new Map<string, Counter>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Syncs run one after another (a counter is never sent twice at once).
  let chain: Promise<void> = Promise.resolve();
  const sync = () => (chain = chain.then(syncOnce));

  function counter(scope: string, id: string, window: WindowLimit, now: number): Counter {
    const length = window.windowSeconds * 1000;
    const index = Math.floor(now / length);
    const key = `lgsp:${scope}:${id}:${window.windowSeconds}:${index}`;
    let found = counters.get(key);
    if (!found) {
      found = { key, windowSeconds: window.windowSeconds, ends: (index + 1) * length, shared: 0, pending: 0, sending: 0 };
      counters.set(key, found);
      schedule();
    }
    return found;
  }

  const used = (c: Counter) => c.shared + c.pending + c.sending;

  async function syncOnce(): Promise<void> {
    const now = clock();
    for (const c of counters.values()) {
      if (c.ends <= now && c.pending === 0) {
        counters.delete(c.key);
        continue;
      }
      c.sending = c.pending;
      c.pending = 0;
      try {
        // The window's own length as the counter's window: a key names one window only.
        c.shared = await countHits(db, c.key, c.sending, c.windowSeconds);
      } catch {
        // The database is unreachable: keep counting here and add it at the next sync.
        c.pending += c.sending;
      }
      c.sending = 0;
    }
  }

  function schedule(): void {
    if (timer || stopped || counters.size === 0) return;
    timer = setTimeout(() => {
      void sync().finally(() => {
        timer = undefined;
        schedule();
      });
    }, syncMs);
    timer.unref();
  }

  return {
    /** Admits one message of `consumer` to `service` (counting it) or says which limit it hit, the service's own limits (`own`) first. Never waits for the database. */
    take(consumer: string, service: string, own: ServiceQuotas = {}): QuotaVerdict {
      const now = clock();
      const checks: [scope: 'consumer' | 'service', Counter, WindowLimit][] = [];
      if (limits.perConsumer) checks.push(['consumer', counter('consumer', consumer, limits.perConsumer, now), limits.perConsumer]);
      if (own.consumer) checks.push(['consumer', counter('pair', `${consumer}:${service}`, own.consumer, now), own.consumer]);
      const perService = own.service ?? limits.perService;
      if (perService) checks.push(['service', counter('service', service, perService, now), perService]);
      for (const [scope, c, limit] of checks) {
        if (used(c) >= limit.limit) {
          return { ok: false, scope, limit: limit.limit, windowSeconds: limit.windowSeconds, retryAfterSeconds: Math.max(1, Math.ceil((c.ends - now) / 1000)) };
        }
      }
      for (const [, c] of checks) c.pending += 1;
      return { ok: true };
    },
    /** Adds what was admitted here to the shared counters and reads their totals now (tests, shutdown). */
    sync,
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await sync();
    },
  };
}

export type Quotas = ReturnType<typeof createQuotas>;
