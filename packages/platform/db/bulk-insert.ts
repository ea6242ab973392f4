import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './connection.ts';

/**
 * Many rows in one INSERT whose text does not depend on how many: one array parameter per column,
 * `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`. Built without the query builder's
 * per-value work (a group of 200 message-log records is 4,000 values for Drizzle to map one by
 * one), and the same statement text for every group. Columns no row gives keep their default;
 * a row leaving out a given column writes NULL there.
 */
export async function bulkInsert<T extends PgTable>(db: Queryable, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  const statement = bulkInsertStatement(table, rows);
  if (statement) await db.execute(statement);
}

/**
 * The statement of `bulkInsert` (undefined for no rows), to compose into a larger one; `where`
 * (e.g. `exists (select from head)` in a CTE) decides whether the rows are written at all.
 */
export function bulkInsertStatement<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][], where?: SQL): SQL | undefined {
  if (rows.length === 0) return undefined;
  const { schema } = getTableConfig(table);
  const target = sql.raw(`${schema ? `"${schema}".` : ''}"${getTableName(table)}"`);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(', '));
  const arrays: SQL[] = columns.map(([key, column]) => {
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined || value === null) return null;
      return value instanceof Date ? value.toISOString() : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  return sql`insert into ${target} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})${where ? sql` where ${where}` : sql``}`;
}

/**
 * The raw-SQL form of `bulkInsertStatement` for a hot path: a fixed text over EVERY column of
 * `table` (a column a row leaves out is NULL, so only for tables without column defaults), its
 * parameters numbered from `$first`, and `values(rows)` building those parameters — one array per
 * column — without a query builder. Composed into a named prepared statement (`preparedRows`),
 * PostgreSQL parses and plans it once per connection.
 */
export function unnestInsert<T extends PgTable>(table: T, first: number, where?: string) {
  const { schema } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, column }));
  const target = `${schema ? `"${schema}".` : ''}"${getTableName(table)}"`;
  const names = columns.map(({ column }) => `"${column.name}"`).join(', ');
  const arrays = columns.map(({ column }, i) => `$${first + i}::${column.getSQLType()}[]`).join(', ');
  return {
    text: `insert into ${target} (${names}) select * from unnest(${arrays})${where ? ` where ${where}` : ''}`,
    /** How many parameters the text takes. */
    count: columns.length,
    values(rows: readonly T['$inferInsert'][]): unknown[][] {
      return columns.map(({ key, column }) => rows.map((row) => {
        const value = (row as Record<string, unknown>)[key];
        if (value === undefined || value === null) return null;
        return value instanceof Date ? value.toISOString() : column.mapToDriverValue(value);
      }));
    },
  };
}
