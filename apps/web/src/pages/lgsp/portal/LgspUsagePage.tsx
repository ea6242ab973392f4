import { Group, SegmentedControl, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspMonitoringApi, type LgspUsageBucket } from '../../../api/lgsp.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import '../messages.ts';
import classes from './LgspUsage.module.css';

type Bucket = 'hour' | 'day';
const HOUR = 3_600_000;
const WINDOW: Record<Bucket, number> = { hour: 24 * HOUR, day: 30 * 24 * HOUR };

function UsageChart({ rows, labels, alt }: { rows: LgspUsageBucket[]; labels: string[]; alt: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    // ECharts comes only when there is a chart to draw.
    void import('./usage-echarts.ts').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: [t('lgspPortal.usage.calls'), t('lgspPortal.usage.failures')] },
        grid: { left: 40, right: 16, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('lgspPortal.usage.calls'), type: 'bar', data: rows.map((r) => r.calls), itemStyle: { color: '#1c7ed6' } },
          { name: t('lgspPortal.usage.failures'), type: 'line', data: rows.map((r) => r.failures), itemStyle: { color: '#e03131' } },
        ],
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [rows, labels, t]);
  return <div ref={box} role="img" aria-label={alt} data-testid="usage-chart" className={classes.chart} />;
}

/** The consumer's own calls through the LGSP per hour or day, with failures: a chart, its text alternative and the data table. */
export function LgspUsagePage() {
  const { t } = useTranslation();
  const [bucket, setBucket] = useState<Bucket>('hour');
  const usage = useQuery({
    queryKey: ['lgsp', 'usage', bucket],
    queryFn: () => lgspMonitoringApi.usage({ bucket, from: new Date(Date.now() - WINDOW[bucket]).toISOString(), to: new Date().toISOString() }),
  });
  const rows = useMemo(() => usage.data ?? [], [usage.data]);
  const labels = useMemo(() => rows.map((r) => (bucket === 'hour' ? formatDateTime(r.start) : formatDate(r.start))), [rows, bucket]);
  const calls = rows.reduce((n, r) => n + r.calls, 0);
  const failures = rows.reduce((n, r) => n + r.failures, 0);
  const summary = t(bucket === 'hour' ? 'lgspPortal.usage.altHour' : 'lgspPortal.usage.altDay', { calls, failures, buckets: rows.length });
  return (
    <>
      <PageHeader title={t('lgspPortal.usage.title')} description={t('lgspPortal.usage.description')} />
      <Group mb="md">
        <SegmentedControl aria-label={t('lgspPortal.usage.bucket')} value={bucket} onChange={(v) => setBucket(v as Bucket)}
          data={[{ value: 'hour', label: t('lgspPortal.usage.perHour') }, { value: 'day', label: t('lgspPortal.usage.perDay') }]} />
      </Group>
      <QueryState isPending={usage.isPending} error={usage.error} isEmpty={rows.length === 0} emptyText={t('lgspPortal.usage.empty')}>
        <Text size="sm" mb="xs" data-testid="usage-summary">{summary}</Text>
        <UsageChart rows={rows} labels={labels} alt={summary} />
        <DataTable caption={t('lgspPortal.usage.table')} captionVisible rows={rows.map((r, i) => ({ ...r, label: labels[i]! }))} rowKey={(r) => r.start} columns={[
          { key: 'start', header: bucket === 'hour' ? t('lgspPortal.usage.hour') : t('lgspPortal.usage.day'), cell: (r) => r.label },
          { key: 'calls', header: t('lgspPortal.usage.calls'), cell: (r) => r.calls.toLocaleString('vi-VN'), numeric: true },
          { key: 'failures', header: t('lgspPortal.usage.failures'), cell: (r) => r.failures.toLocaleString('vi-VN'), numeric: true },
        ]} />
      </QueryState>
    </>
  );
}
