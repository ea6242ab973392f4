import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, min, sql } from 'drizzle-orm';
import type { Db } from './db/connection.ts';
import { auditHead, auditLog } from './db/schema.ts';
import { canonicalJson, type AuditKeys } from './audit.ts';
import { requestTimeStamp, verifyTimeStamp } from './timestamp.ts';

/**
 * Checkpoints anchor the audit chain outside the database: "record `seq` had hash `hash`, and
 * every record from `keyedSince` on is keyed", signed with a key the database never sees and,
 * when a TSA answers, time-stamped by it (RFC 3161). A database administrator who truncates
 * the log, resets its head or rewrites the chain cannot make the checkpoints agree again.
 */
export interface Checkpoint {
  format: 'sen.audit-checkpoint/1';
  seq: number;
  hash: string;
  /** First record hashed with the key; records before it are unkeyed legacy ones. */
  keyedSince: number;
  at: string;
}

export interface CheckpointFile {
  checkpoint: Checkpoint;
  /** HMAC-SHA256 of the canonical checkpoint JSON with the checkpoint key, hex. */
  signature: string;
  /** RFC 3161 token over the same canonical JSON; null until a TSA answered (retried later). */
  timeStamp: { tsa: string; token: string; genTime: string } | null;
}

/** Where checkpoints live: a directory (one JSON file per checkpoint) or memory (tests). */
export interface CheckpointStore {
  /** Every stored checkpoint by name, parsed as far as it parses (checked by `checkCheckpoint`). */
  list(): Promise<{ name: string; content: unknown }[]>;
  /** Writes a new checkpoint; false when one for that seq exists already (another replica). */
  create(file: CheckpointFile): Promise<boolean>;
  /** Replaces a checkpoint by one with the same body (to add its time stamp). */
  replace(file: CheckpointFile): Promise<void>;
  /** The highest seq checkpointed (0: none), from the names alone. */
  latestSeq(): Promise<number>;
}

const NAME = /^checkpoint-(\d{15})\.json$/;
const latestOf = (names: Iterable<string>): number => Math.max(0, ...[...names].map((name) => Number(NAME.exec(name)?.[1] ?? 0)));

export const checkpointName = (seq: number): string => `checkpoint-${String(seq).padStart(15, '0')}.json`;
const asText = (file: CheckpointFile): string => `${JSON.stringify(file, null, 2)}\n`;

export class DirectoryCheckpointStore implements CheckpointStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async list(): Promise<{ name: string; content: unknown }[]> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(files.map(async (name) => {
      const text = await readFile(path.join(this.dir, name), 'utf8');
      try {
        return { name, content: JSON.parse(text) as unknown };
      } catch {
        return { name, content: text };
      }
    }));
  }

  async latestSeq(): Promise<number> {
    return latestOf(await readdir(this.dir).catch(() => []));
  }

  async #draft(file: CheckpointFile): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const draft = path.join(this.dir, `.${checkpointName(file.checkpoint.seq)}.${randomBytes(4).toString('hex')}.tmp`);
    await writeFile(draft, asText(file), { flag: 'wx', flush: true });
    return draft;
  }

  async create(file: CheckpointFile): Promise<boolean> {
    const draft = await this.#draft(file);
    try {
      // link() fails when the name exists: the first replica to write a seq wins, atomically.
      await link(draft, path.join(this.dir, checkpointName(file.checkpoint.seq)));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(draft);
    }
  }

  async replace(file: CheckpointFile): Promise<void> {
    await rename(await this.#draft(file), path.join(this.dir, checkpointName(file.checkpoint.seq)));
  }
}

export class MemoryCheckpointStore implements CheckpointStore {
  readonly files = new Map<string, string>();

  async list(): Promise<{ name: string; content: unknown }[]> {
    return [...this.files.keys()].sort().map((name) => ({ name, content: JSON.parse(this.files.get(name)!) as unknown }));
  }

  async create(file: CheckpointFile): Promise<boolean> {
    const name = checkpointName(file.checkpoint.seq);
    if (this.files.has(name)) return false;
    this.files.set(name, asText(file));
    return true;
  }

  async latestSeq(): Promise<number> {
    return latestOf(this.files.keys());
  }

  async replace(file: CheckpointFile): Promise<void> {
    this.files.set(checkpointName(file.checkpoint.seq), asText(file));
  }
}

/** The store the configuration names: `memory://` keeps checkpoints in this process only. */
export function openCheckpointStore(dir: string): CheckpointStore {
  return dir === 'memory://' ? new MemoryCheckpointStore() : new DirectoryCheckpointStore(dir);
}

const signedBytes = (checkpoint: Checkpoint): Buffer => Buffer.from(canonicalJson(checkpoint));
const sign = (checkpoint: Checkpoint, keys: AuditKeys): string => createHmac('sha256', keys.checkpoint).update(signedBytes(checkpoint)).digest('hex');

export type CheckpointCheck =
  | { ok: true; checkpoint: Checkpoint; stamped: boolean }
  | { ok: false; name: string; reason: string };

