import { OID, x509 } from './pki.ts';

/**
 * What the registration authority may ask for. The signing profiles follow what Vietnamese
 * public CAs issue for document signing: an agency's seal certificate ("agency-signing") and
 * an official's personal certificate ("official-signing").
 */
export const CERTIFICATE_PROFILES = ['agency-signing', 'official-signing', 'tls-server', 'tls-client'] as const;
export type CertificateProfile = (typeof CERTIFICATE_PROFILES)[number];

export const REVOCATION_REASONS = ['keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'unspecified'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** RFC 5280 CRLReason codes of the reasons the RA accepts. */
export const REASON_CODES: Readonly<Record<RevocationReason, number>> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
};

export const DEFAULT_PROVINCE = 'Đồng Tháp';

export interface SubjectInput {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  province?: string;
  email?: string;
  /** Mã định danh cơ quan (e.g. `000.00.00.H19`), carried in a UID attribute as given. */
  agencyCode?: string;
  /** Số CCCD (12 digits) or CMND (9 digits); official-signing only. */
  personalId?: string;
}

/** Vietnamese CAs mark a person's id number by its document: `CCCD:` (12 digits) or `CMND:` (9). */
export function personalIdAttribute(personalId: string): string {
  return `${personalId.length === 12 ? 'CCCD' : 'CMND'}:${personalId}`;
}

/** The subject DN, ordered as Vietnamese CAs print it: C, ST, L, O, OU, CN, UID…, E. */
export function subjectName(subject: SubjectInput): x509.JsonName {
  const name: x509.JsonName = [{ C: ['VN'] }, { ST: [subject.province ?? DEFAULT_PROVINCE] }];
  if (subject.locality) name.push({ L: [subject.locality] });
  if (subject.organization) name.push({ O: [subject.organization] });
  if (subject.organizationalUnit) name.push({ OU: [subject.organizationalUnit] });
  name.push({ CN: [subject.commonName] });
  if (subject.agencyCode) name.push({ [OID.userId]: [subject.agencyCode] });
  if (subject.personalId) name.push({ [OID.userId]: [personalIdAttribute(subject.personalId)] });
  if (subject.email) name.push({ E: [subject.email] });
  return name;
}

/** The subject as text, with UID named (the library prints unknown attributes as OIDs). */
export function subjectText(name: x509.Name): string {
  return new x509.Name(name.toArrayBuffer(), { UID: OID.userId }).toString();
}

/** Shows a subject without the full personal id number (pages and logs). */
export function maskPersonalIds(subject: string): string {
  return subject.replace(/\b(CCCD|CMND):(\d{3})\d+(\d{2})\b/g, (_all, kind: string, head: string, tail: string) => `${kind}:${head}…${tail}`);
}

export interface ProfileInput {
  profile: CertificateProfile;
  email?: string;
  dnsNames?: string[];
  /** RSA keys may encipher (TLS key transport); EC keys only sign. */
  rsaKey: boolean;
}

const { digitalSignature, nonRepudiation, keyEncipherment } = x509.KeyUsageFlags;

/** Key usage, extended key usage and alternative names of one profile. */
export function profileExtensions(input: ProfileInput): x509.Extension[] {
  const emailNames: x509.JsonGeneralNames = input.email ? [{ type: 'email', value: input.email }] : [];
  const alternativeNames = (names: x509.JsonGeneralNames) => (names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []);
  switch (input.profile) {
    case 'agency-signing':
    case 'official-signing':
      return [
        new x509.KeyUsagesExtension(digitalSignature | nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection, OID.documentSigning]),
        ...alternativeNames(emailNames),
      ];
    case 'tls-server':
      return [
        new x509.KeyUsagesExtension(input.rsaKey ? digitalSignature | keyEncipherment : digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        ...alternativeNames((input.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value }))),
      ];
    case 'tls-client':
      return [
        new x509.KeyUsagesExtension(digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        ...alternativeNames(emailNames),
      ];
  }
}
