import { actorOf, conflict, endOfVietnamDay, newId, unprocessable, vietnamDate, type Principal, type Tx } from '../../../packages/platform/index.ts';
import { countedReceiptDate, dueDateAfterStop } from './dossier.deadline.ts';
import type { DossierDeps, NoticeEvent } from './dossier.deps.ts';
import { DOSSIER_PERMISSIONS as P, canAct, isApplicantOf, requirePermission } from './dossier.policies.ts';
import { dossierRepository, type DossierPatch } from './dossier.repository.ts';
import { STATUS_INFO, type DossierStatus } from './dossier.status.ts';
import { moveStep, startProcessing, stepDefinition, type HandoverOpening } from './dossier.steps.ts';
import type { Dossier, SupplementItem } from './dossier.types.ts';
import { checkParts } from './dossier.intake.ts';
import { requireCompleteOrOverride, reviewIntake, type ChecklistEntry, type IntakeOverride } from './dossier.checklist.ts';
import { uploadRepository } from './upload.repository.ts';
import { recordNationalSync } from '../national-sync/national-sync.outbox.ts';
import { postalReturn } from './dossier.postal.ts';
import { planPaymentReceived, planPaymentRequest } from './dossier.payment.ts';
import type { FeeStage } from '../fees/fee.schedule.ts';
import { documentNumber, type FormKind } from '../documents/index.ts';
import { recordSignedResults, signApprovedResults, type SignedResult } from './dossier.results.ts';

/**
 * Every state change of a dossier after it was filed. The one-stop rules (intake check,
 * supplement, pause, extension with apology, stop, return, withdrawal, cancellation) are here; steps inside
 * processing are delegated to the process definition (dossier.steps.ts).
 */
export type Command =
  | { action: 'accept'; checklist?: ChecklistEntry[] | undefined; override?: IntakeOverride | undefined }
  | { action: 'request_supplement'; items: SupplementItem[]; note?: string | undefined }
  | { action: 'reject'; reasons: string[] }
  | { action: 'transition'; stepId: string; transition: string; comment?: string | undefined }
  | { action: 'assign'; stepId: string; officialId: string }
  | { action: 'comment'; text: string }
  | { action: 'pause'; reason: string }
  | { action: 'resume' }
  | { action: 'apologise'; newDueDate: string; reason: string }
  | { action: 'stop'; reason: string; legalGround?: string | undefined }
  | { action: 'cancel'; reason: string }
  | { action: 'attach_result'; files: string[] }
  | { action: 'return'; method: 'desk' | 'online' | 'post' }
  | { action: 'resubmit'; formData?: Record<string, Record<string, unknown>> | undefined; files?: { uploadId: string; partCode: string }[] | undefined; note?: string | undefined }
  | { action: 'withdraw'; reason: string }
  | { action: 'request_payment' }
  /** Sent only by the payment callback (a system principal), when the fee of `purpose` was paid. */
  | { action: 'payment_received'; purpose: FeeStage; method?: 'online' | 'counter' | 'transfer' | undefined };

export type Action = Command['action'];

/** Every command code, for clients that label them (the web catalogues are checked against it). */
export const DOSSIER_ACTIONS = [
  'accept', 'request_supplement', 'reject', 'transition', 'assign', 'comment', 'pause', 'resume', 'apologise', 'stop', 'cancel', 'attach_result', 'return', 'resubmit', 'withdraw',
  'request_payment', 'payment_received',
] as const satisfies readonly Action[];
// Fails to compile when a command is added to `Command` but not to the list.
const everyActionListed: Exclude<Action, (typeof DOSSIER_ACTIONS)[number]> extends never ? true : never = true;
void everyActionListed;
/** What a dossier's history records: the filing, then the commands. */
export const DOSSIER_EVENTS = ['submit', ...DOSSIER_ACTIONS] as const;

export interface CitizenIdentity {
  personalId: string;
  fullName: string;
  enterpriseCode: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  address: { line: string; commune?: string | undefined; province?: string | undefined } | null;
}

/** People as the identity module knows them: officials to assign, citizens to prefill. */
export interface PeopleDirectory {
  principalOf(userId: string): Promise<Principal | undefined>;
  /** What VNeID said about a citizen (and the enterprise they represent, when they signed in for one). */
  citizenIdentity(userId: string): Promise<CitizenIdentity | undefined>;
  /** Officials who hold the permission for the agency (assignment candidates). */
  officialsHolding(permission: string, agencyId: string): Promise<{ id: string; fullName: string; email?: string | null }[]>;
}

