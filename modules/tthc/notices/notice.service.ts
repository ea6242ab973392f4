import { and, desc, eq, sql } from 'drizzle-orm';
import type { Mailer, SmsSender } from '../../../packages/national/index.ts';
import { JobDeferred, conflict, enqueueJob, foldVietnamese, newId, notFound, queryRows, type Db, type JobHandler, type Principal, type Queryable } from '../../../packages/platform/index.ts';
import { notificationTemplates, notifications } from '../db/schema.ts';
import { formatDate as formatNoticeDate } from '../documents/index.ts';
import type { NoticeEvent, NoticeSink } from '../dossier/dossier.deps.ts';
import type { Dossier } from '../dossier/dossier.types.ts';
import { defaultTemplates, renderTemplate, type NoticeChannel, type NoticeTemplate } from './notice.templates.ts';

/**
 * Notices to applicants. Inside the dossier's transaction: the in-app notification is written
 * and a job is queued (the outbox); the job sends mail and SMS later, with retries, so a slow
 * mail server never holds up an official and a crash never loses a notice.
 */
export const NOTICE_QUEUE = 'tthc.notice';

/** One job per channel, so a failing SMS gateway never makes the mail go out twice. */
export interface NoticeJob {
  event: NoticeEvent;
  channel: 'email' | 'sms';
  dossierId: string;
  to: string;
  values: Record<string, string>;
  /** The applicant's language; absent on jobs queued before notices had one (Vietnamese). */
  locale?: 'vi' | 'en';
}

/** Dates as the documents print them, `dd/MM/yyyy` in Vietnam time (an instant near midnight UTC is the next day here). */
const formatDate = (value: string | null | undefined): string => (value ? formatNoticeDate(value) : '');

