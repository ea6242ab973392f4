import { randomUUID } from 'node:crypto';
import { seededRandom } from '../citizens/random.ts';
import {
  CANCELLABLE_STATUSES, DEFAULT_NOTES, allowedTransitions, nextStatus, type Order, type OrderKind, type OrderRequest, type OrderStatus, type TrackingEvent,
} from './model.ts';
import { eventLocation } from './places.ts';
import { formatS10 } from './s10.ts';
import { computeFee, distanceClass, estimatedDelivery } from './tariff.ts';

export interface OrderBookOptions {
  seed: string;
  /** Oldest orders are forgotten beyond this many. */
  maxOrders: number;
  /** Every status change, including creation, in order. */
  onEvent(order: Order, event: TrackingEvent, clientId: string): void;
  onForget(orderId: string): void;
}

interface OrderRecord {
  order: Order;
  clientId: string;
  /** The request as placed, to tell an identical repeat from a conflicting one. */
  fingerprint: string;
  events: TrackingEvent[];
}

export type CreateResult = { outcome: 'created' | 'existing' | 'conflict'; order: Order };
export type ChangeResult =
  | { ok: true; order: Order; event: TrackingEvent }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_allowed'; order: Order; allowed: OrderStatus[] };

export interface AdvanceInput {
  to?: OrderStatus;
  note?: string;
  receivedBy?: string;
}

/** Same value, same text: object keys sorted at every level. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const SERVICE_LETTERS = { EMS: 'EB', BK: 'CP' } as const;

/** The orders of every client, in memory, with the indexes the API needs. */
export class OrderBook {
  readonly #records = new Map<string, OrderRecord>();
  readonly #byTrackingNumber = new Map<string, string>();
  /** `client|kind|referenceCode` → the live (not cancelled) order for it. */
  readonly #live = new Map<string, string>();
  readonly #options: OrderBookOptions;
  readonly #firstSerial: number;
  #issued = 0;

  constructor(options: OrderBookOptions) {
    this.#options = options;
    // Same seed, same tracking numbers: demos and recorded fixtures stay stable.
    this.#firstSerial = seededRandom(`${options.seed}|vnpost|serial`).int(10_000_000, 89_999_999);
  }

