// The one way this sandbox loads its PKI libraries: reflect-metadata before @peculiar/x509
// (its dependency tsyringe needs it at load time), and WebCrypto as the crypto provider.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomBytes } from 'node:crypto';

x509.cryptoProvider.set(globalThis.crypto);

export { asn1js, pkijs, x509 };

/** RSA 2048 with SHA-256: what Vietnamese CAs issue and PDF signers expect. */
export const RSA_SHA256 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

export function generateRsaKeyPair(extractable: boolean): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA_SHA256, extractable, ['sign', 'verify']);
}

export const OID = {
  userId: '0.9.2342.19200300.100.1.1',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  crlNumber: '2.5.29.20',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
} as const;

/**
 * The sandbox's own OID arc, under ITU-T X.660's `example` arc (2.999), which is never
 * assigned to a real CA; 87 is Đồng Tháp's province code. Small arcs keep every ASN.1 library
 * able to print them.
 */
export const SEN_SANDBOX_ARC = '2.999.87';
/** Certificate policy of everything this sandbox issues (test certificates, no assurance). */
export const CA_POLICY_OID = `${SEN_SANDBOX_ARC}.1.1`;
/** Policy of the time-stamping authority, put in every TSTInfo. */
export const TSA_POLICY_OID = `${SEN_SANDBOX_ARC}.2.1`;

/** Hash algorithms a request may name (OCSP CertID, RFC 3161 message imprint), by OID. */
export const DIGESTS: Readonly<Record<string, { name: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'; length: number }>> = {
  '1.3.14.3.2.26': { name: 'SHA-1', length: 20 },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', length: 64 },
};

export async function digest(algorithm: string, data: ArrayBuffer | Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, data instanceof Uint8Array ? new Uint8Array(data) : data));
}

/**
 * A random positive 16-byte serial (RFC 5280 allows up to 20 octets). The top bit is cleared
 * so the INTEGER is positive, the next one set so the encoding keeps all 16 bytes.
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** Certificates, CRLs and OCSP carry times to the second: drop the milliseconds up front. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** A DER document as a Node Buffer (what Fastify sends). */
export function derBuffer(der: ArrayBuffer | Uint8Array): Buffer {
  return Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der));
}

/** PEM ending with a newline, so that files can be concatenated into bundles. */
export function pemOf(document: x509.X509Certificate | x509.X509Crl): string {
  return `${document.toString('pem')}\n`;
}

export function toPkijsCertificate(certificate: x509.X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(certificate.rawData);
}

/** The SHA-256 fingerprint as colon-separated upper-case hex, as certificate viewers show it. */
export async function fingerprintSha256(certificate: x509.X509Certificate): Promise<string> {
  const hash = await digest('SHA-256', certificate.rawData);
  return Buffer.from(hash).toString('hex').toUpperCase().match(/../g)!.join(':');
}
