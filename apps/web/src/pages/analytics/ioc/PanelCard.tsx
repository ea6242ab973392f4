import { Anchor, Button, Card, Group, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { iocApi, type CommuneLayer, type DataRow, type Panel, type PanelData, type PanelQuery } from '../../../api/ioc.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { download } from '../../tthc/common/download.ts';
import { useLocalisedError } from '../../tthc/common/errors.ts';
import { decimal } from '../format.ts';
import { COMMUNE_MAP_NAME, chartOption } from './chartOption.ts';
import { echarts } from './echarts.ts';

export type Drill = NonNullable<DataRow['drill']> & { label: string; period: string };

interface Props {
  dashboard: string;
  panel: Pick<Panel, 'id' | 'titleVi' | 'titleEn' | 'measure' | 'chart'>;
  query: PanelQuery;
  /** Changes on every refresh (the page's timer): the panel reads its data again. */
  tick: number;
  layer: CommuneLayer | undefined;
  canExport: boolean;
  onDrill?: ((drill: Drill) => void) | undefined;
  height?: number;
  /** Where the panel's figures come from: the IOC's own API (default) or the public one. */
  load?: (dashboard: string, panelId: string, query: PanelQuery) => Promise<PanelData>;
}

/** The commune keys of an imported map's features (`properties.name`, which the panels' rows carry as `key`). */
function mapFeatureKeys(geojson: Record<string, unknown>): Set<string> {
  const features = Array.isArray(geojson['features']) ? (geojson['features'] as { properties?: { name?: unknown } }[]) : [];
  return new Set(features.map((f) => f.properties?.name).filter((name): name is string => typeof name === 'string'));
}

const formatValue = (value: number | null, unit: PanelData['unit']) => (value === null ? '–' : `${decimal(value)}${unit === '%' ? ' %' : ''}`);

/** One panel: its chart (ECharts, or a number, or a table), a text alternative, "Tải ảnh" and the data downloads. */
export function PanelCard({ dashboard, panel, query, tick, layer, canExport, onDrill, height = 320, load = iocApi.data }: Props) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const title = currentLanguage() === 'en' ? panel.titleEn : panel.titleVi;
  const titleId = `panel-${panel.id}-title`;
  const data = useQuery({ queryKey: ['ioc', load === iocApi.data ? 'internal' : 'public', dashboard, panel.id, query, tick], queryFn: () => load(dashboard, panel.id, query), placeholderData: (previous) => previous });
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const option = useMemo(() => data.data && chartOption(data.data, { value: t('ioc.value'), previous: t('ioc.previous'), target: t('ioc.target'), noData: t('ioc.noData') }, layer), [data.data, layer, t]);

  useEffect(() => {
    if (!box.current || !option || !data.data) return;
    if (layer?.map && data.data.chart === 'commune-map' && !echarts.getMap(COMMUNE_MAP_NAME)) echarts.registerMap(COMMUNE_MAP_NAME, layer.map.geojson as never);
    const instance = chart.current ?? echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.setOption(option, true);
    const { rows, period } = data.data;
    instance.off('click');
    instance.on('click', (params: { dataIndex?: number }) => {
      const row = params.dataIndex === undefined ? undefined : rows[params.dataIndex];
      if (row?.drill && onDrill) onDrill({ ...row.drill, label: row.label, period });
    });
  }, [option, data.data, layer, onDrill]);

  useEffect(() => {
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  const image = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `ioc-${dashboard}-${panel.measure}.png`;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  };
  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => download(() => iocApi.export(dashboard, panel.id, query, format), `ioc-${dashboard}-${panel.measure}-${data.data?.period ?? 'ky'}.${format}`),
  });

  const rows = data.data?.rows ?? [];
  const unit = data.data?.unit ?? 'count';
  const hasTarget = rows.some((r) => r.target !== null);
  const columns: Column<DataRow>[] = [
    {
      key: 'label', header: t('ioc.item'),
      cell: (r) => (r.drill && onDrill
        ? <Anchor component="button" type="button" onClick={() => onDrill({ ...r.drill!, label: r.label, period: data.data!.period })} aria-label={t('ioc.drillTo', { name: r.label })}>{r.label}</Anchor>
        : r.label),
    },
    { key: 'value', header: t('ioc.value'), cell: (r) => formatValue(r.value, unit), numeric: true },
    ...(rows.some((r) => r.previous !== null) ? [{ key: 'previous', header: t('ioc.previous'), cell: (r: DataRow) => formatValue(r.previous, unit), numeric: true }] : []),
    ...(hasTarget ? [{ key: 'target', header: t('ioc.target'), cell: (r: DataRow) => formatValue(r.target, unit), numeric: true }] : []),
  ];
  const summary = rows.slice(0, 5).map((r) => `${r.label}: ${formatValue(r.value, unit)}`).join('; ');
  // The commune layer says what it draws: the imported map's communes (each with its value), or the schematic grid.
  const mapped = data.data?.chart === 'commune-map' && layer?.map ? mapFeatureKeys(layer.map.geojson) : undefined;
  const alt = mapped
    ? t('ioc.mapAlt', {
      title, features: mapped.size,
      summary: rows.filter((r) => mapped.has(r.key)).slice(0, 10).map((r) => `${r.label}: ${formatValue(r.value, unit)}`).join('; ') || t('ioc.empty'),
    })
    : t('ioc.chartAlt', { title, summary: summary || t('ioc.empty') });
  const table = (
    <DataTable caption={t('ioc.tableCaption', { title, period: data.data?.period ?? '' })} columns={columns} rows={rows} rowKey={(r) => r.key}
      isPending={data.isPending} error={localised(data.error)} emptyText={t('ioc.empty')} />
  );

  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-panel={panel.measure} h="100%">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <div>
          <Title order={2} size="h4" id={titleId}>{title}</Title>
          {data.data && <Text size="xs" c="dimmed">{t('ioc.period', { period: data.data.period })}</Text>}
        </div>
        <Group gap={4} wrap="wrap" justify="flex-end">
          {option && <Button size="compact-xs" variant="subtle" onClick={image} aria-label={t('ioc.imageOf', { title })}>{t('ioc.image')}</Button>}
          {canExport && (
            <>
              <Button size="compact-xs" variant="subtle" onClick={() => exporting.mutate('csv')} aria-label={t('ioc.csvOf', { title })}>{t('ioc.csv')}</Button>
              <Button size="compact-xs" variant="subtle" onClick={() => exporting.mutate('xlsx')} aria-label={t('ioc.excelOf', { title })}>{t('ioc.excel')}</Button>
            </>
          )}
        </Group>
      </Group>
      {exporting.error && <ErrorAlert error={localised(exporting.error)} />}
      {data.error && <ErrorAlert error={localised(data.error)} />}
      {data.data?.chart === 'number' && (
        <Text fz={48} fw={700} ta="center" py="lg" data-testid="panel-number">{formatValue(rows[0]?.value ?? null, unit)}</Text>
      )}
      {data.data?.chart === 'table' && table}
      {data.data && data.data.chart !== 'table' && rows.every((r) => r.value === null) && <Text c="dimmed" py="md">{t('ioc.empty')}</Text>}
      {option && <div ref={box} role="img" aria-label={alt} data-layer={mapped ? 'map' : undefined} style={{ width: '100%', height: panel.chart === 'commune-map' ? Math.max(height, 460) : height }} />}
      {option && (
        <details>
          <summary>{t('ioc.showTable')}</summary>
          {table}
        </details>
      )}
    </Card>
  );
}
