import { createPublicKey } from 'node:crypto';
import { generateRsaKeyPair, x509 } from './pki.ts';

/** The CSR is unreadable, its signature does not verify, or its key is not acceptable. */
export class InvalidCsrError extends Error {}

/** The public key a certificate is issued for, and the private key when the CA generated it. */
export interface SubjectKey {
  publicKey: x509.PublicKey;
  rsa: boolean;
  privateKeyPem?: string;
}

const ACCEPTED_CURVES = new Set(['prime256v1', 'secp384r1']);

/** Checks proof of possession (the CSR's self-signature) and takes the CSR's public key. */
export async function subjectKeyFromCsr(text: string): Promise<SubjectKey> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(text.trim());
  } catch {
    throw new InvalidCsrError('csr is not a PKCS#10 certification request');
  }
  const verified = await request.verify().catch(() => false);
  if (!verified) throw new InvalidCsrError('the signature of the certification request does not verify');

  const key = createPublicKey({ key: Buffer.from(request.publicKey.rawData), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) throw new InvalidCsrError('RSA keys must be at least 2048 bits');
    return { publicKey: request.publicKey, rsa: true };
  }
  if (key.asymmetricKeyType === 'ec' && ACCEPTED_CURVES.has(details.namedCurve ?? '')) {
    return { publicKey: request.publicKey, rsa: false };
  }
  throw new InvalidCsrError('the key must be RSA (2048 bits or more) or EC P-256/P-384');
}

/**
 * Sandbox convenience: without a CSR the CA makes the key pair and returns the private key
 * (PKCS#8 PEM). A real CA never sees the subscriber's private key.
 */
export async function generatedSubjectKey(): Promise<SubjectKey> {
  const keys = await generateRsaKeyPair(true);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    publicKey: await x509.PublicKey.create(keys.publicKey),
    rsa: true,
    privateKeyPem: x509.PemConverter.encode(pkcs8, x509.PemConverter.PrivateKeyTag),
  };
}
