import { randomBytes, randomUUID } from 'node:crypto';

/**
 * What the national API exchange V-APEX keeps (in memory): the APIs organisations register
 * with their OpenAPI description, whether each is published in the national catalogue, every
 * version it has had, and the consumers' subscriptions with their keys.
 */

export const API_STATUSES = ['registered', 'published', 'unpublished'] as const;
export type ApiStatus = (typeof API_STATUSES)[number];

export interface ApiInput {
  name: string;
  /** The providing organisation's code (mã định danh điện tử của cơ quan). */
  providerCode: string;
  version: string;
  description?: string;
  openapi: Record<string, unknown>;
}

export interface VapexApi extends ApiInput {
  id: string;
  status: ApiStatus;
  /** The client that registered it: only it may change, publish or unpublish it. */
  owner: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  versions: { version: string; at: string }[];
}

export interface Subscription {
  id: string;
  apiId: string;
  consumer: string;
  /** The key the consumer presents when calling the API (shown once, when subscribing). */
  key: string;
  /** Cancelled by the subscriber (kept, so the provider sees the cancellation). */
  status: 'active' | 'cancelled';
  createdAt: string;
  cancelledAt: string | null;
  /** The provider's decision on the subscription (pending until it approves or rejects it). */
  approval: SubscriptionApproval;
}

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export interface SubscriptionApproval {
  status: (typeof APPROVAL_STATUSES)[number];
  /** Why, as the provider said (required to reject). */
  reason: string | null;
  decidedAt: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 403 | 404 | 409; code: string; message: string };

const MAX_APIS = 5000;

export class ApiCatalog {
  readonly #apis = new Map<string, VapexApi>();
  readonly #subscriptions = new Map<string, Subscription>();

  register(owner: string, input: ApiInput): VapexApi {
    if (this.#apis.size >= MAX_APIS) this.#apis.delete(this.#apis.keys().next().value!);
    const at = new Date().toISOString();
    const api: VapexApi = { ...input, id: randomUUID(), status: 'registered', owner, createdAt: at, updatedAt: at, publishedAt: null, versions: [{ version: input.version, at }] };
    this.#apis.set(api.id, api);
    return api;
  }

  /** Visible to its owner always, to others once published. */
  get(id: string, caller: string): VapexApi | undefined {
    const api = this.#apis.get(id);
    return api && (api.owner === caller || api.status === 'published') ? api : undefined;
  }

  #owned(id: string, caller: string): Outcome<VapexApi> {
    const api = this.get(id, caller);
    if (!api) return { ok: false, status: 404, code: 'vapex.api_not_found', message: 'No such API' };
    if (api.owner !== caller) return { ok: false, status: 403, code: 'vapex.not_owner', message: 'Only the organisation that registered the API may change it' };
    return { ok: true, value: api };
  }

  update(id: string, caller: string, input: Partial<ApiInput> & { version: string; openapi: Record<string, unknown> }): Outcome<VapexApi> {
    const found = this.#owned(id, caller);
    if (!found.ok) return found;
    const api = found.value;
    const at = new Date().toISOString();
    if (api.version !== input.version) api.versions.push({ version: input.version, at });
    Object.assign(api, { ...input, providerCode: api.providerCode, updatedAt: at });
    return { ok: true, value: api };
  }

  setPublished(id: string, caller: string, published: boolean): Outcome<VapexApi> {
    const found = this.#owned(id, caller);
    if (!found.ok) return found;
    const api = found.value;
    const at = new Date().toISOString();
    api.status = published ? 'published' : 'unpublished';
    if (published) api.publishedAt = at;
    api.updatedAt = at;
    return { ok: true, value: api };
  }

  /** Published APIs and the caller's own, filtered by words of the name/description, provider and status. */
  list(caller: string, filter: { q?: string; providerCode?: string; status?: ApiStatus }): VapexApi[] {
    const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return [...this.#apis.values()].filter((api) => (api.status === 'published' || api.owner === caller)
      && (filter.providerCode === undefined || api.providerCode === filter.providerCode)
      && (filter.status === undefined || api.status === filter.status)
      && words.every((w) => `${api.name} ${api.description ?? ''}`.toLowerCase().includes(w)));
  }

  subscribe(apiId: string, consumer: string): Outcome<Subscription> {
    const api = this.get(apiId, consumer);
    if (!api) return { ok: false, status: 404, code: 'vapex.api_not_found', message: 'No such API' };
    if (api.status !== 'published') return { ok: false, status: 409, code: 'vapex.not_published', message: 'Only a published API can be subscribed to' };
    const existing = [...this.#subscriptions.values()].find((s) => s.apiId === apiId && s.consumer === consumer && s.status === 'active');
    if (existing) return { ok: true, value: existing };
    const subscription: Subscription = {
      id: randomUUID(), apiId, consumer, key: randomBytes(24).toString('base64url'), status: 'active', createdAt: new Date().toISOString(), cancelledAt: null,
      approval: { status: 'pending', reason: null, decidedAt: null },
    };
    this.#subscriptions.set(subscription.id, subscription);
    return { ok: true, value: subscription };
  }

  subscriptionsOf(consumer: string): Subscription[] {
    return [...this.#subscriptions.values()].filter((s) => s.consumer === consumer);
  }

  /** The subscriber cancels its subscription (again: no change). */
  cancel(id: string, consumer: string): Outcome<Subscription> {
    const subscription = this.#subscriptions.get(id);
    if (!subscription || subscription.consumer !== consumer) return { ok: false, status: 404, code: 'vapex.subscription_not_found', message: 'No such subscription of yours' };
    if (subscription.status === 'active') Object.assign(subscription, { status: 'cancelled', cancelledAt: new Date().toISOString() });
    return { ok: true, value: subscription };
  }

  /**
   * The provider approves or rejects a subscription to its API, with a reason. The same decision
   * again changes nothing (a retried call is harmless); a later different one replaces it, as a
   * provider may block a subscriber it approved. A cancelled subscription is not decided (409).
   */
  decide(id: string, caller: string, decision: { status: 'approved' | 'rejected'; reason?: string | undefined }): Outcome<Subscription> {
    const subscription = this.#subscriptions.get(id);
    const api = subscription && this.get(subscription.apiId, caller);
    if (!subscription || !api) return { ok: false, status: 404, code: 'vapex.subscription_not_found', message: 'No such subscription' };
    const owned = this.#owned(api.id, caller);
    if (!owned.ok) return owned;
    if (subscription.status === 'cancelled') return { ok: false, status: 409, code: 'vapex.subscription_cancelled', message: 'The subscriber cancelled this subscription' };
    const reason = decision.reason ?? null;
    if (subscription.approval.status !== decision.status || subscription.approval.reason !== reason) {
      subscription.approval = { status: decision.status, reason, decidedAt: new Date().toISOString() };
    }
    return { ok: true, value: subscription };
  }

  /** Every subscription (active and cancelled) to an API, for its owner only. */
  subscriptionsTo(apiId: string, caller: string): Outcome<Subscription[]> {
    const found = this.#owned(apiId, caller);
    if (!found.ok) return found;
    return { ok: true, value: [...this.#subscriptions.values()].filter((s) => s.apiId === apiId) };
  }
}
