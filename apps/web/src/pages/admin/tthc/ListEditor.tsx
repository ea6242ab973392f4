import { ActionIcon, Button, Fieldset, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  /** A blank item for "add". */
  create: () => T;
  addLabel: string;
  /** How a screen reader names one row: "Phí 2". */
  itemLabel: (index: number) => string;
  max: number;
  /** A problem with the list as a whole (e.g. "must have at most 30 items"). */
  error?: string;
  description?: string;
  children: (item: T, update: (patch: Partial<T>) => void, index: number) => ReactNode;
}

let nextKey = 0;
const newKey = () => ++nextKey;

/**
 * A list of records edited in place (fees, document parts, legal bases): add, remove, reorder.
 * Each row is a named group so screen-reader users know which item a field belongs to, and a new
 * row takes the focus so keyboard users can type straight away.
 */
export function ListEditor<T>({ legend, items, onChange, create, addLabel, itemLabel, max, error, description, children }: Props<T>) {
  const { t } = useTranslation();
  // Stable row keys: an index key would move typed text and focus to the wrong row on removal.
  const [keys, setKeys] = useState<number[]>(() => items.map(newKey));
  // Items replaced from outside (a reload): adopt keys for them once, during render, as React allows.
  const rowKeys = keys.length === items.length ? keys : items.map((_, i) => keys[i] ?? newKey());
  if (rowKeys !== keys) setKeys(rowKeys);
  const rows = useRef(new Map<number, HTMLDivElement>());
  const [focusKey, setFocusKey] = useState<number | null>(null);

  useEffect(() => {
    if (focusKey === null) return;
    rows.current.get(focusKey)?.querySelector<HTMLElement>('input, textarea, select')?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const commit = (next: T[], nextKeys: number[]) => {
    setKeys(nextKeys);
    onChange(next);
  };
  const add = () => {
    const key = newKey();
    commit([...items, create()], [...rowKeys, key]);
    setFocusKey(key);
  };
  const remove = (index: number) => commit(items.filter((_, i) => i !== index), rowKeys.filter((_, i) => i !== index));
  const move = (index: number, by: -1 | 1) => {
    const swap = <V,>(list: V[]) => {
      const copy = [...list];
      [copy[index], copy[index + by]] = [copy[index + by]!, copy[index]!];
      return copy;
    };
    commit(swap(items), swap(rowKeys));
  };
  const update = (index: number) => (patch: Partial<T>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  return (
    <Fieldset legend={legend} variant="unstyled">
      {description && (
        <Text size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <Stack gap="xs">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('tthcAdmin.list.empty')}
          </Text>
        )}
        {items.map((item, index) => {
          const key = rowKeys[index]!;
          const label = itemLabel(index);
          return (
            <Paper
              key={key}
              withBorder
              p="xs"
              role="group"
              aria-label={label}
              ref={(node: HTMLDivElement | null) => {
                if (node) rows.current.set(key, node);
                else rows.current.delete(key);
              }}
            >
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {label}
                </Text>
                <Group gap={4}>
                  <ActionIcon variant="subtle" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('tthcAdmin.list.moveUp', { item: label })}>
                    <span aria-hidden>↑</span>
                  </ActionIcon>
                  <ActionIcon variant="subtle" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={t('tthcAdmin.list.moveDown', { item: label })}>
                    <span aria-hidden>↓</span>
                  </ActionIcon>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove(index)}>
                    {t('common.remove')}
                    <span className="sr-only"> {label}</span>
                  </Button>
                </Group>
              </Group>
              {children(item, update(index), index)}
            </Paper>
          );
        })}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button size="compact-sm" variant="light" onClick={add} disabled={items.length >= max}>
            {addLabel}
          </Button>
          {items.length >= max && (
            <Text size="xs" c="dimmed">
              {t('tthcAdmin.list.max', { max })}
            </Text>
          )}
        </Group>
      </Stack>
    </Fieldset>
  );
}
