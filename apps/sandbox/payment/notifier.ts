import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { postJson, type DeliveryAttempt } from '../kit.ts';
import { signPaymentContent } from './signing.ts';

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2000, 10_000, 60_000];
export const DEFAULT_DUPLICATE_RATE = 0.1;
export const DEFAULT_DUPLICATE_DELAY_MS = 1000;

export interface NotificationAttempt extends DeliveryAttempt {
  /** True for the deliberate second delivery of an already delivered notification. */
  duplicate: boolean;
}

/** One result notification (IPN) to a merchant, with every delivery attempt. */
export interface PaymentNotification {
  notificationId: string;
  paymentId: string;
  merchantCode: string;
  url: string;
  /** The exact body sent (and signed), the same for every attempt and duplicate. */
  body: string;
  createdAt: string;
  /** `delivering` until a 2xx or until the retries are spent (`failed`). */
  status: 'delivering' | 'delivered' | 'failed';
  /** Drawn when the notification was created: it will be delivered twice. */
  duplicate: boolean;
  attempts: NotificationAttempt[];
}

export interface NotifierOptions {
  retryDelaysMs: readonly number[];
  duplicateDelayMs: number;
  /** Asked once per notification: deliver it a second time? */
  drawDuplicate: () => boolean;
  log: FastifyBaseLogger;
  limit?: number;
  timeoutMs?: number;
}

const isSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/**
 * Posts payment results to merchants the way a real platform does: signed, retried on the
 * platform's schedule when the receiver fails, and now and then delivered twice, so that
 * receivers are forced to be idempotent on `X-Notification-Id`.
 */
export class Notifier {
  readonly #records = new Map<string, PaymentNotification>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #options: NotifierOptions;
  #stopped = false;

  constructor(options: NotifierOptions) {
    this.#options = options;
  }

  send(target: { paymentId: string; merchantCode: string; url: string; secret: string }, payload: object): PaymentNotification {
    const body = JSON.stringify(payload);
    const record: PaymentNotification = {
      notificationId: randomUUID(),
      paymentId: target.paymentId,
      merchantCode: target.merchantCode,
      url: target.url,
      body,
      createdAt: new Date().toISOString(),
      status: 'delivering',
      duplicate: this.#options.drawDuplicate(),
      attempts: [],
    };
    this.#records.set(record.notificationId, record);
    this.#evict();
    const headers = {
      'X-Signature': signPaymentContent(target.secret, body),
      'X-Notification-Id': record.notificationId,
      'X-Merchant-Code': target.merchantCode,
    };
    void this.#deliver(record, headers, 0);
    return record;
  }

  /** The latest notification of a payment. */
  forPayment(paymentId: string): PaymentNotification | undefined {
    let latest: PaymentNotification | undefined;
    for (const record of this.#records.values()) if (record.paymentId === paymentId) latest = record;
    return latest;
  }

  /** Newest first. */
  list(limit: number): PaymentNotification[] {
    return [...this.#records.values()].reverse().slice(0, limit);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #deliver(record: PaymentNotification, headers: Record<string, string>, retry: number): Promise<void> {
    const attempt = await this.#post(record, headers, false);
    if (this.#stopped) return;
    if (isSuccess(attempt.status)) {
      record.status = 'delivered';
      if (record.duplicate) this.#later(this.#options.duplicateDelayMs, () => void this.#post(record, headers, true));
      return;
    }
    const delay = this.#options.retryDelaysMs[retry];
    if (delay === undefined) {
      record.status = 'failed';
      this.#options.log.warn({ notificationId: record.notificationId, paymentId: record.paymentId }, 'payment sandbox: notification given up');
      return;
    }
    this.#later(delay, () => void this.#deliver(record, headers, retry + 1));
  }

  async #post(record: PaymentNotification, headers: Record<string, string>, duplicate: boolean): Promise<NotificationAttempt> {
    const attempt = { ...(await postJson(record.url, record.body, headers, this.#options.timeoutMs)), duplicate };
    record.attempts.push(attempt);
    this.#options.log.info(
      { notificationId: record.notificationId, paymentId: record.paymentId, status: attempt.status, duplicate },
      'payment sandbox: notification attempt',
    );
    return attempt;
  }

  #later(delayMs: number, action: () => void): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, delayMs);
    this.#timers.add(timer);
  }

  #evict(): void {
    const limit = this.#options.limit ?? 10_000;
    for (const id of this.#records.keys()) {
      if (this.#records.size <= limit) return;
      this.#records.delete(id);
    }
  }
}
