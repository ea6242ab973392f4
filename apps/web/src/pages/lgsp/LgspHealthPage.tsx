import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { lgspMonitoringApi } from '../../api/lgsp.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** Per-service health of the LGSP gateway over the last 24 hours, within the viewer's scope (provider's services, consumer's calls). */
export function LgspHealthPage() {
  const { t } = useTranslation();
  const health = useQuery({ queryKey: ['lgsp', 'health'], queryFn: () => lgspMonitoringApi.health({}) });
  const rows = health.data ?? [];
  const ms = (value: number) => `${value.toLocaleString('vi-VN')} ms`;
  return (
    <>
      <PageHeader title={t('lgspHealth.title')} description={t('lgspHealth.description')} />
      <QueryState isPending={health.isPending} error={health.error} isEmpty={rows.length === 0} emptyText={t('lgspHealth.empty')}>
        <TableScroll minWidth={900} label={t('lgspHealth.title')}>
          <Table striped aria-label={t('lgspHealth.title')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('lgspHealth.service')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.success')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.failure')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.lastFailure')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.min')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.avg')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.p95')}</Table.Th>
                <Table.Th scope="col">{t('lgspHealth.max')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.service}>
                  <Table.Th scope="row" fw={500}>{row.service}</Table.Th>
                  <Table.Td>{row.successCount.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td>{row.failureCount.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td>{row.lastFailureTs ? formatDateTime(row.lastFailureTs) : '—'}</Table.Td>
                  <Table.Td>{ms(row.durationMinMs)}</Table.Td>
                  <Table.Td>{ms(row.durationAvgMs)}</Table.Td>
                  <Table.Td>{ms(row.durationP95Ms)}</Table.Td>
                  <Table.Td>{ms(row.durationMaxMs)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </QueryState>
    </>
  );
}
