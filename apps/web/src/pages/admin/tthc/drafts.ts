// What the procedure and offering editors hold while a person types, and the checks made before
// sending. The checks mirror modules/tthc/catalogue/procedure.validation.ts and report the same paths
// (`fees[0].amountVnd`), so a local problem and a server one appear in the same place.
import type { ApplicantType, Fee, Level, Method, Part, Procedure, ProcedureInput } from '../../../api/tthc-admin.ts';
import { formatDate, parseDate } from '../../../lib/format.ts';
import { checkVerificationDraft, toVerification, toVerificationDraft, type VerificationDraft } from './verification.ts';

/** Number inputs hold text while being typed (an empty box is '', not 0). */
type Typed = number | string;

export interface FeeDraft {
  kind: Fee['kind'];
  name: string;
  amountVnd: Typed;
  note: string;
}
export type PartDraft = Omit<Part, 'originals' | 'copies' | 'formKey'> & { originals: Typed; copies: Typed; formKey: string | null };
/** `issuedOn` as typed: dd/mm/yyyy. */
export interface LegalBasisDraft {
  number: string;
  title: string;
  issuedOn: string;
}

export interface ProcedureDraft {
  nationalCode: string;
  name: string;
  fieldCode: string | null;
  level: Level;
  implementingAgencies: string[];
  applicantTypes: ApplicantType[];
  methods: Method[];
  processingDays: Typed;
  processingNote: string;
  resultType: string;
  fees: FeeDraft[];
  parts: PartDraft[];
  conditions: string;
  legalBases: LegalBasisDraft[];
  fullyOnline: boolean;
  active: boolean;
  verification: VerificationDraft;
}

export type Errors = Record<string, string>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

export const APPLICANT_TYPES: readonly ApplicantType[] = ['citizen', 'organisation', 'foreigner'];
export const METHODS: readonly Method[] = ['online', 'counter', 'post'];
export const LEVELS: readonly Level[] = ['province', 'commune'];
export const LIMITS = { fees: 30, parts: 50, legalBases: 50, agencies: 20, copies: 20, days: 365 } as const;
const NATIONAL_CODE = /^\d\.\d{6}(\.[0-9A-Za-z.]{1,40})?$/;
export const PART_CODE = /^[a-z0-9-]{1,40}$/;

export const blankFee = (): FeeDraft => ({ kind: 'charge', name: '', amountVnd: 0, note: '' });
export const blankPart = (): PartDraft => ({ code: '', name: '', required: true, originals: 1, copies: 0, formKey: null });
export const blankLegalBasis = (): LegalBasisDraft => ({ number: '', title: '', issuedOn: '' });

export const toFeeDrafts = (fees: Fee[]): FeeDraft[] => fees.map((f) => ({ ...f, note: f.note ?? '' }));
export const toFees = (drafts: FeeDraft[]): Fee[] =>
  drafts.map((f) => ({ kind: f.kind, name: f.name.trim(), amountVnd: Number(f.amountVnd), ...(f.note.trim() ? { note: f.note.trim() } : {}) }));

export function toDraft(p?: Procedure): ProcedureDraft {
  return {
    nationalCode: p?.nationalCode ?? '',
    name: p?.name ?? '',
    fieldCode: p?.fieldCode ?? null,
    level: p?.level ?? 'commune',
    implementingAgencies: p?.implementingAgencies ?? [],
    applicantTypes: p?.applicantTypes ?? ['citizen'],
    methods: p?.methods ?? ['online', 'counter'],
    processingDays: p?.processingDays ?? '',
    processingNote: p?.processingNote ?? '',
    resultType: p?.resultType ?? '',
    fees: toFeeDrafts(p?.fees ?? []),
    // The spread keeps a part's template file (not edited here) through the save.
    parts: (p?.parts ?? []).map((part) => ({ ...part, formKey: part.formKey ?? null })),
    conditions: p?.conditions ?? '',
    legalBases: (p?.legalBases ?? []).map((b) => ({ number: b.number, title: b.title, issuedOn: b.issuedOn ? formatDate(b.issuedOn) : '' })),
    fullyOnline: p?.fullyOnline ?? false,
    active: p?.active ?? true,
    verification: toVerificationDraft(p?.verification),
  };
}