/** Placeholder values of a dossier for the templates. */
export function noticeValues(dossier: Dossier, publicUrl: string, extra: Record<string, unknown> = {}): Record<string, string> {
  const reason = typeof extra.reason === 'string' ? extra.reason : Array.isArray(extra.reasons) ? extra.reasons.join('; ') : '';
  const items = Array.isArray(extra.items) ? (extra.items as { partCode: string; name?: string; reason: string }[]).map((i) => `- ${i.name ?? i.partCode}: ${i.reason}`).join('\n') : '';
  return {
    code: dossier.code,
    procedureName: dossier.procedureName,
    applicantName: dossier.applicant.fullName,
    submittedDate: formatDate(dossier.submittedAt),
    receivedDate: formatDate(dossier.receivedAt),
    dueDate: formatDate(dossier.dueDate),
    previousDueDate: formatDate(typeof extra.previousDueDate === 'string' ? extra.previousDueDate : null),
    lookupUrl: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(dossier.code)}`,
    /** The rating form: the dossier's page for its signed-in applicant, code and secret for anyone else. */
    ratingUrl: `${publicUrl}/danh-gia?ma=${encodeURIComponent(dossier.code)}`,
    reason,
    reasonAscii: foldVietnamese(reason).slice(0, 100),
    items,
    note: typeof extra.note === 'string' ? extra.note : '',
    agencyName: typeof extra.agencyName === 'string' ? extra.agencyName : '',
  };
}

export const templateRepository = {
  async find(db: Queryable, event: string, channel: NoticeChannel, locale: string): Promise<NoticeTemplate | undefined> {
    const [row] = await db.select().from(notificationTemplates)
      .where(and(eq(notificationTemplates.event, event), eq(notificationTemplates.channel, channel), eq(notificationTemplates.locale, locale)));
    return row && { event: row.event as NoticeEvent, channel: row.channel as NoticeChannel, locale: row.locale as 'vi', subject: row.subject, body: row.body };
  },

  async all(db: Queryable): Promise<(NoticeTemplate & { version: number; updatedAt: string })[]> {
    const rows = await db.select().from(notificationTemplates).orderBy(notificationTemplates.event, notificationTemplates.channel, notificationTemplates.locale);
    return rows.map((r) => ({ event: r.event as NoticeEvent, channel: r.channel as NoticeChannel, locale: r.locale as 'vi', subject: r.subject, body: r.body, version: r.version, updatedAt: r.updatedAt.toISOString() }));
  },

  /** The template in the applicant's language, else the Vietnamese one (every event has that). */
  async inLocale(db: Queryable, event: string, channel: NoticeChannel, locale: 'vi' | 'en' | undefined): Promise<NoticeTemplate | undefined> {
    return (locale && locale !== 'vi' ? await this.find(db, event, channel, locale) : undefined) ?? this.find(db, event, channel, 'vi');
  },

  /** Seeds the defaults once; an administrator's edits are never overwritten. */
  async seed(db: Queryable): Promise<void> {
    await db.insert(notificationTemplates).values(defaultTemplates()).onConflictDoNothing();
  },
};

export function createNoticeSink(publicUrl: string): NoticeSink {
  return async (tx, event, dossier, extra = {}) => {
    const values = noticeValues(dossier, publicUrl, extra);
    if (dossier.applicantSubject) {
      const template = await templateRepository.inLocale(tx, event, 'inapp', dossier.applicant.locale);
      await tx.insert(notifications).values({
        id: newId(), recipient: dossier.applicantSubject, dossierId: dossier.id, event,
        title: renderTemplate(template?.subject ?? '{{code}}', values), body: renderTemplate(template?.body ?? '', values),
      });
    }
    const targets = [['email', dossier.applicant.email], ['sms', dossier.applicant.phone]] as const;
    for (const [channel, to] of targets) {
      if (!to) continue;
      const job: NoticeJob = { event, channel, dossierId: dossier.id, to, values, ...(dossier.applicant.locale ? { locale: dossier.applicant.locale } : {}) };
      await enqueueJob(tx, { queue: NOTICE_QUEUE, payload: job, dedupeKey: `notice:${dossier.id}:${dossier.version}:${event}:${channel}` });
    }
  };
}

/**
 * Notices of one dossier leave in order on each channel: a notice waits (deferred, the attempt
 * not counted) while an earlier notice of the same dossier to the same address is still queued
 * or being retried. A dead earlier notice does not hold the rest back.
 */
async function earlierNoticeWaiting(db: Db, jobId: number, notice: NoticeJob): Promise<Date | undefined> {
  const [row] = await queryRows<{ run_at: string }>(db, sql`
    select max(run_at) as run_at from platform.jobs
    where queue = ${NOTICE_QUEUE} and id < ${jobId} and status in ('pending', 'running')
      and payload->>'dossierId' = ${notice.dossierId} and payload->>'channel' = ${notice.channel} and payload->>'to' = ${notice.to}`);
  return row?.run_at ? new Date(row.run_at) : undefined;
}

/** The job that sends one notice on one channel from the current template. */
export function noticeSender(db: Db, channels: { mailer: Mailer; sms: SmsSender }): JobHandler {
  return async (job) => {
    const notice = job.payload as NoticeJob;
    const earlier = await earlierNoticeWaiting(db, job.id, notice);
    if (earlier) throw new JobDeferred(new Date(Math.max(Date.now() + 1000, earlier.getTime() + 1000)), 'waiting for an earlier notice of the dossier');
    const template = await templateRepository.inLocale(db, notice.event, notice.channel, notice.locale);
    if (!template) return; // an administrator removed the template: nothing to send on this channel
    const text = renderTemplate(template.body, notice.values);
    if (notice.channel === 'email') {
      await channels.mailer.send({ to: notice.to, subject: renderTemplate(template.subject, notice.values), text });
    } else {
      await channels.sms.send({ phone: notice.to, text, requestId: `sen-notice-${job.id}` });
    }
  };
}

const notificationNotFound = () => notFound('notification.not_found', 'Không tìm thấy thông báo / Notification not found');

export function createNotificationInbox(db: Db) {
  return {
    async list(recipient: string, limit: number) {
      const rows = await db.select().from(notifications).where(eq(notifications.recipient, recipient)).orderBy(desc(notifications.createdAt)).limit(limit);
      return rows.map((r) => ({ id: r.id, dossierId: r.dossierId, event: r.event, title: r.title, body: r.body, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }));
    },
    /** Someone else's notification is not found (404), exactly like one that does not exist. */
    async markRead(principal: Principal, id: string): Promise<void> {
      if (principal.kind !== 'user') throw notificationNotFound(); // only people have an inbox
      const recipient = principal.userId;
      const rows = await db.update(notifications).set({ readAt: new Date() })
        .where(and(eq(notifications.id, id), eq(notifications.recipient, recipient))).returning({ id: notifications.id });
      if (rows.length === 0) throw notificationNotFound();
    },
  };
}

/** Administrators edit the notice templates (permission procedure.edit, checked by the route). */
export function createTemplateEditor(db: Db) {
  return {
    list: () => templateRepository.all(db),
    async update(event: string, channel: NoticeChannel, locale: string, expectedVersion: number, input: { subject: string; body: string }) {
      const rows = await db.update(notificationTemplates).set({ ...input, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(notificationTemplates.event, event), eq(notificationTemplates.channel, channel), eq(notificationTemplates.locale, locale), eq(notificationTemplates.version, expectedVersion)))
        .returning();
      if (rows.length === 0) {
        if (!(await templateRepository.find(db, event, channel, locale))) throw notFound('tthc.template_not_found', 'Không có mẫu thông báo này / No such template');
        throw conflict('tthc.version_conflict', 'Mẫu vừa được người khác sửa / The template was changed by someone else');
      }
      return { ...(await templateRepository.find(db, event, channel, locale))!, version: rows[0]!.version, updatedAt: rows[0]!.updatedAt.toISOString() };
    },
  };
}
