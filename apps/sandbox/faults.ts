import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Fault injection, shared by every sandbox: testers make a national system slow or failing to
 * see how Sen copes. Deterministic by design (counters, not probabilities), so a test can say
 * "the next two calls fail" and rely on it.
 *
 *   GET    /_admin/faults            → every sandbox's current faults
 *   PUT    /_admin/faults/:sandbox   ← { latencyMs?, failNext?, failStatus?, hangNext? }
 *   DELETE /_admin/faults/:sandbox   → back to normal
 */
export interface FaultSettings {
  /** Added before every response. */
  latencyMs: number;
  /** The next N requests answer `failStatus` with a JSON error instead of being served. */
  failNext: number;
  failStatus: number;
  /** The next N requests never get an answer (the client must time out). */
  hangNext: number;
}

const NORMAL: FaultSettings = { latencyMs: 0, failNext: 0, failStatus: 503, hangNext: 0 };
const LIMITS = { latencyMs: 120_000, failNext: 10_000, hangNext: 10_000 } as const;

export class Faults {
  readonly #settings = new Map<string, FaultSettings>();
  readonly #names: string[];

  constructor(names: string[]) {
    this.#names = names;
  }

  get(name: string): FaultSettings {
    return this.#settings.get(name) ?? { ...NORMAL };
  }

  /** Applies the sandbox's faults to one request; true when the request was answered (or left hanging) here. */
  async intercept(name: string, reply: FastifyReply): Promise<boolean> {
    const settings = this.#settings.get(name);
    if (!settings) return false;
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    if (settings.hangNext > 0) {
      settings.hangNext--;
      reply.hijack();
      return true;
    }
    if (settings.failNext > 0) {
      settings.failNext--;
      await reply.code(settings.failStatus).send({ code: 'sandbox.fault_injected', message: `Injected fault in the ${name} sandbox` });
      return true;
    }
    return false;
  }

  register(app: FastifyInstance): void {
    app.get('/_admin/faults', async () => Object.fromEntries(this.#names.map((name) => [name, this.get(name)])));

    app.put<{ Params: { sandbox: string }; Body: Partial<FaultSettings> }>('/_admin/faults/:sandbox', {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            latencyMs: { type: 'integer', minimum: 0, maximum: LIMITS.latencyMs },
            failNext: { type: 'integer', minimum: 0, maximum: LIMITS.failNext },
            failStatus: { type: 'integer', minimum: 400, maximum: 599 },
            hangNext: { type: 'integer', minimum: 0, maximum: LIMITS.hangNext },
          },
        },
      },
    }, async (request, reply) => {
      const { sandbox } = request.params;
      if (!this.#names.includes(sandbox)) return reply.code(404).send({ code: 'sandbox.not_found', message: `No sandbox named ${sandbox}` });
      const settings = { ...this.get(sandbox), ...request.body };
      this.#settings.set(sandbox, settings);
      return settings;
    });

    app.delete<{ Params: { sandbox: string } }>('/_admin/faults/:sandbox', async (request, reply) => {
      const { sandbox } = request.params;
      if (!this.#names.includes(sandbox)) return reply.code(404).send({ code: 'sandbox.not_found', message: `No sandbox named ${sandbox}` });
      this.#settings.delete(sandbox);
      return this.get(sandbox);
    });
  }
}
