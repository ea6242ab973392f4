import { conflict, endOfVietnamDay, unprocessable } from '../../../packages/platform/index.ts';
import { stepDays, stepDueDate } from './dossier.deadline.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { DOSSIER_PERMISSIONS } from './dossier.policies.ts';
import type { ActiveStepState, Dossier } from './dossier.types.ts';
import { validateProcessDefinition, type ProcessDefinition, type ProcessStep } from '../process/process.definition.ts';
import { ProcessError, applyTransition, availableTransitions, startSteps, stepById, type ActiveStep, type ProcessContext, type TransitionResult } from '../process/process.engine.ts';

/**
 * The bridge between the pure process engine and stored dossiers: which agency holds a step,
 * when it is due, and the hand-overs of the process control sheet. Everything here only reads
 * (the catalog, the process definition) and returns a plan; the caller writes it in its
 * transaction.
 */
export interface HandoverOpening {
  stepId: string;
  stepName: string;
  agencyId: string;
  holderId?: string | undefined;
  holderName?: string | undefined;
  startedAt: Date;
  dueAt: Date | null;
}
export async function processOf(deps: DossierDeps, dossier: Pick<Dossier, 'process'>): Promise<ProcessDefinition> {
  const version = await deps.procedures.processVersion(dossier.process.key, dossier.process.version);
  const checked = version && validateProcessDefinition(version.definition);
  if (!checked || !checked.ok) {
    throw unprocessable('dossier.process_unavailable', `Quy trình ${dossier.process.key} v${dossier.process.version} không dùng được / Process definition unavailable`);
  }
  return checked.definition;
}

/**
 * The agency a step acts for. The dossier's own steps are the deciding agency's, except a step
 * that needs `dossier.receive`: that is the one-stop desk's work (handing the dossier over), done
 * where the dossier was received — a service centre may receive for another agency (Decree 118/2025/NĐ-CP).
 */
export async function stepAgency(deps: DossierDeps, dossier: Pick<Dossier, 'agencyId' | 'deskAgencyId'>, step: ProcessStep): Promise<string> {
  if (step.agency.kind === 'owner') return step.permission === DOSSIER_PERMISSIONS.receive ? dossier.deskAgencyId : dossier.agencyId;
  const agency = await deps.catalog.findAgencyByCode(step.agency.agencyCode);
  if (!agency) throw unprocessable('dossier.step_agency_unknown', `Không có cơ quan mã ${step.agency.agencyCode} / Unknown agency in the process`);
  return agency.id;
}

/** Merged form data of every part, plus the parts themselves: conditions read `floors` or `to-khai.floors`. */
export function processContext(dossier: Pick<Dossier, 'formData' | 'flags'>): ProcessContext {
  const merged: Record<string, unknown> = {};
  for (const value of Object.values(dossier.formData)) if (value && typeof value === 'object') Object.assign(merged, value);
  return { formData: { ...merged, ...dossier.formData }, flags: dossier.flags };
}

export interface Entered {
  steps: ActiveStepState[];
  handovers: HandoverOpening[];
}

/**
 * Makes `steps` active: agency, due date and an opening hand-over for each. A step is due its
 * days (`stepDays`: its duration, or its share of the procedure's limit) from `start`, capped at
 * the dossier's due date (a same-day procedure has every step due that day).
 */
async function enter(deps: DossierDeps, dossier: Dossier, def: ProcessDefinition, steps: ActiveStep[], now: Date, dossierDueDate: string | null, start: Date | string = now): Promise<Entered> {
  const entered: Entered = { steps: [], handovers: [] };
  const limitDays = (await deps.procedures.offeringContext(dossier.offeringId))?.procedure.processingDays ?? null;
  for (const active of steps) {
    const step = stepById(def, active.stepId)!;
    const agencyId = await stepAgency(deps, dossier, step);
    const dueDate = await stepDueDate(deps.catalog, start, stepDays(def, step, limitDays), dossierDueDate, agencyId);
    entered.steps.push({ stepId: step.id, parallelOf: active.parallelOf, agencyId, since: now.toISOString(), dueDate });
    entered.handovers.push({ stepId: step.id, stepName: step.name, agencyId, startedAt: now, dueAt: endOfVietnamDay(dueDate) });
  }
  return entered;
}

