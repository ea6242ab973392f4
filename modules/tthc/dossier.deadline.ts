/**
 * Deadline arithmetic on the working calendar (weekends, holidays, compensatory days and
 * agency exceptions come from the catalog). Dates are Vietnam dates `YYYY-MM-DD`.
 *
 * - The promised return date is the n-th working day after the day of receipt (the day of
 *   receipt is not counted), n being the procedure's processing time.
 * - A supplement request or a pause stops the clock; when it restarts, the promised date moves
 *   by the working days that passed while it was stopped.
 * - An apology sets a new date but the dossier still counts as late against the first one.
 */
export interface DeadlineCalendar {
  addWorkingDays(start: Date | string, n: number, agencyId?: string): Promise<string>;
  workingDaysBetween(from: Date | string, to: Date | string, agencyId?: string): Promise<number>;
}

export type Timeliness = 'early' | 'on_time' | 'late';

export function promisedDate(calendar: DeadlineCalendar, receivedAt: Date, processingDays: number, agencyId?: string): Promise<string> {
  return calendar.addWorkingDays(receivedAt, processingDays, agencyId);
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
