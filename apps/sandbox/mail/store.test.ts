import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedStore } from './store.ts';

interface Item {
  id: string;
  key: string;
  n: number;
}
const item = (n: number, key = `k${n}`): Item => ({ id: `id${n}`, key, n });

test('the store keeps the newest records up to its capacity, with their secondary keys', () => {
  const store = new BoundedStore<Item>(3, { secondaryKey: (i) => i.key });
  for (let n = 1; n <= 5; n++) store.add(item(n));
  assert.equal(store.size, 3);
  assert.deepEqual(store.newestFirst().map((i) => i.n), [5, 4, 3]);
  assert.equal(store.get('id2'), undefined);
  assert.equal(store.getByKey('k2'), undefined);
  assert.equal(store.getByKey('k4')?.n, 4);
  // Re-adding an id replaces the record and its key.
  store.add(item(4, 'changed'));
  assert.equal(store.getByKey('k4'), undefined);
  assert.equal(store.getByKey('changed')?.n, 4);
  assert.deepEqual(store.newestFirst().map((i) => i.n), [4, 5, 3]);
  // A key reused by a newer record survives the eviction of the older one.
  store.add(item(6, 'k3'));
  store.add(item(7));
  assert.equal(store.get('id3'), undefined);
  assert.equal(store.getByKey('k3')?.n, 6);
  assert.throws(() => new BoundedStore<Item>(0), RangeError);
});

test('pages are filtered before paging and report the total', () => {
  const store = new BoundedStore<Item>(100);
  for (let n = 1; n <= 10; n++) store.add(item(n));
  const page = store.page((i) => i.n % 2 === 0, { limit: 2, offset: 1 });
  assert.deepEqual({ ...page, items: page.items.map((i) => i.n) }, { total: 5, limit: 2, offset: 1, items: [8, 6] });
  assert.equal(store.clear(), 10);
  assert.equal(store.page(() => true, { limit: 5, offset: 0 }).total, 0);
});
