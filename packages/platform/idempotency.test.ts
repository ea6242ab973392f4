import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from './db/connection.ts';
import { runIdempotent } from './idempotency.ts';
import { createTestDatabase, rejectsWith } from './testing.ts';

describe('idempotent state changes', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`create table public.things (id serial primary key, name text not null)`);
  });
  after(async () => database.close());

  const things = async () => Number((await queryRows<{ n: string }>(database.db, sql`select count(*) as n from public.things`))[0]!.n);
  const create = (name: string) => async (tx: Tx) => {
    const rows = await queryRows<{ id: number }>(tx, sql`insert into public.things (name) values (${name}) returning id`);
    return { id: rows[0]!.id, name };
  };

  it('a retry with the same key replays the first outcome and writes nothing more', async () => {
    const scope = { key: 'retry-key-0001', actor: 'user:1', request: { op: 'create', name: 'a' } };
    const first = await runIdempotent(database.db, scope, create('a'));
    const second = await runIdempotent(database.db, scope, create('a'));
    assert.equal(first.replayed, false);
    assert.deepEqual(second, { value: first.value, replayed: true });
    assert.equal(await things(), 1);
  });

  it('the same key from another actor is a different request', async () => {
    const before = await things();
    await runIdempotent(database.db, { key: 'retry-key-0001', actor: 'user:2', request: { op: 'create', name: 'a' } }, create('a'));
    assert.equal(await things(), before + 1);
  });

  it('reusing a key for a different request is refused without writing', async () => {
    const before = await things();
    await assert.rejects(
      runIdempotent(database.db, { key: 'retry-key-0001', actor: 'user:1', request: { op: 'create', name: 'b' } }, create('b')),
      rejectsWith(422, 'idempotency.key_reused'),
    );
    await assert.rejects(runIdempotent(database.db, { key: 'bad key!', actor: 'user:1', request: {} }, create('c')), rejectsWith(422, 'idempotency.invalid_key'));
    assert.equal(await things(), before);
  });

  it('a failure stores nothing, so the retry runs the work', async () => {
    const scope = { key: 'retry-key-0002', actor: 'user:1', request: { op: 'fail-then-work' } };
    await assert.rejects(runIdempotent(database.db, scope, async () => { throw new Error('crash'); }));
    const retry = await runIdempotent(database.db, scope, create('after-crash'));
    assert.equal(retry.replayed, false);
  });

  it('concurrent calls with one key act once', async () => {
    const before = await things();
    const scope = { key: 'retry-key-0003', actor: 'user:1', request: { op: 'race' } };
    const outcomes = await Promise.all([1, 2, 3].map(() => runIdempotent(database.db, scope, create('race'))));
    assert.equal(await things(), before + 1);
    assert.equal(outcomes.filter((o) => !o.replayed).length, 1);
    assert.ok(outcomes.every((o) => o.value.id === outcomes[0]!.value.id));
  });

  it('concurrent calls with one key whose work consumes something once: the later calls replay, none fails', async () => {
    await database.db.execute(sql`create table public.tickets (id int primary key, used boolean not null default false)`);
    await database.db.execute(sql`insert into public.tickets (id) values (1)`);
    const useTicket = async (tx: Tx) => {
      const rows = await queryRows<{ id: number }>(tx, sql`update public.tickets set used = true where id = 1 and not used returning id`);
      if (rows.length === 0) throw new Error('ticket already used');
      return { ticket: rows[0]!.id };
    };
    const scope = { key: 'retry-key-0004', actor: 'user:1', request: { op: 'use-ticket' } };
    const outcomes = await Promise.all([1, 2, 3].map(() => runIdempotent(database.db, scope, useTicket)));
    assert.deepEqual(outcomes.map((o) => o.value), [{ ticket: 1 }, { ticket: 1 }, { ticket: 1 }]);
    assert.equal(outcomes.filter((o) => !o.replayed).length, 1);
  });
});
