import { sql, type SQL } from 'drizzle-orm';
import { endOfVietnamDay, queryRows, unprocessable, type Queryable } from '../../../packages/platform/index.ts';
import type { RegisterEntry } from '../documents/index.ts';
import { STATUS_INFO, type DossierStatus } from './dossier.status.ts';

/**
 * The tracking register (Sổ theo dõi hồ sơ, Mẫu số 07 of Circular 03/2025/TT-VPCP): the dossiers
 * a desk received in a period (and those it refused at intake), in the order received. One
 * indexed scan by desk; a period is at most a year and a register at most MAX_ROWS dossiers.
 */
export const REGISTER_MAX_ROWS = 20_000;
export const REGISTER_MAX_DAYS = 366;

interface Row {
  code: string;
  procedure_name: string;
  applicant: { fullName: string; organisationName?: string; phone?: string; address?: { line?: string; commune?: string; province?: string } };
  agency_id: string;
  status: DossierStatus;
  received_at: Date | string | null;
  finished_at: Date | string | null;
  due_date: string | null;
  submitted_at: Date | string;
  receipt_number: string | null;
}

/** Checks a period: from ≤ to, at most a year. */
export function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0) || days >= REGISTER_MAX_DAYS) {
    throw unprocessable('dossier.register_period_invalid', 'Khoảng thời gian không hợp lệ (từ ngày ≤ đến ngày, tối đa một năm) / The period must run forward and last at most a year', { field: 'to' });
  }
}

/** The dossiers a desk's register for a period lists (its rows), as a condition on `tthc.dossiers d`. */
function inRegister(deskAgencyId: string, from: string, to: string): SQL {
  const start = new Date(Date.parse(`${from}T00:00:00+07:00`));
  const end = endOfVietnamDay(to);
  return sql`d.desk_agency_id = ${deskAgencyId}
      and coalesce(d.received_at, case when d.status = 'rejected' then d.finished_at end) between ${start.toISOString()}::timestamptz and ${end.toISOString()}::timestamptz`;
}

/** Whose data a register lists: each row's dossier code and applicant ids (for "who read my data"). */
export async function registerSubjects(db: Queryable, deskAgencyId: string, from: string, to: string): Promise<{ code: string; applicant: { personalId?: string; enterpriseCode?: string } }[]> {
  return queryRows(db, sql`select d.code, d.applicant from tthc.dossiers d where ${inRegister(deskAgencyId, from, to)} limit ${REGISTER_MAX_ROWS}`);
}

export async function registerEntries(db: Queryable, deskAgencyId: string, from: string, to: string, agencyName: (id: string) => Promise<string>): Promise<RegisterEntry[]> {
  checkPeriod(from, to);
  const rows = await queryRows<Row>(db, sql`
    select d.code, p.name as procedure_name, d.applicant, d.agency_id, d.status, d.received_at, d.finished_at, d.due_date, d.submitted_at,
      (select e.details->'documentNumbers'->>'receipt' from tthc.dossier_events e where e.dossier_id = d.id and e.action = 'accept' order by e.id desc limit 1) as receipt_number
    from tthc.dossiers d join tthc.procedures p on p.id = d.procedure_id
    where ${inRegister(deskAgencyId, from, to)}
    order by coalesce(d.received_at, d.finished_at), d.code
    limit ${REGISTER_MAX_ROWS + 1}`);
  if (rows.length > REGISTER_MAX_ROWS) {
    throw unprocessable('dossier.register_too_large', `Sổ có quá ${REGISTER_MAX_ROWS} hồ sơ; hãy chọn khoảng thời gian ngắn hơn / Too many dossiers; choose a shorter period`, { max: REGISTER_MAX_ROWS });
  }
  const names = new Map<string, string>();
  const entries: RegisterEntry[] = [];
  for (const r of rows) {
    if (!names.has(r.agency_id)) names.set(r.agency_id, await agencyName(r.agency_id));
    const a = r.applicant;
    const address = a.address ? [a.address.line, a.address.commune, a.address.province].filter(Boolean).join(', ') : '';
    entries.push({
      dossierCode: r.code,
      receiptNumber: r.receipt_number ?? undefined,
      procedure: r.procedure_name,
      applicant: a.organisationName ? `${a.organisationName} (${a.fullName})` : a.fullName,
      contact: [address, a.phone].filter(Boolean).join('; ') || undefined,
      agency: names.get(r.agency_id)!,
      receivedAt: new Date(r.received_at ?? r.finished_at ?? r.submitted_at),
      dueDate: r.due_date ?? new Date(r.finished_at ?? r.submitted_at),
      finishedAt: r.finished_at ? new Date(r.finished_at) : null,
      status: STATUS_INFO[r.status].vi,
    });
  }
  return entries;
}
