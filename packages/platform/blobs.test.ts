import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DirectoryBlobStore, MemoryBlobStore, blobKey, openBlobStore, type BlobStore } from './blobs.ts';

const root = await mkdtemp(path.join(tmpdir(), 'sen-blobs-'));
after(() => rm(root, { recursive: true, force: true }));

for (const [name, store] of [['directory', new DirectoryBlobStore(root)], ['memory', new MemoryBlobStore()]] as [string, BlobStore][]) {
  describe(`${name} blob store`, () => {
    it('stores by SHA-256, keeps one copy of identical bytes, and reads back exactly', async () => {
      const bytes = Buffer.from('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
      const first = await store.put(bytes);
      const again = await store.put(Buffer.from(bytes));
      assert.deepEqual(first, { sha256: blobKey(bytes), size: bytes.byteLength });
      assert.deepEqual(again, first);
      assert.deepEqual(await store.get(first.sha256), bytes);
      assert.equal(await store.has(first.sha256), true);
      await store.delete(first.sha256);
      assert.equal(await store.get(first.sha256), undefined);
      assert.equal(await store.has(first.sha256), false);
    });

    it('refuses keys that are not SHA-256 hex (no path tricks)', async () => {
      await assert.rejects(store.get('../../etc/passwd'), TypeError);
      await assert.rejects(store.has('ABC'), TypeError);
    });
  });
}

it('the directory store leaves no temporary files and shards by key prefix', async () => {
  const store = new DirectoryBlobStore(root);
  const { sha256 } = await store.put(Buffer.from('%PDF-1.7 result'));
  const files = await readdir(path.join(root, sha256.slice(0, 2), sha256.slice(2, 4)));
  assert.deepEqual(files, [sha256]);
});

it('memory:// selects the in-memory store', () => {
  assert.ok(openBlobStore({ blobDir: 'memory://' }) instanceof MemoryBlobStore);
  assert.ok(openBlobStore({ blobDir: root }) instanceof DirectoryBlobStore);
});
