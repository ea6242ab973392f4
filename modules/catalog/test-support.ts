// Shared by the catalog's database tests.
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Principal } from '../../packages/platform/index.ts';

export const editorOn = (agencyId: string, permissions = ['catalog.edit', 'calendar.edit']): Principal => ({
  kind: 'user',
  userId: `editor-${agencyId}`,
  userType: 'official',
  displayName: 'Editor',
  grants: [{ agencyId, scope: 'subtree', permissions }],
});

export async function countRows(database: Database, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from catalog.${table}`));
  return row?.n ?? 0;
}
