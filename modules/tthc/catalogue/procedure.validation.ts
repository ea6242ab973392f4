/**
 * The rules a procedure must meet before it is stored, as pure functions so that the editor,
 * the import and the seed share them. Input is untrusted (an import row, a CSV line), so every
 * value is checked for its type too; issues name the field path for the editor to highlight.
 * Checks that need the database (form keys, field codes, unique national codes) are the
 * service's.
 */
import { conflict, unprocessable } from '../../../packages/platform/index.ts';
import { APPLICANT_TYPES, LEVELS, METHODS, PART_FORMS, VERIFICATION_STATUSES } from './procedure.types.ts';
import type { FieldIssue, ProcedureFields } from './procedure.inputs.ts';

/** 422 with the refused fields as details, e.g. `tthc.procedure_invalid`. */
export const invalid = (code: string, issues: FieldIssue[]) =>
  unprocessable(code, issues.length === 1 ? `${issues[0]!.field}: ${issues[0]!.message}` : `${issues.length} fields are invalid`, issues);

/** 409 for a stale write: the caller reloads and tries again. */
export const versionConflict = (what: string, currentVersion: number) =>
  conflict('tthc.version_conflict', `The ${what} was changed by someone else; reload it and try again`, { currentVersion });

/**
 * Mã TTHC: `1.001193`, optionally followed by the longer local form some portals print
 * (`1.001193.000.00.00.H19`). The tail is kept lenient: portals differ in what they append.
 */
export const NATIONAL_CODE = /^\d\.\d{6}(\.[0-9A-Za-z.]{1,40})?$/;
export const PART_CODE = /^[a-z0-9-]{1,40}$/;
export const FIELD_CODE = /^[a-z0-9-]{1,40}$/;
export const DOCUMENT_KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Limits keep one procedure a reasonable document for one row and one screen. */
export const LIMITS = { name: 500, text: 5000, note: 1000, agencies: 20, fees: 30, parts: 50, legalBases: 50, steps: 30, copies: 20, maxVnd: 1_000_000_000_000 } as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  text(v: unknown, field: string, max: number, optional = false): void {
    if (optional && (v === undefined || v === null)) return;
    if (typeof v !== 'string' || v.trim() === '') this.add(field, 'must be a non-empty text');
    else if (v.length > max) this.add(field, `must be at most ${max} characters`);
  }
  integer(v: unknown, field: string, min: number, max: number): void {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.add(field, `must be an integer from ${min} to ${max}`);
  }
  boolean(v: unknown, field: string): void {
    if (typeof v !== 'boolean') this.add(field, 'must be true or false');
  }
  each(v: unknown, field: string, max: number, visit: (item: unknown, path: string) => void): void {
    if (!Array.isArray(v)) return this.add(field, 'must be a list');
    if (v.length > max) return this.add(field, `must have at most ${max} items`);
    v.forEach((item, i) => visit(item, `${field}[${i}]`));
  }
  /** A non-empty list of distinct values from `allowed`. */
  choices(v: unknown, field: string, allowed: readonly string[]): void {
    if (!Array.isArray(v) || v.length === 0) return this.add(field, `must list at least one of ${allowed.join(', ')}`);
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !allowed.includes(item)) this.add(`${field}[${i}]`, `must be one of ${allowed.join(', ')}`);
      else if (v.indexOf(item) !== i) this.add(`${field}[${i}]`, `${item} is listed twice`);
    });
  }
  object(v: unknown, field: string): v is Obj {
    if (isObj(v)) return true;
    this.add(field, 'must be an object');
    return false;
  }
}

function checkFee(c: Issues, v: unknown, path: string): void {
  if (!c.object(v, path)) return;
  if (v.kind !== 'fee' && v.kind !== 'charge') c.add(`${path}.kind`, 'must be "fee" (phí) or "charge" (lệ phí)');
  c.text(v.name, `${path}.name`, 300);
  if (typeof v.amountVnd !== 'number' || !Number.isSafeInteger(v.amountVnd) || v.amountVnd < 0 || v.amountVnd > LIMITS.maxVnd) {
    c.add(`${path}.amountVnd`, 'must be a whole number of VND, 0 or more');
  }
  c.text(v.note, `${path}.note`, LIMITS.note, true);
}

