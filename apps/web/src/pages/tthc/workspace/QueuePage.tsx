import { Badge, Button, Checkbox, Group, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUES, tthcApi, type QueueName } from '../../../api/tthc.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueueTable } from './QueueTable.tsx';
import { rememberAgency, useDefaultAgency } from './useWorkspaceAgency.ts';

interface QueueSearch {
  agency?: string;
  queue?: string;
  q?: unknown;
  mine?: boolean;
  page?: number;
}

/** /workspace — an official's queues at one agency, with counts; the choices live in the address. */
export function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as QueueSearch;
  const fallback = useDefaultAgency();
  const agencyId = search.agency ?? fallback;
  const queue: QueueName = QUEUES.includes(search.queue as QueueName) ? (search.queue as QueueName) : 'to_receive';
  const [text, setText] = useState(search.q === undefined ? '' : String(search.q));
  const [q] = useDebouncedValue(text.trim(), 300);
  const set = (patch: QueueSearch) => void navigate({ to: '.', search: { ...search, agency: agencyId ?? undefined, page: undefined, ...patch }, replace: true });
  useEffect(() => {
    if (String(search.q ?? '') !== q) set({ q: q || undefined });
    // Only when the typed text settles.
  }, [q]);

  const counts = useQueries({
    queries: QUEUES.map((name) => ({
      queryKey: ['tthc', 'queue', agencyId, name, 'count'],
      queryFn: () => tthcApi.queue({ queue: name, agencyId: agencyId!, limit: 1, offset: 0 }),
      enabled: !!agencyId,
      staleTime: 0,
    })),
  });

  return (
    <>
      <PageHeader
        title={t('tthc.queue.title')}
        description={t('tthc.queue.description')}
        actions={
          <Button component={Link} to="/workspace/counter">
            {t('tthc.nav.counter')}
          </Button>
        }
      />
      <Group align="flex-end" mb="md" wrap="wrap">
        <div style={{ minWidth: 320, flex: '1 1 420px' }}>
          <AgencyPicker
            id="queue-agency"
            label={t('tthc.queue.agency')}
            value={agencyId}
            onChange={(id) => {
              if (!id) return;
              rememberAgency(id);
              set({ agency: id });
            }}
          />
        </div>
        <TextInput id="queue-search" label={t('tthc.queue.search')} description={t('tthc.queue.searchHint')} type="search" value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: '1 1 280px' }} />
        {queue === 'to_process' && <Checkbox label={t('tthc.queue.mine')} checked={!!search.mine} onChange={(e) => set({ mine: e.currentTarget.checked || undefined })} mb={8} />}
      </Group>
      {!agencyId && <Text c="dimmed">{t('tthc.queue.chooseAgency')}</Text>}
      {agencyId && (
        <Tabs value={queue} onChange={(value) => value && set({ queue: value })} keepMounted={false}>
          <Tabs.List mb="md">
            {QUEUES.map((name, index) => (
              <Tabs.Tab key={name} value={name} rightSection={<Badge size="sm" variant="light" color={name === 'overdue' ? 'red' : 'sen'} circle={false}>{counts[index]?.data?.total ?? '…'}</Badge>}>
                {t(`tthc.queue.names.${name}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {QUEUES.map((name) => (
            <Tabs.Panel key={name} value={name}>
              <QueueTable queue={name} agencyId={agencyId} q={q} mine={!!search.mine && name === 'to_process'} page={Number(search.page ?? 1)} onPage={(p) => set({ page: p })} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </>
  );
}
