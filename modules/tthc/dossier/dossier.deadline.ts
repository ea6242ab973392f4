/**
 * Deadline arithmetic on the working calendar (weekends, holidays, compensatory days and
 * agency exceptions come from the catalog). Dates are Vietnam dates `YYYY-MM-DD`.
 *
 * - A dossier received on a day off, or at or after the intake cut-off (15:00 Vietnam time
 *   unless the offering sets another), counts as received at the start of the next working day.
 * - The promised return date is the n-th working day after that day of receipt (the day of
 *   receipt is not counted), n being the procedure's processing time; for n = 0 it is that day
 *   of receipt itself, so a promised date is never a day off.
 * - A step's due date comes from its duration in the process, shrunk in proportion when the
 *   process's longest route takes longer than the procedure's limit (each step keeps its share),
 *   and never lies beyond the dossier's due date.
 * - A supplement request or a pause stops the clock; when it restarts, the promised date moves
 *   by the working days that passed while it was stopped.
 * - An apology sets a new date but the dossier still counts as late against the first one.
 */
import { VIETNAM_OFFSET_MS } from '../../../packages/platform/index.ts';
import type { ProcessDefinition, ProcessStep } from '../process/process.definition.ts';

export interface DeadlineCalendar {
  addWorkingDays(start: Date | string, n: number, agencyId?: string): Promise<string>;
  workingDaysBetween(from: Date | string, to: Date | string, agencyId?: string): Promise<number>;
}

export type Timeliness = 'early' | 'on_time' | 'late';

/** Decree 61/2018 practice: dossiers received from 15:00 count from the next working day. */
export const DEFAULT_INTAKE_CUTOFF = '15:00';

/** The working day a dossier counts as received on (see the rules above). */
export function countedReceiptDate(calendar: DeadlineCalendar, receivedAt: Date, cutoff: string | null = DEFAULT_INTAKE_CUTOFF, agencyId?: string): Promise<string> {
  const local = new Date(receivedAt.getTime() + VIETNAM_OFFSET_MS).toISOString();
  const afterCutoff = local.slice(11, 16) >= (cutoff ?? DEFAULT_INTAKE_CUTOFF);
  // days = 0 is the first working day on or after the date; 1 the first one after it.
  return calendar.addWorkingDays(local.slice(0, 10), afterCutoff ? 1 : 0, agencyId);
}

/**
 * Working days the longest route through the process takes by its steps' own durations, from
 * the start step to an end; send-backs (edges back to a step already on the route) are left
 * aside, and a parallel step counts its own duration and then its join step.
 */
export function processSpan(def: ProcessDefinition): number {
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const next = (step: ProcessStep): string[] => {
    const targets = def.transitions.filter((t) => t.from === step.id && byId.has(t.to)).map((t) => t.to);
    return step.kind === 'parallel' && step.join ? [...targets, step.join] : targets;
  };
  const memo = new Map<string, number>();
  const onRoute = new Set<string>();
  const longest = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    if (!step) return 0;
    onRoute.add(id);
    let rest = 0;
    for (const to of next(step)) if (!onRoute.has(to)) rest = Math.max(rest, longest(to));
    onRoute.delete(id);
    memo.set(id, step.durationDays + rest);
    return step.durationDays + rest;
  };
  return longest(def.start);
}

/** A step's working days: its own, or its share of `limitDays` when the process does not fit in the limit. */
export function stepDays(def: ProcessDefinition, step: ProcessStep, limitDays: number | null): number {
  if (limitDays === null) return step.durationDays;
  const span = processSpan(def);
  return span <= limitDays ? step.durationDays : Math.floor((step.durationDays * limitDays) / span);
}

/** A step's due date: its days from `start`, but never after the dossier's due date. */
export async function stepDueDate(calendar: DeadlineCalendar, start: Date | string, durationDays: number, dossierDueDate: string | null, agencyId?: string): Promise<string> {
  const own = await calendar.addWorkingDays(start, durationDays, agencyId);
  return dossierDueDate && dossierDueDate < own ? dossierDueDate : own;
}

/** The promised date after the clock was stopped from `stoppedAt` to `resumedAt`. */
export async function dueDateAfterStop(calendar: DeadlineCalendar, dueDate: string, stoppedAt: Date, resumedAt: Date, agencyId?: string): Promise<string> {
  const stoppedDays = await calendar.workingDaysBetween(stoppedAt, resumedAt, agencyId);
  return stoppedDays > 0 ? calendar.addWorkingDays(dueDate, stoppedDays, agencyId) : dueDate;
}

/** How a finished dossier compares with the date first promised (apologies do not help). */
export function timeliness(originalDueDate: string, finishedOn: string, apologised: boolean): Timeliness {
  if (apologised || finishedOn > originalDueDate) return 'late';
  return finishedOn < originalDueDate ? 'early' : 'on_time';
}