/** Fees are also an offering's own schedule, so they are checked on their own too. */
export function checkFees(fees: unknown, field = 'fees'): FieldIssue[] {
  const c = new Issues();
  c.each(fees, field, LIMITS.fees, (item, path) => checkFee(c, item, path));
  return c.list;
}

function checkPart(c: Issues, v: unknown, path: string, seen: Set<string>): void {
  if (!c.object(v, path)) return;
  if (typeof v.code !== 'string' || !PART_CODE.test(v.code)) c.add(`${path}.code`, 'must be 1–40 lower-case letters, digits or "-"');
  else if (seen.has(v.code)) c.add(`${path}.code`, `the part code ${v.code} is used twice`);
  else seen.add(v.code);
  c.text(v.name, `${path}.name`, LIMITS.name);
  c.boolean(v.required, `${path}.required`);
  c.integer(v.originals, `${path}.originals`, 0, LIMITS.copies);
  c.integer(v.copies, `${path}.copies`, 0, LIMITS.copies);
  if (v.requiredForm !== undefined && v.requiredForm !== null && !(PART_FORMS as readonly unknown[]).includes(v.requiredForm)) {
    c.add(`${path}.requiredForm`, `must be one of ${PART_FORMS.join(', ')}`);
  }
  c.text(v.templateBlobKey, `${path}.templateBlobKey`, 300, true);
  c.text(v.templateFileName, `${path}.templateFileName`, 255, true);
  if (v.formKey !== undefined && v.formKey !== null && (typeof v.formKey !== 'string' || !DOCUMENT_KEY.test(v.formKey))) {
    c.add(`${path}.formKey`, 'must be a form key (lower-case letters, digits and "-")');
  }
}

/** Fields a verification may name as unconfirmed. */
export const VERIFIABLE_FIELDS = ['nationalCode', 'name', 'fieldCode', 'level', 'implementingAgencies', 'processingDays', 'processingNote', 'fees', 'parts', 'conditions', 'legalBases', 'resultType'] as const;

function checkVerification(c: Issues, v: unknown, path: string): void {
  if (v === null || v === undefined) return;
  if (!c.object(v, path)) return;
  if (!(VERIFICATION_STATUSES as readonly unknown[]).includes(v.status)) c.add(`${path}.status`, `must be one of ${VERIFICATION_STATUSES.join(', ')}`);
  c.text(v.source, `${path}.source`, LIMITS.name);
  if (!(typeof v.checkedOn === 'string' && isCalendarDate(v.checkedOn))) c.add(`${path}.checkedOn`, 'must be a date YYYY-MM-DD');
  c.text(v.note, `${path}.note`, LIMITS.note, true);
  if (!Array.isArray(v.unverified) || v.unverified.some((f) => !(VERIFIABLE_FIELDS as readonly unknown[]).includes(f))) {
    c.add(`${path}.unverified`, `must be a list of field names: ${VERIFIABLE_FIELDS.join(', ')}`);
  } else if (v.status === 'verified' && v.unverified.length > 0) {
    c.add(`${path}.unverified`, 'a verified procedure has no unverified fields');
  }
}

function cleanVerification(v: unknown): unknown {
  if (!isObj(v)) return v ?? null;
  const out: Obj = { status: v.status, source: trimmed(v.source), checkedOn: v.checkedOn, unverified: Array.isArray(v.unverified) ? [...new Set(v.unverified)] : v.unverified };
  if (v.note !== undefined && v.note !== null && v.note !== '') out.note = trimmed(v.note);
  return out;
}

function checkLegalBasis(c: Issues, v: unknown, path: string): void {
  if (!c.object(v, path)) return;
  c.text(v.number, `${path}.number`, 100);
  c.text(v.title, `${path}.title`, LIMITS.name);
  if (v.issuedOn !== undefined && v.issuedOn !== null && !(typeof v.issuedOn === 'string' && isCalendarDate(v.issuedOn))) {
    c.add(`${path}.issuedOn`, 'must be a date YYYY-MM-DD');
  }
}

