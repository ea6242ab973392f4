import { Anchor, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type Indicators } from '../../api/analytics.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLocalisedError } from '../tthc/common/errors.ts';
import { currentMonth, decimal } from './format.ts';
import { PeriodAgencyForm } from './PeriodAgencyForm.tsx';

type IndexRow = Indicators['index']['indicators'][number];
type GroupRow = Indicators['index']['groups'][number];
type KpiRow = Indicators['kpis'][number];

/** A bar for a share of a whole, with its figures in words for screen readers. */
function Bar({ value, max, label }: { value: number | null; max: number | null; label: string }) {
  if (value === null || !max) return <Text size="sm">–</Text>;
  return <Progress value={Math.min(100, Math.max(0, (value * 100) / max))} aria-label={label} size="md" />;
}

/**
 * /workspace/indicators — the national service-quality index (Decision 766/QĐ-TTg) and the
 * framework's KPIs of a period and agency, live from the one-stop figures: the score and its
 * parts with their formulas, the KPIs against their 2030 targets, and what Sen cannot observe.
 */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const localised = useLocalisedError();
  const [period, setPeriod] = useState(currentMonth());
  const [agency, setAgency] = useState<string | undefined>(undefined);
  const query = { period, agency };
  const result = useQuery({ queryKey: ['analytics', 'indicators', query], queryFn: () => analyticsApi.indicators(query) });
  const name = (n: { vi: string; en: string }) => (i18n.language === 'en' ? n.en : n.vi);
  const unit = (u: string) => (u === '%' ? ' %' : u === 'working days' ? ` ${t('indicators.days')}` : '');
  const withUnit = (value: number | null, u: string) => (value === null ? '–' : `${decimal(value)}${unit(u)}`);

  const data = result.data;
  const measured = data?.index.indicators.filter((i) => i.observable) ?? [];
  const unobservable = [...(data?.index.indicators ?? []), ...(data?.kpis ?? [])].filter((i) => !i.observable);
  const groupColumns: Column<GroupRow>[] = [
    { key: 'name', header: t('indicators.group'), cell: (g) => name(g.name) },
    { key: 'points', header: t('indicators.points'), cell: (g) => `${decimal(g.points)} / ${g.measuredMax}`, numeric: true },
    { key: 'max', header: t('indicators.groupMax'), cell: (g) => String(g.maxPoints), numeric: true, priority: 'secondary' },
    { key: 'bar', header: t('indicators.share'), cell: (g) => <Bar value={g.points} max={g.measuredMax} label={t('indicators.barOf', { name: name(g.name), value: decimal(g.points), max: g.measuredMax })} /> },
  ];
  const indicatorColumns: Column<IndexRow>[] = [
    { key: 'id', header: t('indicators.code'), cell: (i) => i.id, priority: 'secondary' },
    { key: 'name', header: t('indicators.indicator'), cell: (i) => name(i.name) },
    { key: 'value', header: t('indicators.value'), cell: (i) => withUnit(i.value, i.unit), numeric: true },
    { key: 'points', header: t('indicators.points'), cell: (i) => (i.maxPoints === null ? t('indicators.notScored') : `${decimal(i.points)} / ${i.maxPoints}`), numeric: true },
    { key: 'formula', header: t('indicators.formula'), cell: (i) => <Text size="sm">{i.formula}{i.note ? <><br /><em>{i.note}</em></> : null}</Text>, priority: 'secondary' },
  ];
  const kpiColumns: Column<KpiRow>[] = [
    { key: 'name', header: t('indicators.kpi'), cell: (k) => name(k.name) },
    { key: 'value', header: t('indicators.value'), cell: (k) => withUnit(k.value, k.unit), numeric: true },
    { key: 'target', header: t('indicators.target'), cell: (k) => withUnit(k.target, k.unit), numeric: true },
    { key: 'previous', header: t('indicators.previous'), cell: (k) => withUnit(k.previous, k.unit), numeric: true, priority: 'secondary' },
    { key: 'trend', header: t('indicators.trend'), cell: (k) => (k.trend ? t(`indicators.trends.${k.trend}`, { change: decimal(k.change) }) : '–') },
    { key: 'met', header: t('indicators.met'), cell: (k) => (k.met === null ? '–' : k.met ? t('indicators.yes') : t('indicators.gap', { gap: withUnit(k.gap, k.unit) })) },
    { key: 'bar', header: t('indicators.towardsTarget'), cell: (k) => <Bar value={k.value} max={k.target} label={t('indicators.barOf', { name: name(k.name), value: decimal(k.value), max: decimal(k.target) })} /> },
    { key: 'formula', header: t('indicators.formula'), cell: (k) => <Text size="sm">{k.formula}</Text>, priority: 'secondary' },
  ];

  return (
    <>
      <PageHeader title={t('indicators.title')} description={t('indicators.description')}
        actions={<Anchor component={Link} to="/workspace/statistics">{t('indicators.toStatistics')}</Anchor>} />
      <Stack gap="lg">
        <PeriodAgencyForm id="indicators" initialPeriod={period} agency={agency ?? data?.agency.id ?? null} onPeriod={setPeriod} onAgency={setAgency} />

        <section aria-labelledby="indicators-index">
          <Title order={2} id="indicators-index" size="h3" mb="xs">{t('indicators.indexTitle')}</Title>
          {data && (
            <Stack gap={4} mb="sm">
              <Text fw={700} size="xl" data-testid="index-score">
                {t('indicators.score', { points: decimal(data.index.points), measuredMax: data.index.measuredMax, maxPoints: data.index.maxPoints, agency: data.agency.name, period: data.period })}
              </Text>
              <Bar value={data.index.points} max={data.index.measuredMax} label={t('indicators.barOf', { name: t('indicators.indexTitle'), value: decimal(data.index.points), max: data.index.measuredMax })} />
              <Text size="sm" c="dimmed">{t('indicators.scoreNote')}</Text>
            </Stack>
          )}
          <DataTable caption={t('indicators.groupsCaption')} captionVisible columns={groupColumns} rows={data?.index.groups} rowKey={(g) => g.group}
            isPending={result.isPending} error={localised(result.error)} />
          <DataTable caption={t('indicators.indicatorsCaption')} captionVisible columns={indicatorColumns} rows={measured} rowKey={(i) => i.id}
            isPending={result.isPending} error={undefined} minWidth={900} />
        </section>

        <section aria-labelledby="indicators-kpis">
          <Title order={2} id="indicators-kpis" size="h3" mb="xs">{t('indicators.kpiTitle')}</Title>
          <DataTable caption={t('indicators.kpiCaption')} columns={kpiColumns} rows={data?.kpis.filter((k) => k.observable)} rowKey={(k) => k.id}
            isPending={result.isPending} error={undefined} minWidth={1000} />
        </section>

        <section aria-labelledby="indicators-unobservable">
          <Title order={2} id="indicators-unobservable" size="h3" mb="xs">{t('indicators.unobservableTitle')}</Title>
          <Text size="sm" mb="xs">{t('indicators.unobservableIntro')}</Text>
          <List spacing="xs">
            {unobservable.map((i) => (
              <List.Item key={i.id}><strong>{name(i.name)}</strong> ({i.id}): {i.note}</List.Item>
            ))}
          </List>
        </section>
      </Stack>
    </>
  );
}
