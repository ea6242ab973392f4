import { isValidEnterpriseCode } from '../citizens/enterprise-code.ts';
import { agencyInProvince, type DvcqgClient } from './clients.ts';
import { dossierStatus } from './statuses.ts';

/** What the portal holds of a provincial dossier, and the domain rules a synchronisation must meet. */

export interface DossierInput {
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  applicant: { type: 'citizen' | 'enterprise'; name: string; personalIdMasked?: string; enterpriseCode?: string };
  channel: 'online' | 'counter' | 'post' | 'dvcqg';
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  completedAt?: string;
  status: number;
  statusAt?: string;
  fees?: { kind: 'fee' | 'charge'; name: string; amount: number; paid?: boolean }[];
  results?: { name: string; url: string }[];
  note?: string;
}

export interface StatusUpdateInput {
  status: number;
  at: string;
  note?: string;
  officialName?: string;
  agencyCode?: string;
}

export interface HistoryEntry extends StatusUpdateInput {
  source: 'sync' | 'status_update';
  recordedAt: string;
}

export interface DossierRecord {
  dossierCode: string;
  clientId: string;
  dossier: DossierInput;
  history: HistoryEntry[];
  syncedAt: string[];
}

/** Field path → reason; empty when the input is acceptable. */
export type FieldErrors = Record<string, string>;

/** Clocks differ a little between systems; beyond this, a time "in the future" is a mistake. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/**
 * Statuses that only follow reception. Not new (1), rejected at intake (3) or withdrawn (7); nor a
 * supplement request (5) or a financial obligation (6), which the one-stop desk may issue at
 * intake, before it receives the dossier (Form 02 of Circular 03/2025; fees asked at intake).
 */
const NEEDS_RECEPTION = new Set([2, 4, 8, 9, 10]);
const MAX_HISTORY = 200;
const MAX_SYNC_TIMES = 100;

const ms = (time: string): number => Date.parse(time);

function checkStatus(errors: FieldErrors, field: string, status: number): void {
  if (!dossierStatus(status)) errors[field] = `Unknown national status code ${status} (known: 1–10)`;
}

function checkAgency(errors: FieldErrors, field: string, agencyCode: string | undefined, client: DvcqgClient): void {
  if (agencyCode !== undefined && !agencyInProvince(agencyCode, client.provinceCode)) {
    errors[field] = `Agency ${agencyCode} is outside province ${client.provinceCode}, which this client speaks for`;
  }
}

function checkNotFuture(errors: FieldErrors, field: string, time: string | undefined, now: number): void {
  if (time !== undefined && ms(time) > now + CLOCK_SKEW_MS) errors[field] = 'Lies in the future';
}

export function validateDossier(input: DossierInput, client: DvcqgClient, now: number): FieldErrors {
  const errors: FieldErrors = {};
  checkStatus(errors, 'status', input.status);
  checkAgency(errors, 'agencyCode', input.agencyCode, client);
  const { applicant } = input;
  if (applicant.type === 'citizen' && !applicant.personalIdMasked) errors['applicant.personalIdMasked'] = 'Required for a citizen applicant';
  if (applicant.type === 'citizen' && applicant.enterpriseCode) errors['applicant.enterpriseCode'] = 'Only for an enterprise applicant';
  if (applicant.type === 'enterprise' && !applicant.enterpriseCode) errors['applicant.enterpriseCode'] = 'Required for an enterprise applicant';
  else if (applicant.enterpriseCode && !isValidEnterpriseCode(applicant.enterpriseCode)) errors['applicant.enterpriseCode'] = 'Check digit does not match';
  for (const field of ['submittedAt', 'receivedAt', 'completedAt', 'statusAt'] as const) checkNotFuture(errors, field, input[field], now);
  if (input.receivedAt && ms(input.receivedAt) < ms(input.submittedAt)) errors.receivedAt = 'Before submittedAt';
  const start = input.receivedAt ?? input.submittedAt;
  if (input.dueAt && ms(input.dueAt) < ms(start)) errors.dueAt = input.receivedAt ? 'Before receivedAt' : 'Before submittedAt';
  if (input.completedAt && ms(input.completedAt) < ms(start)) errors.completedAt = input.receivedAt ? 'Before receivedAt' : 'Before submittedAt';
  if (input.statusAt && ms(input.statusAt) < ms(input.submittedAt)) errors.statusAt = 'Before submittedAt';
  if (NEEDS_RECEPTION.has(input.status) && !input.receivedAt) errors.receivedAt = `Required with status ${input.status}`;
  return errors;
}