function shapeOf(content: unknown): CheckpointFile | undefined {
  const file = content as Partial<CheckpointFile> | null;
  const c = file?.checkpoint as Partial<Checkpoint> | undefined;
  const valid = c && c.format === 'sen.audit-checkpoint/1' && Number.isSafeInteger(c.seq) && c.seq! > 0 && typeof c.hash === 'string'
    && Number.isSafeInteger(c.keyedSince) && c.keyedSince! > 0 && typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at))
    && typeof file?.signature === 'string' && (file.timeStamp === null || typeof file.timeStamp?.token === 'string');
  return valid ? (file as CheckpointFile) : undefined;
}

/** Clock difference tolerated between the checkpoint's own time and its time stamp. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks one stored checkpoint: well formed, signed with our key, and (when stamped) the time
 * stamp covers exactly this checkpoint and is not older than the checkpoint claims to be.
 */
export async function checkCheckpoint(entry: { name: string; content: unknown }, keys: AuditKeys): Promise<CheckpointCheck> {
  const file = shapeOf(entry.content);
  const refuse = (reason: string): CheckpointCheck => ({ ok: false, name: entry.name, reason });
  if (!file) return refuse('is not a well-formed checkpoint');
  const expected = Buffer.from(sign(file.checkpoint, keys), 'hex');
  const given = Buffer.from(file.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse('has a signature that does not match (forged or altered)');
  if (entry.name !== checkpointName(file.checkpoint.seq)) return refuse(`is named for another seq than ${file.checkpoint.seq}`);
  if (!file.timeStamp) return { ok: true, checkpoint: file.checkpoint, stamped: false };
  const stamp = await verifyTimeStamp(file.timeStamp.token, signedBytes(file.checkpoint));
  if (!stamp.ok) return refuse(`has a time stamp that does not verify: ${stamp.reason}`);
  if (stamp.genTime.getTime() < Date.parse(file.checkpoint.at) - CLOCK_SKEW_MS) return refuse('is time-stamped before it claims to have been written');
  return { ok: true, checkpoint: file.checkpoint, stamped: true };
}

export interface CheckpointOptions {
  db: Db;
  store: CheckpointStore;
  keys: AuditKeys;
  /** RFC 3161 TSA; undefined: checkpoints stay unstamped. */
  tsaUrl?: string | undefined;
  now?: () => Date;
}

export type CheckpointOutcome =
  | { written: true; seq: number; file: CheckpointFile }
  | { written: false; reason: 'empty' | 'exists' | 'head_behind'; seq: number };

/**
 * Writes a checkpoint of the current head (idempotent by seq: replicas racing for the same
 * head write one file). Refuses when an existing checkpoint is ahead of the head: the log went
 * backwards, which is for `audit:verify` to report, not to paper over with a new anchor.
 */
export async function writeCheckpoint(options: CheckpointOptions): Promise<CheckpointOutcome> {
  const { db, store, keys } = options;
  const latestSeq = await store.latestSeq();
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const seq = head?.seq ?? 0;
  if (seq === 0) return { written: false, reason: 'empty', seq };
  if (seq < latestSeq) return { written: false, reason: 'head_behind', seq };
  if (seq === latestSeq) return { written: false, reason: 'exists', seq };
  const [keyed] = await db.select({ first: min(auditLog.seq) }).from(auditLog).where(sql`${auditLog.alg} <> 'sha256'`);
  const checkpoint: Checkpoint = {
    format: 'sen.audit-checkpoint/1',
    seq,
    hash: head!.hash,
    keyedSince: keyed?.first ?? seq + 1,
    at: (options.now?.() ?? new Date()).toISOString(),
  };
  const file: CheckpointFile = { checkpoint, signature: sign(checkpoint, keys), timeStamp: null };
  return (await store.create(file)) ? { written: true, seq, file } : { written: false, reason: 'exists', seq };
}

/**
 * Asks the TSA to stamp the unstamped checkpoints, in order, stopping at the first failure;
 * returns how many were stamped and that failure. Without a TSA configured it does nothing.
 */
export async function stampCheckpoints(options: CheckpointOptions, files: CheckpointFile[]): Promise<{ stamped: number; error?: string }> {
  if (!options.tsaUrl) return { stamped: 0 };
  let stamped = 0;
  for (const file of files.filter((f) => !f.timeStamp)) {
    try {
      const stamp = await requestTimeStamp(options.tsaUrl, signedBytes(file.checkpoint));
      await options.store.replace({ ...file, timeStamp: { tsa: options.tsaUrl, token: stamp.token, genTime: stamp.genTime.toISOString() } });
      stamped += 1;
    } catch (error) {
      return { stamped, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { stamped };
}

/** The stored checkpoints that pass `checkCheckpoint`'s shape test, as files (for stamping). */
export async function storedCheckpoints(store: CheckpointStore): Promise<CheckpointFile[]> {
  return (await store.list()).map((entry) => shapeOf(entry.content)).filter((file): file is CheckpointFile => file !== undefined);
}
