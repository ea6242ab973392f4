// A procedure's verification against the national procedure database as the editor holds it,
// mirroring checkVerification in modules/tthc/catalogue/procedure.validation.ts.
import type { ProcedureVerification } from '../../../api/tthc-admin.ts';
import { formatDate, parseDate } from '../../../lib/format.ts';

/** Fields a verification may name as unconfirmed (VERIFIABLE_FIELDS on the server). */
export const VERIFIABLE_FIELDS = ['nationalCode', 'name', 'fieldCode', 'level', 'implementingAgencies', 'processingDays', 'processingNote', 'fees', 'parts', 'conditions', 'legalBases', 'resultType'] as const;

/** `none`: nothing recorded yet (the record is null). `checkedOn` as typed: dd/mm/yyyy. */
export interface VerificationDraft {
  status: ProcedureVerification['status'] | 'none';
  source: string;
  checkedOn: string;
  unverified: string[];
  note: string;
}

export function toVerificationDraft(v: ProcedureVerification | null | undefined): VerificationDraft {
  return v
    ? { status: v.status, source: v.source, checkedOn: formatDate(v.checkedOn), unverified: v.unverified, note: v.note ?? '' }
    : { status: 'none', source: '', checkedOn: '', unverified: [], note: '' };
}

/** The request's `verification`; call only when `checkVerificationDraft` found nothing. */
export function toVerification(d: VerificationDraft): ProcedureVerification | null {
  if (d.status === 'none') return null;
  return {
    status: d.status, source: d.source.trim(), checkedOn: parseDate(d.checkedOn) ?? '',
    unverified: d.status === 'verified' ? [] : d.unverified, ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

export function checkVerificationDraft(d: VerificationDraft, t: (key: string) => string): Record<string, string> {
  if (d.status === 'none') return {};
  const errors: Record<string, string> = {};
  if (!d.source.trim()) errors['verification.source'] = t('form.required');
  if (!parseDate(d.checkedOn)) errors['verification.checkedOn'] = t('form.invalidDate');
  return errors;
}
