import type { TFunction } from 'i18next';
import type { Applicant, ApplicantProfile } from '../../../api/tthc.ts';
import { formatDate, parseDate } from '../../../lib/format.ts';

/** The applicant block as typed (all text), turned into the API's shape on submit. */
export interface ApplicantDraft {
  /** Online, a person who signed in for an enterprise may file as it. */
  kind: 'citizen' | 'organisation';
  organisationName: string;
  /** From VNeID (read-only); empty when the person did not sign in for an enterprise. */
  enterpriseCode: string;
  fullName: string;
  personalId: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  line: string;
  commune: string;
  province: string;
}

export const emptyApplicant = (fullName = ''): ApplicantDraft => ({
  kind: 'citizen', organisationName: '', enterpriseCode: '', fullName, personalId: '', dateOfBirth: '', phone: '', email: '', line: '', commune: '', province: 'Đồng Tháp',
});

/** Online: the applicant block starts from what VNeID said (name, id and birth date are then read-only). */
export function applicantFromProfile(profile: ApplicantProfile): ApplicantDraft {
  return {
    ...emptyApplicant(profile.fullName),
    personalId: profile.personalId,
    dateOfBirth: profile.dateOfBirth ? formatDate(profile.dateOfBirth) : '',
    phone: profile.phone ?? '',
    line: profile.address?.line ?? '',
    commune: profile.address?.commune ?? '',
    province: profile.address?.province ?? 'Đồng Tháp',
    enterpriseCode: profile.enterpriseCode ?? '',
  };
}

/** `counter`: the official types the identity; online, VNeID supplies it (the server overwrites it anyway). */
export type ApplicantMode = 'online' | 'counter';

/** Online, `language` is the one the applicant filed in: their notices go out in it. */
export function toApplicant(draft: ApplicantDraft, mode: ApplicantMode, language?: string): Applicant & { locale?: 'vi' | 'en' } {
  const text = (value: string) => value.trim() || undefined;
  const line = text(draft.line);
  const organisation = mode === 'online' && draft.kind === 'organisation';
  return {
    kind: organisation ? 'organisation' : 'citizen',
    ...(organisation ? { organisationName: draft.organisationName.trim() } : {}),
    fullName: draft.fullName.trim(),
    personalId: mode === 'counter' ? text(draft.personalId) : undefined,
    dateOfBirth: mode === 'counter' ? (parseDate(draft.dateOfBirth) ?? undefined) : undefined,
    phone: text(draft.phone?.replace(/[\s.]/g, '')),
    email: text(draft.email),
    address: line ? { line, commune: text(draft.commune), province: text(draft.province) } : undefined,
    ...(mode === 'online' && language ? { locale: language === 'en' ? 'en' : 'vi' } : {}),
  };
}

/** The same rules as the API's schema, said in the reader's language before anything is sent. */
export function checkApplicant(draft: ApplicantDraft, mode: ApplicantMode, t: TFunction): Partial<Record<keyof ApplicantDraft, string>> {
  const errors: Partial<Record<keyof ApplicantDraft, string>> = {};
  if (!draft.fullName.trim()) errors.fullName = t('form.required');
  if (mode === 'online' && draft.kind === 'organisation' && !draft.organisationName.trim()) errors.organisationName = t('form.required');
  if (mode === 'counter') {
    if (!/^\d{12}$/.test(draft.personalId.trim())) errors.personalId = t('tthc.applicant.personalIdInvalid');
    if (draft.dateOfBirth.trim() && !parseDate(draft.dateOfBirth)) errors.dateOfBirth = t('form.invalidDate');
  }
  const phone = draft.phone.replace(/[\s.]/g, '');
  if (phone && !/^\+?\d{9,12}$/.test(phone)) errors.phone = t('tthc.applicant.phoneInvalid');
  if (draft.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) errors.email = t('tthc.applicant.emailInvalid');
  if (!draft.line.trim() && draft.commune.trim()) errors.line = t('tthc.applicant.addressLineRequired');
  return errors;
}
