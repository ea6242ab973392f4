import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sandboxError } from './kit.ts';

/**
 * Fault injection, shared by every sandbox: testers make a national system slow, flaky or down
 * to see how Sen copes. Counters (`failNext`, `hangNext`) are deterministic, so a test can say
 * "the next two calls fail" and rely on it; rates draw at random for soak tests.
 *
 *   GET    /_admin/faults            → every sandbox's current faults
 *   PUT    /_admin/faults/:sandbox   ← any subset of FaultSettings
 *   DELETE /_admin/faults/:sandbox   → back to normal
 */
export interface FaultSettings {
  /** Fixed delay added before every response. */
  latencyMs: number;
  /** Plus a uniformly random extra delay in [0, latencyJitterMs]. */
  latencyJitterMs: number;
  /** Share of requests (0–1) answered `failStatus` instead of being served. */
  errorRate: number;
  /** The next N requests answer `failStatus` (before the error rate is drawn). */
  failNext: number;
  failStatus: number;
  /** The next N requests never get an answer: the client must time out. */
  hangNext: number;
  /** Share of requests (0–1) that never get an answer. */
  timeoutRate: number;
  /** Down: every connection is dropped without an answer (HTTP) or refused with 421 (SMTP). */
  down: boolean;
}

export type FaultOutcome = 'serve' | 'fail' | 'hang' | 'down';

export interface FaultDecision {
  delayMs: number;
  outcome: FaultOutcome;
  status: number;
}

export const NORMAL_FAULTS: Readonly<FaultSettings> = {
  latencyMs: 0, latencyJitterMs: 0, errorRate: 0, failNext: 0, failStatus: 503, hangNext: 0, timeoutRate: 0, down: false,
};

const faultSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
    latencyJitterMs: { type: 'integer', minimum: 0, maximum: 120_000 },
    errorRate: { type: 'number', minimum: 0, maximum: 1 },
    failNext: { type: 'integer', minimum: 0, maximum: 10_000 },
    failStatus: { type: 'integer', minimum: 400, maximum: 599 },
    hangNext: { type: 'integer', minimum: 0, maximum: 10_000 },
    timeoutRate: { type: 'number', minimum: 0, maximum: 1 },
    down: { type: 'boolean' },
  },
} as const;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Faults {
  readonly #settings = new Map<string, FaultSettings>();
  readonly #names: string[];
  readonly #random: () => number;

  constructor(names: string[], random: () => number = Math.random) {
    this.#names = names;
    this.#random = random;
  }

  get(name: string): FaultSettings {
    return { ...(this.#settings.get(name) ?? NORMAL_FAULTS) };
  }

  /** What happens to the next request of this sandbox; counters are consumed here. */
  decide(name: string): FaultDecision {
    const settings = this.#settings.get(name);
    if (!settings) return { delayMs: 0, outcome: 'serve', status: 200 };
    const delayMs = settings.latencyMs + Math.round(this.#random() * settings.latencyJitterMs);
    const decision = (outcome: FaultOutcome): FaultDecision => ({ delayMs, outcome, status: settings.failStatus });
    if (settings.down) return decision('down');
    if (settings.hangNext > 0) {
      settings.hangNext--;
      return decision('hang');
    }
    if (settings.failNext > 0) {
      settings.failNext--;
      return decision('fail');
    }
    if (settings.timeoutRate > 0 && this.#random() < settings.timeoutRate) return decision('hang');
    if (settings.errorRate > 0 && this.#random() < settings.errorRate) return decision('fail');
    return decision('serve');
  }

  /** Applies the sandbox's faults to one HTTP request; true when the request was dealt with here. */
  async intercept(name: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const { delayMs, outcome, status } = this.decide(name);
    if (delayMs > 0) await sleep(delayMs);
    switch (outcome) {
      case 'serve':
        return false;
      case 'hang':
        reply.hijack();
        return true;
      case 'down':
        reply.hijack();
        request.raw.socket.destroy();
        return true;
      case 'fail':
        await sandboxError(reply, status, 'sandbox.fault_injected', `Injected fault in the ${name} sandbox`);
        return true;
    }
  }

  register(app: FastifyInstance): void {
    app.get('/_admin/faults', async () => Object.fromEntries(this.#names.map((name) => [name, this.get(name)])));

    app.put<{ Params: { sandbox: string }; Body: Partial<FaultSettings> }>('/_admin/faults/:sandbox', {
      schema: { body: faultSettingsSchema },
    }, async (request, reply) => {
      const { sandbox } = request.params;
      if (!this.#names.includes(sandbox)) return sandboxError(reply, 404, 'sandbox.not_found', `No sandbox named ${sandbox}`);
      const settings = { ...this.get(sandbox), ...request.body };
      this.#settings.set(sandbox, settings);
      return settings;
    });

    app.delete<{ Params: { sandbox: string } }>('/_admin/faults/:sandbox', async (request, reply) => {
      const { sandbox } = request.params;
      if (!this.#names.includes(sandbox)) return sandboxError(reply, 404, 'sandbox.not_found', `No sandbox named ${sandbox}`);
      this.#settings.delete(sandbox);
      return this.get(sandbox);
    });
  }
}
