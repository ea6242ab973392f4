import './messages.ts';
import { Button, Card, FileInput, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { iocApi, type ChartKind, type Dashboard, type Panel, type PanelInput, type PeriodKind } from '../../../api/ioc.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocalisedError } from '../../tthc/common/errors.ts';

const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'year'];
const EMPTY_PANEL: PanelInput = { position: 0, titleVi: '', titleEn: '', measure: '', chart: 'bar', periodKind: 'month', options: {} };

/** /admin/ioc — dashboards and their panels as data, and the commune map (catalog.edit at the province). */
export function DashboardsAdminPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['ioc', 'dashboards'], queryFn: () => iocApi.dashboards() });
  const measures = useQuery({ queryKey: ['ioc', 'measures'], queryFn: () => iocApi.measures() });
  const [selected, setSelected] = useState<string | null>(null);
  const dashboard = list.data?.items.find((d) => d.code === selected);
  const invalidate = () => client.invalidateQueries({ queryKey: ['ioc'] });

  const [draft, setDraft] = useState({ code: '', titleVi: '', titleEn: '', visibility: 'internal' as Dashboard['visibility'], refreshSeconds: 300, rotationSeconds: 20 });
  const create = useMutation({ mutationFn: () => iocApi.createDashboard(draft), onSuccess: async (d) => { await invalidate(); setSelected(d.code); } });
  const remove = useMutation({ mutationFn: (code: string) => iocApi.deleteDashboard(code), onSuccess: async () => { await invalidate(); setSelected(null); } });

  const columns: Column<Dashboard>[] = [
    { key: 'code', header: t('ioc.admin.code'), cell: (d) => <Button variant="subtle" size="compact-sm" onClick={() => setSelected(d.code)} aria-label={t('ioc.admin.edit', { name: d.code })}>{d.code}</Button> },
    { key: 'title', header: t('ioc.admin.titleVi'), cell: (d) => d.titleVi },
    { key: 'visibility', header: t('ioc.admin.visibility'), cell: (d) => t(`ioc.admin.${d.visibility}`) },
    { key: 'panels', header: t('ioc.admin.panels', { name: '' }).replace(/\s*$/, ''), cell: (d) => String(d.panels.length), numeric: true },
    { key: 'delete', header: t('ioc.admin.delete'), cell: (d) => <Button color="red" variant="subtle" size="compact-sm" onClick={() => remove.mutate(d.code)} aria-label={t('ioc.admin.deleteOf', { name: d.titleVi })}>{t('ioc.admin.delete')}</Button> },
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <>
      <PageHeader title={t('ioc.admin.title')} description={t('ioc.admin.description')} />
      <Stack gap="lg">
        <DataTable caption={t('ioc.admin.dashboards')} captionVisible columns={columns} rows={list.data?.items} rowKey={(d) => d.code} isPending={list.isPending} error={localised(list.error)} />
        {remove.error && <ErrorAlert error={localised(remove.error)} />}
        <Card withBorder component="section" aria-labelledby="ioc-create-title">
          <Title order={2} size="h4" id="ioc-create-title" mb="sm">{t('ioc.admin.create')}</Title>
          <form onSubmit={submit}>
            <Group align="flex-end" wrap="wrap">
              <TextInput id="ioc-new-code" label={t('ioc.admin.code')} required value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.currentTarget.value.trim() })} />
              <TextInput id="ioc-new-title-vi" label={t('ioc.admin.titleVi')} required value={draft.titleVi} onChange={(e) => setDraft({ ...draft, titleVi: e.currentTarget.value })} />
              <TextInput id="ioc-new-title-en" label={t('ioc.admin.titleEn')} required value={draft.titleEn} onChange={(e) => setDraft({ ...draft, titleEn: e.currentTarget.value })} />
              <Select id="ioc-new-visibility" label={t('ioc.admin.visibility')} value={draft.visibility} allowDeselect={false}
                data={[{ value: 'internal', label: t('ioc.admin.internal') }, { value: 'public', label: t('ioc.admin.public') }]}
                onChange={(v) => setDraft({ ...draft, visibility: (v ?? 'internal') as Dashboard['visibility'] })} />
              <NumberInput id="ioc-new-refresh" label={t('ioc.admin.refreshSeconds')} min={30} max={86_400} value={draft.refreshSeconds} onChange={(v) => setDraft({ ...draft, refreshSeconds: Number(v) })} />
              <NumberInput id="ioc-new-rotation" label={t('ioc.admin.rotationSeconds')} min={5} max={3_600} value={draft.rotationSeconds} onChange={(v) => setDraft({ ...draft, rotationSeconds: Number(v) })} />
              <Button type="submit" loading={create.isPending}>{t('ioc.admin.create')}</Button>
            </Group>
          </form>
          {create.error && <ErrorAlert error={localised(create.error)} />}
        </Card>
        {dashboard && <PanelsEditor dashboard={dashboard} measures={measures.data?.items ?? []} onChanged={invalidate} />}
        <CommuneMapCard />
      </Stack>
    </>
  );
}

