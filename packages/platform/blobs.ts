import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed blob store (attachments, results, receipts): a blob's key is the SHA-256
 * of its bytes, so storing the same file twice keeps one copy and a key proves integrity.
 * A local directory by default; an S3-compatible store implements the same interface.
 * Rows that use a blob hold its key; the store knows nothing of dossiers.
 */
export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes, or undefined when no blob has that key. */
  get(sha256: string): Promise<Buffer | undefined>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;

function checkKey(sha256: string): void {
  if (!KEY.test(sha256)) throw new TypeError('a blob key is 64 lowercase hex digits');
}

export const blobKey = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Files under `<root>/ab/cd/<key>`; written to a temporary file, synced and renamed, so a crash never leaves half a blob. */
export class DirectoryBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #file(sha256: string): string {
    checkKey(sha256);
    return path.join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = blobKey(bytes);
    const file = this.#file(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.#file(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.#file(sha256)).then(() => true, () => false);
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.#file(sha256), { force: true });
  }
}

/** For tests and `SEN_DATA_DIR=memory://`. */
export class MemoryBlobStore implements BlobStore {
  readonly #blobs = new Map<string, Buffer>();

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = blobKey(bytes);
    if (!this.#blobs.has(sha256)) this.#blobs.set(sha256, Buffer.from(bytes));
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    checkKey(sha256);
    const blob = this.#blobs.get(sha256);
    return blob && Buffer.from(blob);
  }

  async has(sha256: string): Promise<boolean> {
    checkKey(sha256);
    return this.#blobs.has(sha256);
  }

  async delete(sha256: string): Promise<void> {
    checkKey(sha256);
    this.#blobs.delete(sha256);
  }
}

/** The store the configuration names. */
export function openBlobStore(config: { blobDir: string }): BlobStore {
  return config.blobDir === 'memory://' ? new MemoryBlobStore() : new DirectoryBlobStore(config.blobDir);
}
