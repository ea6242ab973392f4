import type { KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { and, asc, desc, eq, gt, lt, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../packages/platform/index.ts';
import { messageBodies, messageLog, messageLogArchivedIds, messageLogArchives, messageLogSeals, operationalRecords } from './db/schema.ts';
import { ARCHIVE_FORMAT, archiveFileName, archiveFirstSeq, archivePrefix, fileSha256, isArchiveFile, readArchive, verifyArchives, type LogArchive } from './log-archive-format.ts';
import { GENESIS } from './log-chain.ts';
import { verifyMessageLog, type ChainCheck } from './message-log.ts';

/**
 * Archiving of the message log (decision 0049). Records older than `afterDays`, once a seal with
 * its time stamp covers them, are written to an archive file that ends at a seal, the file made
 * durable (fsync of the file, rename, fsync of the directory), and only then deleted from the
 * database, in one transaction that also records the archive (the chain's new anchor). A crash
 * before the rename leaves a temporary file the next run overwrites; after it, the next run finds
 * the file that starts where the anchor ends and finishes it (deletes what it holds); the anchor's
 * primary key (the first record) stops two runs from committing one stretch twice.
 * Sen never deletes an archive: keeping them is the operators' storage policy.
 */
export interface ArchiveOptions {
  dir: string;
  afterDays: number;
  now: () => Date;
  /** Most records in one file (it still ends at a seal, so one seal interval may exceed it). */
  maxRecords?: number;
  /** Tests: fails on purpose between the steps. */
  crashAfter?: 'write';
}

/** Queue of the recurring archive and retention job (once per hour across replicas). */
export const ARCHIVE_QUEUE = 'lgsp.archive';

export interface ArchiveRun { archives: string[]; records: number }

const DAY_MS = 86_400_000;
const MAX_RECORDS = 10_000;

type Anchor = typeof messageLogArchives.$inferSelect;

const lastArchive = async (db: Db): Promise<Anchor | undefined> => (await db.select().from(messageLogArchives).orderBy(desc(messageLogArchives.lastSeq)).limit(1))[0];

/** The last record of the next archive: the newest seal within `maxRecords` of the anchor over records older than the cut-off, else the first such seal. */
async function nextEnd(db: Db, after: number, cutoff: Date, maxRecords: number): Promise<number | undefined> {
  const sealedBefore = (upTo: number | undefined, order: 'asc' | 'desc') => queryRows<{ seq: number }>(db, sql`
    select s.seq::bigint as seq from ${messageLogSeals} s join ${messageLog} m on m.seq = s.seq
    where s.seq > ${after} and m.at < ${cutoff.toISOString()}::timestamptz ${upTo === undefined ? sql`` : sql`and s.seq <= ${upTo}`}
    order by s.seq ${sql.raw(order)} limit 1`);
  const [within] = await sealedBefore(after + maxRecords, 'desc');
  const [first] = within ? [within] : await sealedBefore(undefined, 'asc');
  return first ? Number(first.seq) : undefined;
}

async function collect(db: Db, anchor: Anchor | undefined, end: number, now: Date): Promise<LogArchive> {
  const first = (anchor?.lastSeq ?? 0) + 1;
  const inRange = <T extends typeof messageLog.seq | typeof messageBodies.seq | typeof messageLogSeals.seq>(column: T) => and(gt(column, first - 1), lte(column, end));
  const records = await db.select().from(messageLog).where(inRange(messageLog.seq)).orderBy(asc(messageLog.seq));
  const bodies = await db.select().from(messageBodies).where(inRange(messageBodies.seq)).orderBy(asc(messageBodies.seq));
  const seals = await db.select().from(messageLogSeals).where(inRange(messageLogSeals.seq)).orderBy(asc(messageLogSeals.seq));
  return {
    format: ARCHIVE_FORMAT, createdAt: now.toISOString(), previous: anchor ? { file: anchor.file, sha256: anchor.sha256 } : null,
    firstSeq: first, lastSeq: end, prevHash: anchor?.lastHash ?? GENESIS,
    records: records.map((r) => ({ ...r, at: r.at.toISOString() })), bodies,
    seals: seals.map((s) => ({ seq: s.seq, hash: s.hash, sealedAt: s.sealedAt, signature: s.signature, certificates: s.certificates, timeStampToken: s.timeStampToken, genTime: s.genTime.toISOString() })),
  };
}

const archiveFiles = (dir: string) => {
  try {
    return readdirSync(dir).filter(isArchiveFile).sort();
  } catch {
    return [];
  }
};

/** Writes the file under a temporary name, flushes it, renames it, flushes the directory: once renamed, it is on disk whole. */
function writeDurably(dir: string, name: string, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  const temporary = path.join(dir, `${name}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path.join(dir, name));
  const directory = openSync(dir, 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

/**
 * Records the archive as the new anchor, indexes its message ids and deletes what it holds, in one
 * transaction; refuses if the database no longer holds exactly that stretch.
 */
async function commit(db: Db, file: string, bytes: Uint8Array, archive: LogArchive, now: Date): Promise<void> {
  const last = archive.records.at(-1)!;
  await db.transaction(async (tx) => {
    await tx.insert(messageLogArchives).values({ firstSeq: archive.firstSeq, lastSeq: archive.lastSeq, lastHash: last.hash, file, sha256: fileSha256(bytes), records: archive.records.length, archivedAt: now, indexed: true });
    const range = <T extends typeof messageLog.seq | typeof messageBodies.seq | typeof messageLogSeals.seq>(column: T) => and(gt(column, archive.firstSeq - 1), lte(column, archive.lastSeq));
    await tx.insert(messageLogArchivedIds).select(
      tx.select({ seq: messageLog.seq, messageId: messageLog.messageId, archiveFirstSeq: sql<number>`${archive.firstSeq}::bigint`.as('archive_first_seq') }).from(messageLog).where(range(messageLog.seq)),
    );
    const deleted = await tx.delete(messageLog).where(range(messageLog.seq)).returning({ seq: messageLog.seq, hash: messageLog.hash });
    const held = new Map(archive.records.map((r) => [r.seq, r.hash]));
    if (deleted.length !== archive.records.length || deleted.some((d) => held.get(d.seq) !== d.hash)) {
      throw new Error(`archive ${file} does not hold the records ${archive.firstSeq}–${archive.lastSeq} of the database; nothing deleted`);
    }
    await tx.delete(messageBodies).where(range(messageBodies.seq));
    await tx.delete(messageLogSeals).where(range(messageLogSeals.seq));
  });
}

/** Archives every due stretch of the log, one file at a time; first finishes a file a crashed run wrote but did not commit. */
export async function archiveMessageLog(db: Db, options: ArchiveOptions): Promise<ArchiveRun> {
  const run: ArchiveRun = { archives: [], records: 0 };
  const cutoff = new Date(options.now().getTime() - options.afterDays * DAY_MS);
  for (;;) {
    const anchor = await lastArchive(db);
    const after = anchor?.lastSeq ?? 0;
    const pending = archiveFiles(options.dir).find((name) => name.startsWith(archivePrefix(after + 1)));
    let file: string;
    let bytes: Uint8Array;
    let archive: LogArchive;
    if (pending) {
      file = pending;
      bytes = readFileSync(path.join(options.dir, file));
      archive = readArchive(bytes);
      if (JSON.stringify(archive.previous) !== JSON.stringify(anchor ? { file: anchor.file, sha256: anchor.sha256 } : null)) {
        throw new Error(`${file} does not follow the last archive the database knows; left as it is for an operator`);
      }
    } else {
      const end = await nextEnd(db, after, cutoff, options.maxRecords ?? MAX_RECORDS);
      if (end === undefined) return run;
      archive = await collect(db, anchor, end, options.now());
      file = archiveFileName(archive.firstSeq, archive.lastSeq);
      bytes = gzipSync(JSON.stringify(archive));
      writeDurably(options.dir, file, bytes);
      if (options.crashAfter === 'write') throw new Error(`crash after writing ${file} (test)`);
    }
    await commit(db, file, bytes, archive, options.now());
    run.archives.push(file);
    run.records += archive.records.length;
  }
}

/** Deletes operational-monitoring records older than `keepDays` (X-Road's op-monitor keep-records-for-days), oldest first, in batches along the primary key. */
export async function pruneOperationalRecords(db: Db, keepDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * DAY_MS);
  let removed = 0;
  for (;;) {
    const oldest = await db.select({ seq: operationalRecords.seq, at: operationalRecords.monitoringDataTs }).from(operationalRecords).orderBy(asc(operationalRecords.seq)).limit(5000);
    const due = oldest.filter((r) => r.at < cutoff);
    if (due.length === 0) return removed;
    const deleted = await db.delete(operationalRecords).where(and(lte(operationalRecords.seq, due.at(-1)!.seq), lt(operationalRecords.monitoringDataTs, cutoff))).returning({ seq: operationalRecords.seq });
    removed += deleted.length;
    // Records are written in time order (within a few milliseconds across replicas): stop at the first one still kept.
    if (due.length < oldest.length) return removed;
  }
}

export type LogCheck = { ok: true; archives: number; archived: number; records: number } | { ok: false; where: string; seq?: number; problem: string; message: string };

/**
 * The whole history: the archives in `dir` (verifyArchives), that they are the ones the database
 * recorded, then the database's chain from the last one on. A file past the database's anchor is
 * one a crashed run wrote but did not commit (its records are still in the database): not counted.
 */
export async function verifyLogWithArchives(db: Db, key: KeyObject, dir: string | undefined): Promise<LogCheck> {
  const known = await db.select().from(messageLogArchives).orderBy(asc(messageLogArchives.firstSeq));
  const anchor = known.at(-1);
  const names = (dir ? archiveFiles(dir) : []).filter((name) => archiveFirstSeq(name) <= (anchor?.lastSeq ?? 0));
  const archives = await verifyArchives(names.map((name) => ({ name, bytes: readFileSync(path.join(dir!, name)) })), key);
  if (!archives.ok) return { ok: false, where: `archive ${archives.file}`, problem: archives.problem, message: archives.message, ...(archives.seq === undefined ? {} : { seq: archives.seq }) };
  const present = new Set(names);
  for (const row of known) {
    if (!present.has(row.file)) return { ok: false, where: `archive ${row.file}`, problem: 'missing', message: `the database archived records ${row.firstSeq}–${row.lastSeq} into ${row.file}, which is not in ${dir ?? 'the archive directory (none given)'}` };
  }
  const last = archives.last;
  if (anchor && (last?.file !== anchor.file || last.sha256 !== anchor.sha256)) {
    return { ok: false, where: `archive ${anchor.file}`, problem: 'anchor', message: `the newest archive is not the file the database recorded (SHA-256 ${anchor.sha256})` };
  }
  const chain: ChainCheck = await verifyMessageLog(db, key);
  if (!chain.ok) return { ok: false, where: 'database', seq: chain.seq, problem: chain.problem, message: chain.message };
  return { ok: true, archives: archives.archives, archived: archives.records, records: chain.records };
}

/**
 * The newest archived record of a message id, with the archive holding it; undefined when none
 * holds it. The index names the one file to open; archives written before the index existed are
 * searched newest first. A file not in `dir` holds nothing (verify-log --archives reports it).
 */
export async function findArchivedMessage(db: Db, dir: string, messageId: string): Promise<{ archive: LogArchive; seq: number } | undefined> {
  const open = (file: string): LogArchive | undefined => {
    const where = path.join(dir, file);
    return existsSync(where) ? readArchive(readFileSync(where)) : undefined;
  };
  const [indexed] = await db.select({ seq: messageLogArchivedIds.seq, file: messageLogArchives.file }).from(messageLogArchivedIds)
    .innerJoin(messageLogArchives, eq(messageLogArchives.firstSeq, messageLogArchivedIds.archiveFirstSeq))
    .where(eq(messageLogArchivedIds.messageId, messageId)).orderBy(desc(messageLogArchivedIds.seq)).limit(1);
  const archive = indexed && open(indexed.file);
  if (indexed && archive) return { archive, seq: indexed.seq };
  const unindexed = await db.select({ file: messageLogArchives.file }).from(messageLogArchives).where(eq(messageLogArchives.indexed, false)).orderBy(desc(messageLogArchives.lastSeq));
  for (const { file } of unindexed) {
    const older = open(file);
    const record = older?.records.findLast((r) => r.messageId === messageId);
    if (older && record) return { archive: older, seq: record.seq };
  }
  return undefined;
}

/** Prometheus gauges: what is archived and when last (read from the database: every replica shows the same). */
export async function archiveFigures(db: Db): Promise<{ records: number; lastAt: Date | null }> {
  const [row] = await queryRows<{ records: number; last: string | null }>(db, sql`select coalesce(sum(records), 0)::bigint as records, max(archived_at) as last from ${messageLogArchives}`);
  return { records: Number(row?.records ?? 0), lastAt: row?.last ? new Date(row.last) : null };
}
