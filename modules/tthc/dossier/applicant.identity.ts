import { forbidden, unprocessable } from '../../../packages/platform/index.ts';
import type { CitizenIdentity } from './dossier.actions.ts';
import type { Applicant } from './dossier.types.ts';

/**
 * The applicant of an online filing is who VNeID says: name, personal id and date of birth are
 * not typed, so they cannot be wrong. A person who signed in as an enterprise's legal
 * representative may file for it: the enterprise code comes from VNeID too, and only such a
 * sign-in may file as an organisation. Contact details and the address stay as typed
 * (prefilled from VNeID, but a person may want the result elsewhere).
 */
export function applicantFromVneid(typed: Applicant, identity: CitizenIdentity, applicantTypes: readonly string[]): Applicant {
  const person = { personalId: identity.personalId, fullName: identity.fullName, ...(identity.dateOfBirth ? { dateOfBirth: identity.dateOfBirth } : {}) };
  const { enterpriseCode: _code, organisationName, dateOfBirth: _typedBirth, ...rest } = typed;
  if (typed.kind !== 'organisation') return { ...rest, ...person, kind: 'citizen' };
  if (!identity.enterpriseCode) {
    throw forbidden('dossier.not_representative', 'Chỉ người đại diện theo pháp luật (đăng nhập VNeID cho doanh nghiệp) được nộp hồ sơ thay tổ chức / Sign in with VNeID as the enterprise\'s legal representative to file for it');
  }
  if (!applicantTypes.includes('organisation')) {
    throw unprocessable('dossier.applicant_type_not_offered', 'Thủ tục này không dành cho tổ chức / This procedure is not for organisations');
  }
  const name = organisationName?.trim();
  if (!name) throw unprocessable('dossier.organisation_name_required', 'Cần tên tổ chức, doanh nghiệp / The organisation\'s name is required');
  return { ...rest, ...person, kind: 'organisation', enterpriseCode: identity.enterpriseCode, organisationName: name };
}

/** What an e-form and the applicant block are prefilled with, for the signed-in citizen. */
export interface ApplicantProfile {
  fullName: string;
  personalId: string;
  dateOfBirth: string | null;
  phone: string | null;
  address: { line: string; commune: string | null; province: string | null } | null;
  /** Set when the person signed in as an enterprise's legal representative. */
  enterpriseCode: string | null;
}

export function applicantProfile(identity: CitizenIdentity): ApplicantProfile {
  const a = identity.address;
  return {
    fullName: identity.fullName, personalId: identity.personalId, dateOfBirth: identity.dateOfBirth, phone: identity.phone,
    address: a ? { line: a.line, commune: a.commune ?? null, province: a.province ?? null } : null, enterpriseCode: identity.enterpriseCode,
  };
}

/** E-form fields VNeID fills that the applicant cannot change (the rest it only prefills). */
const LOCKED_PREFILL: Readonly<Record<string, (identity: CitizenIdentity) => string | null>> = {
  fullName: (i) => i.fullName,
  personalId: (i) => i.personalId,
  dateOfBirth: (i) => i.dateOfBirth,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Writes VNeID's name, personal id and date of birth into the e-form fields marked
 * `x-prefill` with them (in nested objects too), whatever was typed: the web shows them
 * read-only, and a hand-made request cannot change them either.
 */
export function stampIdentity(schema: unknown, data: unknown, identity: CitizenIdentity): unknown {
  if (!isRecord(schema) || !isRecord(schema.properties) || !isRecord(data)) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [key, field] of Object.entries(schema.properties)) {
    if (!isRecord(field)) continue;
    const from = typeof field['x-prefill'] === 'string' ? LOCKED_PREFILL[field['x-prefill']] : undefined;
    const value = from?.(identity);
    if (value) out[key] = value;
    else if (field.type === 'object') out[key] = stampIdentity(field, out[key], identity);
  }
  return out;
}
