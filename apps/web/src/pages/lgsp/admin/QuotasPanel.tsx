import { Button, Card, Group, NumberInput, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspQuota, type LgspQuotaChange, type LgspService, type LgspSubsystem } from '../../../api/lgsp.ts';
import { foldedFilter } from '../../../components/folded-filter.ts';
import { submitWith } from '../../../lib/forms.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../../lib/format.ts';

/** The three kinds of quota the API has: all consumers together, each consumer's default, one subsystem's override. */
type Kind = 'service' | 'consumer' | 'subsystem';
const kindOf = (q: LgspQuota): Kind => (q.scope === 'service' ? 'service' : q.subsystemId ? 'subsystem' : 'consumer');

/** The gateway's checks the provider controls for one service: validation of requests and of answers, and its own quotas. */
export function QuotasPanel({ service, subsystems }: { service: LgspService; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const quotas = useQuery({ queryKey: ['lgsp', 'service', service.id, 'quotas'], queryFn: () => lgspApi.quotas(service.id) });
  const [kind, setKind] = useState<Kind>('service');
  const [subsystemId, setSubsystemId] = useState<string | null>(null);
  const [limit, setLimit] = useState<number | string>('');
  const [windowSeconds, setWindowSeconds] = useState<number | string>(60);
  const saved = (list: LgspQuota[]) => client.setQueryData(['lgsp', 'service', service.id, 'quotas'], list);
  const change = useMutation({ mutationFn: (body: LgspQuotaChange) => lgspApi.setQuota(service.id, body), onSuccess: saved });
  const validation = useMutation({
    mutationFn: (on: boolean) => lgspApi.setRequestValidation(service.id, on),
    onSuccess: () => client.invalidateQueries({ queryKey: ['lgsp', 'service', service.id] }),
  });
  const answers = useMutation({
    mutationFn: (on: boolean) => lgspApi.setResponseValidation(service.id, on),
    onSuccess: () => client.invalidateQueries({ queryKey: ['lgsp', 'service', service.id] }),
  });
  const subsystemName = (id: string | null) => subsystems.find((s) => s.id === id)?.name ?? id ?? '';
  const kindLabel = (q: LgspQuota) => (kindOf(q) === 'subsystem' ? t('lgspAdmin.quotas.kindFor', { name: subsystemName(q.subsystemId) }) : t(`lgspAdmin.quotas.kind.${kindOf(q)}`));
  const body = (target: { kind: Kind; subsystemId: string | null }, value: number | null, window: number): LgspQuotaChange => ({
    scope: target.kind === 'service' ? 'service' : 'consumer',
    ...(target.kind === 'subsystem' && target.subsystemId ? { subsystemId: target.subsystemId } : {}),
    limit: value,
    windowSeconds: window,
  });
  return (
    <Card withBorder component="section" aria-labelledby="gateway-checks-title">
      <Title order={2} size="h4" id="gateway-checks-title" mb="sm">{t('lgspAdmin.quotas.section')}</Title>
      <Switch id="service-validation" label={t('lgspAdmin.validation.label')} description={t('lgspAdmin.validation.hint')} checked={service.validateRequests}
        onChange={(e) => validation.mutate(e.currentTarget.checked)} disabled={validation.isPending} />
      {validation.error && <ErrorAlert error={validation.error} />}
      <Switch id="service-response-validation" mt="sm" label={t('lgspAdmin.responseValidation.label')} description={t('lgspAdmin.responseValidation.hint')} checked={service.validateResponses}
        onChange={(e) => answers.mutate(e.currentTarget.checked)} disabled={answers.isPending} />
      {answers.error && <ErrorAlert error={answers.error} />}
      <Title order={3} size="h5" mt="md" mb="xs" id="quotas-title">{t('lgspAdmin.quotas.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('lgspAdmin.quotas.hint')}</Text>
      <DataTable caption={t('lgspAdmin.quotas.title')} rows={quotas.data} rowKey={(q) => `${q.scope}:${q.subsystemId ?? ''}`} isPending={quotas.isPending} error={quotas.error}
        emptyText={t('lgspAdmin.quotas.empty')} minWidth={700} columns={[
          { key: 'kind', header: t('lgspAdmin.quotas.kindCol'), cell: kindLabel },
          { key: 'limit', header: t('lgspAdmin.quotas.limit'), cell: (q) => t('lgspAdmin.quotas.rate', { limit: q.limit, seconds: q.windowSeconds }) },
          { key: 'updated', header: t('lgspAdmin.quotas.updated'), cell: (q) => formatDateTime(q.updatedAt), priority: 'secondary' },
          { key: 'actions', header: t('common.actions'), cell: (q) => (
            <Button size="xs" variant="subtle" color="red" loading={change.isPending} aria-label={t('lgspAdmin.quotas.removeOf', { kind: kindLabel(q) })}
              onClick={() => change.mutate(body({ kind: kindOf(q), subsystemId: q.subsystemId }, null, q.windowSeconds))}>{t('lgspAdmin.quotas.remove')}</Button>
          ) },
        ]} />
      <form onSubmit={submitWith(() => change.mutate(body({ kind, subsystemId }, Number(limit), Number(windowSeconds))))} aria-labelledby="quota-form-title">
        <Stack gap="xs" mt="md">
          <Title order={4} size="h6" id="quota-form-title">{t('lgspAdmin.quotas.formTitle')}</Title>
          <Group align="flex-end" wrap="wrap">
            <Select id="quota-kind" label={t('lgspAdmin.quotas.kindCol')} required allowDeselect={false} w={260} value={kind}
              onChange={(value) => setKind((value ?? 'service') as Kind)}
              data={(['service', 'consumer', 'subsystem'] as const).map((value) => ({ value, label: t(`lgspAdmin.quotas.kind.${value}`) }))} />
            {kind === 'subsystem' && (
              <Select id="quota-subsystem" label={t('lgspAdmin.quotas.subsystem')} required searchable filter={foldedFilter} w={300} value={subsystemId} onChange={setSubsystemId}
                data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} />
            )}
            <NumberInput id="quota-limit" label={t('lgspAdmin.quotas.limit')} required min={1} max={10_000_000} allowDecimal={false} w={160} value={limit} onChange={setLimit} />
            <NumberInput id="quota-window" label={t('lgspAdmin.quotas.window')} required min={1} max={86_400} allowDecimal={false} w={160} value={windowSeconds} onChange={setWindowSeconds} />
            <Button type="submit" loading={change.isPending} disabled={!limit || !windowSeconds || (kind === 'subsystem' && !subsystemId)}>{t('lgspAdmin.quotas.submit')}</Button>
          </Group>
          {change.error && <ErrorAlert error={change.error} />}
        </Stack>
      </form>
    </Card>
  );
}
