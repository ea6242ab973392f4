import { ActionIcon, Group, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyNode } from '../../api/catalog.ts';
import { matchesFolded } from '../../lib/format.ts';
import classes from './AgencyTree.module.css';

/** Keeps the nodes matching `query` (diacritics ignored) and the ancestors leading to them. */
export function filterTree(nodes: AgencyNode[], query: string): AgencyNode[] {
  if (!query.trim()) return nodes;
  const out: AgencyNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, query);
    if (children.length || matchesFolded(`${node.name} ${node.code} ${node.nameEn ?? ''}`, query)) out.push({ ...node, children });
  }
  return out;
}

interface Props {
  nodes: AgencyNode[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Expand everything (while searching). */
  expandAll: boolean;
}

/** Nested lists with disclosure buttons: every control is a real button, reachable by Tab. */
export function AgencyTree({ nodes, selectedId, onSelect, expandAll }: Props) {
  return (
    <ul className={classes.tree}>
      {nodes.map((node) => (
        <TreeItem key={node.id} node={node} selectedId={selectedId} onSelect={onSelect} expandAll={expandAll} level={0} />
      ))}
    </ul>
  );
}

function TreeItem({ node, selectedId, onSelect, expandAll, level }: Omit<Props, 'nodes'> & { node: AgencyNode; level: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(level === 0);
  const expanded = expandAll || open;
  const hasChildren = node.children.length > 0;
  return (
    <li>
      <Group gap={4} wrap="nowrap">
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-expanded={expanded}
            aria-label={expanded ? t('agencies.collapse', { name: node.name }) : t('agencies.expand', { name: node.name })}
            onClick={() => setOpen(!expanded)}
          >
            <span aria-hidden>{expanded ? '▾' : '▸'}</span>
          </ActionIcon>
        ) : (
          <span className={classes.spacer} />
        )}
        <UnstyledButton className={classes.label} data-selected={selectedId === node.id || undefined} aria-pressed={selectedId === node.id} onClick={() => onSelect(node.id)}>
          <Text size="sm" span>
            {node.name}
          </Text>{' '}
          <Text size="xs" c="dimmed" span ff="monospace">
            {node.code}
          </Text>
        </UnstyledButton>
      </Group>
      {hasChildren && expanded && (
        <ul className={classes.tree}>
          {node.children.map((child) => (
            <TreeItem key={child.id} node={child} selectedId={selectedId} onSelect={onSelect} expandAll={expandAll} level={level + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
