import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './connection.ts';

export const migrationsDir = path.resolve(import.meta.dirname, '../../../migrations');

interface Journal {
  entries: { idx: number; tag: string }[];
}

interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

export function readMigrations(dir = migrationsDir): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const text = readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
      return {
        tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean),
      };
    });
}

// Any fixed 64-bit number; every replica takes the same lock so only one migrates at a time.
const MIGRATION_LOCK = 7_204_611_001n;

/**
 * Applies pending migrations in one transaction under an advisory lock, so that two replicas
 * starting at once neither race nor apply a migration twice. Returns the tags applied.
 */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create table if not exists public.sen_schema_migrations (
      tag text primary key, hash text not null, applied_at timestamptz not null default now())`);
    const applied = await queryRows<{ tag: string; hash: string }>(tx, sql`select tag, hash from public.sen_schema_migrations`);
    const known = new Map(applied.map((m) => [m.tag, m.hash]));
    const done: string[] = [];
    for (const migration of migrations) {
      const previous = known.get(migration.tag);
      if (previous !== undefined) {
        if (previous !== migration.hash) {
          throw new Error(`migration ${migration.tag} was changed after it was applied; migrations are forward-only`);
        }
        continue;
      }
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into public.sen_schema_migrations (tag, hash) values (${migration.tag}, ${migration.hash})`);
      done.push(migration.tag);
    }
    return done;
  });
}

/** True when every committed migration has been applied (used by `/ready`). */
export async function migrationsApplied(db: Db, dir = migrationsDir): Promise<boolean> {
  try {
    const rows = await queryRows<{ tag: string }>(db, sql`select tag from public.sen_schema_migrations`);
    const applied = new Set(rows.map((r) => r.tag));
    return readMigrations(dir).every((m) => applied.has(m.tag));
  } catch {
    return false;
  }
}
