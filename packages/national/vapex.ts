import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';
import { clientCredentialsCaller } from './oauth-client.ts';

/**
 * The national API exchange V-APEX, province → exchange: register an API with its OpenAPI
 * description, update it, publish or withdraw it, read its subscriptions and approve or reject
 * them (OAuth 2.0 client credentials). Every call is
 * recorded as `system="vapex"`. Failures throw a `VapexError` that says whether trying again
 * later can help (V-APEX slow or down) or not (it refuses what was sent).
 */
export interface VapexOptions {
  /** Base of V-APEX, e.g. the sandbox's `http://localhost:8081/vapex`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  outbound?: OutboundCalls;
}

export interface VapexApiInput {
  name: string;
  providerCode: string;
  version: string;
  description?: string;
  openapi: unknown;
}

export interface VapexApiState {
  id: string;
  version: string;
  status: 'registered' | 'published' | 'unpublished';
}

export class VapexError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  readonly retryable: boolean;
  constructor(status: number | undefined, code: string, message: string) {
    super(message);
    this.name = 'VapexError';
    this.status = status;
    this.code = code;
    this.retryable = status === undefined || status >= 500 || status === 429 || status === 408;
  }
}

/** A consumer's subscription to one of our APIs, as V-APEX shows it to the provider. */
export interface VapexSubscription {
  id: string;
  status: 'active' | 'cancelled';
  subscriber: { clientId: string; organisationCode: string; organisationName: string; xroadClient: string | null; systemName: string | null };
}

/** The provider's decision on a subscription, as V-APEX keeps it. */
export interface VapexApproval {
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  decidedAt: string | null;
}

export interface VapexExchange {
  register(api: VapexApiInput): Promise<VapexApiState>;
  update(id: string, api: Omit<VapexApiInput, 'providerCode'>): Promise<VapexApiState>;
  setPublished(id: string, published: boolean): Promise<VapexApiState>;
  /** Every subscription (active and cancelled) to an API we registered. */
  subscriptions(id: string): Promise<VapexSubscription[]>;
  /** Approves or rejects (with a reason) a subscription to an API we registered; the same decision again changes nothing. */
  decideSubscription(id: string, decision: { status: 'approved' | 'rejected'; reason?: string | undefined }): Promise<VapexApproval>;
}

export function createVapexExchange(options: VapexOptions): VapexExchange {
  const caller = clientCredentialsCaller({
    base: options.apiUrl.replace(/\/+$/, ''), tokenPath: '/oauth/token', clientId: options.clientId, clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs ?? 15_000, fetch: (options.outbound ?? untrackedOutbound).fetch('vapex'), system: 'vapex',
    fail: (status, code, message) => new VapexError(status, code, message),
  });
  async function call(method: string, path: string, body?: unknown) {
    const answer = await caller.authorised(`/api/v1${path}`, {
      method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (answer.status !== 200 && answer.status !== 201) {
      const code = typeof answer.body.code === 'string' ? answer.body.code : `vapex.http_${answer.status}`;
      throw new VapexError(answer.status, code, `V-APEX refused ${method} ${path}: ${answer.status} ${code}`);
    }
    return answer.body;
  }
  async function send(method: string, path: string, body?: unknown): Promise<VapexApiState> {
    const answer = await call(method, path, body);
    return { id: String(answer.id), version: String(answer.version), status: answer.status as VapexApiState['status'] };
  }
  return {
    register: (api) => send('POST', '/apis', api),
    update: (id, api) => send('PUT', `/apis/${encodeURIComponent(id)}`, api),
    setPublished: (id, published) => send('POST', `/apis/${encodeURIComponent(id)}/${published ? 'publish' : 'unpublish'}`),
    subscriptions: async (id) => {
      const items = (await call('GET', `/apis/${encodeURIComponent(id)}/subscriptions`)).items;
      if (!Array.isArray(items)) throw new VapexError(undefined, 'vapex.invalid_answer', 'V-APEX answered subscriptions without items');
      return items as VapexSubscription[];
    },
    decideSubscription: async (id, decision) => {
      const approval = (await call('PUT', `/subscriptions/${encodeURIComponent(id)}/approval`, decision)).approval as VapexApproval | undefined;
      if (approval?.status !== decision.status) throw new VapexError(undefined, 'vapex.invalid_answer', `V-APEX answered the ${decision.status} subscription as ${approval?.status ?? 'nothing'}`);
      return approval;
    },
  };
}
