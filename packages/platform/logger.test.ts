import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { loggerOptions } from './logger.ts';

/** A failed statement never reaches a log with its parameters or the row values its error quotes. */
describe('logged errors', () => {
  it('a failed statement is logged by its SQLSTATE and message, without parameters or detail', () => {
    let written = '';
    const sink = new Writable({ write(chunk, _encoding, done) { written += String(chunk); done(); } });
    const logger = pino(loggerOptions('info') as pino.LoggerOptions, sink);
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_username_uq"'), {
      code: '23505', constraint: 'users_username_uq', detail: 'Key (username)=(admin) already exists.',
    });
    const failed = new DrizzleQueryError('insert into "identity"."users" ("password_hash", "totp_secret") values ($1, $2)', ['scrypt$32768$8$1$c2VjcmV0', 'JBSWY3DPEHPK3PXP'], cause);
    logger.error({ err: failed }, 'request failed');
    const line = JSON.parse(written) as { err: { message: string; cause: { code: string; constraint: string } } };
    assert.equal(line.err.message, 'database statement failed (23505): duplicate key value violates unique constraint "users_username_uq"');
    assert.equal(line.err.cause.code, '23505');
    assert.equal(line.err.cause.constraint, 'users_username_uq');
    assert.doesNotMatch(written, /scrypt|JBSWY3DP|Key \(username\)|params/);
  });
});
