import { CrlPublisher } from './crl.ts';
import { caUrls, createHierarchy, endEntityExtensions, signCertificate, type CaUrls, type Hierarchy } from './hierarchy.ts';
import { addDays, wholeSeconds, type x509 } from './pki.ts';
import { REASON_CODES, profileExtensions, subjectName, subjectText, type CertificateProfile, type RevocationReason, type SubjectInput } from './profiles.ts';
import { generatedSubjectKey, subjectKeyFromCsr } from './subject-key.ts';

export interface Revocation {
  revokedAt: Date;
  reason: RevocationReason;
}

/** A certificate the registration authority asked for. */
export interface IssuedCertificate {
  serialNumber: string;
  profile: CertificateProfile;
  subject: string;
  /** The RA client that asked for it: only that client sees and revokes it. */
  clientId: string;
  certificate: x509.X509Certificate;
  issuedAt: Date;
  revocation?: Revocation;
}

export interface IssueRequest {
  profile: CertificateProfile;
  subject: SubjectInput;
  dnsNames?: string[];
  validityDays: number;
  csr?: string;
}

export type CertificateStatus = { status: 'good' } | ({ status: 'revoked' } & Revocation) | { status: 'unknown' };

/** Backdating absorbs clock skew between the sandbox and relying parties. */
const BACKDATE_MS = 60_000;

/**
 * The certification authority: its hierarchy, the certificates it issued (in memory, the
 * newest `maxCertificates`), their revocations and the CRLs. A certificate pushed out of the
 * store is forgotten: OCSP then answers `unknown` and the CRL no longer lists it.
 */
export class CertificateAuthority {
  readonly hierarchy: Hierarchy;
  readonly urls: CaUrls;
  readonly issuingCrl: CrlPublisher;
  readonly rootCrl: CrlPublisher;
  readonly #issued = new Map<string, IssuedCertificate>();
  readonly #maxCertificates: number;

  private constructor(hierarchy: Hierarchy, urls: CaUrls, maxCertificates: number) {
    this.hierarchy = hierarchy;
    this.urls = urls;
    this.#maxCertificates = maxCertificates;
    this.issuingCrl = new CrlPublisher(hierarchy.issuing, () => this.#revokedEntries());
    // The root signs only the issuing CA, which is never revoked: its CRL stays empty.
    this.rootCrl = new CrlPublisher(hierarchy.root, () => []);
  }

  static async create(baseUrl: string, maxCertificates: number): Promise<CertificateAuthority> {
    const urls = caUrls(baseUrl);
    const authority = new CertificateAuthority(await createHierarchy(urls), urls, maxCertificates);
    await Promise.all([authority.issuingCrl.publish(), authority.rootCrl.publish()]);
    return authority;
  }

  /** Issues an end-entity certificate; throws `InvalidCsrError` for a bad CSR (nothing is stored). */
  async issue(request: IssueRequest, clientId: string): Promise<{ record: IssuedCertificate; privateKeyPem?: string }> {
    const key = request.csr ? await subjectKeyFromCsr(request.csr) : await generatedSubjectKey();
    const issuing = this.hierarchy.issuing;
    const notBefore = wholeSeconds(new Date(Date.now() - BACKDATE_MS));
    const requestedEnd = addDays(notBefore, request.validityDays);
    // Nothing outlives the CA that vouches for it.
    const notAfter = requestedEnd > issuing.certificate.notAfter ? issuing.certificate.notAfter : requestedEnd;
    const certificate = await signCertificate(issuing, {
      subject: subjectName(request.subject),
      publicKey: key.publicKey,
      notBefore,
      notAfter,
      extensions: [
        ...(await endEntityExtensions(issuing, key.publicKey, this.urls)),
        ...profileExtensions({ profile: request.profile, email: request.subject.email, dnsNames: request.dnsNames, rsaKey: key.rsa }),
      ],
    });
    const record: IssuedCertificate = {
      serialNumber: certificate.serialNumber.toLowerCase(),
      profile: request.profile,
      subject: subjectText(certificate.subjectName),
      clientId,
      certificate,
      issuedAt: new Date(),
    };
    this.#issued.set(record.serialNumber, record);
    if (this.#issued.size > this.#maxCertificates) this.#issued.delete(this.#issued.keys().next().value!);
    return { record, ...(key.privateKeyPem ? { privateKeyPem: key.privateKeyPem } : {}) };
  }

  /** A certificate by serial (hex, any case); with a client id, only one that client issued. */
  find(serialNumber: string, clientId?: string): IssuedCertificate | undefined {
    const record = this.#issued.get(serialNumber.toLowerCase());
    return record && (clientId === undefined || record.clientId === clientId) ? record : undefined;
  }

  /** Newest first; with a client id, only what that client issued. */
  list(options: { limit: number; clientId?: string }): { total: number; items: IssuedCertificate[] } {
    const all = [...this.#issued.values()].filter((record) => options.clientId === undefined || record.clientId === options.clientId);
    return { total: all.length, items: all.reverse().slice(0, options.limit) };
  }

  /** Records the revocation and publishes a CRL that lists it before returning. */
  async revoke(record: IssuedCertificate, reason: RevocationReason): Promise<Revocation> {
    if (record.revocation) return record.revocation;
    record.revocation = { revokedAt: wholeSeconds(new Date()), reason };
    await this.issuingCrl.publish();
    return record.revocation;
  }

  /** Status of a serial issued under the issuing CA, for the OCSP responder. */
  statusOf(serialNumber: string): CertificateStatus {
    const record = this.#issued.get(serialNumber.toLowerCase());
    if (record) return record.revocation ? { status: 'revoked', ...record.revocation } : { status: 'good' };
    const { ocsp, tsa } = this.hierarchy;
    const infrastructure = [ocsp, tsa].some((s) => s.certificate.serialNumber.toLowerCase() === serialNumber.toLowerCase());
    return infrastructure ? { status: 'good' } : { status: 'unknown' };
  }

  #revokedEntries() {
    return [...this.#issued.values()]
      .filter((record) => record.revocation)
      .map((record) => ({ serialNumber: record.serialNumber, revokedAt: record.revocation!.revokedAt, reasonCode: REASON_CODES[record.revocation!.reason] }));
  }
}
