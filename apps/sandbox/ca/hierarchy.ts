import {
  CA_POLICY_OID, OID, RSA_SHA256, addYears, generateRsaKeyPair, randomSerialHex, toPkijsCertificate, wholeSeconds, x509, type pkijs,
} from './pki.ts';

/** The organisation in every subject this sandbox signs, so nobody mistakes it for a real CA. */
export const CA_ORGANIZATION = 'Sen Sandbox (NOT FOR PRODUCTION)';
export const ROOT_CA_NAME = 'Sen Sandbox Root CA';
export const ISSUING_CA_NAME = 'Sen Sandbox Issuing CA';
export const OCSP_RESPONDER_NAME = 'Sen Sandbox OCSP Responder';
export const TSA_NAME = 'Sen Sandbox Time-Stamping Authority';

/** A certificate with its private key (kept in memory, never exported). */
export interface Signer {
  certificate: x509.X509Certificate;
  /** The same certificate parsed by pkijs, for OCSP and CMS structures. */
  asn: pkijs.Certificate;
  privateKey: CryptoKey;
}

export interface Hierarchy {
  root: Signer;
  issuing: Signer;
  ocsp: Signer;
  tsa: Signer;
}

/** The certificates the repository publishes under `/certs/<file>.crt`. */
export const PUBLISHED_CERTIFICATES = [
  { file: 'root', role: 'CA gốc / Root CA (self-signed trust anchor)', pick: (hierarchy: Hierarchy): Signer => hierarchy.root },
  { file: 'issuing', role: 'CA cấp phát / Issuing CA (signs end-entity certificates)', pick: (hierarchy: Hierarchy): Signer => hierarchy.issuing },
  { file: 'ocsp', role: 'Máy chủ OCSP / OCSP responder', pick: (hierarchy: Hierarchy): Signer => hierarchy.ocsp },
  { file: 'tsa', role: 'Máy chủ dấu thời gian / Time-stamping authority', pick: (hierarchy: Hierarchy): Signer => hierarchy.tsa },
] as const;

/** Where relying parties fetch what certificates point to (CRL DP, AIA). */
export interface CaUrls {
  rootCertificate: string;
  issuingCertificate: string;
  rootCrl: string;
  issuingCrl: string;
  ocsp: string;
  tsa: string;
}

export function caUrls(baseUrl: string): CaUrls {
  return {
    rootCertificate: `${baseUrl}/certs/root.crt`,
    issuingCertificate: `${baseUrl}/certs/issuing.crt`,
    rootCrl: `${baseUrl}/crl/root.crl`,
    issuingCrl: `${baseUrl}/crl/issuing.crl`,
    ocsp: `${baseUrl}/ocsp`,
    tsa: `${baseUrl}/tsa`,
  };
}

function caSubject(commonName: string): x509.JsonName {
  return [{ C: ['VN'] }, { O: [CA_ORGANIZATION] }, { CN: [commonName] }];
}

export interface IssueParams {
  subject: x509.JsonName;
  publicKey: x509.PublicKeyType;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
  serialNumber?: string;
}

/** Signs a certificate with the issuer's key; the issuer name is copied byte for byte. */
export function signCertificate(issuer: Signer, params: IssueParams): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: params.serialNumber ?? randomSerialHex(),
    subject: params.subject,
    issuer: issuer.certificate.subjectName,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey: issuer.privateKey,
    signingAlgorithm: RSA_SHA256,
    extensions: params.extensions,
  });
}

/**
 * Extensions every certificate below the issuing CA carries: not a CA, key identifiers, the
 * sandbox policy, and where to check revocation (CRL, OCSP) and fetch the issuer.
 */
export async function endEntityExtensions(issuing: Signer, publicKey: x509.PublicKeyType, urls: CaUrls): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuing.certificate.publicKey),
    new x509.CertificatePolicyExtension([CA_POLICY_OID]),
    new x509.CRLDistributionPointsExtension([urls.issuingCrl]),
    new x509.AuthorityInfoAccessExtension({ ocsp: urls.ocsp, caIssuers: urls.issuingCertificate }),
  ];
}

function signer(certificate: x509.X509Certificate, keys: CryptoKeyPair): Signer {
  return { certificate, asn: toPkijsCertificate(certificate), privateKey: keys.privateKey };
}

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
/** DER of NULL: the whole value of id-pkix-ocsp-nocheck. */
const DER_NULL = new Uint8Array([0x05, 0x00]);

/**
 * A new hierarchy with fresh RSA keys: root (pathLen 1, 10 years) → issuing CA (pathLen 0,
 * 5 years) → OCSP responder and time-stamping authority. Keys live only in memory, so every
 * start is a new CA; relying parties fetch the root again from `/certs/root.crt`.
 */
export async function createHierarchy(urls: CaUrls, now = new Date()): Promise<Hierarchy> {
  const [rootKeys, issuingKeys, ocspKeys, tsaKeys] = await Promise.all([1, 2, 3, 4].map(() => generateRsaKeyPair(false)));
  const notBefore = wholeSeconds(new Date(now.getTime() - 5 * 60_000));

  const rootCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: caSubject(ROOT_CA_NAME),
    keys: rootKeys!,
    notBefore,
    notAfter: addYears(notBefore, 10),
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys!.publicKey),
    ],
  });
  const root = signer(rootCertificate, rootKeys!);

  const issuingCertificate = await signCertificate(root, {
    subject: caSubject(ISSUING_CA_NAME),
    publicKey: issuingKeys!.publicKey,
    notBefore,
    notAfter: addYears(notBefore, 5),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(CA_KEY_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys!.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys!.publicKey),
      new x509.CertificatePolicyExtension([CA_POLICY_OID]),
      new x509.CRLDistributionPointsExtension([urls.rootCrl]),
      new x509.AuthorityInfoAccessExtension({ caIssuers: urls.rootCertificate }),
    ],
  });
  const issuing = signer(issuingCertificate, issuingKeys!);

  const ocspCertificate = await signCertificate(issuing, {
    subject: caSubject(OCSP_RESPONDER_NAME),
    publicKey: ocspKeys!.publicKey,
    notBefore,
    notAfter: addYears(notBefore, 1),
    extensions: [
      ...(await endEntityExtensions(issuing, ocspKeys!.publicKey, urls)),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning]),
      // Relying parties need not check the responder's own revocation (RFC 6960 4.2.2.2.1).
      new x509.Extension(OID.ocspNoCheck, false, DER_NULL),
    ],
  });

  const tsaCertificate = await signCertificate(issuing, {
    subject: caSubject(TSA_NAME),
    publicKey: tsaKeys!.publicKey,
    notBefore,
    notAfter: addYears(notBefore, 3),
    extensions: [
      ...(await endEntityExtensions(issuing, tsaKeys!.publicKey, urls)),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      // RFC 3161 2.3: the TSA certificate has timeStamping as its only, critical, purpose.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
    ],
  });

  return { root, issuing, ocsp: signer(ocspCertificate, ocspKeys!), tsa: signer(tsaCertificate, tsaKeys!) };
}
