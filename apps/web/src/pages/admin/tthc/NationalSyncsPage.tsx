import { Badge, Button, Group, Pagination, SegmentedControl, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { nationalSyncApi, type NationalSyncItem, type SyncView } from '../../../api/national-sync.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';
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
      <QueryState isPending={query.isPending} error={query.error} isEmpty={total === 0} emptyText={t('tthcAdmin.syncs.empty')}>
        <TableScroll minWidth={960} label={t('tthcAdmin.syncs.title')}>
          <Table striped highlightOnHover aria-label={t('tthcAdmin.syncs.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tthcAdmin.syncs.dossier')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.syncs.change')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.syncs.state')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.syncs.attempts')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.syncs.lastError')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.syncs.nextAttempt')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(query.data?.items ?? []).map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Link to="/workspace/dossiers/$dossierId" params={{ dossierId: item.dossierId }}>{item.dossierCode}</Link>
                    <Text size="xs" c="dimmed">#{item.seq}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('tthcAdmin.syncs.nationalStatus', { code: item.nationalStatus })}</Text>
                    <Text size="xs" c="dimmed">{item.action} · {formatDateTime(item.statusAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATE_COLOR[item.state]}>{t(`tthcAdmin.syncs.stateName.${item.state}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{item.attempts}</Table.Td>
                  <Table.Td maw={320}>
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{item.lastError ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>{item.nextAttemptAt ? formatDateTime(item.nextAttemptAt) : '—'}</Table.Td>
                  <Table.Td>
                    {item.state !== 'pending' && (
                      <Button size="xs" variant="light" loading={retry.isPending && retry.variables === item.id} onClick={() => retry.mutate(item.id)}
                        aria-label={t('tthcAdmin.syncs.retryFor', { code: item.dossierCode, seq: item.seq })}>
                        {t('tthcAdmin.syncs.retry')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {total > PAGE_SIZE && (
          <Group justify="center" mt="md">
            <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': t(`pagination.${c}`) })} />
          </Group>
        )}
      </QueryState>
    </>
  );
}
