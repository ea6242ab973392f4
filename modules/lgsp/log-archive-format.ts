import { createHash, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { verifyTimeStamp } from '../../packages/platform/index.ts';
import type { EvidenceRecord } from './evidence-verify.ts';
import { GENESIS, recordProblem, sealSignatureValid } from './log-chain.ts';

/**
 * An archive file of the message log (decision 0049), as X-Road's security server keeps its
 * archived records: the records of a stretch of the chain that ENDS AT A SEAL, with their sealed
 * bodies (still encrypted) and the seals with their RFC 3161 tokens, so each archive proves its
 * records on its own; and the "linking info": the name and SHA-256 of the previous archive file,
 * so the archives and the database's remaining records stay one verifiable chain.
 * A file is gzip'd JSON, named by its first and last record (zero-padded: the names sort in order).
 */
export const ARCHIVE_FORMAT = 'sen-lgsp-log-archive/1';

/** An evidence package's record with its MAC (the archive is verified with the log's key). */
export interface ArchivedRecord extends EvidenceRecord {
  mac: string | null;
}

export interface ArchivedSeal { seq: number; hash: string; sealedAt: string; signature: string; certificates: string[]; timeStampToken: string; genTime: string }

export interface LogArchive {
  format: typeof ARCHIVE_FORMAT;
  createdAt: string;
  /** The previous archive file (null for the first: then `prevHash` is the genesis hash). */
  previous: { file: string; sha256: string } | null;
  firstSeq: number;
  lastSeq: number;
  /** The hash record `firstSeq` links to. */
  prevHash: string;
  records: ArchivedRecord[];
  bodies: { seq: number; messageId: string; requestSealed: string | null; responseSealed: string | null }[];
  seals: ArchivedSeal[];
}

const pad = (seq: number) => String(seq).padStart(15, '0');
export const archiveFileName = (firstSeq: number, lastSeq: number) => `lgsp-log-${pad(firstSeq)}-${pad(lastSeq)}.json.gz`;
export const archivePrefix = (firstSeq: number) => `lgsp-log-${pad(firstSeq)}-`;
/** The first record of a file, from its name. */
export const archiveFirstSeq = (name: string) => Number(name.slice('lgsp-log-'.length, 'lgsp-log-'.length + 15));
export const isArchiveFile = (name: string) => /^lgsp-log-\d{15}-\d{15}\.json\.gz$/.test(name);
export const fileSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function readArchive(bytes: Uint8Array): LogArchive {
  const archive = JSON.parse(gunzipSync(bytes).toString('utf8')) as LogArchive;
  if (archive?.format !== ARCHIVE_FORMAT || !Array.isArray(archive.records) || !Array.isArray(archive.seals) || !Array.isArray(archive.bodies)) {
    throw new Error(`not a message-log archive (${ARCHIVE_FORMAT})`);
  }
  return archive;
}

/** What an archive's record becomes for the chain functions (its time as a Date). */
export const chainFields = (r: ArchivedRecord) => ({ ...r, at: new Date(r.at) });

export type ArchivesCheck =
  | { ok: true; archives: number; records: number; last: { file: string; sha256: string; seq: number; hash: string } | null }
  | { ok: false; file: string; seq?: number; problem: 'archive' | 'link' | 'gap' | 'hash' | 'mac' | 'seal'; message: string };

/** One archive on its own: its records chained from `prevHash`, each sealed by a seal it holds, the last one sealed. */
async function checkArchive(file: string, archive: LogArchive, key: KeyObject): Promise<ArchivesCheck | undefined> {
  const broken = (problem: Extract<ArchivesCheck, { ok: false }>['problem'], message: string, seq?: number): ArchivesCheck => ({ ok: false, file, problem, message, ...(seq === undefined ? {} : { seq }) });
  let prevHash = archive.prevHash;
  let expected = archive.firstSeq;
  const hashes = new Map<number, string>();
  for (const record of archive.records) {
    if (record.seq !== expected) return broken('gap', `record ${expected} is missing`, expected);
    if (record.prevHash !== prevHash) return broken('link', 'its previous hash is not the hash of the record before it', record.seq);
    const problem = recordProblem(chainFields(record), key);
    if (problem) return broken(problem.problem, problem.message, record.seq);
    hashes.set(record.seq, record.hash);
    prevHash = record.hash;
    expected += 1;
  }
  if (expected - 1 !== archive.lastSeq) return broken('gap', `the archive names records ${archive.firstSeq}–${archive.lastSeq} but holds up to ${expected - 1}`, expected);
  for (const seal of archive.seals) {
    if (hashes.get(seal.seq) !== seal.hash) return broken('seal', `the seal of ${seal.sealedAt} names record ${seal.seq} with another hash (a seal from elsewhere, or an edited record)`, seal.seq);
    if (!sealSignatureValid(seal)) return broken('seal', `the seal of ${seal.sealedAt} does not verify`, seal.seq);
    const stamped = await verifyTimeStamp(seal.timeStampToken, Buffer.from(seal.signature, 'base64'));
    if (!stamped.ok) return broken('seal', `the time stamp of the seal of ${seal.sealedAt}: ${stamped.reason}`, seal.seq);
  }
  if (archive.seals.at(-1)?.seq !== archive.lastSeq) return broken('seal', `no seal of the archive covers its last record ${archive.lastSeq}`, archive.lastSeq);
  return undefined;
}

/**
 * Verifies archive files, in name order, with no database: each on its own (checkArchive), then
 * linked to the one before (its name and SHA-256, and the hash its first record links to). An
 * edited, removed or reordered archive, or a seal swapped in from elsewhere, fails with the file named.
 */
export async function verifyArchives(files: { name: string; bytes: Uint8Array }[], key: KeyObject): Promise<ArchivesCheck> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
  let previous: { file: string; sha256: string; seq: number; hash: string } | null = null;
  let records = 0;
  for (const { name, bytes } of sorted) {
    let archive: LogArchive;
    try {
      archive = readArchive(bytes);
    } catch (error) {
      return { ok: false, file: name, problem: 'archive', message: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (name !== archiveFileName(archive.firstSeq, archive.lastSeq)) return { ok: false, file: name, problem: 'archive', message: `its content is records ${archive.firstSeq}–${archive.lastSeq}, not what its name says` };
    const expectedPrevious = previous ? { file: previous.file, sha256: previous.sha256 } : null;
    if (JSON.stringify(archive.previous) !== JSON.stringify(expectedPrevious)) {
      return { ok: false, file: name, problem: 'link', message: previous ? `it does not follow ${previous.file} (its previous-archive link names ${archive.previous?.file ?? 'none'}, or that file was altered)` : 'it names a previous archive, and none precedes it (an archive is missing)' };
    }
    if (archive.firstSeq !== (previous?.seq ?? 0) + 1 || archive.prevHash !== (previous?.hash ?? GENESIS)) {
      return { ok: false, file: name, problem: 'gap', seq: (previous?.seq ?? 0) + 1, message: `it does not continue the chain where ${previous?.file ?? 'the genesis'} ends` };
    }
    const problem = await checkArchive(name, archive, key);
    if (problem) return problem;
    records += archive.records.length;
    previous = { file: name, sha256: fileSha256(bytes), seq: archive.lastSeq, hash: archive.records.at(-1)!.hash };
  }
  return { ok: true, archives: sorted.length, records, last: previous };
}
