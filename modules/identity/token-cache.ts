import { notify, type Listen, type Listener, type Principal, type Queryable } from '../../packages/platform/index.ts';

/**
 * Verified bearer tokens, in process memory, so that a request costs a hash and a map lookup
 * instead of two database reads. Correctness rests on revocation signals (LISTEN/NOTIFY on
 * `CHANNEL`, sent by whichever replica revokes) and on a short TTL that bounds the harm of a
 * missed signal. While the listening connection is down the cache is not used at all.
 */
export const REVOCATION_CHANNEL = 'sen_identity_revocations';
/** The longest a cached verification is trusted without a fresh database read. */
export const CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

/** What a revocation signal names: one token (by hash), a grant, an account, a client, or everything. */
export type Revocation = { token: string } | { grant: string } | { account: string } | { client: string } | { all: true };

export function encodeRevocation(r: Revocation): string {
  if ('token' in r) return `t:${r.token}`;
  if ('grant' in r) return `g:${r.grant}`;
  if ('account' in r) return `a:${r.account}`;
  if ('client' in r) return `c:${r.client}`;
  return '*';
}

export interface VerifiedToken {
  principal: Principal;
  /** When this entry stops being trusted (token expiry, or now + TTL, whichever comes first). */
  until: number;
  grantId: string | undefined;
  accountId: string | undefined;
  clientId: string;
  /** The token's audience: an entry answers only the authenticator of that resource (API or LGSP gateway). */
  audience: string;
}

export function createTokenCache() {
  const entries = new Map<string, VerifiedToken>();
  let listener: Listener | undefined;
  // Bumped by every signal: a verification that started before a signal must not be cached after it.
  let generation = 0;

  const apply = (payload: string) => {
    generation++;
    const kind = payload.slice(0, 2);
    const value = payload.slice(2);
    if (kind === 't:') {
      entries.delete(value);
      return;
    }
    const field = kind === 'g:' ? 'grantId' : kind === 'a:' ? 'accountId' : kind === 'c:' ? 'clientId' : undefined;
    if (!field) {
      entries.clear();
      return;
    }
    for (const [key, entry] of entries) if (entry[field] === value) entries.delete(key);
  };

  return {
    /** Starts hearing revocation signals; until it is connected, nothing is cached. */
    async start(listen: Listen): Promise<void> {
      listener = await listen(REVOCATION_CHANNEL, {
        message: apply,
        reset: () => {
          generation++;
          entries.clear();
        },
      });
    },
    async stop(): Promise<void> {
      await listener?.close();
      listener = undefined;
      entries.clear();
    },
    /** The current generation, to pass back to `set`. */
    generation: () => generation,
    get(hash: string, now = Date.now()): VerifiedToken | undefined {
      if (!listener?.connected) return undefined;
      const entry = entries.get(hash);
      if (!entry) return undefined;
      if (entry.until > now) return entry;
      entries.delete(hash);
      return undefined;
    },
    set(hash: string, entry: VerifiedToken, startedAt: number): void {
      if (!listener?.connected || startedAt !== generation) return;
      if (entries.size >= MAX_ENTRIES) {
        // Maps iterate in insertion order: drop the oldest.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(hash, entry);
    },
    /** Applies a revocation here at once (the signal reaches the other replicas). */
    revokeLocally: (r: Revocation) => apply(encodeRevocation(r)),
    size: () => entries.size,
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;

/** Sends a revocation after the change it reports: applied here at once, then to every replica. */
export function createRevocationSender(db: Queryable, cache: TokenCache) {
  return async (r: Revocation): Promise<void> => {
    cache.revokeLocally(r);
    await notify(db, REVOCATION_CHANNEL, encodeRevocation(r));
  };
}

export type SendRevocation = ReturnType<typeof createRevocationSender>;
