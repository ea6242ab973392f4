import { Code } from '@mantine/core';

/** A code block that may scroll sideways: a named region in the tab order, so a keyboard user can reach and scroll it (axe scrollable-region-focusable). */
export function ScrollCode({ label, children, testId }: { label: string; children: string; testId?: string }) {
  return <Code block tabIndex={0} role="region" aria-label={label} data-testid={testId}>{children}</Code>;
}