/** The request body; call only when `checkDraft` found nothing. */
export function toInput(d: ProcedureDraft): ProcedureInput {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    nationalCode: d.nationalCode.trim(),
    name: d.name.trim(),
    fieldCode: d.fieldCode ?? '',
    level: d.level,
    implementingAgencies: d.implementingAgencies.map((a) => a.trim()).filter(Boolean),
    applicantTypes: d.applicantTypes,
    methods: d.methods,
    processingDays: Number(d.processingDays),
    processingNote: text(d.processingNote),
    resultType: d.resultType.trim(),
    fees: toFees(d.fees),
    parts: d.parts.map(({ formKey, ...part }) => ({
      ...part,
      code: part.code.trim(),
      name: part.name.trim(),
      originals: Number(part.originals),
      copies: Number(part.copies),
      ...(formKey ? { formKey } : {}),
    })),
    conditions: text(d.conditions),
    legalBases: d.legalBases.map((b) => ({ number: b.number.trim(), title: b.title.trim(), ...(b.issuedOn.trim() ? { issuedOn: parseDate(b.issuedOn) ?? '' } : {}) })),
    fullyOnline: d.fullyOnline,
    active: d.active,
    verification: toVerification(d.verification),
  };
}

const isIntegerIn = (value: Typed, min: number, max: number) => value !== '' && Number.isInteger(Number(value)) && Number(value) >= min && Number(value) <= max;

export function checkFees(fees: FeeDraft[], t: Translate, path = 'fees'): Errors {
  const errors: Errors = {};
  fees.forEach((f, i) => {
    if (!f.name.trim()) errors[`${path}[${i}].name`] = t('form.required');
    if (!isIntegerIn(f.amountVnd, 0, 1_000_000_000_000)) errors[`${path}[${i}].amountVnd`] = t('tthcAdmin.errors.amount');
  });
  return errors;
}

export function checkDraft(d: ProcedureDraft, t: Translate): Errors {
  const errors: Errors = {};
  const required = (path: string, value: string | null) => {
    if (!value?.trim()) errors[path] = t('form.required');
  };
  required('nationalCode', d.nationalCode);
  if (d.nationalCode.trim() && !NATIONAL_CODE.test(d.nationalCode.trim())) errors.nationalCode = t('tthcAdmin.errors.nationalCode');
  required('name', d.name);
  required('fieldCode', d.fieldCode);
  required('resultType', d.resultType);
  if (!isIntegerIn(d.processingDays, 0, LIMITS.days)) errors.processingDays = t('tthcAdmin.errors.integerRange', { min: 0, max: LIMITS.days });
  if (d.applicantTypes.length === 0) errors.applicantTypes = t('tthcAdmin.errors.chooseOne');
  if (d.methods.length === 0) errors.methods = t('tthcAdmin.errors.chooseOne');
  if (d.fullyOnline && !d.methods.includes('online')) errors.fullyOnline = t('tthcAdmin.errors.fullyOnlineNeedsOnline');
  // `|` separates agencies in the CSV export, so the server refuses it inside a name.
  if (d.implementingAgencies.some((a) => a.includes('|'))) errors.implementingAgencies = t('tthcAdmin.errors.pipe');
  Object.assign(errors, checkFees(d.fees, t));
  const codes = new Set<string>();
  d.parts.forEach((p, i) => {
    const code = p.code.trim();
    if (!PART_CODE.test(code)) errors[`parts[${i}].code`] = t('tthcAdmin.errors.partCode');
    else if (codes.has(code)) errors[`parts[${i}].code`] = t('tthcAdmin.errors.duplicateCode', { code });
    codes.add(code);
    required(`parts[${i}].name`, p.name);
    for (const key of ['originals', 'copies'] as const) {
      if (!isIntegerIn(p[key], 0, LIMITS.copies)) errors[`parts[${i}].${key}`] = t('tthcAdmin.errors.integerRange', { min: 0, max: LIMITS.copies });
    }
  });
  d.legalBases.forEach((b, i) => {
    required(`legalBases[${i}].number`, b.number);
    required(`legalBases[${i}].title`, b.title);
    if (b.issuedOn.trim() && !parseDate(b.issuedOn)) errors[`legalBases[${i}].issuedOn`] = t('form.invalidDate');
  });
  Object.assign(errors, checkVerificationDraft(d.verification, t));
  return errors;
}
