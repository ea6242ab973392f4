import { Badge, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { nationalSyncApi, type NationalSyncItem, type SyncView } from '../../../api/national-sync.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';

const PAGE_SIZE = 20;
const VIEWS: readonly SyncView[] = ['open', 'failing', 'dead', 'pending'];
const STATE_COLOR: Record<NationalSyncItem['state'], string> = { pending: 'gray', failing: 'orange', dead: 'red' };

/** Dossier syncs the national portal has not acknowledged yet: waiting, failing with backoff, dead letters; retry. */
export function NationalSyncsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [view, setView] = useState<SyncView>('open');
  const [page, setPage] = useState(1);
  const key = ['tthc', 'admin', 'national-syncs', view, page] as const;
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => nationalSyncApi.list({ view, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal) });
  const retry = useMutation({
    mutationFn: (id: number) => nationalSyncApi.retry(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tthc', 'admin', 'national-syncs'] }),
  });
  const counts = query.data?.counts;
  const total = query.data?.total ?? 0;
  const columns: Column<NationalSyncItem>[] = [
    {
      key: 'dossier', header: t('tthcAdmin.syncs.dossier'),
      cell: (item) => (
        <>
          <Link to="/workspace/dossiers/$dossierId" params={{ dossierId: item.dossierId }}>{item.dossierCode}</Link>
          <Text size="xs" c="dimmed">#{item.seq}</Text>
        </>
      ),
    },
    {
      key: 'change', header: t('tthcAdmin.syncs.change'),
      cell: (item) => (
        <>
          <Text size="sm">{t('tthcAdmin.syncs.nationalStatus', { code: item.nationalStatus })}</Text>
          <Text size="xs" c="dimmed">{item.action} · {formatDateTime(item.statusAt)}</Text>
        </>
      ),
    },
    { key: 'state', header: t('tthcAdmin.syncs.state'), cell: (item) => <Badge variant="light" color={STATE_COLOR[item.state]}>{t(`tthcAdmin.syncs.stateName.${item.state}`)}</Badge> },
    { key: 'attempts', header: t('tthcAdmin.syncs.attempts'), cell: (item) => item.attempts, numeric: true, priority: 'secondary' },
    { key: 'error', header: t('tthcAdmin.syncs.lastError'), cell: (item) => <Text size="xs" maw={320} style={{ overflowWrap: 'anywhere' }}>{item.lastError ?? '—'}</Text>, priority: 'secondary' },
    { key: 'next', header: t('tthcAdmin.syncs.nextAttempt'), cell: (item) => (item.nextAttemptAt ? formatDateTime(item.nextAttemptAt) : '—'), priority: 'secondary' },
    {
      key: 'retry', header: t('common.actions'),
      cell: (item) => item.state !== 'pending' && (
        <Button size="xs" variant="light" loading={retry.isPending && retry.variables === item.id} onClick={() => retry.mutate(item.id)}
          aria-label={t('tthcAdmin.syncs.retryFor', { code: item.dossierCode, seq: item.seq })}>
          {t('tthcAdmin.syncs.retry')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('tthcAdmin.syncs.title')} description={t('tthcAdmin.syncs.description')} />
      <Group mb="md" gap="md">
        <SegmentedControl
          aria-label={t('tthcAdmin.syncs.viewLabel')}
          value={view}
          onChange={(v) => { setView(v as SyncView); setPage(1); }}
          data={VIEWS.map((v) => ({ value: v, label: t(`tthcAdmin.syncs.view.${v}`) }))}
        />
        {counts && (
          <Text size="sm" c="dimmed">
            {t('tthcAdmin.syncs.counts', counts)}
          </Text>
        )}
      </Group>
      {retry.error && <AdminErrorAlert error={retry.error} />}
      <DataTable
        caption={t('tthcAdmin.syncs.title')}
        columns={columns}
        rows={query.data?.items}
        rowKey={(item) => String(item.id)}
        rowData={(item) => ({ 'data-state': item.state, 'data-code': item.dossierCode })}
        isPending={query.isPending}
        error={query.error}
        emptyText={t('tthcAdmin.syncs.empty')}
        minWidth={960}
        pagination={total > PAGE_SIZE ? { total, pageSize: PAGE_SIZE, page, onChange: setPage } : undefined}
      />
    </>
  );
}
