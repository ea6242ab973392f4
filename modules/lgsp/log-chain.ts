import { X509Certificate, createHmac, hash, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../packages/platform/index.ts';

/**
 * The message log's hash chain, as pure functions (no database): the log writes with them, and
 * `lgsp:verify-evidence` recomputes them offline from a package (decision 0032).
 *
 *   digest = SHA-256(canonical JSON of the record's fields)
 *   hash   = SHA-256(canonical JSON of [seq, prevHash, digest])
 *   mac    = HMAC-SHA-256(key derived from SEN_MASTER_KEY, hash)
 *
 * The link is public so anyone can check a chain proof; the digest lets a proof step over
 * other exchanges without revealing them; the MAC (checked by `lgsp:verify-log`) stops a
 * database writer from recomputing the chain between two seals.
 */
export const GENESIS = '0'.repeat(64);
export const SEAL_FORMAT = 'sen-lgsp-seal/1';

/** The chained fields of one exchange. */
export interface ExchangeFields {
  at: Date;
  messageId: string;
  requestId: string;
  client: string | null;
  service: string | null;
  method: string;
  path: string;
  status: number;
  fault: string | null;
  durationMs: number;
  providerMs: number | null;
  requestHash: string;
  purpose: string | null;
  userId: string | null;
  requestBodyHash?: string | null;
  responseBodyHash?: string | null;
}

/** One-shot `crypto.hash`: about a quarter of the CPU of a `Hash` object for the short inputs of every message. */
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data);

export function recordDigest(r: ExchangeFields): string {
  return sha256Hex(canonicalJson([
    r.at.toISOString(), r.messageId, r.requestId, r.client, r.service, r.method, r.path, r.status, r.fault, r.durationMs, r.providerMs,
    r.requestHash, r.purpose, r.userId, r.requestBodyHash ?? null, r.responseBodyHash ?? null,
  ]));
}

export function linkHash(seq: number, prevHash: string, digest: string): string {
  return sha256Hex(canonicalJson([seq, prevHash, digest]));
}

/** Records written before migration 0014 (no `mac`): the keyed hash was the link itself; lgsp:verify-log still checks them. */
export function legacyRecordHash(r: ExchangeFields & { seq: number; prevHash: string }, key: KeyObject): string {
  const fields = [
    r.seq, r.at.toISOString(), r.messageId, r.requestId, r.client, r.service, r.method, r.path,
    r.status, r.fault, r.durationMs, r.providerMs, r.requestHash, r.purpose, r.userId, r.prevHash,
  ];
  return createHmac('sha256', key).update(canonicalJson(fields)).digest('hex');
}

export function recordMac(hash: string, key: KeyObject): string {
  return createHmac('sha256', key).update(hash).digest('hex');
}

/** The bytes a seal signs: the format, the last sealed record and when. */
export function sealBytes(seal: { seq: number; hash: string; sealedAt: string }): Buffer {
  return Buffer.from(canonicalJson([SEAL_FORMAT, seal.seq, seal.hash, seal.sealedAt]), 'utf8');
}

const sameHex = (a: string | null, b: string) => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type RecordProblem = { problem: 'hash' | 'mac'; message: string };

/** One stored record (in the database or an archive) against its own hash and MAC; undefined when it holds. */
export function recordProblem(row: ExchangeFields & { seq: number; prevHash: string; hash: string; mac: string | null }, key: KeyObject): RecordProblem | undefined {
  if (row.mac === null) {
    // Written before seals existed (migration 0014): its hash is the keyed one.
    return sameHex(row.hash, legacyRecordHash(row, key)) ? undefined : { problem: 'hash', message: 'its content does not match its hash' };
  }
  if (linkHash(row.seq, row.prevHash, recordDigest(row)) !== row.hash) return { problem: 'hash', message: 'its content does not match its hash' };
  if (!sameHex(row.mac, recordMac(row.hash, key))) return { problem: 'mac', message: 'its MAC was not made with this master key (a recomputed chain)' };
  return undefined;
}

/** A seal's signature verifies with the first of its certificates. */
export function sealSignatureValid(seal: { seq: number; hash: string; sealedAt: string; signature: string; certificates: string[] }): boolean {
  try {
    const signer = new X509Certificate(Buffer.from(seal.certificates[0] ?? '', 'base64'));
    return verifySignature('sha256', sealBytes(seal), signer.publicKey, Buffer.from(seal.signature, 'base64'));
  } catch {
    return false;
  }
}
