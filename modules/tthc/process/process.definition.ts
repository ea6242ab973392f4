/**
 * Process definitions: what happens while a dossier is `processing`. The one-stop rules around
 * it (intake, supplement, pause, return, withdrawal, cancellation) are code; this part is data
 * edited by an administrator and stored per version, so it is validated here before it is ever
 * published: a definition that passes can be walked by the engine without dead ends.
 *
 * Shape of the active set the rules below guarantee: either one ordinary step, or some branches
 * of one parallel step. That is why a branch may only go to `$join`, nothing may jump into a
 * branch, and neither `start` nor a join step may be a branch.
 */
export interface ProcessStep {
  id: string;
  name: string;
  nameEn?: string;
  kind: 'task' | 'parallel';
  /** Permission an official needs to act on this step (one of PROCESS_PERMISSIONS). */
  permission: string;
  /** Which agency acts: the dossier's own agency, or another agency (consultation) by agency code. */
  agency: { kind: 'owner' } | { kind: 'other'; agencyCode: string };
  /** Working days allowed for this step (0–365). */
  durationDays: number;
  /** parallel only: branch step ids started together, and the step activated when all have finished. */
  branches?: string[];
  join?: string;
}
export type EndTarget = 'end:approved' | 'end:denied';
export type TransitionTarget = string | EndTarget | '$join';
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; notEquals: string | number | boolean }
  | { field: string; greaterThan: number }
  | { flag: string; is: boolean }
  | { all: Condition[] }
  | { any: Condition[] };
export interface ProcessTransition {
  from: string;
  action: string;
  label: string;
  labelEn?: string;
  to: TransitionTarget;
  condition?: Condition;
  requiresComment?: boolean;
}
export interface ProcessDefinition {
  start: string;
  steps: ProcessStep[];
  transitions: ProcessTransition[];
}
export interface ValidationIssue {
  path: string;
  message: string;
}
export type ValidationResult = { ok: true; definition: ProcessDefinition } | { ok: false; errors: ValidationIssue[] };

export const STEP_ID = /^[a-z][a-z0-9_]{0,39}$/;
export const ACTION_ID = /^[a-z][a-z0-9_]{0,39}$/;
export const PROCESS_PERMISSIONS = ['dossier.receive', 'dossier.process', 'dossier.approve'] as const;
export const END_TARGETS: readonly EndTarget[] = ['end:approved', 'end:denied'];
export const JOIN_TARGET = '$join';
/** Limits keep a definition small enough to edit, render and store in one jsonb column. */
export const PROCESS_LIMITS = { steps: 50, transitions: 200, text: 200, durationDays: 365, conditionDepth: 6, conditionItems: 20 } as const;
// Same rule as the catalog's agency codes (modules/catalog is reachable only through its door).
const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Dotted path into form data; digits allow array indices ("owners.0.name").
const FIELD_PATH = /^[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64}){0,9}$/;
const FLAG = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export const isEndTarget = (to: string): to is EndTarget => (END_TARGETS as readonly string[]).includes(to);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= PROCESS_LIMITS.text);

/** Collects issues while a copy of the input is built, so the stored definition has no stray keys. */
class Checker {
  readonly errors: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.errors.push({ path: path.replace(/^\./, ''), message }); // top-level keys are checked with path ''
  }
  /** Unknown keys are refused rather than dropped: a typo such as `requireComment` must not pass silently. */
  keys(o: Obj, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.add(`${path}.${k}`, 'unknown property');
  }
  text(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.add(`${path}.${key}`, 'must be a non-empty string');
    else if (v.length > PROCESS_LIMITS.text) this.add(`${path}.${key}`, `must be at most ${PROCESS_LIMITS.text} characters`);
    // Control characters have no place in a label and cannot even be written to XML (BPMN export).
    else if (/[\u0000-\u001F\u007F]/.test(v)) this.add(`${path}.${key}`, 'must not contain control characters'); // eslint-disable-line no-control-regex
    else return v;
    return undefined;
  }
  id(o: Obj, key: string, path: string, pattern: RegExp): string | undefined {
    const v = o[key];
    if (typeof v === 'string' && pattern.test(v)) return v;
    this.add(`${path}.${key}`, `must match ${pattern.source}`);
    return undefined;
  }
}

