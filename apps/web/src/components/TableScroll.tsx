import { Table, type TableScrollContainerProps } from '@mantine/core';

type TableScrollProps = Omit<TableScrollContainerProps, 'type' | 'role' | 'tabIndex' | 'aria-label' | 'aria-labelledby'> &
  ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never });

/**
 * A table that scrolls sideways when the screen is narrower than `minWidth` (a phone). The scroll
 * container is a named region in the tab order, so a keyboard user can reach it and scroll it
 * with the arrow keys (WCAG 2.1.1; axe rule scrollable-region-focusable) and a screen reader
 * announces what it holds. Native scrolling: the browser's own scrollbars and keys.
 */
export function TableScroll({ label, labelledBy, ...props }: TableScrollProps) {
  return <Table.ScrollContainer {...props} type="native" role="region" tabIndex={0} aria-label={label} aria-labelledby={labelledBy} />;
}
