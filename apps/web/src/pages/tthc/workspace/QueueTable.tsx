import { Anchor, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { tthcApi, type QueueName } from '../../../api/tthc.ts';
import { Pager } from '../../../components/Pager.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLocalisedError } from '../common/errors.ts';
import { ChannelLabel, DueDate, StatusBadge } from '../common/status.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

export const QUEUE_PAGE_SIZE = 20;

interface Props {
  queue: QueueName;
  agencyId: string;
  q: string;
  mine: boolean;
  page: number;
  onPage: (page: number) => void;
}

/** One queue of an agency, a page at a time; a row opens the dossier. */
export function QueueTable({ queue, agencyId, q, mine, page, onPage }: Props) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const query = useQuery({
    queryKey: ['tthc', 'queue', agencyId, queue, q, mine, page],
    queryFn: () => tthcApi.queue({ queue, agencyId, q: q || undefined, mine: mine || undefined, limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const items = query.data?.items ?? [];
  return (
    <QueryState isPending={query.isPending} error={localised(query.error)} isEmpty={items.length === 0} emptyText={t('tthc.queue.empty')}>
      <TableScroll minWidth={900} label={t(`tthc.queue.names.${queue}`)}>
        <Table striped highlightOnHover aria-label={t(`tthc.queue.names.${queue}`)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tthc.detail.code')}</Table.Th>
              <Table.Th scope="col">{t('tthc.procedure.title')}</Table.Th>
              <Table.Th scope="col">{t('tthc.detail.applicant')}</Table.Th>
              <Table.Th scope="col">{t('tthc.detail.channel')}</Table.Th>
              <Table.Th scope="col">{t('tthc.detail.status')}</Table.Th>
              <Table.Th scope="col">{t('tthc.detail.submittedAt')}</Table.Th>
              <Table.Th scope="col">{t('tthc.detail.dueDate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id} data-code={d.code} data-channel={d.channel}>
                <Table.Td>
                  <Anchor component={Link} to={`/workspace/dossiers/${d.id}`} ff="monospace" size="sm">
                    {d.code}
                  </Anchor>
                </Table.Td>
                <Table.Td><Text size="sm">{d.procedureName}</Text></Table.Td>
                <Table.Td><Text size="sm">{d.applicantName}</Text></Table.Td>
                <Table.Td><Text size="sm"><ChannelLabel channel={d.channel} /></Text></Table.Td>
                <Table.Td><StatusBadge status={d.status} /></Table.Td>
                <Table.Td><Text size="sm">{formatDateTime(d.submittedAt)}</Text></Table.Td>
                <Table.Td><DueDate date={d.dueDate} status={d.status} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Pager total={query.data?.total ?? 0} pageSize={QUEUE_PAGE_SIZE} page={page} onChange={onPage} />
    </QueryState>
  );
}