export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks a whole procedure (a new one, or the current one with a patch applied). */
export function checkProcedure(p: Obj): FieldIssue[] {
  const c = new Issues();
  if (typeof p.nationalCode !== 'string' || !NATIONAL_CODE.test(p.nationalCode)) c.add('nationalCode', 'must be a national procedure code such as 1.001193');
  c.text(p.name, 'name', LIMITS.name);
  if (typeof p.fieldCode !== 'string' || !FIELD_CODE.test(p.fieldCode)) c.add('fieldCode', 'must be a code of the procedure-fields list');
  if (!(LEVELS as readonly unknown[]).includes(p.level)) c.add('level', `must be one of ${LEVELS.join(', ')}`);
  c.each(p.implementingAgencies, 'implementingAgencies', LIMITS.agencies, (item, path) => {
    c.text(item, path, 300);
    // `|` separates the list in CSV exports; it must not occur inside a name.
    if (typeof item === 'string' && item.includes('|')) c.add(path, 'must not contain "|"');
  });
  c.choices(p.applicantTypes, 'applicantTypes', APPLICANT_TYPES);
  c.choices(p.methods, 'methods', METHODS);
  c.integer(p.processingDays, 'processingDays', 0, 365);
  c.text(p.processingNote, 'processingNote', LIMITS.note, true);
  c.list.push(...checkFees(p.fees));
  const partCodes = new Set<string>();
  c.each(p.parts, 'parts', LIMITS.parts, (item, path) => checkPart(c, item, path, partCodes));
  c.text(p.conditions, 'conditions', LIMITS.text, true);
  c.each(p.steps, 'steps', LIMITS.steps, (item, path) => c.text(item, path, 2000));
  c.each(p.legalBases, 'legalBases', LIMITS.legalBases, (item, path) => checkLegalBasis(c, item, path));
  c.text(p.resultType, 'resultType', LIMITS.name);
  c.boolean(p.fullyOnline, 'fullyOnline');
  c.boolean(p.active, 'active');
  checkVerification(c, p.verification, 'verification');
  if (p.fullyOnline === true && Array.isArray(p.methods) && !p.methods.includes('online')) c.add('fullyOnline', 'a fully online procedure must list the online method');
  return c.list;
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : trimmed(v));

/** Copies only the known fields, with text trimmed, so that no stray key reaches a jsonb column. */
function cleanPart(v: unknown): unknown {
  if (!isObj(v)) return v;
  const part: Obj = { code: trimmed(v.code), name: trimmed(v.name), required: v.required, originals: v.originals, copies: v.copies };
  for (const k of ['requiredForm', 'templateBlobKey', 'templateFileName', 'formKey'] as const) if (v[k] !== undefined && v[k] !== null && v[k] !== '') part[k] = trimmed(v[k]);
  return part;
}
export function cleanFee(v: unknown): unknown {
  if (!isObj(v)) return v;
  const fee: Obj = { kind: v.kind, name: trimmed(v.name), amountVnd: v.amountVnd };
  if (v.note !== undefined && v.note !== null && v.note !== '') fee.note = trimmed(v.note);
  return fee;
}
function cleanBasis(v: unknown): unknown {
  if (!isObj(v)) return v;
  const basis: Obj = { number: trimmed(v.number), title: trimmed(v.title) };
  if (v.issuedOn !== undefined && v.issuedOn !== null && v.issuedOn !== '') basis.issuedOn = v.issuedOn;
  return basis;
}
const mapList = (v: unknown, f: (item: unknown) => unknown) => (Array.isArray(v) ? v.map(f) : v);

/**
 * The procedure that results from `input` over `base` (defaults for a new one, the stored one
 * for a patch), cleaned; check it with checkProcedure before trusting its type.
 */
export function mergeProcedure(base: ProcedureFields | undefined, input: Obj): Obj {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const merged: Obj = { implementingAgencies: [], processingNote: null, fees: [], parts: [], conditions: null, steps: [], legalBases: [], fullyOnline: false, active: true, verification: null, ...base, ...defined };
  return {
    nationalCode: trimmed(merged.nationalCode),
    name: trimmed(merged.name),
    fieldCode: trimmed(merged.fieldCode),
    level: merged.level,
    implementingAgencies: mapList(merged.implementingAgencies, trimmed),
    applicantTypes: merged.applicantTypes,
    methods: merged.methods,
    processingDays: merged.processingDays,
    processingNote: blankToNull(merged.processingNote),
    fees: mapList(merged.fees, cleanFee),
    parts: mapList(merged.parts, cleanPart),
    conditions: blankToNull(merged.conditions),
    steps: mapList(merged.steps, trimmed),
    legalBases: mapList(merged.legalBases, cleanBasis),
    resultType: trimmed(merged.resultType),
    fullyOnline: merged.fullyOnline,
    active: merged.active,
    verification: cleanVerification(merged.verification),
  };
}

