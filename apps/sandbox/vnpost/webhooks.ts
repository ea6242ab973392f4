import type { FastifyBaseLogger } from 'fastify';
import { hmacSha256Hex, postJson, safeEqual, type DeliveryAttempt } from '../kit.ts';
import type { OrderStatus, TrackingEvent } from './model.ts';

export const SIGNATURE_HEADER = 'X-VNPost-Signature';
export const EVENT_ID_HEADER = 'X-VNPost-Event-Id';

/**
 * Checks a webhook as a receiver (Sen) must: the signature header is the hex HMAC-SHA256 of
 * the raw request body, keyed with the client's webhook secret. Verify the bytes received,
 * never a re-serialised copy of the parsed JSON.
 */
export function verifyVnpostSignature(rawBody: string | Buffer, signature: string | undefined | null, webhookSecret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  return safeEqual(hmacSha256Hex(webhookSecret, rawBody), signature.toLowerCase());
}

/** One webhook call as testers see it at `GET /_admin/webhooks`. */
export interface WebhookAttempt extends DeliveryAttempt {
  eventId: string;
  orderId: string;
  eventStatus: OrderStatus;
  /** 1 for the first call, 2 for the first retry… */
  attempt: number;
  outcome: 'delivered' | 'retry_scheduled' | 'gave_up';
  nextAttemptAt?: string;
}

export interface WebhookDispatcherOptions {
  retryDelaysMs: readonly number[];
  log: FastifyBaseLogger;
  maxRecorded?: number;
}

/**
 * Pushes tracking events to the client's receiver. The first attempts of one order's events
 * go out one after another, so a receiver sees them in the order they happened; a failed call
 * is retried on its own timer without holding back the events after it.
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #attempts: WebhookAttempt[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #queues = new Map<string, Promise<void>>();
  #stopped = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
  }

  dispatch(target: { url: string; secret: string }, event: TrackingEvent): void {
    if (this.#stopped) return;
    const body = JSON.stringify(event);
    const previous = this.#queues.get(event.orderId) ?? Promise.resolve();
    const current = previous.then(() => this.#attempt(target, event, body, 1)).catch((error: unknown) => {
      this.#options.log.error({ err: error, orderId: event.orderId }, 'vnpost sandbox: webhook dispatch failed');
    });
    this.#queues.set(event.orderId, current);
    void current.then(() => {
      if (this.#queues.get(event.orderId) === current) this.#queues.delete(event.orderId);
    });
  }

  /** Newest first. */
  attempts(filter: { orderId?: string; limit: number }): WebhookAttempt[] {
    const found: WebhookAttempt[] = [];
    for (let i = this.#attempts.length - 1; i >= 0 && found.length < filter.limit; i--) {
      const attempt = this.#attempts[i]!;
      if (filter.orderId === undefined || attempt.orderId === filter.orderId) found.push(attempt);
    }
    return found;
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(target: { url: string; secret: string }, event: TrackingEvent, body: string, attempt: number): Promise<void> {
    if (this.#stopped) return;
    const result = await postJson(target.url, body, {
      [SIGNATURE_HEADER]: hmacSha256Hex(target.secret, body),
      [EVENT_ID_HEADER]: event.eventId,
    });
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const delay = delivered || this.#stopped ? undefined : this.#options.retryDelaysMs[attempt - 1];
    const outcome = delivered ? 'delivered' : delay === undefined ? 'gave_up' : 'retry_scheduled';
    this.#record({
      ...result, eventId: event.eventId, orderId: event.orderId, eventStatus: event.status, attempt, outcome,
      ...(delay === undefined ? {} : { nextAttemptAt: new Date(Date.now() + delay).toISOString() }),
    });
    if (outcome === 'gave_up') this.#options.log.warn({ orderId: event.orderId, eventId: event.eventId, attempt }, 'vnpost sandbox: webhook given up');
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#attempt(target, event, body, attempt + 1).catch((error: unknown) => {
        this.#options.log.error({ err: error, orderId: event.orderId }, 'vnpost sandbox: webhook retry failed');
      });
    }, delay);
    this.#timers.add(timer);
  }

  #record(attempt: WebhookAttempt): void {
    this.#attempts.push(attempt);
    const max = this.#options.maxRecorded ?? 1000;
    if (this.#attempts.length > max) this.#attempts.splice(0, this.#attempts.length - max);
  }
}
