/**
 * A circuit breaker per provider (the origin of a service's base URL), in each replica: after
 * `failures` consecutive failed calls (no answer, no answer in time, or 502/503/504) the circuit
 * opens and messages to that provider are refused at once, without calling it, for `openMs`;
 * then one message is let through as a probe (half-open) — its success closes the circuit, its
 * failure opens it again. A replica's breaker needs no agreement with the others: each sees the
 * provider's failures itself.
 */

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long an open circuit refuses before a probe. */
  openMs: number;
}

type State = { state: 'closed'; failures: number } | { state: 'open'; until: number } | { state: 'half-open' };

export type BreakerVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export const FAILING_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

export function createBreakers(options: BreakerOptions, clock: () => number = Date.now) {
  const circuits = new Map<string, State>();
  return {
    /** May a call to this provider go out now? (In half-open, only the one probe may.) */
    admit(provider: string): BreakerVerdict {
      const circuit = circuits.get(provider);
      if (!circuit || circuit.state === 'closed') return { ok: true };
      if (circuit.state === 'half-open') return { ok: false, retryAfterSeconds: 1 };
      const now = clock();
      if (now < circuit.until) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((circuit.until - now) / 1000)) };
      circuits.set(provider, { state: 'half-open' });
      return { ok: true };
    },
    /** The outcome of a call admitted by `admit`. */
    record(provider: string, failed: boolean): void {
      const circuit = circuits.get(provider);
      if (!failed) {
        if (circuit) circuits.delete(provider);
        return;
      }
      if (circuit?.state === 'half-open') {
        circuits.set(provider, { state: 'open', until: clock() + options.openMs });
        return;
      }
      const failures = (circuit?.state === 'closed' ? circuit.failures : 0) + 1;
      circuits.set(provider, failures >= options.failures ? { state: 'open', until: clock() + options.openMs } : { state: 'closed', failures });
    },
    state: (provider: string): State['state'] => circuits.get(provider)?.state ?? 'closed',
  };
}

export type Breakers = ReturnType<typeof createBreakers>;