function parseStep(c: Checker, v: unknown, path: string): ProcessStep | undefined {
  if (!isObj(v)) return void c.add(path, 'must be an object');
  c.keys(v, ['id', 'name', 'nameEn', 'kind', 'permission', 'agency', 'durationDays', 'branches', 'join'], path);
  const id = c.id(v, 'id', path, STEP_ID);
  const name = c.text(v, 'name', path);
  const nameEn = c.text(v, 'nameEn', path, true);
  const kind = v.kind;
  if (kind !== 'task' && kind !== 'parallel') c.add(`${path}.kind`, 'must be "task" or "parallel"');
  const permission = v.permission;
  if (typeof permission !== 'string' || !(PROCESS_PERMISSIONS as readonly string[]).includes(permission)) {
    c.add(`${path}.permission`, `must be one of ${PROCESS_PERMISSIONS.join(', ')}`);
  }
  let agency: ProcessStep['agency'] | undefined;
  const a = v.agency;
  if (isObj(a) && a.kind === 'owner') {
    c.keys(a, ['kind'], `${path}.agency`);
    agency = { kind: 'owner' };
  } else if (isObj(a) && a.kind === 'other') {
    c.keys(a, ['kind', 'agencyCode'], `${path}.agency`);
    const code = c.id(a, 'agencyCode', `${path}.agency`, AGENCY_CODE);
    if (code) agency = { kind: 'other', agencyCode: code };
  } else c.add(`${path}.agency`, 'must be { kind: "owner" } or { kind: "other", agencyCode }');
  const days = v.durationDays;
  if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > PROCESS_LIMITS.durationDays) {
    c.add(`${path}.durationDays`, `must be an integer from 0 to ${PROCESS_LIMITS.durationDays}`);
  }
  let branches: string[] | undefined;
  let join: string | undefined;
  if (kind === 'parallel') {
    if (!Array.isArray(v.branches)) c.add(`${path}.branches`, 'must be an array of step ids');
    else if (v.branches.length > PROCESS_LIMITS.steps) c.add(`${path}.branches`, `must have at most ${PROCESS_LIMITS.steps} items`);
    else {
      branches = [];
      v.branches.forEach((b, j) => {
        if (typeof b === 'string' && STEP_ID.test(b)) branches!.push(b);
        else c.add(`${path}.branches[${j}]`, 'must be a step id');
      });
    }
    join = c.id(v, 'join', path, STEP_ID);
  } else {
    if (v.branches !== undefined) c.add(`${path}.branches`, 'only parallel steps have branches');
    if (v.join !== undefined) c.add(`${path}.join`, 'only parallel steps have a join');
  }
  if (id === undefined || name === undefined || (kind !== 'task' && kind !== 'parallel') || agency === undefined) return undefined;
  const step: ProcessStep = { id, name, kind, permission: permission as string, agency, durationDays: days as number };
  if (nameEn !== undefined) step.nameEn = nameEn;
  if (branches) step.branches = branches;
  if (join !== undefined) step.join = join;
  return step;
}

function parseCondition(c: Checker, v: unknown, path: string, depth: number): Condition | undefined {
  if (!isObj(v)) return void c.add(path, 'must be an object');
  if (depth > PROCESS_LIMITS.conditionDepth) return void c.add(path, `conditions nest at most ${PROCESS_LIMITS.conditionDepth} levels`);
  for (const op of ['all', 'any'] as const) {
    if (!(op in v)) continue;
    c.keys(v, [op], path);
    const items = v[op];
    if (!Array.isArray(items) || items.length === 0 || items.length > PROCESS_LIMITS.conditionItems) {
      return void c.add(`${path}.${op}`, `must be an array of 1 to ${PROCESS_LIMITS.conditionItems} conditions`);
    }
    const parsed = items.map((item, i) => parseCondition(c, item, `${path}.${op}[${i}]`, depth + 1));
    return parsed.every((p) => p !== undefined) ? ({ [op]: parsed } as Condition) : undefined;
  }
  if ('flag' in v) {
    c.keys(v, ['flag', 'is'], path);
    const flag = c.id(v, 'flag', path, FLAG);
    if (typeof v.is !== 'boolean') return void c.add(`${path}.is`, 'must be a boolean');
    return flag === undefined ? undefined : { flag, is: v.is };
  }
  if (!('field' in v)) return void c.add(path, 'must have one of field, flag, all, any');
  const ops = ['equals', 'notEquals', 'greaterThan'].filter((k) => k in v);
  if (ops.length !== 1) return void c.add(path, 'a field condition needs exactly one of equals, notEquals, greaterThan');
  const op = ops[0]!;
  c.keys(v, ['field', op], path);
  const field = typeof v.field === 'string' && v.field.length <= PROCESS_LIMITS.text && FIELD_PATH.test(v.field) ? v.field : undefined;
  if (field === undefined) c.add(`${path}.field`, 'must be a dotted path such as "building.floors"');
  const value = v[op];
  if (op === 'greaterThan' ? typeof value !== 'number' || !Number.isFinite(value) : !isScalar(value)) {
    return void c.add(`${path}.${op}`, op === 'greaterThan' ? 'must be a number' : 'must be a string, number or boolean');
  }
  return field === undefined ? undefined : ({ field, [op]: value } as Condition);
}

