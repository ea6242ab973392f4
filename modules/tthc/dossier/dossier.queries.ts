import { sql, type SQL } from 'drizzle-orm';
import { foldVietnamese, queryRows, vietnamDate, type Queryable } from '../../../packages/platform/index.ts';
import { STATUS_INFO, type DossierStatus } from './dossier.status.ts';
import type { Channel, DossierSummary, Page, Queue } from './dossier.types.ts';

/**
 * The officials' queues and searches, and the applicant's own list: one page at a time, each
 * served by an index (dossiers by agency/status/due date or desk/status/submission; tasks by
 * agency/due date), so a page stays fast whatever the number of dossiers.
 */
export interface QueueQuery {
  queue: Queue;
  agencyId: string;
  /** Only steps assigned to this official (to_process). */
  assigneeId?: string | undefined;
  q?: string | undefined;
  procedureId?: string | undefined;
  limit: number;
  offset: number;
}

interface SummaryRow {
  id: string;
  code: string;
  procedure_name: string;
  applicant_name: string;
  channel: Channel;
  status: DossierStatus;
  submitted_at: Date | string;
  due_date: string | null;
  agency_id: string;
  version: number;
  total: string;
}

const toSummary = (r: SummaryRow): DossierSummary => ({
  id: r.id, code: r.code, procedureName: r.procedure_name, applicantName: r.applicant_name, channel: r.channel, status: r.status,
  statusLabel: STATUS_INFO[r.status].vi, submittedAt: new Date(r.submitted_at).toISOString(), dueDate: r.due_date, agencyId: r.agency_id, version: r.version,
});

/** `%` and `_` typed by a user are literal characters. */
const contains = (q: string) => `%${foldVietnamese(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Past its promised date and not yet returned: the `overdue` queue and the overdue gauge. */
const overdue = (today: string) => sql`d.status in ('processing', 'paused', 'ready_to_return') and d.due_date < ${today}`;

/** Dossiers of the whole province by status, and how many of them are overdue: one grouped scan. */
export async function countByStatus(db: Queryable, today: string): Promise<{ status: DossierStatus; total: number; overdue: number }[]> {
  return queryRows(db, sql`
    select d.status, count(*)::int as total, (count(*) filter (where ${overdue(today)}))::int as overdue
    from tthc.dossiers d group by d.status`);
}

function queueFilter(query: QueueQuery, today: string, soon: string): { from: SQL; where: SQL; order: SQL } {
  const a = query.agencyId;
  const plain = sql`tthc.dossiers d`;
  switch (query.queue) {
    case 'to_receive':
      return { from: plain, where: sql`d.desk_agency_id = ${a} and d.status = 'submitted'`, order: sql`d.submitted_at, d.id` };
    case 'ready_to_return':
      return { from: plain, where: sql`d.desk_agency_id = ${a} and d.status = 'ready_to_return'`, order: sql`d.submitted_at, d.id` };
    case 'to_process':
      return {
        from: sql`tthc.tasks t join tthc.dossiers d on d.id = t.dossier_id`,
        where: query.assigneeId ? sql`t.agency_id = ${a} and t.assignee_id = ${query.assigneeId} and d.status = 'processing'` : sql`t.agency_id = ${a} and d.status = 'processing'`,
        order: sql`t.due_date, d.id`,
      };
    case 'waiting_supplement':
      return { from: plain, where: sql`(d.agency_id = ${a} or d.desk_agency_id = ${a}) and d.status = 'supplement_requested'`, order: sql`d.updated_at, d.id` };
    case 'due_soon':
      return { from: plain, where: sql`d.agency_id = ${a} and d.status in ('processing', 'paused') and d.due_date between ${today} and ${soon}`, order: sql`d.due_date, d.id` };
    case 'overdue':
      return { from: plain, where: sql`d.agency_id = ${a} and ${overdue(today)}`, order: sql`d.due_date, d.id` };
    case 'all':
      return { from: plain, where: sql`(d.agency_id = ${a} or d.desk_agency_id = ${a})`, order: sql`d.submitted_at desc, d.id` };
  }
}

const SELECT = sql`d.id, d.code, p.name as procedure_name, d.applicant->>'fullName' as applicant_name, d.channel, d.status, d.submitted_at,
  d.due_date, d.agency_id, d.version, count(*) over () as total`;

async function page(db: Queryable, from: SQL, where: SQL, order: SQL, limit: number, offset: number): Promise<Page<DossierSummary>> {
  const rows = await queryRows<SummaryRow>(db, sql`select ${SELECT} from ${from} join tthc.procedures p on p.id = d.procedure_id
    where ${where} order by ${order} limit ${limit} offset ${offset}`);
  // An offset past the end returns no row, hence no window count: count separately then.
  const total = rows.length > 0 ? Number(rows[0]!.total)
    : offset === 0 ? 0 : Number((await queryRows<{ n: string }>(db, sql`select count(*) as n from ${from} where ${where}`))[0]!.n);
  return { items: rows.map(toSummary), total, limit, offset };
}

/** `soon` is the last date counted as "due soon" (computed on the working calendar by the caller). */
export function queuePage(db: Queryable, query: QueueQuery, now: Date, soon: string): Promise<Page<DossierSummary>> {
  const { from, where, order } = queueFilter(query, vietnamDate(now), soon);
  const filters: SQL[] = [where];
  if (query.q) filters.push(sql`(d.code = ${query.q.trim().toUpperCase()} or d.search like ${contains(query.q)})`);
  if (query.procedureId) filters.push(sql`d.procedure_id = ${query.procedureId}`);
  return page(db, from, sql.join(filters, sql` and `), order, query.limit, query.offset);
}

export function applicantPage(db: Queryable, subject: string, limit: number, offset: number): Promise<Page<DossierSummary>> {
  return page(db, sql`tthc.dossiers d`, sql`d.applicant_subject = ${subject}`, sql`d.submitted_at desc, d.id`, limit, offset);
}