/**
 * The first steps of processing, entered when the desk accepts the dossier: they run from the
 * day the dossier counts as received and end no later than its due date.
 */
export async function startProcessing(deps: DossierDeps, dossier: Dossier, now: Date, deadline: { receivedOn: string; dueDate: string }): Promise<Entered> {
  const def = await processOf(deps, dossier);
  return enter(deps, dossier, def, startSteps(def), now, deadline.dueDate, deadline.receivedOn);
}

export interface StepMove extends Entered {
  result: TransitionResult;
  step: ProcessStep;
  agencyId: string;
}

/** Plans a named transition on an active step; the caller has checked the permission of `step`. */
export async function moveStep(deps: DossierDeps, dossier: Dossier, stepId: string, action: string, comment: string | undefined, now: Date): Promise<StepMove> {
  const def = await processOf(deps, dossier);
  const current = dossier.activeSteps.find((s) => s.stepId === stepId);
  const step = stepById(def, stepId);
  if (!current || !step) throw conflict('dossier.step_not_active', 'Bước này không còn đang xử lý / This step is not active');
  let result: TransitionResult;
  try {
    result = applyTransition(def, dossier.activeSteps.map((s) => ({ stepId: s.stepId, parallelOf: s.parallelOf })), stepId, action, processContext(dossier));
  } catch (error) {
    if (error instanceof ProcessError) throw conflict(`dossier.${error.code.split('.')[1]}`, error.message);
    throw error;
  }
  if (result.transition.requiresComment && !comment?.trim()) {
    throw unprocessable('dossier.comment_required', 'Thao tác này cần ghi ý kiến / A comment is required', { field: 'comment' });
  }
  const kept = dossier.activeSteps.filter((s) => s.stepId !== stepId && result.active.some((a) => a.stepId === s.stepId));
  const newcomers = result.active.filter((a) => !kept.some((k) => k.stepId === a.stepId));
  const entered = await enter(deps, dossier, def, newcomers, now, dossier.dueDate);
  return { result, steps: [...kept, ...entered.steps], handovers: entered.handovers, step, agencyId: current.agencyId };
}

export async function stepDefinition(deps: DossierDeps, dossier: Dossier, stepId: string): Promise<{ step: ProcessStep; state: ActiveStepState }> {
  const def = await processOf(deps, dossier);
  const state = dossier.activeSteps.find((s) => s.stepId === stepId);
  const step = stepById(def, stepId);
  if (!state || !step) throw conflict('dossier.step_not_active', 'Bước này không còn đang xử lý / This step is not active');
  return { step, state };
}

/** The transitions each active step offers now (for the officials' buttons). */
export async function offeredTransitions(deps: DossierDeps, dossier: Dossier): Promise<{ stepId: string; stepName: string; stepNameEn?: string; agencyId: string; permission: string; actions: { action: string; label: string; labelEn?: string; requiresComment: boolean }[] }[]> {
  if (dossier.status !== 'processing') return [];
  const def = await processOf(deps, dossier);
  const active = dossier.activeSteps.map((s) => ({ stepId: s.stepId, parallelOf: s.parallelOf }));
  return dossier.activeSteps.map((state) => {
    const step = stepById(def, state.stepId)!;
    return {
      stepId: step.id, stepName: step.name, ...(step.nameEn === undefined ? {} : { stepNameEn: step.nameEn }), agencyId: state.agencyId, permission: step.permission,
      actions: availableTransitions(def, active, step.id, processContext(dossier)).map((t) => ({
        action: t.action, label: t.label, ...(t.labelEn === undefined ? {} : { labelEn: t.labelEn }), requiresComment: t.requiresComment ?? false,
      })),
    };
  });
}