export function validateStatusUpdate(update: StatusUpdateInput, record: DossierRecord, client: DvcqgClient, now: number): FieldErrors {
  const errors: FieldErrors = {};
  checkStatus(errors, 'status', update.status);
  checkAgency(errors, 'agencyCode', update.agencyCode, client);
  checkNotFuture(errors, 'at', update.at, now);
  if (ms(update.at) < ms(record.dossier.submittedAt)) errors.at = 'Before the dossier was submitted';
  return errors;
}

/** `created`: a new dossier; `added`: a new history entry; `duplicate`: a repeat, nothing added; `stale`: refused. */
export type Recording = { outcome: 'created' | 'added' | 'duplicate'; record: DossierRecord } | { outcome: 'stale'; latest: HistoryEntry };

export function currentStatus(record: DossierRecord): HistoryEntry {
  return record.history.at(-1)!;
}

/**
 * A repeat of any recorded (status, time) is acknowledged without a new entry, so retries are
 * harmless; otherwise a time before the latest entry is stale. Times compare as instants.
 */
function classify(history: readonly HistoryEntry[], event: StatusUpdateInput): 'duplicate' | 'stale' | 'new' {
  const at = ms(event.at);
  if (history.some((entry) => entry.status === event.status && ms(entry.at) === at)) return 'duplicate';
  const latest = history.at(-1);
  return latest && at < ms(latest.at) ? 'stale' : 'new';
}

function append<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** Dossiers by code, least recently changed first, so eviction drops the stalest. */
export class DossierStore {
  readonly #records = new Map<string, DossierRecord>();
  readonly #maxRecords: number;

  constructor(maxRecords: number) {
    this.#maxRecords = maxRecords;
  }

  get(dossierCode: string): DossierRecord | undefined {
    return this.#records.get(dossierCode);
  }

  upsert(dossierCode: string, clientId: string, input: DossierInput, now: Date): Recording {
    const recordedAt = now.toISOString();
    const event: HistoryEntry = {
      status: input.status, at: new Date(input.statusAt ?? input.receivedAt ?? input.submittedAt).toISOString(), source: 'sync', recordedAt,
    };
    const existing = this.#records.get(dossierCode);
    if (!existing) {
      if (this.#records.size >= this.#maxRecords) this.#records.delete(this.#records.keys().next().value!);
      const record: DossierRecord = { dossierCode, clientId, dossier: input, history: [event], syncedAt: [recordedAt] };
      this.#records.set(dossierCode, record);
      return { outcome: 'created', record };
    }
    const kind = classify(existing.history, event);
    if (kind === 'stale') return { outcome: 'stale', latest: currentStatus(existing) };
    if (kind === 'new') append(existing.history, event, MAX_HISTORY);
    existing.dossier = input;
    append(existing.syncedAt, recordedAt, MAX_SYNC_TIMES);
    this.#touch(existing);
    return { outcome: kind === 'new' ? 'added' : 'duplicate', record: existing };
  }

  addStatus(record: DossierRecord, update: StatusUpdateInput, now: Date): Recording {
    const kind = classify(record.history, update);
    if (kind === 'stale') return { outcome: 'stale', latest: currentStatus(record) };
    if (kind === 'new') {
      append(record.history, { ...update, at: new Date(update.at).toISOString(), source: 'status_update', recordedAt: now.toISOString() }, MAX_HISTORY);
      this.#touch(record);
    }
    return { outcome: kind === 'new' ? 'added' : 'duplicate', record };
  }

  #touch(record: DossierRecord): void {
    this.#records.delete(record.dossierCode);
    this.#records.set(record.dossierCode, record);
  }

  /** Most recently changed first. */
  list(filter: { agency?: string; status?: number; limit: number }): { total: number; items: DossierRecord[] } {
    const matches = [...this.#records.values()].reverse().filter((record) =>
      (filter.agency === undefined || record.dossier.agencyCode === filter.agency)
      && (filter.status === undefined || currentStatus(record).status === filter.status));
    return { total: matches.length, items: matches.slice(0, filter.limit) };
  }
}
