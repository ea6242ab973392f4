import { sql } from 'drizzle-orm';
import { enqueueJob, newId, queryRows, vietnamDate, type Db, type JobHandler, type RecurringJob } from '../../../packages/platform/index.ts';
import { formatDate } from '../documents/index.ts';
import { notifications } from '../db/schema.ts';
import type { PeopleDirectory } from '../dossier/dossier.actions.ts';
import type { NoticeEvent } from '../dossier/dossier.deps.ts';
import { NOTICE_QUEUE, templateRepository, type NoticeJob } from './notice.service.ts';
import { renderTemplate } from './notice.templates.ts';

/**
 * Deadline reminders to officials: for every active step due by the next working day of its
 * agency's calendar (`due_soon`: on a Friday, a step due on Monday; on the last day before Tết,
 * a step due on the first day after it) or already past its date (`overdue`), the step's handler (its assignee) and the agency's leaders
 * (who approve there) get an in-app notice and a mail, through the notice templates and queue.
 * Each reminder goes once per dossier, step and kind: the row in `tthc.reminders` is written in
 * the same transaction as the notices, so two replicas or a rerun never send it twice.
 */
export const REMINDER_QUEUE = 'tthc.deadline-reminders';
export const DEADLINE_REMINDERS: RecurringJob = { name: 'tthc.deadline-reminders', queue: REMINDER_QUEUE, everySeconds: 3600 };

type Kind = 'due_soon' | 'overdue';
const EVENT: Record<Kind, NoticeEvent> = { due_soon: 'step_due_soon', overdue: 'step_overdue' };

interface DueStep {
  dossier_id: string; code: string; procedure_name: string; due_date: string | null; step_id: string; step_name: string; step_due: string;
  agency_id: string; assignee_id: string | null; kind: Kind;
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Longer than any run of days off (Tết is nine): steps due later are never "due soon" today. */
const LOOKAHEAD_DAYS = 31;

export interface ReminderDeps {
  db: Db;
  people: Pick<PeopleDirectory, 'officialsHolding'>;
  /** The working calendar (modules/catalog): holidays, swapped Saturdays, per-agency days. */
  calendar: { addWorkingDays(start: Date | string, n: number, agencyId?: string): Promise<string> };
  publicUrl: string;
  now: () => Date;
}

export function deadlineReminder(deps: ReminderDeps): JobHandler {
  const { db } = deps;
  return async () => {
    const today = vietnamDate(deps.now());
    const candidates = await queryRows<DueStep>(db, sql`
      select t.dossier_id, d.code, p.name as procedure_name, d.due_date::text as due_date, t.step_id, t.due_date::text as step_due,
             coalesce((select h.step_name from tthc.handovers h where h.dossier_id = t.dossier_id and h.step_id = t.step_id order by h.id desc limit 1), t.step_id) as step_name,
             t.agency_id, t.assignee_id,
             case when t.due_date < ${today}::date then 'overdue' else 'due_soon' end as kind
      from tthc.tasks t join tthc.dossiers d on d.id = t.dossier_id join tthc.procedures p on p.id = d.procedure_id
      where d.status = 'processing' and t.due_date <= ${addDays(today, LOOKAHEAD_DAYS)}::date
        and not exists (select 1 from tthc.reminders r where r.dossier_id = t.dossier_id and r.step_id = t.step_id
                        and r.kind = case when t.due_date < ${today}::date then 'overdue' else 'due_soon' end)
      order by t.due_date, t.dossier_id limit 500`);
    const horizons = new Map<string, Promise<string>>();
    const nextWorkingDay = (agencyId: string) => {
      if (!horizons.has(agencyId)) horizons.set(agencyId, deps.calendar.addWorkingDays(today, 1, agencyId));
      return horizons.get(agencyId)!;
    };
    for (const step of candidates) {
      if (step.kind === 'overdue' || step.step_due <= (await nextWorkingDay(step.agency_id))) await remind(step);
    }
  };

  async function remind(step: DueStep): Promise<void> {
    // Read outside the transaction (the embedded database has one connection).
    const [handlers, leaders, template] = await Promise.all([
      step.assignee_id ? deps.people.officialsHolding('dossier.process', step.agency_id) : Promise.resolve([]),
      deps.people.officialsHolding('dossier.approve', step.agency_id),
      templateRepository.find(db, EVENT[step.kind], 'inapp', 'vi'),
    ]);
    const recipients = new Map([...handlers.filter((h) => h.id === step.assignee_id), ...leaders].map((r) => [r.id, r]));
    const event = EVENT[step.kind];
    await db.transaction(async (tx) => {
      const claimed = await queryRows(tx, sql`
        insert into tthc.reminders (dossier_id, step_id, kind, due_date, recipients)
        values (${step.dossier_id}::uuid, ${step.step_id}, ${step.kind}, ${step.step_due}::date, ${recipients.size})
        on conflict do nothing returning dossier_id`);
      if (claimed.length === 0) return; // another replica sent it
      for (const person of recipients.values()) {
        const values = {
          code: step.code, procedureName: step.procedure_name, stepName: step.step_name, stepDueDate: formatDate(step.step_due),
          dueDate: step.due_date ? formatDate(step.due_date) : '', recipientName: person.fullName,
          officialUrl: `${deps.publicUrl}/workspace/dossiers/${step.dossier_id}`,
        };
        await tx.insert(notifications).values({
          id: newId(), recipient: person.id, dossierId: step.dossier_id, event,
          title: renderTemplate(template?.subject ?? '{{code}}', values), body: renderTemplate(template?.body ?? '', values),
        });
        if (!person.email) continue;
        const job: NoticeJob = { event, channel: 'email', dossierId: step.dossier_id, to: person.email, values };
        await enqueueJob(tx, { queue: NOTICE_QUEUE, payload: job, dedupeKey: `reminder:${step.dossier_id}:${step.step_id}:${step.kind}:${person.id}` });
      }
    });
  }
}
