import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import * as pkijs from 'pkijs';
import { verifyTimeStamp } from '../../packages/platform/index.ts';
import { linkHash, recordDigest, sealBytes, sha256Hex, type ExchangeFields } from './log-chain.ts';

/**
 * The evidence package of one exchange (decision 0032) and its OFFLINE verification: no
 * database, no network, only the package. It proves that the exchange's record (and its bodies
 * when included) is the one the LGSP sealed: the record's hash, the chain from it to a seal,
 * the seal's signature under a certificate chain ending at the included root, and an RFC 3161
 * time stamp over that signature by a TSA certified under the same root.
 */
export const EVIDENCE_FORMAT = 'sen-lgsp-evidence/1';

export interface EvidenceRecord extends Omit<ExchangeFields, 'at' | 'requestBodyHash' | 'responseBodyHash'> {
  seq: number;
  at: string;
  requestBodyHash: string | null;
  responseBodyHash: string | null;
  prevHash: string;
  hash: string;
}

export interface EvidencePackage {
  format: typeof EVIDENCE_FORMAT;
  exportedAt: string;
  record: EvidenceRecord;
  /** Base64 bodies (decrypted for the export), or null when not logged or not included. */
  bodies: { request: string | null; response: string | null } | null;
  /** The records after this one up to the seal: their digests only (other exchanges stay private). */
  chain: { seq: number; digest: string; hash: string }[];
  seal: { seq: number; hash: string; sealedAt: string; signature: string; certificates: string[]; timeStampToken: string };
}

export type EvidenceCheck =
  | { ok: true; messageId: string; seq: number; sealedSeq: number; sealedAt: string; timeStamp: string; signer: string; tsa: string; rootSha256: string; bodies: boolean }
  | { ok: false; reason: string };

const fail = (reason: string): EvidenceCheck => ({ ok: false, reason });
const isoDate = (value: string) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined);

function parseCertificates(list: unknown): X509Certificate[] | string {
  if (!Array.isArray(list) || list.length === 0) return 'the seal carries no certificate';
  try {
    return list.map((b64) => new X509Certificate(Buffer.from(String(b64), 'base64')));
  } catch {
    return 'a certificate of the seal is malformed';
  }
}

/** The certificate path from `leaf` to a self-signed root among `pool`; a string says why there is none. */
function pathToRoot(leaf: X509Certificate, pool: X509Certificate[], at: Date): X509Certificate[] | string {
  const path = [leaf];
  for (let current = leaf; path.length <= 8;) {
    if (at < new Date(current.validFrom) || at > new Date(current.validTo)) return `the certificate ${current.subject.replace(/\n/g, ', ')} was not valid at ${at.toISOString()}`;
    const issuer = pool.find((candidate) => current.checkIssued(candidate) && current.verify(candidate.publicKey));
    if (!issuer) return `no included certificate issued ${current.subject.replace(/\n/g, ', ')}`;
    if (issuer === current) return path;
    if (!issuer.ca) return `${issuer.subject.replace(/\n/g, ', ')} is not a CA certificate`;
    path.push(issuer);
    current = issuer;
  }
  return 'the certificate chain is too long';
}

function tokenCertificates(tokenBase64: string): X509Certificate[] {
  const token = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(tokenBase64, 'base64')));
  const signedData = new pkijs.SignedData({ schema: token.content });
  return (signedData.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
}

function checkBody(body: string | null, hash: string | null, part: string): string | undefined {
  if (body === null) return undefined;
  if (typeof body !== 'string') return `the ${part} body is not base64`;
  if (hash === null) return `the ${part} body is included but the record holds no hash of it`;
  return sha256Hex(Buffer.from(body, 'base64')) === hash ? undefined : `the ${part} body does not match the hash in the record`;
}

/**
 * Verifies a package with nothing but itself. `trustedRoot` (DER), when given, must be the root
 * the chain ends at; otherwise the root's SHA-256 fingerprint is reported for the reader to compare.
 */
