/**
 * modules/payment — the platform's shared e-payment service (seed lines 5084–5087): payment
 * requests owned by other modules (tthc dossiers today, e-tickets and parking later), online
 * payment through the national payment platform (signed return and notification, query),
 * counter payments recorded by officials, daily reconciliation against the platform's file,
 * receipts and fee notices with a VietQR code. This file is the module's only door.
 */
import { createPaymentPlatformClient, type PaymentPlatformClient } from '../../packages/national/index.ts';
import { vietnamDate, type JobHandler, type ModuleContext, type ModuleRoutes, type OutboundCalls, type RecurringJob } from '../../packages/platform/index.ts';
import { paymentRoutes } from './payment.routes.ts';
import { PAID_QUEUE, createPaymentService, type PaymentService } from './payment.service.ts';
import type { PaidEvent } from './payment.types.ts';
import { createReceiptRenderer } from './receipt.ts';
import { RECONCILE_CLIENT, RECONCILE_QUEUE, createReconciliationService, type ReconciliationService } from './reconciliation.service.ts';

export type { Mismatch, NewPaymentRequest, PaidEvent, PaymentLine, PaymentMethod, PaymentRequest, PaymentStatus, ReconciliationReport } from './payment.types.ts';
export type { PaymentOwner, PaymentService, ResultOutcome } from './payment.service.ts';
export { COLLECT_PERMISSION, PAID_QUEUE } from './payment.service.ts';
export { RECONCILE_PERMISSION, RECONCILE_QUEUE } from './reconciliation.service.ts';
export { PaymentMethodSchema, PaymentStatusSchema } from './payment.schemas.ts';
export { crc16Ccitt, vietQrPayload } from './vietqr.ts';

export interface PaymentDependencies {
  agencies: { getAgency(id: string): Promise<{ id: string; code: string }>; agencyAncestors(id: string): Promise<string[]> };
  outbound?: OutboundCalls;
  now?: () => Date;
}

export interface PaymentModule {
  /** What owners call: create requests, read them, register themselves. */
  service: Pick<PaymentService, 'create' | 'forOwner' | 'registerOwner' | 'get'>;
  payments: PaymentService;
  reconciliation: ReconciliationService;
  platform: PaymentPlatformClient;
  routes: ModuleRoutes;
  /** Paid events to their owners; a day's reconciliation (payload `{ date }`, or the scheduler's occurrence: the day before). */
  jobHandlers(): Record<string, JobHandler>;
  /** Daily reconciliation, once across replicas: at 00:00 UTC (07:00 in Vietnam) for the Vietnamese day that ended. */
  recurring: readonly RecurringJob[];
}

const DAY_MS = 86_400_000;
const DAILY_RECONCILIATION: RecurringJob = { name: 'payment.reconcile-daily', queue: RECONCILE_QUEUE, everySeconds: DAY_MS / 1000 };

/** The day a reconciliation job covers: the one named, or the Vietnamese day before the occurrence's start. */
export function reconciliationDate(payload: { date?: string; periodStart?: string }): string {
  if (payload.date) return payload.date;
  if (!payload.periodStart) throw new Error('reconciliation job without a date or an occurrence');
  return vietnamDate(new Date(Date.parse(payload.periodStart) - DAY_MS));
}

export function createPaymentModule(ctx: ModuleContext, deps: PaymentDependencies): PaymentModule {
  const { db, config } = ctx;
  const now = deps.now ?? (() => new Date());
  const platform = createPaymentPlatformClient({
    apiUrl: config.payment.apiUrl, merchantCode: config.payment.merchantCode, secret: config.payment.secret, outbound: deps.outbound,
    now: () => now().getTime(),
  });
  const payments = createPaymentService({
    db, platform, agencies: deps.agencies, publicUrl: config.publicUrl, notificationToleranceSeconds: config.payment.notificationToleranceSeconds, now,
  });
  const reconciliation = createReconciliationService({ db, platform, now });
  const receipts = createReceiptRenderer({ get: payments.get, transferAccount: config.payment.transferAccount });
  const system = { kind: 'system' as const, clientId: RECONCILE_CLIENT, grants: [] };
  return {
    service: payments,
    payments,
    reconciliation,
    platform,
    routes: paymentRoutes(payments, reconciliation, receipts),
    jobHandlers: () => ({
      [PAID_QUEUE]: async (job) => payments.deliverPaid(job.payload as PaidEvent),
      [RECONCILE_QUEUE]: async (job) => {
        await reconciliation.reconcile(system, reconciliationDate(job.payload as { date?: string; periodStart?: string }));
      },
    }),
    recurring: [DAILY_RECONCILIATION],
  };
}
