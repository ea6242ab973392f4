import { Histogram, type Registry } from 'prom-client';

/**
 * One way for every adapter to a national or external system (VNeID, mail, SMS, and later
 * DVCQG, payment, VNPost, NDXP) to record its calls: a count, the failures and the latency,
 * as `sen_outbound_request_duration_seconds{system, outcome}`.
 */
export interface OutboundCalls {
  /** Times `call` as one call to `system`; a throw counts as `timeout` or `failed` and is rethrown. */
  observe<T>(system: string, call: () => Promise<T>): Promise<T>;
  /**
   * A `fetch` whose every request counts as one call to `system`, timed until the response
   * headers: status ≥ 500 is `http_5xx`, ≥ 400 `http_4xx`, a throw `timeout` or `failed`.
   */
  fetch(system: string): typeof fetch;
}

export type OutboundOutcome = 'ok' | 'http_4xx' | 'http_5xx' | 'timeout' | 'failed';

// System names become label values: a short fixed vocabulary, never a URL or a host.
const SYSTEM = /^[a-z][a-z0-9_]{0,31}$/;

function checked(system: string): string {
  if (!SYSTEM.test(system)) throw new Error(`outbound system name must match ${SYSTEM}: ${system}`);
  return system;
}

/** Timeouts look different in fetch (TimeoutError/AbortError), sockets and SMTP (ETIMEDOUT, ETIME…). */
export function failureOutcome(error: unknown): 'timeout' | 'failed' {
  const e = error as { name?: string; code?: string; cause?: { name?: string; code?: string } } | undefined;
  const names = [e?.name, e?.cause?.name];
  const codes = [e?.code, e?.cause?.code];
  if (names.includes('TimeoutError') || names.includes('AbortError')) return 'timeout';
  if (codes.some((c) => c === 'ETIMEDOUT' || c === 'ETIME' || c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT')) return 'timeout';
  return 'failed';
}

function statusOutcome(status: number): OutboundOutcome {
  if (status >= 500) return 'http_5xx';
  if (status >= 400) return 'http_4xx';
  return 'ok';
}

export function createOutboundCalls(registry: Registry): OutboundCalls {
  const duration = new Histogram({
    name: 'sen_outbound_request_duration_seconds',
    help: 'Calls to national and external systems by system and outcome (ok, http_4xx, http_5xx, timeout, failed)',
    labelNames: ['system', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  return {
    async observe(system, call) {
      const end = duration.startTimer({ system: checked(system) });
      try {
        const result = await call();
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: failureOutcome(error) });
        throw error;
      }
    },
    fetch(system) {
      checked(system);
      return async (input, init) => {
        const end = duration.startTimer({ system });
        try {
          const response = await fetch(input, init);
          end({ outcome: statusOutcome(response.status) });
          return response;
        } catch (error) {
          end({ outcome: failureOutcome(error) });
          throw error;
        }
      };
    },
  };
}

/** For adapters built without metrics (unit tests, one-off scripts): calls go through unrecorded. */
export const untrackedOutbound: OutboundCalls = {
  observe: (_system, call) => call(),
  fetch: () => fetch,
};
