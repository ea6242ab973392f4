import './messages.ts';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type ExportFormat } from '../../../api/analytics.ts';
import { iocApi, type Panel } from '../../../api/ioc.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { useLocalisedError } from '../../tthc/common/errors.ts';
import { currentMonth, PERIOD_FORMAT } from '../format.ts';
import { download } from '../../tthc/common/download.ts';
import { DrillView } from './DrillView.tsx';
import { PanelCard, type Drill } from './PanelCard.tsx';
import { WallMode } from './WallMode.tsx';

const time = (at: Date) => at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
/** Wide charts take the row. */
const wide = (p: Panel) => p.chart === 'bar' || p.chart === 'commune-map' || p.chart === 'table' || p.chart === 'line';

/**
 * /workspace/ioc — the operations centre: a dashboard's panels (data an administrator configures),
 * refreshed on the dashboard's schedule with the time shown and a pause, a wall mode that
 * rotates the panels full-screen, and the way down from a chart to the dossiers behind it.
 */
export function IocPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const auth = useAuth();
  const list = useQuery({ queryKey: ['ioc', 'dashboards'], queryFn: () => iocApi.dashboards() });
  const layer = useQuery({ queryKey: ['ioc', 'commune-layer'], queryFn: () => iocApi.communeLayer(), staleTime: 600_000 });
  const [code, setCode] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  // The operations centre opens on the leaders' own (internal) dashboard; the public ones are there to pick too.
  const dashboard = items.find((d) => d.code === code) ?? items.find((d) => d.visibility === 'internal') ?? items[0];
  const [draft, setDraft] = useState('');
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const [paused, setPaused] = useState(false);
  const [wall, setWall] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const draftError = draft === '' || PERIOD_FORMAT.test(draft) ? undefined : t('analytics.periodInvalid');
  const title = dashboard ? (currentLanguage() === 'en' ? dashboard.titleEn : dashboard.titleVi) : t('ioc.title');

  const refresh = useCallback(() => {
    setTick((n) => n + 1);
    setUpdatedAt(new Date());
  }, []);
  useEffect(() => {
    if (!dashboard || paused) return;
    const timer = setInterval(refresh, dashboard.refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [dashboard, paused, refresh]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draftError) return;
    setPeriod(draft || undefined);
    setDrill(null);
  };
  const query = { period };
  // The periodic report sent upward (form II.06a/VPCP/KSTT) of the period shown, this month by default.
  const reportPeriod = period ?? currentMonth();
  const monthly = useMutation({
    mutationFn: (format: ExportFormat) => download(() => analyticsApi.periodicReport({ period: reportPeriod }, format), `bao-cao-ket-qua-tthc-${reportPeriod}.${format}`),
  });
  const canExport = auth.canAny(['report.read']);
  const panels = dashboard?.panels ?? [];
  const onDrill = dashboard?.visibility === 'internal' ? setDrill : undefined;

  return (
    <>
      <PageHeader
        title={t('ioc.title')}
        description={t('ioc.description')}
        actions={dashboard && panels.length > 0 && <Button onClick={() => setWall(true)}>{t('ioc.wall')}</Button>}
      />
      <QueryState isPending={list.isPending} error={localised(list.error)} isEmpty={!list.data?.items.length} emptyText={t('ioc.noDashboards')}>
        <Stack gap="md">
          <form onSubmit={submit} noValidate>
            <Group align="flex-end" wrap="wrap">
              <Select id="ioc-dashboard" label={t('ioc.dashboard')} value={dashboard?.code ?? null} allowDeselect={false}
                data={(list.data?.items ?? []).map((d) => ({ value: d.code, label: currentLanguage() === 'en' ? d.titleEn : d.titleVi }))}
                onChange={(value) => { setCode(value); setDrill(null); }} style={{ minWidth: 240 }} />
              <TextInput id="ioc-period" label={t('ioc.periodLabel')} description={t('ioc.periodHint')} value={draft}
                onChange={(e) => setDraft(e.currentTarget.value.trim())} error={draftError} style={{ width: 300 }} />
              <Button type="submit">{t('ioc.show')}</Button>
            </Group>
          </form>
          <Group gap="sm" role="status" aria-live="polite">
            <Text fw={600} data-testid="ioc-updated">{t('ioc.updatedAt', { time: time(updatedAt) })}</Text>
            <Text size="sm" c="dimmed">{paused ? t('ioc.paused') : t('ioc.everySeconds', { seconds: dashboard?.refreshSeconds ?? 0 })}</Text>
            <Button size="xs" variant="light" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>{paused ? t('ioc.resume') : t('ioc.pause')}</Button>
            <Button size="xs" variant="subtle" onClick={refresh}>{t('ioc.refreshNow')}</Button>
          </Group>
          {drill && <DrillView key={`${drill.agency}-${drill.procedure}-${drill.period}`} drill={drill} onClose={() => setDrill(null)} />}
          {dashboard && (
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {panels.map((p) => (
                <div key={p.id} style={wide(p) ? { gridColumn: '1 / -1' } : undefined}>
                  <PanelCard dashboard={dashboard.code} panel={p} query={query} tick={tick} layer={layer.data} canExport={canExport} onDrill={onDrill} />
                </div>
              ))}
            </SimpleGrid>
          )}
          {canExport && (
            <Group gap="sm" role="group" aria-label={t('ioc.monthlyReport', { period: reportPeriod })}>
              <Button variant="light" loading={monthly.isPending && monthly.variables === 'pdf'} onClick={() => monthly.mutate('pdf')}>{t('ioc.monthlyReportPdf', { period: reportPeriod })}</Button>
              <Button variant="default" loading={monthly.isPending && monthly.variables === 'xlsx'} onClick={() => monthly.mutate('xlsx')}>{t('ioc.monthlyReportExcel', { period: reportPeriod })}</Button>
            </Group>
          )}
          <ErrorAlert error={localised(monthly.error)} />
        </Stack>
      </QueryState>
      {dashboard && (
        <WallMode opened={wall} title={title} seconds={dashboard.rotationSeconds} count={panels.length} onClose={() => setWall(false)}>
          {(index) => (
            <PanelCard key={panels[index]!.id} dashboard={dashboard.code} panel={panels[index]!} query={query} tick={tick} layer={layer.data} canExport={false} height={Math.max(320, window.innerHeight - 220)} />
          )}
        </WallMode>
      )}
    </>
  );
}
