import './messages.ts';
import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { iocApi, publicDashboardsApi, type PublicDashboard } from '../../../api/ioc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { useLocalisedError } from '../../tthc/common/errors.ts';
import { PERIOD_FORMAT } from '../format.ts';
import { PanelCard } from './PanelCard.tsx';

/** Wide charts take the row (as on the IOC). */
const wide = (p: PublicDashboard['panels'][number]) => p.chart === 'bar' || p.chart === 'commune-map' || p.chart === 'table' || p.chart === 'line';

/**
 * /thong-ke/bang-dieu-khien — the public dashboards, for anyone: the IOC's panels (ECharts comes
 * with this page's chunk only) over the province's aggregates, each chart with a text alternative
 * and its data table; no person, no way down to dossiers, no download of data.
 */
export function PublicDashboardsPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const list = useQuery({ queryKey: ['public-dashboards'], queryFn: () => publicDashboardsApi.list() });
  const layer = useQuery({ queryKey: ['ioc', 'commune-layer'], queryFn: () => iocApi.communeLayer(), staleTime: 600_000 });
  const [code, setCode] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const items = list.data?.items ?? [];
  const dashboard = items.find((d) => d.code === code) ?? items[0];
  const titleOf = (d: PublicDashboard) => (currentLanguage() === 'en' ? d.titleEn : d.titleVi);
  const draftError = draft === '' || PERIOD_FORMAT.test(draft) ? undefined : t('analytics.periodInvalid');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draftError) setPeriod(draft || undefined);
  };
  const query = { period };

  return (
    <>
      <PageHeader title={dashboard ? titleOf(dashboard) : t('ioc.public.title')} description={t('ioc.public.description')} />
      <QueryState isPending={list.isPending} error={localised(list.error)} isEmpty={items.length === 0} emptyText={t('ioc.public.none')}>
        <Stack gap="md">
          <form onSubmit={submit} noValidate>
            <Group align="flex-end" wrap="wrap">
              {items.length > 1 && (
                <NativeSelect id="public-dashboard" label={t('ioc.public.choose')} value={dashboard?.code ?? ''} onChange={(e) => setCode(e.currentTarget.value)}
                  data={items.map((d) => ({ value: d.code, label: titleOf(d) }))} style={{ minWidth: 240 }} />
              )}
              <TextInput id="public-dashboard-period" label={t('ioc.periodLabel')} description={t('ioc.periodHint')} value={draft}
                onChange={(e) => setDraft(e.currentTarget.value.trim())} error={draftError} style={{ width: 300 }} />
              <Button type="submit">{t('ioc.show')}</Button>
            </Group>
          </form>
          {dashboard && (
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {dashboard.panels.map((p) => (
                <div key={p.id} style={wide(p) ? { gridColumn: '1 / -1' } : undefined}>
                  <PanelCard dashboard={dashboard.code} panel={p} query={query} tick={0} layer={layer.data} canExport={false} load={publicDashboardsApi.data} />
                </div>
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </QueryState>
      <Anchor component={Link} to="/thong-ke" size="sm" mt="lg" display="inline-block">{t('ioc.public.byAgency')}</Anchor>
    </>
  );
}