export async function verifyEvidence(pkg: EvidencePackage, options: { trustedRoot?: Buffer } = {}): Promise<EvidenceCheck> {
  if (pkg?.format !== EVIDENCE_FORMAT) return fail(`not an evidence package (${EVIDENCE_FORMAT})`);
  const { record, chain, seal } = pkg;
  const at = isoDate(record?.at);
  if (!at || !Number.isInteger(record.seq) || !Array.isArray(chain) || !seal) return fail('the package is malformed');
  // 1. The record's own hash, then its bodies against the hashes it holds.
  if (linkHash(record.seq, record.prevHash, recordDigest({ ...record, at })) !== record.hash) return fail(`record ${record.seq}: its content does not match its hash`);
  if (pkg.bodies) {
    const problem = checkBody(pkg.bodies.request, record.requestBodyHash, 'request') ?? checkBody(pkg.bodies.response, record.responseBodyHash, 'response');
    if (problem) return fail(problem);
  }
  // 2. The chain from the record to the seal.
  let seq = record.seq;
  let hash = record.hash;
  for (const step of chain) {
    if (step.seq !== seq + 1) return fail(`chain: record ${seq + 1} is missing (found ${step.seq})`);
    if (linkHash(step.seq, hash, step.digest) !== step.hash) return fail(`chain: record ${step.seq} does not link to record ${seq}`);
    seq = step.seq;
    hash = step.hash;
  }
  if (seal.seq !== seq || seal.hash !== hash) return fail(`the seal covers record ${seal.seq}, the chain ends at record ${seq} with another hash`);
  // 3. The seal's signature, under a certificate chain up to a root.
  const sealedAt = isoDate(seal.sealedAt);
  if (!sealedAt) return fail('the seal has no valid time');
  const certificates = parseCertificates(seal.certificates);
  if (typeof certificates === 'string') return fail(certificates);
  const signer = certificates[0]!;
  const signature = Buffer.from(String(seal.signature), 'base64');
  if (!verifySignature('sha256', sealBytes({ seq: seal.seq, hash: seal.hash, sealedAt: seal.sealedAt }), signer.publicKey, signature)) {
    return fail('the seal signature does not verify with the included signer certificate');
  }
  const signerPath = pathToRoot(signer, certificates, sealedAt);
  if (typeof signerPath === 'string') return fail(`seal certificate: ${signerPath}`);
  const root = signerPath.at(-1)!;
  if (options.trustedRoot && !options.trustedRoot.equals(root.raw)) return fail('the chain ends at another root than the trusted one');
  // 4. The TSA's token over the signature value, by a TSA certified under the same root.
  const stamped = await verifyTimeStamp(String(seal.timeStampToken), signature);
  if (!stamped.ok) return fail(`time stamp: ${stamped.reason}`);
  let tsaCertificates: X509Certificate[];
  try {
    tsaCertificates = tokenCertificates(String(seal.timeStampToken));
  } catch {
    return fail('time stamp: malformed token');
  }
  const tsaPath = pathToRoot(tsaCertificates[0]!, [...tsaCertificates, ...certificates], stamped.genTime);
  if (typeof tsaPath === 'string') return fail(`TSA certificate: ${tsaPath}`);
  if (!tsaPath.at(-1)!.raw.equals(root.raw)) return fail('the TSA certificate chains to another root than the seal');
  if (stamped.genTime.getTime() < at.getTime() - 60_000) return fail('the time stamp is older than the exchange');
  return {
    ok: true, messageId: record.messageId, seq: record.seq, sealedSeq: seal.seq, sealedAt: seal.sealedAt, timeStamp: stamped.genTime.toISOString(),
    signer: signer.subject.replace(/\n/g, ', '), tsa: stamped.signer, rootSha256: createHash('sha256').update(root.raw).digest('hex'), bodies: pkg.bodies !== null,
  };
}
