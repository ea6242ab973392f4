import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { notify, type Listener } from './notify.ts';
import { queryRows, type Database } from './db/connection.ts';
import { createTestDatabase } from './testing.ts';
import { testDatabaseUrl } from './config.ts';

const waitFor = async (check: () => boolean, limitMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('LISTEN/NOTIFY', () => {
  let database: Database;
  let listener: Listener;
  const heard: string[] = [];
  let resets = 0;
  before(async () => {
    database = await createTestDatabase();
    listener = await database.listen('test_channel', { message: (p) => heard.push(p), reset: () => resets++ });
  });
  after(async () => {
    await listener.close();
    await database.close();
  });

  it('delivers a signal to a listener, and one sent in a transaction only at commit', async () => {
    assert.equal(listener.connected, true);
    await notify(database.db, 'test_channel', 'one');
    await waitFor(() => heard.includes('one'));
    await database.db
      .transaction(async (tx) => {
        await notify(tx, 'test_channel', 'rolled-back');
        throw new Error('roll back');
      })
      .catch(() => {});
    await notify(database.db, 'test_channel', 'two');
    await waitFor(() => heard.includes('two'));
    assert.ok(!heard.includes('rolled-back'));
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await assert.rejects(notify(database.db, 'bad; drop', 'x'), /invalid channel/);
  });

  // PGlite runs in process: its listener cannot be cut off, so this case exists on PostgreSQL only.
  if (testDatabaseUrl()) it('on PostgreSQL, reports a lost listening connection (reset) and listens again', async () => {
    const before = resets;
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen test_channel%' and pid <> pg_backend_pid()`);
    await waitFor(() => resets > before);
    await waitFor(() => listener.connected);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_stat_activity where query ilike 'listen test_channel%'`);
    assert.equal(row?.n, 1);
    await notify(database.db, 'test_channel', 'after-reconnect');
    await waitFor(() => heard.includes('after-reconnect'));
  });
});
