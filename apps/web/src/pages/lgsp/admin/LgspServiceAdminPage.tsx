import { Alert, Anchor, Badge, Button, Card, Code, FileInput, Group, List, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspAccessRequest, type LgspRefreshResult, type LgspServiceStatus } from '../../../api/lgsp.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLgspScope } from '../scope.ts';
import { QuotasPanel } from './QuotasPanel.tsx';
import { OPENAPI_FILE_TYPES, WSDL_FILE_TYPES, readOpenApiFile, readWsdlFile } from './RegistryForms.tsx';
import { RightsPanel } from './RightsPanel.tsx';
import '../messages.ts';

/** Forward only, as the registry allows (registry.service.ts). */
const NEXT: Record<LgspServiceStatus, LgspServiceStatus[]> = { draft: ['published', 'retired'], published: ['deprecated'], deprecated: ['retired'], retired: [] };

const endpointList = (list: { method: string; path: string }[]) => list.map((e) => `${e.method} ${e.path}`).join(', ') || '—';

function Decision({ request, subsystemName }: { request: LgspAccessRequest; subsystemName: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) => lgspApi.decide(request.id, { approve, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['lgsp'] }),
  });
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput size="xs" label={t('lgspAdmin.requests.note')} id={`note-${request.id}`} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} />
        <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate(true)} aria-label={t('lgspAdmin.requests.approveOf', { name: subsystemName })}>{t('lgspAdmin.requests.approve')}</Button>
        <Button size="xs" color="red" variant="light" loading={decide.isPending} onClick={() => decide.mutate(false)} aria-label={t('lgspAdmin.requests.refuseOf', { name: subsystemName })}>{t('lgspAdmin.requests.refuse')}</Button>
      </Group>
      {decide.error && <ErrorAlert error={decide.error} />}
    </Stack>
  );
}

function RefreshPanel({ serviceId, hasUrl, soap }: { serviceId: string; hasUrl: boolean; soap: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const refresh = useMutation({
    mutationFn: async (): Promise<LgspRefreshResult> => lgspApi.refresh(serviceId, !file ? {} : soap ? { wsdl: await readWsdlFile(file) } : { openApi: await readOpenApiFile(file) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['lgsp'] }),
  });
  const result = refresh.data;
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <FileInput id="refresh-file" label={t(soap ? 'lgspAdmin.soap.refreshFile' : 'lgspAdmin.refresh.file')} description={hasUrl ? t('lgspAdmin.refresh.urlHint') : undefined} accept={soap ? WSDL_FILE_TYPES : OPENAPI_FILE_TYPES} value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('lgspAdmin.clearFile') }} w={320} />
        <Button onClick={() => refresh.mutate()} loading={refresh.isPending} disabled={!hasUrl && !file}>{t('lgspAdmin.refresh.submit')}</Button>
      </Group>
      {refresh.error && <ErrorAlert error={refresh.error} />}
      {result && (
        <Alert color={result.changed ? 'blue' : 'gray'} role="status" data-testid="refresh-result">
          {result.changed ? t('lgspAdmin.refresh.changed', { version: result.service.version }) : t('lgspAdmin.refresh.unchanged')}
          <Text size="sm">{t('lgspAdmin.versions.added')}: {endpointList(result.diff.added)}</Text>
          <Text size="sm">{t('lgspAdmin.versions.removed')}: {endpointList(result.diff.removed)}</Text>
        </Alert>
      )}
    </Stack>
  );
}