function PanelsEditor({ dashboard, measures, onChanged }: { dashboard: Dashboard; measures: { key: string; name: { vi: string }; charts: ChartKind[] }[]; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [editing, setEditing] = useState<Panel | null>(null);
  const [form, setForm] = useState<PanelInput>({ ...EMPTY_PANEL, position: dashboard.panels.length });
  const charts = measures.find((m) => m.key === form.measure)?.charts ?? [];
  const save = useMutation({
    mutationFn: () => (editing ? iocApi.updatePanel(dashboard.code, editing.id, form) : iocApi.createPanel(dashboard.code, form)),
    onSuccess: async () => { await onChanged(); setEditing(null); setForm({ ...EMPTY_PANEL, position: dashboard.panels.length + 1 }); },
  });
  const remove = useMutation({ mutationFn: (id: string) => iocApi.deletePanel(dashboard.code, id), onSuccess: onChanged });
  const edit = (p: Panel) => {
    setEditing(p);
    setForm({ position: p.position, titleVi: p.titleVi, titleEn: p.titleEn, measure: p.measure, chart: p.chart, periodKind: p.periodKind, options: p.options });
  };
  const columns: Column<Panel>[] = [
    { key: 'position', header: t('ioc.admin.position'), cell: (p) => String(p.position), numeric: true },
    { key: 'title', header: t('ioc.admin.titleVi'), cell: (p) => <Button variant="subtle" size="compact-sm" onClick={() => edit(p)} aria-label={t('ioc.admin.edit', { name: p.titleVi })}>{p.titleVi}</Button> },
    { key: 'measure', header: t('ioc.admin.measure'), cell: (p) => measures.find((m) => m.key === p.measure)?.name.vi ?? p.measure },
    { key: 'chart', header: t('ioc.admin.chart'), cell: (p) => t(`ioc.admin.charts.${p.chart}`) },
    { key: 'delete', header: t('ioc.admin.delete'), cell: (p) => <Button color="red" variant="subtle" size="compact-sm" onClick={() => remove.mutate(p.id)} aria-label={t('ioc.admin.deleteOf', { name: p.titleVi })}>{t('ioc.admin.delete')}</Button> },
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder component="section" aria-labelledby="ioc-panels-title">
      <Title order={2} size="h4" id="ioc-panels-title" mb="sm">{t('ioc.admin.panels', { name: dashboard.titleVi })}</Title>
      <DataTable caption={t('ioc.admin.panels', { name: dashboard.titleVi })} columns={columns} rows={dashboard.panels} rowKey={(p) => p.id} />
      {remove.error && <ErrorAlert error={localised(remove.error)} />}
      <form onSubmit={submit}>
        <Group align="flex-end" wrap="wrap" mt="md">
          <NumberInput id="ioc-panel-position" label={t('ioc.admin.position')} min={0} max={1000} value={form.position} onChange={(v) => setForm({ ...form, position: Number(v) })} style={{ width: 100 }} />
          <TextInput id="ioc-panel-title-vi" label={t('ioc.admin.titleVi')} required value={form.titleVi} onChange={(e) => setForm({ ...form, titleVi: e.currentTarget.value })} />
          <TextInput id="ioc-panel-title-en" label={t('ioc.admin.titleEn')} required value={form.titleEn} onChange={(e) => setForm({ ...form, titleEn: e.currentTarget.value })} />
          <Select id="ioc-panel-measure" label={t('ioc.admin.measure')} required value={form.measure || null} searchable
            data={measures.map((m) => ({ value: m.key, label: m.name.vi }))}
            onChange={(v) => { const next = measures.find((m) => m.key === v); setForm({ ...form, measure: v ?? '', chart: next?.charts.includes(form.chart) ? form.chart : (next?.charts[0] ?? form.chart) }); }} />
          <Select id="ioc-panel-chart" label={t('ioc.admin.chart')} value={form.chart} allowDeselect={false}
            data={(charts.length ? charts : [form.chart]).map((c) => ({ value: c, label: t(`ioc.admin.charts.${c}`) }))}
            onChange={(v) => setForm({ ...form, chart: (v ?? form.chart) as ChartKind })} />
          <Select id="ioc-panel-period" label={t('ioc.admin.periodKind')} value={form.periodKind} allowDeselect={false}
            data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`ioc.admin.periodKinds.${k}`) }))}
            onChange={(v) => setForm({ ...form, periodKind: (v ?? 'month') as PeriodKind })} />
          <Button type="submit" loading={save.isPending}>{editing ? t('ioc.admin.save') : t('ioc.admin.addPanel')}</Button>
        </Group>
      </form>
      {save.error && <ErrorAlert error={localised(save.error)} />}
    </Card>
  );
}

