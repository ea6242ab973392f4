import { Anchor, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type DrillFigure, type ExportFormat, type GroupBy, type OneStopReport, type ReportQuery } from '../../api/analytics.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { download } from '../tthc/common/download.ts';
import { useLocalisedError } from '../tthc/common/errors.ts';
import { DrillDossiers, type Drill } from './DrillDossiers.tsx';
import { currentMonth, decimal, percent } from './format.ts';
import { PeriodAgencyForm } from './PeriodAgencyForm.tsx';

type Row = OneStopReport['rows'][number];
const GROUPS: GroupBy[] = ['agency', 'agency_group', 'procedure', 'field'];
/** What a drill-down of a row filters on. */
const FILTER: Partial<Record<GroupBy, 'agency' | 'procedure' | 'field'>> = { agency: 'agency', procedure: 'procedure', field: 'field' };

/**
 * /workspace/statistics — the one-stop figures of a period per agency, agency group, procedure
 * or field, against the same period last year; a click on an agency goes down to its procedures,
 * a click on a count lists the dossiers behind it; the table downloads as Excel.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [period, setPeriod] = useState(currentMonth());
  const [agency, setAgency] = useState<string | undefined>(undefined);
  const [groupBy, setGroupBy] = useState<GroupBy>('agency');
  const [drill, setDrill] = useState<Drill | null>(null);
  const query: ReportQuery = { period, agency, groupBy };
  const report = useQuery({ queryKey: ['analytics', 'one-stop', query], queryFn: () => analyticsApi.report(query) });
  const excel = useMutation({ mutationFn: (format: ExportFormat) => download(() => analyticsApi.export(query, format), `thong-ke-mot-cua-${period}-${groupBy}.${format}`) });
  const periodic = useMutation({ mutationFn: (format: ExportFormat) => download(() => analyticsApi.periodicReport(query, format), `bao-cao-ket-qua-tthc-${period}.${format}`) });

  const goTo = (next: { agency?: string; groupBy: GroupBy }) => {
    if (next.agency) setAgency(next.agency);
    setGroupBy(next.groupBy);
    setDrill(null);
  };

  /** A count that lists its dossiers when clicked (where the row can be filtered on). */
  const count = (value: number, figure: DrillFigure, row: Row | null, label: string): ReactNode => {
    const key = FILTER[groupBy];
    if (value === 0 || (row && !key)) return String(value);
    const filter = row && key ? { [key]: row.key } : {};
    const name = `${label}: ${row ? row.label : t('analytics.total')}`;
    return (
      <Anchor component="button" type="button" aria-label={t('analytics.drill.open', { name, count: value })} onClick={() => setDrill({ figure, label: name, filter })}>
        {value}
      </Anchor>
    );
  };

  const columns: Column<Row>[] = [
    {
      key: 'label', header: t(`analytics.groupBy.${groupBy}`),
      cell: (r) => (groupBy === 'agency' || groupBy === 'agency_group'
        ? <Anchor component="button" type="button" onClick={() => goTo(groupBy === 'agency' ? { agency: r.key, groupBy: 'procedure' } : { groupBy: 'agency' })}>{r.label}</Anchor>
        : r.label),
    },
    { key: 'received', header: t('analytics.received'), cell: (r) => count(r.figures.received.total, 'received', r, t('analytics.received')), numeric: true },
    { key: 'receivedBefore', header: t('analytics.sameTimeLastYear'), cell: (r) => String(r.previous.received.total), numeric: true, priority: 'secondary' },
    { key: 'online', header: t('analytics.onlineShare'), cell: (r) => percent(r.figures.onlineShare), numeric: true, priority: 'secondary' },
    { key: 'carried', header: t('analytics.carriedOver'), cell: (r) => String(r.figures.carriedOver), numeric: true, priority: 'secondary' },
    { key: 'open', header: t('analytics.inProcessing'), cell: (r) => count(r.figures.inProcessing, 'inProcessing', r, t('analytics.inProcessing')), numeric: true },
    { key: 'waiting', header: t('analytics.waiting'), cell: (r) => String(r.figures.waiting), numeric: true, priority: 'secondary' },
    { key: 'dueSoon', header: t('analytics.dueSoon'), cell: (r) => String(r.figures.dueSoon), numeric: true, priority: 'secondary' },
    { key: 'overdue', header: t('analytics.overdue'), cell: (r) => count(r.figures.overdue, 'overdue', r, t('analytics.overdue')), numeric: true },
    { key: 'early', header: t('analytics.early'), cell: (r) => String(r.figures.finished.early), numeric: true, priority: 'secondary' },
    { key: 'onTime', header: t('analytics.onTime'), cell: (r) => String(r.figures.finished.onTime), numeric: true, priority: 'secondary' },
    { key: 'late', header: t('analytics.late'), cell: (r) => count(r.figures.finished.late, 'late', r, t('analytics.late')), numeric: true },
    { key: 'rejected', header: t('analytics.rejected'), cell: (r) => String(r.figures.rejected), numeric: true, priority: 'secondary' },
    { key: 'withdrawn', header: t('analytics.withdrawn'), cell: (r) => String(r.figures.withdrawn), numeric: true, priority: 'secondary' },
    { key: 'rate', header: t('analytics.onTimeRate'), cell: (r) => percent(r.figures.onTimeRate), numeric: true },
    { key: 'rateBefore', header: t('analytics.onTimeRateLastYear'), cell: (r) => percent(r.previous.onTimeRate), numeric: true, priority: 'secondary' },
    { key: 'days', header: t('analytics.processingDays'), cell: (r) => decimal(r.figures.processingDays.average), numeric: true, priority: 'secondary' },
    { key: 'rating', header: t('analytics.rating'), cell: (r) => decimal(r.figures.ratings.average), numeric: true, priority: 'secondary' },
  ];

  const data = report.data;
  return (
    <>
      <PageHeader
        title={t('analytics.title')}
        description={t('analytics.description')}
        actions={(
          <Group gap="xs">
            <Button variant="light" onClick={() => excel.mutate('xlsx')} loading={excel.isPending && excel.variables === 'xlsx'} disabled={!data}>{t('analytics.excel')}</Button>
            <Button variant="light" onClick={() => excel.mutate('pdf')} loading={excel.isPending && excel.variables === 'pdf'} disabled={!data}>{t('analytics.pdf')}</Button>
            <Button variant="light" onClick={() => periodic.mutate('pdf')} loading={periodic.isPending && periodic.variables === 'pdf'} disabled={!data}>{t('analytics.periodicPdf')}</Button>
            <Button variant="light" onClick={() => periodic.mutate('xlsx')} loading={periodic.isPending && periodic.variables === 'xlsx'} disabled={!data}>{t('analytics.periodicExcel')}</Button>
            <Anchor component={Link} to="/workspace/indicators">{t('analytics.toIndicators')}</Anchor>
          </Group>
        )}
      />
      <Stack gap="md">
        <PeriodAgencyForm id="statistics" initialPeriod={period} agency={agency ?? data?.agency.id ?? null}
          onPeriod={(p) => { setPeriod(p); setDrill(null); }} onAgency={(id) => goTo({ agency: id, groupBy })} />
        <SegmentedControl aria-label={t('analytics.groupByLabel')} value={groupBy} onChange={(v) => goTo({ groupBy: v as GroupBy })}
          data={GROUPS.map((g) => ({ value: g, label: t(`analytics.groupBy.${g}`) }))} />
        {excel.error && <ErrorAlert error={localised(excel.error)} />}
        {periodic.error && <ErrorAlert error={localised(periodic.error)} />}
        {data && (
          <Text>
            {t('analytics.summary', {
              agency: data.agency.name, period: data.period.key, received: data.total.received.total, rate: percent(data.total.onTimeRate),
              previous: data.previousPeriod.key, receivedBefore: data.previousTotal.received.total, rateBefore: percent(data.previousTotal.onTimeRate),
              overdue: data.total.overdue, snapshot: data.period.snapshot,
            })}
            {' '}
            {count(data.total.overdue, 'overdue', null, t('analytics.overdue'))}
          </Text>
        )}
        <DataTable
          caption={t('analytics.caption', { period, groupBy: t(`analytics.groupBy.${groupBy}`) })}
          columns={columns}
          rows={data?.rows}
          rowKey={(r) => r.key}
          rowData={(r) => ({ 'data-key': r.key })}
          isPending={report.isPending}
          error={localised(report.error)}
          emptyText={t('analytics.empty')}
          minWidth={1100}
        />
        {drill && <DrillDossiers query={query} drill={drill} onClose={() => setDrill(null)} />}
      </Stack>
    </>
  );
}