function parseTransition(c: Checker, v: unknown, path: string): ProcessTransition | undefined {
  if (!isObj(v)) return void c.add(path, 'must be an object');
  c.keys(v, ['from', 'action', 'label', 'labelEn', 'to', 'condition', 'requiresComment'], path);
  const from = c.id(v, 'from', path, STEP_ID);
  const action = c.id(v, 'action', path, ACTION_ID);
  const label = c.text(v, 'label', path);
  const labelEn = c.text(v, 'labelEn', path, true);
  const to = typeof v.to === 'string' && (STEP_ID.test(v.to) || isEndTarget(v.to) || v.to === JOIN_TARGET) ? v.to : undefined;
  if (to === undefined) c.add(`${path}.to`, 'must be a step id, "end:approved", "end:denied" or "$join"');
  const condition = v.condition === undefined ? undefined : parseCondition(c, v.condition, `${path}.condition`, 1);
  if (v.requiresComment !== undefined && typeof v.requiresComment !== 'boolean') c.add(`${path}.requiresComment`, 'must be a boolean');
  if (from === undefined || action === undefined || label === undefined || to === undefined || (v.condition !== undefined && !condition)) return undefined;
  const t: ProcessTransition = { from, action, label, to };
  if (labelEn !== undefined) t.labelEn = labelEn;
  if (condition) t.condition = condition;
  if (v.requiresComment === true) t.requiresComment = true;
  return t;
}

/** Cross-references: ids, parallel blocks, where transitions may lead, duplicate actions. */
function checkReferences(c: Checker, def: ProcessDefinition): void {
  const byId = new Map<string, ProcessStep>();
  def.steps.forEach((s, i) => (byId.has(s.id) ? c.add(`steps[${i}].id`, `duplicate step id "${s.id}"`) : byId.set(s.id, s)));
  if (!byId.has(def.start)) c.add('start', `unknown step "${def.start}"`);
  const branchOf = new Map<string, string>();
  def.steps.forEach((s, i) => {
    if (s.kind !== 'parallel') return;
    const branches = s.branches ?? [];
    if (branches.length < 2) c.add(`steps[${i}].branches`, 'a parallel step needs at least 2 branches');
    branches.forEach((b, j) => {
      const path = `steps[${i}].branches[${j}]`;
      const owner = branchOf.get(b);
      if (!byId.has(b)) c.add(path, `unknown step "${b}"`);
      else if (byId.get(b)!.kind !== 'task') c.add(path, 'a branch must be a task step');
      else if (owner !== undefined) c.add(path, owner === s.id ? 'duplicate branch' : `already a branch of "${owner}"`);
      else branchOf.set(b, s.id);
    });
    if (!byId.has(s.join!)) c.add(`steps[${i}].join`, `unknown step "${s.join}"`);
    else if (s.join === s.id) c.add(`steps[${i}].join`, 'a parallel step cannot join into itself');
  });
  def.steps.forEach((s, i) => {
    if (s.join !== undefined && branchOf.has(s.join)) c.add(`steps[${i}].join`, 'the join step cannot be a parallel branch');
  });
  if (branchOf.has(def.start)) c.add('start', 'start cannot be a parallel branch');
  // Per (from, action): once a transition without condition is seen, later ones could never win.
  const hasFallback = new Set<string>();
  def.transitions.forEach((t, k) => {
    const path = `transitions[${k}]`;
    const from = byId.get(t.from);
    const fromBranch = branchOf.has(t.from);
    if (!from) c.add(`${path}.from`, `unknown step "${t.from}"`);
    else if (from.kind === 'parallel') c.add(`${path}.from`, 'a parallel step has no transitions of its own (its branches go to $join)');
    if (t.to === JOIN_TARGET) {
      if (from && !fromBranch) c.add(`${path}.to`, '$join is only allowed from a parallel branch');
    } else if (!isEndTarget(t.to) && !byId.has(t.to)) c.add(`${path}.to`, `unknown step "${t.to}"`);
    else if (fromBranch) c.add(`${path}.to`, 'a parallel branch can only go to $join');
    else if (branchOf.has(t.to)) c.add(`${path}.to`, 'a parallel branch is entered only through its parallel step');
    const key = `${t.from} ${t.action}`;
    if (hasFallback.has(key)) c.add(`${path}.action`, `action "${t.action}" of step "${t.from}" already has a transition without condition`);
    if (!t.condition) hasFallback.add(key);
  });
  if (!def.transitions.some((t) => isEndTarget(t.to))) c.add('transitions', 'no transition reaches end:approved or end:denied');
}

