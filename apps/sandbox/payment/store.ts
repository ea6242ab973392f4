import { randomUUID } from 'node:crypto';
import { vietnamDate, type Payment, type PaymentOrder, type PaymentOutcome, type PaymentTransaction } from './model.ts';

export type CreateOutcome =
  | { kind: 'created'; payment: Payment }
  /** The same order with the same content: the merchant retried, hand back the first payment. */
  | { kind: 'repeated'; payment: Payment }
  /** The same order id with different content: refused, the existing payment is untouched. */
  | { kind: 'conflict'; payment: Payment };

export type SettleOutcome =
  | { kind: 'settled'; payment: Payment; transaction: PaymentTransaction }
  | { kind: 'expired' | 'finished'; payment: Payment };

export interface Settlement {
  status: PaymentOutcome;
  bankCode: string;
  paidAt: number;
}

/** Everything that makes two orders "the same", in a fixed key order. */
function orderFingerprint(order: PaymentOrder): string {
  return JSON.stringify([
    order.orderId, order.amount, order.feeLines.map((l) => [l.code, l.name, l.amount, l.kind]), order.agencyCode,
    order.description, order.returnUrl, order.notifyUrl, order.payerName, order.expiresInMinutes,
  ]);
}

const orderKey = (merchantCode: string, orderId: string): string => `${merchantCode}\n${orderId}`;
const compactDate = (ms: number): string => vietnamDate(ms).replaceAll('-', '');

/**
 * Payments in memory, newest last, bounded. Expiry is applied lazily: every read first moves
 * a pending payment past its deadline to `expired`, so no timer is needed per payment.
 */
export class PaymentStore {
  readonly #payments = new Map<string, Payment>();
  readonly #byOrder = new Map<string, string>();
  readonly #now: () => number;
  readonly #limit: number;
  #sequence = 0;

  constructor(now: () => number, limit = 10_000) {
    this.#now = now;
    this.#limit = limit;
  }

  create(merchantCode: string, order: PaymentOrder): CreateOutcome {
    const existing = this.byOrder(merchantCode, order.orderId);
    if (existing) {
      return { kind: orderFingerprint(existing) === orderFingerprint(order) ? 'repeated' : 'conflict', payment: existing };
    }
    const now = this.#now();
    const payment: Payment = {
      ...order,
      paymentId: randomUUID(),
      merchantCode,
      status: 'pending',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + order.expiresInMinutes * 60_000).toISOString(),
      transaction: null,
    };
    this.#payments.set(payment.paymentId, payment);
    this.#byOrder.set(orderKey(merchantCode, order.orderId), payment.paymentId);
    this.#evict();
    return { kind: 'created', payment };
  }

  get(paymentId: string): Payment | undefined {
    const payment = this.#payments.get(paymentId);
    return payment && this.#refresh(payment);
  }

  byOrder(merchantCode: string, orderId: string): Payment | undefined {
    const paymentId = this.#byOrder.get(orderKey(merchantCode, orderId));
    return paymentId === undefined ? undefined : this.get(paymentId);
  }

  /** Newest first. */
  list(limit: number, merchantCode?: string): Payment[] {
    const all = [...this.#payments.values()].reverse();
    return all.filter((p) => !merchantCode || p.merchantCode === merchantCode).slice(0, limit).map((p) => this.#refresh(p));
  }

  /** Records the bank's result; only a pending, unexpired payment can be settled. */
  settle(paymentId: string, settlement: Settlement): SettleOutcome | undefined {
    const payment = this.get(paymentId);
    if (!payment) return undefined;
    if (payment.status === 'expired') return { kind: 'expired', payment };
    if (payment.status !== 'pending') return { kind: 'finished', payment };
    this.#sequence += 1;
    const transaction: PaymentTransaction = {
      transactionNo: `NPP${compactDate(settlement.paidAt)}${String(this.#sequence).padStart(6, '0')}`,
      bankCode: settlement.bankCode,
      paidAt: new Date(settlement.paidAt).toISOString(),
      status: settlement.status,
    };
    payment.transaction = transaction;
    payment.status = settlement.status;
    return { kind: 'settled', payment, transaction };
  }

  /** A merchant's succeeded payments paid on a local (Asia/Ho_Chi_Minh) date, in payment order. */
  succeededOn(merchantCode: string, date: string): Payment[] {
    return [...this.#payments.values()]
      .filter((p) => p.merchantCode === merchantCode && p.status === 'succeeded' && p.transaction
        && vietnamDate(Date.parse(p.transaction.paidAt)) === date)
      .sort((a, b) => a.transaction!.paidAt.localeCompare(b.transaction!.paidAt) || a.transaction!.transactionNo.localeCompare(b.transaction!.transactionNo));
  }

  #refresh(payment: Payment): Payment {
    if (payment.status === 'pending' && Date.parse(payment.expiresAt) <= this.#now()) payment.status = 'expired';
    return payment;
  }

  #evict(): void {
    for (const [paymentId, payment] of this.#payments) {
      if (this.#payments.size <= this.#limit) return;
      this.#payments.delete(paymentId);
      this.#byOrder.delete(orderKey(payment.merchantCode, payment.orderId));
    }
  }
}
