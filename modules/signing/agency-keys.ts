import { webcrypto } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import { x509 } from './x509.ts';
import { AppError, newId, type Db, type SecretBox } from '../../packages/platform/index.ts';
import { agencyKeys } from './db/schema.ts';
import { localSigner } from './sign-pdf.ts';
import type { DocumentSigner } from './cms.ts';

/**
 * Each agency's signing key: generated here, certified by the CA's registration authority over
 * HTTP (a CSR, profile agency-signing), kept sealed with the platform's secret box. The key is
 * opened only to sign. A key near its end (30 days), missing, or whose chain no longer ends at the
 * trusted root (a CA that started anew) is replaced on first use.
 */
export interface CaClient {
  apiUrl: string;
  clientId: string;
  apiKey: string;
}

export interface AgencyIdentity {
  id: string;
  code: string;
  name: string;
}

const RENEW_BEFORE_MS = 30 * 86_400_000;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const context = (id: string) => `signing.agency-key:${id}`;

export const derCertificates = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')));

const caUnavailable = (detail: string) => new AppError(502, 'signing.ca_unavailable', `Không lấy được chứng thư số từ CA / The certification authority did not issue a certificate (${detail})`);

async function enrol(ca: CaClient, agency: AgencyIdentity): Promise<{ serialNumber: string; certificatePem: string; chainPem: string; notAfter: string; privateKeyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: [{ CN: [agency.name.slice(0, 64)] }], keys, signingAlgorithm: RSA });
  const response = await fetch(`${ca.apiUrl}/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client-id': ca.clientId, 'x-api-key': ca.apiKey },
    body: JSON.stringify({
      profile: 'agency-signing', validityDays: 365, csr: csr.toString('pem'),
      subject: { commonName: agency.name.slice(0, 64), ...(/^[A-Za-z0-9._-]+$/.test(agency.code) ? { agencyCode: agency.code } : {}) },
    }),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: Error) => {
    throw caUnavailable(error.name);
  });
  if (response.status !== 201) throw caUnavailable(`HTTP ${response.status}`);
  const issued = (await response.json()) as { serialNumber: string; certificatePem: string; chainPem: string; notAfter: string };
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { ...issued, privateKeyPem };
}

export interface AgencyKeys {
  /** The agency's signer, enrolling a key at the CA first when it has none in force. */
  signerFor(agency: AgencyIdentity): Promise<{ signer: DocumentSigner; serialNumber: string }>;
  /** Stops using the agency's current key (after a revocation at the CA); the next signature enrols a new one. */
  retire(agencyId: string): Promise<number>;
}

/** Whether a stored key's chain ends at a root verification trusts now (a CA sandbox restarted with new keys does not). */
async function chainsToTrustedRoot(chainPem: string, trustedRoots: () => Promise<Uint8Array[]>): Promise<boolean> {
  const roots = (await trustedRoots()).map((der) => Buffer.from(der));
  return derCertificates(chainPem).some((der) => roots.some((root) => root.equals(Buffer.from(der))));
}

export function createAgencyKeys(db: Db, box: SecretBox, ca: CaClient, trustedRoots: () => Promise<Uint8Array[]>, now: () => Date): AgencyKeys {
  const retire = async (agencyId: string) => {
    const rows = await db.update(agencyKeys).set({ status: 'retired' }).where(and(eq(agencyKeys.agencyId, agencyId), eq(agencyKeys.status, 'active'))).returning({ id: agencyKeys.id });
    return rows.length;
  };
  return {
    async signerFor(agency) {
      let [row] = await db.select().from(agencyKeys)
        .where(and(eq(agencyKeys.agencyId, agency.id), eq(agencyKeys.status, 'active'), gt(agencyKeys.notAfter, new Date(now().getTime() + RENEW_BEFORE_MS))))
        .orderBy(desc(agencyKeys.createdAt)).limit(1);
      if (row && !(await chainsToTrustedRoot(row.chainPem, trustedRoots))) {
        await retire(agency.id);
        row = undefined;
      }
      if (!row) {
        const issued = await enrol(ca, agency);
        const id = newId();
        [row] = await db.insert(agencyKeys).values({
          id, agencyId: agency.id, serialNumber: issued.serialNumber, certificatePem: issued.certificatePem, chainPem: issued.chainPem,
          privateKeySealed: box.seal(issued.privateKeyPem, context(id)), notAfter: new Date(issued.notAfter),
        }).returning();
      }
      const key = row!;
      const signer = localSigner(box.open(key.privateKeySealed, context(key.id)), [...derCertificates(key.certificatePem), ...derCertificates(key.chainPem)]);
      return { signer, serialNumber: key.serialNumber };
    },
    retire,
  };
}
