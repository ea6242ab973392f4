import { Card, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { dossierColumns } from '../common/dossierColumns.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { DraftsList } from './DraftsList.tsx';
import { NoticesList } from './NoticesList.tsx';

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
  return (
    <>
      <PageHeader title={t('tthc.mine.title')} description={t('tthc.mine.description')} />
      <NoticesList />
      <DraftsList />
      <Card withBorder component="section" aria-labelledby="mine-dossiers">
        <Title order={2} size="h4" id="mine-dossiers" mb="sm">
          {t('tthc.mine.dossiers')}
        </Title>
        <DataTable
          caption={t('tthc.mine.dossiers')}
          columns={dossierColumns(t, (id) => `/my-dossiers/${id}`, ['code', 'procedure', 'status', 'submittedAt', 'dueDate'])}
          rows={query.data?.items}
          rowKey={(d) => d.id}
          rowData={(d) => ({ 'data-code': d.code })}
          isPending={query.isPending}
          error={localised(query.error)}
          emptyText={t('tthc.mine.empty')}
          minWidth={720}
          pagination={{ total: query.data?.total ?? 0, pageSize: PAGE_SIZE, page, onChange: setPage }}
        />
      </Card>
    </>
  );
}