/** What a command will do, planned outside the transaction (reads only), written inside it. */
export interface Change {
  action: Action;
  status?: DossierStatus;
  patch?: DossierPatch;
  note?: string | null;
  details?: Record<string, unknown>;
  visibleToApplicant: boolean;
  notice?: NoticeEvent;
  /** Replace the active steps (tasks) with these. */
  steps?: Dossier['activeSteps'];
  /** Hand-overs to close (a step id, or every open one) and to open. */
  closeHandovers?: (string | 'all')[];
  openHandovers?: HandoverOpening[];
  /** Extra values for the notice's template (read here, outside the transaction). */
  noticeValues?: Record<string, string>;
  /** Forms of Circular 03/2025 this change issues: each takes the next number of the desk's series. */
  issues?: FormKind[];
  /** Uploaded files that become the dossier's (supplements, results). */
  takeFiles?: { uploads: { uploadId: string; partCode: string | null }[]; kind: 'supplement' | 'result' };
  /** Result files signed at approval (outside the transaction), to record with it. */
  signedResults?: SignedResult[];
}

const notAllowed = (dossier: Dossier, action: string) =>
  conflict('dossier.action_not_allowed', `Không thể "${action}" khi hồ sơ đang "${STATUS_INFO[dossier.status].vi}" / Action not allowed in status ${dossier.status}`, {
    status: dossier.status, action,
  });

function expectStatus(dossier: Dossier, action: string, ...allowed: DossierStatus[]): void {
  if (!allowed.includes(dossier.status)) throw notAllowed(dossier, action);
}

/**
 * How many times a dossier's time limit may be extended (Form 04). The 2025 texts were not read
 * on this point (docs/tthc.md); one extension is the default, as Decree 61/2018 had it.
 */
export const EXTENSIONS_ALLOWED = 1;

const displayName = (principal: Principal): string =>
  principal.kind === 'user' ? principal.displayName : principal.kind === 'system' ? principal.clientId : 'anonymous';

type Decision = Omit<Change, 'action'>;

/** Plans one command on a visible dossier: checks state and permission, reads what it needs, writes nothing. */
export async function decide(deps: DossierDeps, principal: Principal, dossier: Dossier, command: Command, officials: PeopleDirectory, now: Date): Promise<Change> {
  const decision = await plan(deps, principal, dossier, command, officials, now);
  const noticeValues = decision.notice ? { agencyName: (await deps.catalog.getAgency(dossier.agencyId)).name } : undefined;
  return { action: command.action, ...decision, ...(noticeValues ? { noticeValues } : {}) };
}