function CommuneMapCard() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const client = useQueryClient();
  const layer = useQuery({ queryKey: ['ioc', 'commune-layer'], queryFn: () => iocApi.communeLayer() });
  const [file, setFile] = useState<File | null>(null);
  const [notJson, setNotJson] = useState(false);
  const upload = useMutation({
    mutationFn: async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file!.text());
      } catch {
        setNotJson(true);
        throw new Error(t('ioc.admin.mapNotJson'));
      }
      setNotJson(false);
      return iocApi.importMap(parsed);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['ioc', 'commune-layer'] }),
  });
  const remove = useMutation({ mutationFn: () => iocApi.removeMap(), onSuccess: () => client.invalidateQueries({ queryKey: ['ioc', 'commune-layer'] }) });
  const unknown = upload.error instanceof ApiError && upload.error.code === 'analytics.geojson_unknown_communes'
    ? ((upload.error.rawDetails as { codes?: string[] } | undefined)?.codes ?? []) : [];
  const map = layer.data?.map;
  return (
    <Card withBorder component="section" aria-labelledby="ioc-map-title">
      <Title order={2} size="h4" id="ioc-map-title" mb="sm">{t('ioc.admin.map')}</Title>
      <Text mb="sm">
        {map ? t('ioc.admin.mapImported', { features: map.features, at: new Date(map.importedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) })
          : t('ioc.admin.mapNone', { count: layer.data?.communes.length ?? 0 })}
      </Text>
      <Group align="flex-end">
        <FileInput id="ioc-map-file" label={t('ioc.admin.mapFile')} accept=".json,.geojson,application/geo+json,application/json" value={file} onChange={setFile} style={{ minWidth: 320 }} />
        <Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>{t('ioc.admin.mapImport')}</Button>
        {map && <Button variant="subtle" color="red" onClick={() => remove.mutate()}>{t('ioc.admin.mapRemove')}</Button>}
      </Group>
      {unknown.length > 0 && <Text c="red" role="alert" mt="sm">{t('ioc.admin.mapUnknown', { codes: unknown.join(', ') })}</Text>}
      {upload.error && !unknown.length && !notJson && <ErrorAlert error={localised(upload.error)} />}
      {notJson && <Text c="red" role="alert" mt="sm">{t('ioc.admin.mapNotJson')}</Text>}
    </Card>
  );
}
