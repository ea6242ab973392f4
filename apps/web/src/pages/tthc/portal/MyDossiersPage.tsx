import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { Pager } from '../../../components/Pager.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLocalisedError } from '../common/errors.ts';
import { DueDate, StatusBadge } from '../common/status.tsx';
import { DraftsList } from './DraftsList.tsx';
import { NoticesList } from './NoticesList.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

const PAGE_SIZE = 20;

/** /my-dossiers — the signed-in applicant's dossiers, saved drafts and notices. */
export function MyDossiersPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['tthc', 'mine', page],
    queryFn: () => tthcApi.mine({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('tthc.mine.title')} description={t('tthc.mine.description')} />
      <NoticesList />
      <DraftsList />
      <Card withBorder component="section" aria-labelledby="mine-dossiers">
        <Title order={2} size="h4" id="mine-dossiers" mb="sm">
          {t('tthc.mine.dossiers')}
        </Title>
        <QueryState isPending={query.isPending} error={localised(query.error)} isEmpty={items.length === 0} emptyText={t('tthc.mine.empty')}>
          <TableScroll minWidth={720} labelledBy="mine-dossiers">
            <Table striped highlightOnHover aria-labelledby="mine-dossiers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tthc.detail.code')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.procedure.title')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.detail.status')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.detail.submittedAt')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.detail.dueDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-code={d.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/my-dossiers/${d.id}`} ff="monospace" size="sm">
                        {d.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td><Text size="sm">{d.procedureName}</Text></Table.Td>
                    <Table.Td><StatusBadge status={d.status} /></Table.Td>
                    <Table.Td><Text size="sm">{formatDateTime(d.submittedAt)}</Text></Table.Td>
                    <Table.Td><DueDate date={d.dueDate} status={d.status} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Pager total={query.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </QueryState>
      </Card>
    </>
  );
}