async function plan(deps: DossierDeps, principal: Principal, dossier: Dossier, command: Command, officials: PeopleDirectory, now: Date): Promise<Decision> {
  switch (command.action) {
    case 'accept': {
      expectStatus(dossier, 'accept', 'submitted');
      await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      const context = await deps.procedures.offeringContext(dossier.offeringId);
      // The checklist: every required part present in the form asked for, or an explicit override with its reason.
      const review = reviewIntake(context?.procedure.parts ?? [], dossier, command.checklist);
      requireCompleteOrOverride(review, command.override);
      const receivedOn = await countedReceiptDate(deps.catalog, now, context?.offering.intakeCutoff, dossier.agencyId);
      const dueDate = await deps.catalog.addWorkingDays(receivedOn, context?.procedure.processingDays ?? 0, dossier.agencyId);
      const { steps, handovers } = await startProcessing(deps, dossier, now, { receivedOn, dueDate });
      const intake = { how: review.how, parts: review.parts, missing: review.missing.map((p) => p.partCode), ...(command.override ? { override: command.override } : {}) };
      const flags = command.override ? { flags: { ...dossier.flags, acceptedIncomplete: true } } : {};
      return {
        status: 'processing', steps, openHandovers: handovers, visibleToApplicant: true, notice: 'received', details: { dueDate, intake }, issues: ['receipt', 'control_sheet'],
        patch: { receivedAt: now, dueDate, originalDueDate: dueDate, agencyScope: [...new Set([...dossier.agencyScope, ...steps.map((s) => s.agencyId)])], ...flags },
      };
    }
    case 'reject': {
      expectStatus(dossier, 'reject', 'submitted');
      await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      return { status: 'rejected', patch: { finishedAt: now }, note: command.reasons.join('; '), details: { reasons: command.reasons }, visibleToApplicant: true, notice: 'rejected', issues: ['rejection'] };
    }
    case 'request_supplement': {
      expectStatus(dossier, 'request_supplement', 'submitted', 'processing');
      const during = dossier.status === 'submitted' ? 'intake' : 'processing';
      await requirePermission(deps.catalog, principal, during === 'intake' ? P.receive : P.process, during === 'intake' ? dossier.deskAgencyId : dossier.agencyId);
      const parts = new Map((await deps.procedures.offeringContext(dossier.offeringId))?.procedure.parts.map((p) => [p.code, p.name]) ?? []);
      const unknown = command.items.filter((i) => !parts.has(i.partCode) && i.partCode !== 'other');
      if (unknown.length) throw unprocessable('dossier.unknown_part', 'Thành phần hồ sơ không thuộc thủ tục / Unknown dossier part', { parts: unknown.map((i) => i.partCode) });
      // Each item carries the part's name too, so notices and the applicant read names, not codes.
      const items = command.items.map((i) => ({ ...i, name: parts.get(i.partCode) ?? 'Giấy tờ khác' }));
      const supplement = { items, note: command.note ?? null, requestedAt: now.toISOString(), during };
      return {
        status: 'supplement_requested', patch: { supplement, clockStoppedAt: during === 'processing' ? now : null },
        note: command.note ?? null, details: { items, during }, visibleToApplicant: true, notice: 'supplement_requested', issues: ['supplement_request'],
      };
    }
    case 'resubmit': {
      expectStatus(dossier, 'resubmit', 'supplement_requested');
      if (!isApplicantOf(principal, dossier)) await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      const files = command.files ?? [];
      const context = await deps.procedures.offeringContext(dossier.offeringId);
      if (context) await checkParts(deps, context, { formData: command.formData ?? {}, files }, true, false);
      const during = dossier.supplement?.during ?? 'intake';
      const formData = command.formData ? { ...dossier.formData, ...command.formData } : dossier.formData;
      const patch: DossierPatch = { supplement: null, clockStoppedAt: null, formData };
      if (during === 'processing' && dossier.dueDate && dossier.clockStoppedAt) {
        patch.dueDate = await dueDateAfterStop(deps.catalog, dossier.dueDate, new Date(dossier.clockStoppedAt), now, dossier.agencyId);
      }
      return {
        status: during === 'intake' ? 'submitted' : 'processing', patch, note: command.note ?? null, details: { files: files.length }, visibleToApplicant: true,
        takeFiles: { uploads: files, kind: 'supplement' },
      };
    }
    case 'transition': {
      expectStatus(dossier, 'transition', 'processing');
      const { step, state } = await stepDefinition(deps, dossier, command.stepId);
      await requirePermission(deps.catalog, principal, step.permission, state.agencyId);
      const move = await moveStep(deps, dossier, command.stepId, command.transition, command.comment, now);
      const { action, label, labelEn } = move.result.transition;
      const details = { stepId: step.id, stepName: step.name, transition: action, label, ...(labelEn === undefined ? {} : { labelEn }) };
      const agencyScope = [...new Set([...dossier.agencyScope, ...move.steps.map((s) => s.agencyId)])];
      const handovers = { closeHandovers: [step.id], openHandovers: move.handovers };
      if (move.result.ended) {
        const signedResults = move.result.ended === 'approved' ? await signApprovedResults(deps, principal, dossier, state.agencyId, now) : [];
        return {
          ...handovers, status: 'ready_to_return', steps: [], patch: { result: move.result.ended, agencyScope }, note: command.comment ?? null,
          details: { ...details, result: move.result.ended, ...(signedResults.length ? { signedResults: signedResults.length } : {}) }, visibleToApplicant: true, notice: 'result_ready',
          ...(signedResults.length ? { signedResults } : {}),
        };
      }
      return { ...handovers, steps: move.steps, patch: { agencyScope }, note: command.comment ?? null, details, visibleToApplicant: false };
    }
    case 'assign': {
      expectStatus(dossier, 'assign', 'processing', 'paused');
      const { step, state } = await stepDefinition(deps, dossier, command.stepId);
      await requirePermission(deps.catalog, principal, step.permission, state.agencyId).catch(() => requirePermission(deps.catalog, principal, P.approve, state.agencyId));
      const assignee = await officials.principalOf(command.officialId);
      if (!assignee || assignee.kind !== 'user' || assignee.userType !== 'official' || !(await canAct(deps.catalog, assignee, step.permission, state.agencyId))) {
        throw unprocessable('dossier.assignee_not_eligible', 'Cán bộ này không thể nhận bước xử lý này / This official cannot take this step', { officialId: command.officialId });
      }
      const steps = dossier.activeSteps.map((s) => (s.stepId === step.id ? { ...s, assigneeId: assignee.userId, assigneeName: assignee.displayName } : s));
      return {
        steps, details: { stepId: step.id, assignee: assignee.displayName }, visibleToApplicant: false, closeHandovers: [step.id],
        openHandovers: [{ stepId: step.id, stepName: step.name, agencyId: state.agencyId, holderId: assignee.userId, holderName: assignee.displayName, startedAt: now, dueAt: endOfVietnamDay(state.dueDate) }],
      };
    }
    case 'comment':
      if (isApplicantOf(principal, dossier)) throw notAllowed(dossier, 'comment');
      return { note: command.text, details: {}, visibleToApplicant: false };
    case 'pause':
      expectStatus(dossier, 'pause', 'processing');
      await requirePermission(deps.catalog, principal, P.approve, dossier.agencyId);
      return { status: 'paused', patch: { clockStoppedAt: now }, note: command.reason, details: {}, visibleToApplicant: true };
    case 'resume': {
      expectStatus(dossier, 'resume', 'paused');
      await requirePermission(deps.catalog, principal, P.approve, dossier.agencyId);
      const dueDate = dossier.dueDate && dossier.clockStoppedAt
        ? await dueDateAfterStop(deps.catalog, dossier.dueDate, new Date(dossier.clockStoppedAt), now, dossier.agencyId) : dossier.dueDate;
      return { status: 'processing', patch: { clockStoppedAt: null, dueDate }, details: { dueDate }, visibleToApplicant: true };
    }
    case 'apologise': {
      // The extension of Form 04: a new date with its reason, the applicant told; once per dossier.
      expectStatus(dossier, 'apologise', 'processing', 'paused', 'supplement_requested');
      await requirePermission(deps.catalog, principal, P.approve, dossier.agencyId);
      if (dossier.apologised && EXTENSIONS_ALLOWED <= 1) {
        throw conflict('dossier.already_extended', 'Hồ sơ đã được gia hạn một lần / The time limit was already extended once');
      }
      if (!dossier.dueDate || command.newDueDate <= dossier.dueDate || command.newDueDate < vietnamDate(now)) {
        throw unprocessable('dossier.invalid_due_date', 'Ngày hẹn mới phải sau ngày hẹn hiện tại / The new date must be after the current due date', { field: 'newDueDate', dueDate: dossier.dueDate });
      }
      // A promised date is never a day off: the first working day on or after it must be itself.
      const workingDay = await deps.catalog.addWorkingDays(command.newDueDate, 0, dossier.agencyId);
      if (workingDay !== command.newDueDate) {
        throw unprocessable('dossier.due_date_not_working_day', 'Ngày hẹn mới rơi vào ngày nghỉ / The new date is not a working day', { field: 'newDueDate', nextWorkingDay: workingDay });
      }
      return {
        patch: { apologised: true, dueDate: command.newDueDate }, note: command.reason, details: { previousDueDate: dossier.dueDate, newDueDate: command.newDueDate, issuedAt: now.toISOString(), reason: command.reason },
        visibleToApplicant: true, notice: 'apologised', issues: ['apology'],
      };
    }
    case 'stop':
      // Form 05: processing ends, before a result was decided, with its notice to the applicant.
      expectStatus(dossier, 'stop', 'processing', 'paused', 'supplement_requested');
      await requirePermission(deps.catalog, principal, P.approve, dossier.agencyId);
      return {
        status: 'stopped', steps: [], patch: { finishedAt: now, clockStoppedAt: null }, note: command.reason,
        details: { reason: command.reason, ...(command.legalGround ? { legalGround: command.legalGround } : {}) }, visibleToApplicant: true, notice: 'stopped', issues: ['stop'],
      };
    case 'cancel':
      expectStatus(dossier, 'cancel', 'submitted', 'supplement_requested', 'processing', 'paused', 'awaiting_payment', 'ready_to_return');
      await requirePermission(deps.catalog, principal, P.approve, dossier.agencyId);
      return { status: 'cancelled', steps: [], patch: { finishedAt: now, clockStoppedAt: null }, note: command.reason, details: { reason: command.reason }, visibleToApplicant: true, notice: 'cancelled' };
    case 'withdraw':
      expectStatus(dossier, 'withdraw', 'submitted', 'supplement_requested', 'processing', 'paused', 'awaiting_payment');
      if (!isApplicantOf(principal, dossier)) await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      return { status: 'withdrawn', steps: [], patch: { finishedAt: now, clockStoppedAt: null }, note: command.reason, details: {}, visibleToApplicant: true, notice: 'withdrawn' };
    case 'attach_result': {
      expectStatus(dossier, 'attach_result', 'processing', 'ready_to_return');
      await requirePermission(deps.catalog, principal, P.process, dossier.agencyId).catch(() => requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId));
      return { details: { files: command.files.length }, visibleToApplicant: false, takeFiles: { uploads: command.files.map((uploadId) => ({ uploadId, partCode: null })), kind: 'result' } };
    }
    case 'request_payment':
      return planPaymentRequest(deps, principal, dossier, now);
    case 'payment_received':
      return planPaymentReceived(deps, principal, dossier, command.purpose, now, command.method);
    case 'return':
      expectStatus(dossier, 'return', 'ready_to_return');
      await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      return { status: 'completed', patch: { finishedAt: now }, details: { method: command.method, result: dossier.result, ...(await postalReturn(deps, dossier, command.method)) }, visibleToApplicant: true, notice: 'completed' };
  }
}

