import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tthcApi, type QueueName } from '../../../api/tthc.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { dossierColumns } from '../common/dossierColumns.tsx';
import { useLocalisedError } from '../common/errors.ts';

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
  const columns = dossierColumns(t, (id) => `/workspace/dossiers/${id}`, ['code', 'procedure', 'applicant', 'channel', 'status', 'submittedAt', 'dueDate']);
  return (
    <DataTable
      caption={t(`tthc.queue.names.${queue}`)}
      columns={columns}
      rows={query.data?.items}
      rowKey={(d) => d.id}
      rowData={(d) => ({ 'data-code': d.code, 'data-channel': d.channel })}
      isPending={query.isPending}
      error={localised(query.error)}
      emptyText={t('tthc.queue.empty')}
      minWidth={900}
      pagination={{ total: query.data?.total ?? 0, pageSize: QUEUE_PAGE_SIZE, page, onChange: onPage }}
    />
  );
}