/** One service as its provider administers it: lifecycle, sandbox flag, refresh and versions, access requests and rights, request validation and quotas. */
export function LgspServiceAdminPage() {
  const { t } = useTranslation();
  const { serviceId } = useParams({ strict: false }) as { serviceId: string };
  const client = useQueryClient();
  const scope = useLgspScope();
  const service = useQuery({ queryKey: ['lgsp', 'service', serviceId], queryFn: () => lgspApi.service(serviceId) });
  const versions = useQuery({ queryKey: ['lgsp', 'service', serviceId, 'versions'], queryFn: () => lgspApi.versions(serviceId) });
  const requests = useQuery({ queryKey: ['lgsp', 'service', serviceId, 'requests'], queryFn: () => lgspApi.requests(serviceId) });
  const invalidate = () => client.invalidateQueries({ queryKey: ['lgsp'] });
  const move = useMutation({ mutationFn: (status: LgspServiceStatus) => lgspApi.setStatus(serviceId, status), onSuccess: invalidate });
  const sandbox = useMutation({ mutationFn: (on: boolean) => lgspApi.setSandbox(serviceId, on), onSuccess: invalidate });
  const subsystemName = (id: string | null) => scope.allSubsystems.find((s) => s.id === id)?.name ?? id ?? '—';
  const scopeText = (r: { method: string | null; pathPattern: string | null }) => (r.method || r.pathPattern ? `${r.method ?? '*'} ${r.pathPattern ?? '/**'}` : t('lgspPortal.access.wholeService'));
  const s = service.data;
  return (
    <>
      <PageHeader title={s?.name ?? t('lgspAdmin.title')} description={s ? s.xroadId : undefined}
        actions={<Anchor component={Link} to="/admin/lgsp">{t('lgspAdmin.back')}</Anchor>} />
      <QueryState isPending={service.isPending || scope.isPending} error={service.error ?? scope.error}>
        {s && (
          <Stack gap="lg">
            <Card withBorder component="section" aria-labelledby="lifecycle-title">
              <Title order={2} size="h4" id="lifecycle-title" mb="sm">{t('lgspAdmin.lifecycle')}</Title>
              <Group gap="sm" wrap="wrap">
                <Text size="sm">{t('lgspAdmin.statusCol')}:</Text>
                <Badge variant="light" data-testid="service-status">{t(`lgspAdmin.status.${s.status}`)}</Badge>
                {NEXT[s.status].map((next) => (
                  <Button key={next} size="xs" variant="light" loading={move.isPending} onClick={() => move.mutate(next)}>{t(`lgspAdmin.moveTo.${next}`)}</Button>
                ))}
              </Group>
              <Switch mt="md" id="service-sandbox" label={t('lgspAdmin.sandbox')} description={t('lgspAdmin.sandboxHint')} checked={s.sandbox}
                onChange={(e) => sandbox.mutate(e.currentTarget.checked)} disabled={sandbox.isPending} />
              {(move.error ?? sandbox.error) && <ErrorAlert error={move.error ?? sandbox.error} />}
            </Card>

            {s.kind === 'soap' && (
              <Card withBorder component="section" aria-labelledby="operations-title">
                <Title order={2} size="h4" id="operations-title" mb="sm">{t('lgspAdmin.soap.operations')}</Title>
                <Text size="sm" mb="xs">{t('lgspAdmin.soap.operationsHint', { url: s.wsdlUrl ?? t('lgspAdmin.soap.uploaded') })}</Text>
                <List size="sm" data-testid="soap-operations">
                  {s.endpoints.map((e) => <List.Item key={e.path}><Code>{e.path.slice(1)}</Code></List.Item>)}
                </List>
                {s.baseUrl !== undefined && <Text size="sm" mt="xs">{t('lgspAdmin.soap.address')}: <Code>{s.baseUrl}</Code></Text>}
              </Card>
            )}

            <Card withBorder component="section" aria-labelledby="requests-title">
              <Title order={2} size="h4" id="requests-title" mb="sm">{t('lgspAdmin.requests.title')}</Title>
              <DataTable caption={t('lgspAdmin.requests.title')} rows={requests.data} rowKey={(r) => r.id} isPending={requests.isPending} error={requests.error}
                emptyText={t('lgspAdmin.requests.empty')} minWidth={900} columns={[
                  { key: 'subsystem', header: t('lgspAdmin.requests.subsystem'), cell: (r) => subsystemName(r.subsystemId) },
                  { key: 'scope', header: t('lgspAdmin.requests.scope'), cell: scopeText },
                  { key: 'reason', header: t('lgspAdmin.requests.reason'), cell: (r) => r.reason, priority: 'secondary' },
                  { key: 'status', header: t('lgspAdmin.statusCol'), cell: (r) => <Badge variant="light" color={r.status === 'approved' ? 'green' : r.status === 'refused' ? 'red' : 'yellow'}>{t(`lgspAdmin.requests.status.${r.status}`)}</Badge> },
                  { key: 'decision', header: t('lgspAdmin.requests.decision'), cell: (r) => (r.status === 'pending' ? <Decision request={r} subsystemName={subsystemName(r.subsystemId)} /> : (r.decisionNote ?? '')) },
                ]} />
            </Card>

            <RightsPanel serviceId={s.id} subsystems={scope.allSubsystems} />
            <QuotasPanel service={s} subsystems={scope.allSubsystems} />

            <Card withBorder component="section" aria-labelledby="versions-title">
              <Title order={2} size="h4" id="versions-title" mb="sm">{t('lgspAdmin.versions.title')}</Title>
              <RefreshPanel serviceId={s.id} hasUrl={(s.kind === 'soap' ? s.wsdlUrl : s.openApiUrl) !== null} soap={s.kind === 'soap'} />
              <DataTable caption={t('lgspAdmin.versions.title')} rows={versions.data} rowKey={(v) => String(v.version)} isPending={versions.isPending} error={versions.error}
                minWidth={800} columns={[
                  { key: 'version', header: t('lgspAdmin.versionCol'), cell: (v) => `v${v.version}` },
                  { key: 'label', header: t('lgspAdmin.versions.label'), cell: (v) => v.label || '—' },
                  { key: 'at', header: t('lgspAdmin.versions.at'), cell: (v) => formatDateTime(v.createdAt), priority: 'secondary' },
                  { key: 'added', header: t('lgspAdmin.versions.added'), cell: (v) => endpointList(v.diff.added) },
                  { key: 'removed', header: t('lgspAdmin.versions.removed'), cell: (v) => endpointList(v.diff.removed) },
                ]} />
            </Card>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
