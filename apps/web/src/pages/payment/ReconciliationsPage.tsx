import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { paymentApi, type Mismatch, type ReconciliationReport } from '../../api/payment.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pager } from '../../components/Pager.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDate, formatDateTime, formatVnd, todayIso } from '../../lib/format.ts';

const PAGE_SIZE = 10;
const amount = (value: number | null) => (value === null ? '—' : formatVnd(value));

/** /admin/payments/reconciliations — run a day's reconciliation against the platform's file; every report with its mismatches. */
export function ReconciliationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [date, setDate] = useState(todayIso());
  const queryClient = useQueryClient();
  const reports = useQuery({ queryKey: ['payment', 'reconciliations', page], queryFn: () => paymentApi.reconciliations(PAGE_SIZE, (page - 1) * PAGE_SIZE) });
  const run = useMutation({ mutationFn: () => paymentApi.reconcile(date), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['payment', 'reconciliations'] }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };
  return (
    <>
      <PageHeader title={t('payment.reconciliation.title')} />
      <Stack gap="md">
        <form onSubmit={submit} aria-label={t('payment.reconciliation.run')}>
          <Group align="flex-end">
            <TextInput type="date" label={t('payment.reconciliation.date')} required value={date} onChange={(event) => setDate(event.currentTarget.value)} max={todayIso()} />
            <Button type="submit" loading={run.isPending}>{t('payment.reconciliation.run')}</Button>
          </Group>
        </form>
        <ErrorAlert error={run.error} />
        <QueryState isPending={reports.isPending} error={reports.error}>
          <Stack gap="md">
            {(reports.data?.items ?? []).length === 0 && <Text c="dimmed">{t('payment.reconciliation.none')}</Text>}
            {(reports.data?.items ?? []).map((report) => <ReportCard key={report.id} report={report} />)}
            <Pager total={reports.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
          </Stack>
        </QueryState>
      </Stack>
    </>
  );
}

function ReportCard({ report }: { report: ReconciliationReport }) {
  const { t } = useTranslation();
  const titleId = `report-${report.id}`;
  const columns: Column<Mismatch>[] = [
    { key: 'kind', header: t('payment.reconciliation.kind'), cell: (m) => t(`payment.reconciliation.kinds.${m.kind}`) },
    { key: 'transaction', header: t('payment.reconciliation.transaction'), cell: (m) => <>{m.transactionNo ?? '—'}<Text size="xs" c="dimmed">{m.orderId ?? m.requestId ?? ''}</Text></> },
    { key: 'platform', header: t('payment.reconciliation.platformAmount'), cell: (m) => amount(m.platformAmount), numeric: true },
    { key: 'sen', header: t('payment.reconciliation.senAmount'), cell: (m) => amount(m.senAmount), numeric: true },
    { key: 'statuses', header: t('payment.reconciliation.statuses'), cell: (m) => `${m.platformStatus ?? '—'} / ${m.senStatus ?? '—'}`, priority: 'secondary' },
  ];
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id={titleId}>{t('payment.reconciliation.reportOf', { date: formatDate(report.date) })}</Title>
        <Badge color={report.mismatches.length === 0 ? 'green' : 'red'} variant="light" tt="none">
          {t('payment.reconciliation.mismatchCount', { count: report.mismatches.length })}
        </Badge>
      </Group>
      <Text size="sm">
        {t('payment.reconciliation.summary', {
          platformCount: report.platformCount, platformTotal: formatVnd(report.platformTotal), senCount: report.senCount, senTotal: formatVnd(report.senTotal), matched: report.matched,
        })}
      </Text>
      <Text size="xs" c="dimmed">{t('payment.reconciliation.ranBy', { at: formatDateTime(report.createdAt), by: report.createdBy })}</Text>
      {report.mismatches.length > 0 && (
        <DataTable
          caption={t('payment.reconciliation.mismatches')}
          columns={columns}
          rows={report.mismatches.map((m, index) => ({ ...m, key: `${m.kind}-${m.transactionNo ?? m.requestId ?? index}` }))}
          rowKey={(m) => m.key}
          minWidth={720}
        />
      )}
    </Card>
  );
}
