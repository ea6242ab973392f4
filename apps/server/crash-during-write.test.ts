import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate, openDatabase, queryRows, type Database } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';

const platformIndex = path.resolve(import.meta.dirname, '../../packages/platform/index.ts');

// The child writes an account and its role grant in one transaction and is killed (SIGKILL)
// between the two writes, before the commit.
const child = `
import { sql } from 'drizzle-orm';
import { openDatabase } from ${JSON.stringify(platformIndex)};
const database = await openDatabase(JSON.parse(process.argv[1]));
await database.db.transaction(async (tx) => {
  await tx.execute(sql\`insert into identity.users (id, kind, full_name) values ('00000000-0000-4000-8000-000000000001', 'citizen', 'Half Written')\`);
  await tx.execute(sql\`insert into identity.roles (id, code, name, permissions) values ('00000000-0000-4000-8000-000000000002', 'half_written', 'x', '[]')\`);
  process.kill(process.pid, 'SIGKILL');
});
`;

async function count(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select (select count(*) from identity.users where full_name = 'Half Written') + (select count(*) from identity.roles where code = 'half_written') as n`);
  return Number(row?.n);
}

describe('a process killed in the middle of a write', () => {
  it('leaves no half-written record', async () => {
    const test = await createTestDatabase();
    let dir: string | undefined;
    let options: object;
    if (test.url) {
      options = { url: test.url, poolSize: 1 };
    } else {
      // PGlite keeps its data in the process: use a data directory the child and we share.
      await test.close();
      dir = mkdtempSync(path.join(tmpdir(), 'sen-crash-'));
      options = { pgliteDir: path.join(dir, 'pglite') };
      const setup = await openDatabase(options);
      await migrate(setup.db);
      await setup.close();
    }
    try {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', child, JSON.stringify(options)], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.signal, 'SIGKILL', `child ended with ${result.status}: ${result.stderr}`);
      const after = test.url ? test : await openDatabase(options);
      try {
        assert.equal(await count(after), 0);
      } finally {
        if (!test.url) await after.close();
      }
    } finally {
      if (test.url) await test.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});
