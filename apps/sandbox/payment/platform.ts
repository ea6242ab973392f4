import type { FastifyBaseLogger } from 'fastify';
import { seededRandom } from '../citizens/random.ts';
import { vietnamDate, type Payment, type PaymentMerchant } from './model.ts';
import { Notifier, type PaymentNotification } from './notifier.ts';
import { signPaymentContent, signPaymentReturn, type PaymentReturnParams } from './signing.ts';
import { PaymentStore, type SettleOutcome, type Settlement } from './store.ts';

export interface PlatformOptions {
  merchants: readonly PaymentMerchant[];
  retryDelaysMs: readonly number[];
  duplicateRate: number;
  duplicateDelayMs: number;
  now: () => number;
  seed: string;
  log: FastifyBaseLogger;
}

export type PaymentView = Payment & {
  paymentUrl: string;
  notification: { notificationId: string; url: string; status: string; attempts: number; lastAttemptAt: string | null; lastStatus: number | null } | null;
};

export type SettleResult = SettleOutcome & { redirectUrl: string };

const RECONCILIATION_HEADER = 'transactionNo,paymentId,orderId,agencyCode,amount,bankCode,status,paidAt';

/** A CSV field; the schemas keep ids free of separators, but quoting keeps the file sound regardless. */
const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The platform behind the routes: payments, their settlement by a bank, the result sent back
 * twice (browser redirect and server notification) and the daily reconciliation file. The page,
 * the admin "complete" action and the API all go through here, so they behave identically.
 */
export class PaymentPlatform {
  readonly store: PaymentStore;
  readonly notifier: Notifier;
  readonly merchants: readonly PaymentMerchant[];
  readonly now: () => number;
  readonly #log: FastifyBaseLogger;
  #baseUrl = '';
  #duplicateRate: number;

  constructor(options: PlatformOptions) {
    this.merchants = options.merchants;
    this.now = options.now;
    this.#log = options.log;
    this.#duplicateRate = options.duplicateRate;
    this.store = new PaymentStore(options.now);
    const duplicates = seededRandom(`${options.seed}|payment|duplicates`);
    this.notifier = new Notifier({
      retryDelaysMs: options.retryDelaysMs,
      duplicateDelayMs: options.duplicateDelayMs,
      drawDuplicate: () => duplicates.chance(this.#duplicateRate),
      log: options.log,
    });
  }

  set baseUrl(url: string) {
    this.#baseUrl = url.replace(/\/+$/, '');
  }

  get duplicateRate(): number {
    return this.#duplicateRate;
  }

  set duplicateRate(rate: number) {
    this.#duplicateRate = rate;
  }

  merchant(merchantCode: string): PaymentMerchant | undefined {
    return this.merchants.find((m) => m.merchantCode === merchantCode);
  }

  paymentUrl(paymentId: string): string {
    return `${this.#baseUrl}/pay/${paymentId}`;
  }

  view(payment: Payment): PaymentView {
    const notification: PaymentNotification | undefined = this.notifier.forPayment(payment.paymentId);
    const last = notification?.attempts.at(-1);
    return {
      ...payment,
      paymentUrl: this.paymentUrl(payment.paymentId),
      notification: notification
        ? {
          notificationId: notification.notificationId, url: notification.url, status: notification.status,
          attempts: notification.attempts.length, lastAttemptAt: last?.at ?? null, lastStatus: last?.status ?? null,
        }
        : null,
    };
  }

  /** Records a bank result, notifies the merchant and gives the signed return URL. */
  settle(paymentId: string, settlement: Settlement): SettleResult | undefined {
    const outcome = this.store.settle(paymentId, settlement);
    if (!outcome) return undefined;
    const { payment } = outcome;
    const merchant = this.merchant(payment.merchantCode)!;
    if (outcome.kind !== 'settled') return { ...outcome, redirectUrl: payment.returnUrl };
    const { transaction } = outcome;
    this.#log.info({ paymentId, transactionNo: transaction.transactionNo, status: transaction.status }, 'payment sandbox: payment settled');
    const notifyUrl = payment.notifyUrl ?? merchant.notifyUrl;
    if (notifyUrl) {
      this.notifier.send({ paymentId, merchantCode: merchant.merchantCode, url: notifyUrl, secret: merchant.secret }, {
        paymentId, orderId: payment.orderId, amount: payment.amount, status: transaction.status, transactionNo: transaction.transactionNo,
        bankCode: transaction.bankCode, paidAt: transaction.paidAt, feeLines: payment.feeLines, agencyCode: payment.agencyCode,
        // Signed with the body, the same in every retry and duplicate: receivers refuse a capture replayed late.
        notifiedAt: new Date(this.now()).toISOString(),
      });
    }
    const params: PaymentReturnParams = {
      paymentId, orderId: payment.orderId, amount: String(payment.amount), status: transaction.status,
      transactionNo: transaction.transactionNo, bankCode: transaction.bankCode, paidAt: transaction.paidAt,
    };
    const redirect = new URL(payment.returnUrl);
    for (const [name, value] of Object.entries(params)) redirect.searchParams.set(name, value);
    redirect.searchParams.set('signature', signPaymentReturn(merchant.secret, params));
    return { ...outcome, redirectUrl: redirect.href };
  }

  /** Today's date where the platform runs (Asia/Ho_Chi_Minh). */
  today(): string {
    return vietnamDate(this.now());
  }

  /** The merchant's reconciliation file of one local date, with its signature. */
  reconciliation(merchant: PaymentMerchant, date: string): { file: string; signature: string } {
    const payments = this.store.succeededOn(merchant.merchantCode, date);
    const rows = payments.map((p) => [
      p.transaction!.transactionNo, p.paymentId, p.orderId, p.agencyCode, p.amount, p.transaction!.bankCode, p.transaction!.status, p.transaction!.paidAt,
    ].map(csvField).join(','));
    const total = payments.reduce((sum, p) => sum + p.amount, 0);
    const file = [RECONCILIATION_HEADER, ...rows, `TOTAL,${payments.length},${total}`].join('\r\n') + '\r\n';
    return { file, signature: signPaymentContent(merchant.secret, file) };
  }
}
