import { Button, Card, Code, Group, SimpleGrid, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditQuery } from '../../api/identity.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fieldError, formValues } from '../../lib/forms.ts';
import { formatDateTime, parseDate } from '../../lib/format.ts';
import { DateField } from '../../components/DateField.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';

const PAGE_SIZE = 50;
type Filters = Omit<AuditQuery, 'before' | 'limit'>;

/** A calendar day in Viet Nam → the instant it starts (or, for `to`, the instant the next one starts). */
function dayBoundary(day: string, end: boolean): string {
  const start = new Date(`${day}T00:00:00+07:00`);
  return new Date(start.getTime() + (end ? 86_400_000 : 0)).toISOString();
}

const succeeded = (outcome: number | string) => (typeof outcome === 'number' ? outcome < 400 : ['success', 'ok'].includes(outcome));

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [badDates, setBadDates] = useState<string[]>([]);
  const entries = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => auditApi.list({ ...filters, before: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < PAGE_SIZE ? undefined : last.items.at(-1)?.seq),
  });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const from = v.from ? parseDate(v.from) : undefined;
    const to = v.to ? parseDate(v.to) : undefined;
    const bad = [from === null && 'from', to === null && 'to'].filter((x): x is string => !!x);
    setBadDates(bad);
    if (bad.length) return;
    setFilters({
      actor: v.actor || undefined,
      action: v.action || undefined,
      target: v.target || undefined,
      from: from ? dayBoundary(from, false) : undefined,
      to: to ? dayBoundary(to, true) : undefined,
    });
  };
  const err = (name: string) => (badDates.includes(name) ? t('form.invalidDate') : fieldError(entries.error, name));

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card withBorder mb="md">
        <form onSubmit={onSubmit} aria-label={t('audit.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
            <TextInput name="actor" label={t('audit.actor')} error={err('actor')} />
            <TextInput name="action" label={t('audit.action')} description={t('audit.actionHint')} error={err('action')} />
            <TextInput name="target" label={t('audit.target')} error={err('target')} />
            <DateField name="from" label={t('audit.from')} error={err('from')} />
            <DateField name="to" label={t('audit.to')} error={err('to')} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button
              type="reset"
              variant="default"
              onClick={() => {
                setBadDates([]);
                setFilters({});
              }}
            >
              {t('audit.clear')}
            </Button>
            <Button type="submit">{t('audit.apply')}</Button>
          </Group>
        </form>
      </Card>

      <QueryState isPending={entries.isPending} error={entries.error} isEmpty={items.length === 0} emptyText={t('audit.empty')}>
        <TableScroll minWidth={1000} label={t('audit.title')}>
          <Table striped aria-label={t('audit.title')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('audit.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.target')}</Table.Th>
                <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                <Table.Th scope="col">{t('audit.purpose')}</Table.Th>
                <Table.Th scope="col">{t('audit.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>{e.target}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} c={succeeded(e.outcome) ? 'sen.8' : 'red.9'}>
                      {e.outcome}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.purpose}</Table.Td>
                  <Table.Td>
                    <Tooltip label={e.details ? JSON.stringify(e.details) : t('audit.noDetails')} multiline w={320} withinPortal>
                      <Text size="xs" ff="monospace" tabIndex={0}>
                        {e.sourceIp ?? '—'}
                        {e.requestId && <> · {e.requestId.slice(0, 8)}</>}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('audit.shown', { count: items.length })}
          </Text>
          {entries.hasNextPage && (
            <Button variant="light" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
              {t('audit.loadMore')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={entries.isFetchNextPageError ? entries.error : null} />
      </QueryState>
    </>
  );
}