/**
 * Writes a planned change in the caller's transaction. The version-checked update comes first:
 * if someone changed the dossier since it was read, nothing else is written (409).
 */
export async function applyChange(deps: DossierDeps, tx: Tx, principal: Principal, dossier: Dossier, change: Change): Promise<Dossier> {
  const now = deps.now();
  const actor = actorOf(principal);
  const toStatus = change.status ?? dossier.status;
  const updated = await dossierRepository.update(tx, dossier.id, dossier.version, { ...change.patch, status: toStatus });
  if (!updated) throw conflict('dossier.version_conflict', 'Hồ sơ vừa được người khác cập nhật / The dossier was changed by someone else');
  if (change.takeFiles) {
    const { uploads, kind } = change.takeFiles;
    const taken = await uploadRepository.take(tx, uploads.map((u) => u.uploadId), actor);
    await dossierRepository.addFiles(tx, dossier.id, uploads.map((f) => {
      const u = taken.get(f.uploadId)!;
      return { id: newId(), partCode: f.partCode, kind, blobKey: u.blobKey, fileName: u.fileName, contentType: u.contentType, size: u.size, uploadedBy: actor };
    }));
  }
  const resultCodes = change.signedResults ? await recordSignedResults(deps, tx, dossier.id, change.signedResults) : [];
  const closing = change.status && STATUS_INFO[change.status].final ? ['all' as const] : change.closeHandovers ?? [];
  const actorName = displayName(principal);
  for (const stepId of closing) await dossierRepository.closeHandovers(tx, dossier.id, now, actorName, stepId === 'all' ? undefined : stepId);
  for (const opening of change.openHandovers ?? []) await dossierRepository.openHandover(tx, dossier.id, opening, actorName);
  const documentNumbers: Record<string, string> = {};
  const year = Number(vietnamDate(now).slice(0, 4));
  for (const form of change.issues ?? []) {
    documentNumbers[form] = documentNumber(form, year, await dossierRepository.nextDocumentNumber(tx, dossier.deskAgencyId, year, form));
  }
  if (change.steps) await dossierRepository.replaceTasks(tx, dossier.id, change.steps);
  await dossierRepository.addEvent(tx, dossier.id, {
    actor, actorName, action: change.action, fromStatus: dossier.status, toStatus,
    note: change.note ?? null, visibleToApplicant: change.visibleToApplicant,
    details: { ...change.details, ...(change.issues?.length ? { documentNumbers } : {}), ...(resultCodes.length ? { resultCodes } : {}) },
  });
  await recordNationalSync(tx, { dossierId: dossier.id, action: change.action, from: dossier.status, to: toStatus, at: now, resultAttached: change.takeFiles?.kind === 'result' });
  const after = (await dossierRepository.load(tx, dossier.id))!;
  if (change.notice) await deps.notices(tx, change.notice, after, { ...change.details, ...change.noticeValues });
  await deps.changes.record(tx, after);
  return after;
}
