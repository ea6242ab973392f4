import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Pager } from './Pager.tsx';
import { QueryState } from './QueryState.tsx';
import { TableScroll } from './TableScroll.tsx';
import classes from './DataTable.module.css';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /**
   * `key` columns stay on a phone; the others fold into a list under the row's first cell, so
   * nothing is hidden and nothing needs sideways scrolling. Default `key`.
   */
  priority?: 'key' | 'secondary';
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export interface DataTableProps<T> {
  /** What the table holds: its caption (read by screen readers; shown when `captionVisible`) and its scroll region's name. */
  caption: string;
  captionVisible?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** `data-*` attributes of a row (tests and styles find rows by them). */
  rowData?: (row: T) => Record<`data-${string}`, string | undefined>;
  isPending?: boolean;
  error?: unknown;
  emptyText?: string;
  /** Page controls under the table, when the rows are one page of many. */
  pagination?: { total: number; pageSize: number; page: number; onChange: (page: number) => void };
  /** Width under which the full table scrolls sideways (wide screens only; phones fold instead). */
  minWidth?: number;
}

/** Below this width (48em, Mantine's `sm`) secondary columns fold under the key ones. */
const PHONE = '(max-width: 48em)';

/**
 * The one table of the web app: typed columns, loading/error/empty states, an accessible
 * caption, optional pages, and a phone layout that keeps the key columns and stacks the rest.
 */
export function DataTable<T>({ caption, captionVisible, columns, rows, rowKey, rowData, isPending = false, error, emptyText, pagination, minWidth }: DataTableProps<T>) {
  const phone = useMediaQuery(PHONE) ?? false;
  const keyColumns = columns.filter((c) => c.priority !== 'secondary');
  const folded = phone ? columns.filter((c) => c.priority === 'secondary') : [];
  const shown = phone ? keyColumns : columns;
  const items = rows ?? [];
  return (
    <QueryState isPending={isPending} error={error} isEmpty={items.length === 0} emptyText={emptyText}>
      <TableScroll minWidth={phone ? 0 : (minWidth ?? 0)} label={caption}>
        <Table striped highlightOnHover data-layout={phone ? 'phone' : 'full'}>
          <Table.Caption className={captionVisible ? classes.caption : undefined}>
            {captionVisible ? caption : <VisuallyHidden>{caption}</VisuallyHidden>}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {shown.map((c) => (
                <Table.Th key={c.key} scope="col" ta={c.numeric ? 'right' : undefined}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={rowKey(row)} {...rowData?.(row)}>
                {shown.map((c, index) => (
                  <Table.Td key={c.key} ta={c.numeric ? 'right' : undefined}>
                    <CellContent content={c.cell(row)} />
                    {index === 0 && folded.length > 0 && (
                      <dl className={classes.folded}>
                        {folded.map((f) => (
                          <div key={f.key}>
                            <dt>{f.header}</dt>
                            <dd>{f.cell(row)}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {pagination && <Pager {...pagination} />}
    </QueryState>
  );
}

/** Plain text at the table's size; components as they are. */
function CellContent({ content }: { content: ReactNode }) {
  return typeof content === 'string' || typeof content === 'number' ? <Text size="sm">{content}</Text> : <>{content}</>;
}
