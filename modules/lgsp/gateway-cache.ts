import { notify, type Listen, type Listener, type Queryable } from '../../packages/platform/index.ts';

/**
 * What the gateway reads on every message — which subsystem a credential is, which service a
 * path names, which rights a subsystem holds on it — kept in process memory, so that a message
 * costs map lookups instead of three database reads. Correctness rests on change signals, the
 * mechanism of the identity module's token cache (LISTEN/NOTIFY on `CHANNEL`, sent by whichever
 * replica changed the registry or the rights, applied at once on the sender): every signal
 * empties the whole cache, as changes are rare next to messages. A TTL bounds the harm of a
 * missed signal; while the listening connection is down nothing is cached at all. Expiry of a
 * right is not a change: rights are cached as rules and matched against the clock per message.
 */
export const CHANNEL = 'sen_lgsp_registry';
/** The longest a cached answer is trusted without a fresh database read. */
export const CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  value: unknown;
  until: number;
}

export function createGatewayCache(clock: () => number = Date.now) {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<unknown>>();
  let listener: Listener | undefined;
  // Bumped by every signal: a read that started before a signal is not cached after it.
  let generation = 0;
  const clear = () => {
    generation++;
    entries.clear();
    pending.clear();
  };

  return {
    /** Starts hearing change signals; until then (and while disconnected) every call reads the database. */
    async start(listen: Listen): Promise<void> {
      listener = await listen(CHANNEL, { message: clear, reset: clear });
    },
    async stop(): Promise<void> {
      await listener?.close();
      listener = undefined;
      clear();
    },
    /**
     * The cached answer for `key`, or `load()`'s (cached when no signal came meanwhile).
     * Concurrent misses of one key share one read.
     */
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!listener?.connected) return load();
      const now = clock();
      const entry = entries.get(key);
      if (entry && entry.until > now) return entry.value as T;
      const inFlight = pending.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const startedAt = generation;
      const loading = load().then((value) => {
        if (pending.get(key) === loading) pending.delete(key);
        if (startedAt === generation && listener?.connected) {
          if (entries.size >= MAX_ENTRIES) {
            const oldest = entries.keys().next().value;
            if (oldest !== undefined) entries.delete(oldest);
          }
          entries.set(key, { value, until: now + CACHE_TTL_MS });
        }
        return value;
      }, (error: unknown) => {
        if (pending.get(key) === loading) pending.delete(key);
        throw error;
      });
      pending.set(key, loading);
      return loading;
    },
    /** Forgets everything here at once (the signal reaches the other replicas). */
    clear,
    size: () => entries.size,
  };
}

export type GatewayCache = ReturnType<typeof createGatewayCache>;

/** Sends a change signal after a committed change: applied here at once, then on every replica. */
export function createChangeSender(db: Queryable, cache: GatewayCache) {
  return async (): Promise<void> => {
    cache.clear();
    await notify(db, CHANNEL, '*');
  };
}

/** The repository writes that change what the gateway reads. */
const CHANGES = ['insertMember', 'insertSubsystem', 'insertService', 'addVersion', 'setStatus', 'setBodyLogging', 'setRequestValidation', 'setResponseValidation', 'setQuota', 'insertGroup', 'addGroupMember', 'insertRight', 'deleteRight', 'decideRequest', 'insertCertificate', 'deleteCertificate', 'cancelVapexSubscription'] as const;

/** The repository whose writes (those in CHANGES) each send a change signal once they have committed. */
export function signallingChanges<R extends Record<(typeof CHANGES)[number], (...args: never[]) => Promise<unknown>>>(repo: R, changed: () => Promise<void>): R {
  const wrapped = { ...repo };
  for (const name of CHANGES) {
    const write = repo[name] as (...args: unknown[]) => Promise<unknown>;
    (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const result = await write(...args);
      await changed();
      return result;
    };
  }
  return wrapped;
}
