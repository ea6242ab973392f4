import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { anonymous } from './auth.ts';
import { auditKeys } from './audit.ts';
import type { Database } from './db/connection.ts';
import { createHttpApp, type App } from './http.ts';
import { safeErrorMessage } from './logger.ts';
import { createTestDatabase } from './testing.ts';

/** A table like the ones that hold people: a unique name, a password hash, a personal id number. */
const people = pgTable('people', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique('people_username_key'),
  passwordHash: text('password_hash').notNull(),
  personalId: text('personal_id').notNull(),
});

const HASH = 'scrypt$N=16384$c2VjcmV0LXNhbHQ$aGFzaC1vZi10aGUtcGFzc3dvcmQ';
const PERSONAL_ID = '087190004321';
const USERNAME = 'nguyen.thi.mai';

describe('logs of failed statements', () => {
  let database: Database;
  let app: App;
  const lines: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`create table public.people (id serial primary key, username text not null constraint people_username_key unique, password_hash text not null, personal_id text not null)`);
    app = createHttpApp({
      db: database.db, logLevel: 'info', bodyLimitBytes: 1024 * 1024, authenticate: async () => anonymous, auditKeys: auditKeys('a-test-master-key-of-at-least-32-chars'),
      logStream: { write: (line: string) => void lines.push(line) },
    });
    app.post('/people', { config: { access: 'public' } }, async () => {
      await database.db.insert(people).values({ username: USERNAME, passwordHash: HASH, personalId: PERSONAL_ID });
      return { ok: true };
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('log the error code, constraint and table, never the statement, its parameters or the values', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/people' })).statusCode, 200);
    lines.length = 0;
    const duplicate = await app.inject({ method: 'POST', url: '/people' });
    assert.equal(duplicate.statusCode, 500);
    assert.deepEqual(Object.keys(duplicate.json()).sort(), ['code', 'message', 'requestId']);
    assert.doesNotMatch(duplicate.body, /people|insert/i);

    const logged = lines.join('\n');
    const failure = lines.map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> }).find((l) => l.msg === 'request failed');
    assert.ok(failure?.err, logged);
    for (const secret of [HASH, PERSONAL_ID, USERNAME, 'insert into', 'params']) assert.ok(!logged.includes(secret), `the log holds ${secret}:\n${logged}`);
    // What an operator needs is still there: which constraint of which table failed, and where in the code.
    const cause = failure.err.cause as Record<string, unknown> | undefined;
    assert.equal(cause?.code, '23505');
    assert.equal(cause?.constraint, 'people_username_key');
    assert.equal(cause?.table, 'people');
    assert.match(String(failure.err.stack), /^\s+at /);
  });

  it('keep the values out of the message a failed job stores too', async () => {
    const error = await database.db.insert(people).values({ username: USERNAME, passwordHash: HASH, personalId: PERSONAL_ID }).catch((e: unknown) => e);
    assert.ok(error instanceof Error && error.message.includes(HASH), 'the driver error does carry the values');
    const message = safeErrorMessage(error);
    assert.ok(!message.includes(HASH) && !message.includes(PERSONAL_ID), message);
    assert.equal(safeErrorMessage(new Error('mail server refused the connection')), 'mail server refused the connection');
  });
});