  create(client: { id: string; customerCode: string }, request: OrderRequest): CreateResult {
    const liveKey = `${client.id}|${request.kind}|${request.referenceCode}`;
    const fingerprint = canonicalJson({ ...request, codAmountVnd: request.codAmountVnd ?? 0 });
    const existing = this.#records.get(this.#live.get(liveKey) ?? '');
    if (existing) return { outcome: existing.fingerprint === fingerprint ? 'existing' : 'conflict', order: existing.order };

    const now = new Date();
    const distance = distanceClass(request.sender, request.receiver);
    const serial = (this.#firstSerial + this.#issued++) % 100_000_000;
    const order: Order = {
      ...request,
      orderId: randomUUID(),
      trackingNumber: formatS10(SERVICE_LETTERS[request.serviceCode], serial),
      customerCode: client.customerCode,
      status: 'created',
      codAmountVnd: request.codAmountVnd ?? 0,
      distanceClass: distance,
      feeVnd: computeFee(request.serviceCode, distance, request.parcel.weightGrams),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      estimatedDeliveryAt: estimatedDelivery(request.serviceCode, distance, now).toISOString(),
      deliveryAttempts: 0,
    };
    const record: OrderRecord = { order, clientId: client.id, fingerprint, events: [] };
    this.#records.set(order.orderId, record);
    this.#byTrackingNumber.set(order.trackingNumber, order.orderId);
    this.#live.set(liveKey, order.orderId);
    this.#forgetOldest();
    this.#change(record, 'created', {}, now);
    return { outcome: 'created', order };
  }

  /** An order as its owner sees it; with no client, as the post office (admin) sees it. */
  get(orderId: string, clientId?: string): Order | undefined {
    const record = this.#records.get(orderId);
    return record && (clientId === undefined || record.clientId === clientId) ? record.order : undefined;
  }

  byTrackingNumber(trackingNumber: string): Order | undefined {
    return this.get(this.#byTrackingNumber.get(trackingNumber) ?? '');
  }

  events(orderId: string, clientId?: string): TrackingEvent[] | undefined {
    const record = this.#records.get(orderId);
    return record && (clientId === undefined || record.clientId === clientId) ? [...record.events] : undefined;
  }

  /** Newest first. */
  list(filter: { clientId?: string; referenceCode?: string; kind?: OrderKind; status?: OrderStatus; limit: number }): Order[] {
    const found: Order[] = [];
    for (const record of [...this.#records.values()].reverse()) {
      if (found.length >= filter.limit) break;
      const { order } = record;
      if (filter.clientId !== undefined && record.clientId !== filter.clientId) continue;
      if (filter.referenceCode !== undefined && order.referenceCode !== filter.referenceCode) continue;
      if (filter.kind !== undefined && order.kind !== filter.kind) continue;
      if (filter.status !== undefined && order.status !== filter.status) continue;
      found.push(order);
    }
    return found;
  }

  cancel(orderId: string, clientId: string, reason: string): ChangeResult {
    const record = this.#records.get(orderId);
    if (!record || record.clientId !== clientId) return { ok: false, reason: 'not_found' };
    if (!CANCELLABLE_STATUSES.includes(record.order.status)) return { ok: false, reason: 'not_allowed', order: record.order, allowed: [] };
    return this.#change(record, 'cancelled', { note: `${DEFAULT_NOTES.cancelled}: ${reason}`, cancelReason: reason });
  }

  /** Moves an order on, to the next status on its path unless told where. */
  advance(orderId: string, input: AdvanceInput): ChangeResult {
    const record = this.#records.get(orderId);
    if (!record) return { ok: false, reason: 'not_found' };
    const allowed = allowedTransitions(record.order);
    const to = input.to ?? nextStatus(record.order);
    if (!to || !allowed.includes(to)) return { ok: false, reason: 'not_allowed', order: record.order, allowed };
    return this.#change(record, to, { note: input.note, receivedBy: input.receivedBy, cancelReason: input.note });
  }

  #change(record: OrderRecord, status: OrderStatus, details: { note?: string; receivedBy?: string; cancelReason?: string }, when = new Date()): ChangeResult {
    const { order } = record;
    const at = when.toISOString();
    order.status = status;
    order.updatedAt = at;
    let receivedBy: string | undefined;
    if (status === 'out_for_delivery') order.deliveryAttempts += 1;
    if (status === 'delivered') {
      // The applicant signs for a result; at the desk, whoever the tester names.
      receivedBy = details.receivedBy ?? (order.kind === 'delivery' ? order.receiver.name : undefined);
      order.deliveredAt = at;
      if (receivedBy) order.receivedBy = receivedBy;
    }
    if (status === 'cancelled') {
      order.cancelReason = details.cancelReason ?? 'Bưu điện hủy đơn';
      this.#live.delete(`${record.clientId}|${order.kind}|${order.referenceCode}`);
    }
    const event: TrackingEvent = {
      eventId: randomUUID(),
      orderId: order.orderId,
      trackingNumber: order.trackingNumber,
      referenceCode: order.referenceCode,
      status,
      at,
      location: eventLocation(order, status),
      note: details.note ?? DEFAULT_NOTES[status],
      ...(receivedBy ? { receivedBy } : {}),
    };
    record.events.push(event);
    this.#options.onEvent(order, event, record.clientId);
    return { ok: true, order, event };
  }

  #forgetOldest(): void {
    while (this.#records.size > this.#options.maxOrders) {
      const [orderId, record] = this.#records.entries().next().value!;
      this.#records.delete(orderId);
      this.#byTrackingNumber.delete(record.order.trackingNumber);
      const liveKey = `${record.clientId}|${record.order.kind}|${record.order.referenceCode}`;
      if (this.#live.get(liveKey) === orderId) this.#live.delete(liveKey);
      this.#options.onForget(orderId);
    }
  }
}
