import { createHmac, timingSafeEqual } from 'node:crypto';
import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';
import { clientCredentialsCaller } from './oauth-client.ts';

/**
 * Sen's client of Vietnam Post (VNPost; the VNPost sandbox on one machine), the public postal
 * service one-stop desks use to collect applicants' documents and return results (Decision
 * 45/2016/QĐ-TTg): OAuth 2.0 client credentials, price quotes, pickup and delivery orders with
 * S10 tracking numbers, and the check of its signed tracking webhooks (`X-VNPost-Signature` =
 * hex HMAC-SHA256 of the raw body with the webhook secret). Knows nothing of dossiers.
 */
export interface VnpostOptions {
  /** Base URL, e.g. `http://localhost:8081/vnpost`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  timeoutMs?: number;
  outbound?: OutboundCalls;
}

export type PostalService = 'EMS' | 'BK';
export type PostalOrderKind = 'pickup' | 'delivery';
export type PostalStatus = 'created' | 'accepted' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'delivery_failed' | 'returned' | 'cancelled';
export const POSTAL_STATUSES: readonly PostalStatus[] = ['created', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'delivery_failed', 'returned', 'cancelled'];

export interface PostalAddress {
  line: string;
  commune: string;
  province: string;
}

export interface PostalParty {
  name: string;
  phone: string;
  address: PostalAddress;
}

export interface PostalOrderRequest {
  kind: PostalOrderKind;
  referenceCode: string;
  sender: PostalParty;
  receiver: PostalParty;
  parcel: { contents: string; documentCount: number; weightGrams: number };
  serviceCode: PostalService;
  codAmountVnd?: number;
  note?: string;
  callbackUrl?: string;
}

export interface PostalOrder {
  orderId: string;
  trackingNumber: string;
  kind: PostalOrderKind;
  referenceCode: string;
  status: PostalStatus;
  serviceCode: PostalService;
  feeVnd: number;
  codAmountVnd: number;
  estimatedDeliveryAt: string;
  createdAt: string;
}

export interface PostalQuote {
  feeVnd: number;
  distanceClass: string;
  estimatedDeliveryAt: string;
}

/** A tracking event as VNPost pushes it (and lists it). */
export interface PostalEvent {
  eventId: string;
  orderId: string;
  trackingNumber: string;
  referenceCode: string;
  status: PostalStatus;
  at: string;
  location: string;
  note: string;
  receivedBy?: string;
}

export class VnpostError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  constructor(status: number | undefined, code: string, message: string) {
    super(message);
    this.name = 'VnpostError';
    this.status = status;
    this.code = code;
  }
}

export interface VnpostClient {
  quote(input: { sender: PostalParty; receiver: PostalParty; weightGrams: number; serviceCode: PostalService }): Promise<PostalQuote>;
  /** Places an order; repeating an identical one answers the existing order. */
  createOrder(order: PostalOrderRequest): Promise<PostalOrder>;
  events(orderId: string): Promise<PostalEvent[]>;
  /** A webhook's event when the signature over the raw bytes is VNPost's; undefined otherwise (nothing parsed before). */
  verifyWebhook(rawBody: Buffer | string, signature: string | undefined): PostalEvent | undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 500;

/** The fields every event carries, typed; undefined when one is missing or malformed. */
function eventOf(value: unknown): PostalEvent | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const e = value as Record<string, unknown>;
  const fields = [e.eventId, e.orderId, e.trackingNumber, e.referenceCode, e.at, e.location, e.note];
  if (!fields.every(isString) || !POSTAL_STATUSES.includes(e.status as PostalStatus) || Number.isNaN(Date.parse(e.at as string))) return undefined;
  return {
    eventId: e.eventId as string, orderId: e.orderId as string, trackingNumber: e.trackingNumber as string, referenceCode: e.referenceCode as string,
    status: e.status as PostalStatus, at: new Date(e.at as string).toISOString(), location: e.location as string, note: e.note as string,
    ...(isString(e.receivedBy) ? { receivedBy: e.receivedBy } : {}),
  };
}

export function createVnpostClient(options: VnpostOptions): VnpostClient {
  const caller = clientCredentialsCaller({
    base: options.apiUrl.replace(/\/+$/, ''), tokenPath: '/oauth/token', clientId: options.clientId, clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs ?? 15_000, fetch: (options.outbound ?? untrackedOutbound).fetch('vnpost'), system: 'vnpost',
    fail: (status, code, message) => new VnpostError(status, code, message),
  });
  const post = async (path: string, body: unknown, ok: number[]): Promise<Record<string, unknown>> => {
    const answer = await caller.authorised(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!ok.includes(answer.status)) {
      const code = typeof answer.body.code === 'string' ? answer.body.code : `vnpost.http_${answer.status}`;
      throw new VnpostError(answer.status, code, `VNPost refused ${path}: ${answer.status} ${code}`);
    }
    return answer.body;
  };
  return {
    async quote(input) {
      const body = await post('/api/v1/quotes', {
        sender: { address: input.sender.address }, receiver: { address: input.receiver.address }, weightGrams: input.weightGrams, serviceCode: input.serviceCode,
      }, [200]);
      return { feeVnd: Number(body.feeVnd), distanceClass: String(body.distanceClass), estimatedDeliveryAt: String(body.estimatedDeliveryAt) };
    },
    async createOrder(order) {
      const body = await post('/api/v1/orders', order, [200, 201]);
      return {
        orderId: String(body.orderId), trackingNumber: String(body.trackingNumber), kind: body.kind as PostalOrderKind, referenceCode: String(body.referenceCode),
        status: body.status as PostalStatus, serviceCode: body.serviceCode as PostalService, feeVnd: Number(body.feeVnd), codAmountVnd: Number(body.codAmountVnd),
        estimatedDeliveryAt: String(body.estimatedDeliveryAt), createdAt: String(body.createdAt),
      };
    },
    async events(orderId) {
      const answer = await caller.authorised(`/api/v1/orders/${encodeURIComponent(orderId)}/events`, { method: 'GET' });
      if (answer.status !== 200) throw new VnpostError(answer.status, `vnpost.http_${answer.status}`, `VNPost events of ${orderId}: ${answer.status}`);
      const events = Array.isArray(answer.body.events) ? answer.body.events : [];
      return events.map(eventOf).filter((e): e is PostalEvent => e !== undefined);
    },
    verifyWebhook(rawBody, signature) {
      if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return undefined;
      const expected = createHmac('sha256', options.webhookSecret).update(rawBody).digest('hex');
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature.toLowerCase()))) return undefined;
      try {
        return eventOf(JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody));
      } catch {
        return undefined;
      }
    },
  };
}
