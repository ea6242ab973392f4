import { conflict, forbidden, unprocessable, vietnamDate, type Principal } from '../../../packages/platform/index.ts';
import type { NewPaymentRequest, PaymentRequest } from '../../payment/index.ts';
import { feeScheduleRepository, linesOwed, type FeeStage } from '../fees/fee.schedule.ts';
import { dueDateAfterStop } from './dossier.deadline.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { postageToAdd } from './dossier.postal.ts';
import { DOSSIER_PERMISSIONS as P, requirePermission } from './dossier.policies.ts';
import type { DossierStatus } from './dossier.status.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * Fees through the payment module's door (modules/payment): the official asks for the fee at
 * the stage the offering's fee schedule names; the dossier waits in "awaiting payment"
 * (national code 6), its clock stopped when the schedule says so; when the payment module
 * reports the request paid, the dossier goes back to where it was and its due date moves by
 * the working days it waited.
 */
export interface PaymentDoor {
  create(input: NewPaymentRequest): Promise<PaymentRequest>;
  forOwner(owner: string): Promise<PaymentRequest[]>;
}

/** The system principal the payment callback acts as. */
export const PAYMENT_CALLBACK_CLIENT = 'payment';

export const dossierOwner = (dossierId: string): string => `tthc:dossier:${dossierId}`;

/** The status in which each stage's fee is requested, and which the dossier returns to once paid. */
export const STAGE_STATUS: Readonly<Record<FeeStage, DossierStatus>> = { intake: 'submitted', processing: 'processing', return: 'ready_to_return' };

interface Planned {
  status: DossierStatus;
  patch: { clockStoppedAt?: Date | null; dueDate?: string | null; flags?: Record<string, boolean> };
  details: Record<string, unknown>;
  visibleToApplicant: boolean;
}

const notInStage = (dossier: Dossier, stage: FeeStage) => conflict('dossier.action_not_allowed', 'Chưa đến giai đoạn thu phí của dịch vụ này / This service charges its fee at another stage', {
  status: dossier.status, stage,
});

export async function planPaymentRequest(deps: DossierDeps, principal: Principal, dossier: Dossier, now: Date): Promise<Planned> {
  if (!deps.payments) throw unprocessable('dossier.payments_unavailable', 'Chưa kết nối dịch vụ thanh toán / Payments are not available');
  const schedule = await feeScheduleRepository.inForce(deps.db, dossier.offeringId, vietnamDate(now));
  if (!schedule) throw unprocessable('dossier.no_fee', 'Dịch vụ này không thu phí, lệ phí / This service charges no fee');
  if (dossier.status !== STAGE_STATUS[schedule.stage]) throw notInStage(dossier, schedule.stage);
  if (schedule.stage === 'processing') await requirePermission(deps.catalog, principal, P.process, dossier.agencyId);
  else await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
  const fees = linesOwed(schedule.lines, dossier.formData);
  if (fees.length === 0) throw unprocessable('dossier.no_fee', 'Hồ sơ này không phải nộp phí, lệ phí / Nothing is owed for this dossier');
  const owner = dossierOwner(dossier.id);
  const earlier = await deps.payments.forOwner(owner);
  if (earlier.some((r) => r.purpose === schedule.stage && r.status === 'paid')) {
    throw conflict('dossier.fee_already_paid', 'Phí, lệ phí của giai đoạn này đã nộp / The fee of this stage is already paid');
  }
  // The postage of the legs the applicant chose by post is paid with the fee (modules/postal quotes it).
  const lines = [...fees, ...(await postageToAdd(deps, dossier, earlier))];
  // Idempotent on (owner, stage): a retried or repeated request finds the same payment request.
  const request = await deps.payments.create({
    owner, purpose: schedule.stage, agencyId: dossier.agencyId, payerName: dossier.applicant.fullName,
    description: `${dossier.procedureName} — hồ sơ ${dossier.code}`.slice(0, 255), lines,
  });
  const stopClock = schedule.stopsClock && dossier.dueDate !== null;
  return {
    status: 'awaiting_payment', patch: stopClock ? { clockStoppedAt: now } : {}, visibleToApplicant: true,
    details: { paymentRequestId: request.id, amount: request.amount, stage: schedule.stage, clockStopped: stopClock },
  };
}

export async function planPaymentReceived(deps: DossierDeps, principal: Principal, dossier: Dossier, purpose: FeeStage, now: Date, method?: string): Promise<Planned> {
  if (principal.kind !== 'system' || principal.clientId !== PAYMENT_CALLBACK_CLIENT) throw forbidden('dossier.forbidden', 'Only the payment service reports payments');
  if (dossier.status !== 'awaiting_payment') throw conflict('dossier.action_not_allowed', 'The dossier is not awaiting payment', { status: dossier.status });
  const dueDate = dossier.dueDate && dossier.clockStoppedAt
    ? await dueDateAfterStop(deps.catalog, dossier.dueDate, new Date(dossier.clockStoppedAt), now, dossier.agencyId) : dossier.dueDate;
  // Kept on the dossier for the statistics' online-payment share: paid online at least once.
  const flags = { ...dossier.flags, feePaid: true, feePaidOnline: dossier.flags.feePaidOnline === true || method === 'online' };
  return { status: STAGE_STATUS[purpose], patch: { clockStoppedAt: null, dueDate, flags }, details: { stage: purpose, dueDate, ...(method ? { method } : {}) }, visibleToApplicant: true };
}

/** `request_payment` when the caller may ask for the fee now (the schedule's stage is the dossier's). */
export async function paymentActions(deps: DossierDeps, can: (permission: string, agencyId: string) => Promise<boolean>, dossier: Dossier): Promise<string[]> {
  if (!deps.payments || !['submitted', 'processing', 'ready_to_return'].includes(dossier.status)) return [];
  const schedule = await feeScheduleRepository.inForce(deps.db, dossier.offeringId, vietnamDate(deps.now()));
  if (!schedule || STAGE_STATUS[schedule.stage] !== dossier.status || linesOwed(schedule.lines, dossier.formData).length === 0) return [];
  const permitted = schedule.stage === 'processing' ? await can(P.process, dossier.agencyId) : await can(P.receive, dossier.deskAgencyId);
  return permitted ? ['request_payment'] : [];
}

/** The dossier's fee: the schedule in force and what is owed for its form values, and its payment requests. */
export async function dossierFees(deps: DossierDeps, dossier: Dossier): Promise<DossierFees> {
  const schedule = await feeScheduleRepository.inForce(deps.db, dossier.offeringId, vietnamDate(deps.now()));
  return {
    schedule: schedule ? {
      stage: schedule.stage, stopsClock: schedule.stopsClock, sourceDocument: schedule.sourceDocument, verified: schedule.verified, validFrom: schedule.validFrom,
      lines: linesOwed(schedule.lines, dossier.formData),
    } : null,
    requests: deps.payments ? await deps.payments.forOwner(dossierOwner(dossier.id)) : [],
  };
}

export interface DossierFees {
  schedule: { stage: FeeStage; stopsClock: boolean; sourceDocument: string; verified: boolean; validFrom: string; lines: { code: string; name: string; amount: number; kind: 'fee' | 'charge' }[] } | null;
  requests: PaymentRequest[];
}
