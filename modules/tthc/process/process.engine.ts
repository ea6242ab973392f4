/**
 * The process engine: pure functions over a validated definition and the dossier's active
 * steps. It decides which actions an official may take and what becomes active next; storing
 * the result, permissions, assignees, deadlines and the control sheet belong to the caller.
 *
 * The definition is assumed to have passed validateProcessDefinition, so the active set is
 * always one ordinary step or some branches of one parallel step.
 */
import type { Condition, ProcessDefinition, ProcessStep, ProcessTransition } from './process.definition.ts';
import { JOIN_TARGET, isEndTarget } from './process.definition.ts';

export interface ActiveStep {
  stepId: string;
  /** Set on the branches of a parallel step: the parallel step's id. */
  parallelOf?: string;
}

export interface ProcessContext {
  /** The dossier's form data; conditions read it by dotted path. */
  formData: unknown;
  /** Dossier flags set by other features, e.g. `feePaid` by payments. A missing flag is false. */
  flags: Record<string, boolean>;
}

export interface TransitionResult {
  active: ActiveStep[];
  /** The step the action was taken on. */
  left: string;
  /** Steps that became active (the branches when a parallel step is entered); empty while other branches are still open. */
  entered: string[];
  ended?: 'approved' | 'denied';
  /** The transition that was taken: the caller needs `requiresComment` and the label for the history. */
  transition: ProcessTransition;
}

export type ProcessErrorCode = 'process.step_not_active' | 'process.action_not_available';

/** Thrown for a request that does not fit the current state; the service maps it to a 409. */
export class ProcessError extends Error {
  readonly code: ProcessErrorCode;
  constructor(code: ProcessErrorCode, message: string) {
    super(message);
    this.name = 'ProcessError';
    this.code = code;
  }
}

export function stepById(def: ProcessDefinition, id: string): ProcessStep | undefined {
  return def.steps.find((s) => s.id === id);
}

/** The active steps when a step is entered: the step itself, or every branch of a parallel step. */
export function enterStep(def: ProcessDefinition, stepId: string): ActiveStep[] {
  const step = stepById(def, stepId);
  if (!step) throw new Error(`Unknown process step "${stepId}"`); // validation makes this unreachable
  if (step.kind === 'parallel') return (step.branches ?? []).map((b) => ({ stepId: b, parallelOf: step.id }));
  return [{ stepId: step.id }];
}

export function startSteps(def: ProcessDefinition): ActiveStep[] {
  return enterStep(def, def.start);
}

/**
 * Reads a dotted path through own properties only, so "constructor" or "__proto__" in a path
 * can never reach the prototype chain.
 */
export function readField(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Values compare by type (5 does not equal "5"): the form schema decides the types, and guessing
 * conversions here would make a condition mean different things for different forms.
 */
export function evaluateCondition(condition: Condition, context: ProcessContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context));
  if ('flag' in condition) return (context.flags[condition.flag] === true) === condition.is;
  const value = readField(context.formData, condition.field);
  if ('equals' in condition) return value === condition.equals;
  if ('notEquals' in condition) return value !== condition.notEquals;
  return typeof value === 'number' && value > condition.greaterThan;
}

const findActive = (active: readonly ActiveStep[], stepId: string) => active.find((a) => a.stepId === stepId);

/** Actions offered on an active step, in definition order; per action the first transition whose condition holds. */
export function availableTransitions(def: ProcessDefinition, active: readonly ActiveStep[], stepId: string, context: ProcessContext): ProcessTransition[] {
  if (!findActive(active, stepId)) return [];
  const byAction = new Map<string, ProcessTransition>();
  for (const t of def.transitions) {
    if (t.from !== stepId || byAction.has(t.action)) continue;
    if (!t.condition || evaluateCondition(t.condition, context)) byAction.set(t.action, t);
  }
  return [...byAction.values()];
}

/** The transition an action would take, or a ProcessError saying why it cannot be taken. */
export function resolveTransition(def: ProcessDefinition, active: readonly ActiveStep[], stepId: string, action: string, context: ProcessContext): ProcessTransition {
  if (!findActive(active, stepId)) throw new ProcessError('process.step_not_active', `Step "${stepId}" is not active`);
  const transition = availableTransitions(def, active, stepId, context).find((t) => t.action === action);
  if (!transition) throw new ProcessError('process.action_not_available', `Action "${action}" is not available on step "${stepId}"`);
  return transition;
}

export function applyTransition(def: ProcessDefinition, active: readonly ActiveStep[], stepId: string, action: string, context: ProcessContext): TransitionResult {
  const transition = resolveTransition(def, active, stepId, action, context);
  const current = findActive(active, stepId)!;
  const rest = active.filter((a) => a !== current);
  if (isEndTarget(transition.to)) {
    // Ending with other steps open would silently drop them, and a branch ends only through its join;
    // validation already prevents both, this guards definitions that skipped it.
    if (rest.length > 0 || current.parallelOf !== undefined) throw new ProcessError('process.action_not_available', `Step "${stepId}" cannot end the process while other steps are active`);
    return { active: [], left: stepId, entered: [], ended: transition.to === 'end:approved' ? 'approved' : 'denied', transition };
  }
  if (transition.to === JOIN_TARGET) {
    const parallel = current.parallelOf === undefined ? undefined : stepById(def, current.parallelOf);
    if (!parallel?.join) throw new ProcessError('process.action_not_available', `Step "${stepId}" is not a parallel branch`);
    // The join waits for the last open branch of this parallel step.
    if (rest.some((a) => a.parallelOf === parallel.id)) return { active: rest, left: stepId, entered: [], transition };
    const entered = enterStep(def, parallel.join);
    return { active: [...rest, ...entered], left: stepId, entered: entered.map((a) => a.stepId), transition };
  }
  const entered = enterStep(def, transition.to);
  return { active: [...rest, ...entered], left: stepId, entered: entered.map((a) => a.stepId), transition };
}