/** Reachability from start, and an end reachable from every step (a parallel counts only when all its branches can join). */
function checkGraph(c: Checker, def: ProcessDefinition): void {
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const parallelOf = new Map<string, ProcessStep>();
  for (const s of def.steps) for (const b of s.branches ?? []) parallelOf.set(b, s);
  const next = (s: ProcessStep): string[] =>
    s.kind === 'parallel'
      ? [...s.branches!]
      : def.transitions.filter((t) => t.from === s.id).map((t) => (t.to === JOIN_TARGET ? parallelOf.get(s.id)!.join! : t.to)).filter((to) => byId.has(to));
  const seen = new Set([def.start]);
  const queue = [def.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const to of next(byId.get(id)!)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  const finishes = new Set<string>();
  const canFinish = (s: ProcessStep): boolean => {
    if (s.kind === 'parallel') return s.branches!.every((b) => finishes.has(b));
    const out = def.transitions.filter((t) => t.from === s.id);
    if (parallelOf.has(s.id)) return finishes.has(parallelOf.get(s.id)!.join!) && out.some((t) => t.to === JOIN_TARGET);
    return out.some((t) => isEndTarget(t.to) || finishes.has(t.to));
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of def.steps) {
      if (!finishes.has(s.id) && canFinish(s)) {
        finishes.add(s.id);
        changed = true;
      }
    }
  }
  def.steps.forEach((s, i) => {
    if (!seen.has(s.id)) c.add(`steps[${i}]`, `step "${s.id}" is not reachable from start`);
    if (!finishes.has(s.id)) c.add(`steps[${i}]`, `no end is reachable from step "${s.id}"`);
  });
}

/** Validates untrusted JSON (an admin's edit) and returns a clean copy of the definition. */
export function validateProcessDefinition(def: unknown): ValidationResult {
  const c = new Checker();
  if (!isObj(def)) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  c.keys(def, ['start', 'steps', 'transitions'], '');
  const start = c.id(def, 'start', '', STEP_ID);
  const list = (key: 'steps' | 'transitions', max: number): unknown[] => {
    const v = def[key];
    if (Array.isArray(v) && v.length > 0 && v.length <= max) return v;
    c.add(key, `must be an array of 1 to ${max} items`);
    return [];
  };
  const steps = list('steps', PROCESS_LIMITS.steps).map((s, i) => parseStep(c, s, `steps[${i}]`));
  const transitions = list('transitions', PROCESS_LIMITS.transitions).map((t, i) => parseTransition(c, t, `transitions[${i}]`));
  // Later stages assume well-typed input; stopping here also avoids a cascade of follow-on errors.
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  const definition: ProcessDefinition = { start: start!, steps: steps as ProcessStep[], transitions: transitions as ProcessTransition[] };
  checkReferences(c, definition);
  if (c.errors.length === 0) checkGraph(c, definition);
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, definition };
}
