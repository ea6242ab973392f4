import { Button, Card, Group, SegmentedControl, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspGrant, type LgspSubsystem } from '../../../api/lgsp.ts';
import { foldedFilter } from '../../../components/folded-filter.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { fieldError, submitWith } from '../../../lib/forms.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The end of the chosen day in Vietnam: a right "until 31/12" still works on the 31st. */
export const endOfDayInVietnam = (date: string) => new Date(`${date}T23:59:59+07:00`).toISOString();

/** A service's access rights as its provider administers them: who (a subsystem or a group), what, until when; grant and revoke. */
export function RightsPanel({ serviceId, subsystems }: { serviceId: string; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const rights = useQuery({ queryKey: ['lgsp', 'service', serviceId, 'rights'], queryFn: () => lgspApi.rights(serviceId) });
  const groups = useQuery({ queryKey: ['lgsp', 'groups'], queryFn: lgspApi.groups });
  const [subject, setSubject] = useState<'subsystem' | 'group'>('subsystem');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [method, setMethod] = useState<string | null>(null);
  const [pathPattern, setPathPattern] = useState('');
  const [expiry, setExpiry] = useState('');
  const invalidate = () => client.invalidateQueries({ queryKey: ['lgsp', 'service', serviceId, 'rights'] });
  const grant = useMutation({
    mutationFn: () => {
      const body: LgspGrant = subject === 'group' ? { groupId: subjectId ?? '' } : { subsystemId: subjectId ?? '' };
      if (method) body.method = method;
      if (pathPattern.trim()) body.pathPattern = pathPattern.trim();
      if (expiry) body.expiresAt = endOfDayInVietnam(expiry);
      return lgspApi.grant(serviceId, body);
    },
    onSuccess: () => {
      setSubjectId(null);
      setPathPattern('');
      setExpiry('');
      return invalidate();
    },
  });
  const revoke = useMutation({ mutationFn: (rightId: string) => lgspApi.revoke(rightId), onSuccess: invalidate });
  const subsystemName = (id: string) => subsystems.find((s) => s.id === id)?.name ?? id;
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name ?? id;
  const who = (r: { subsystemId: string | null; groupId: string | null }) =>
    (r.subsystemId ? subsystemName(r.subsystemId) : t('lgspAdmin.rights.groupNamed', { name: groupName(r.groupId ?? '') }));
  const scopeText = (r: { method: string | null; pathPattern: string | null }) => (r.method || r.pathPattern ? `${r.method ?? '*'} ${r.pathPattern ?? '/**'}` : t('lgspPortal.access.wholeService'));
  const options = subject === 'group'
    ? (groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` }))
    : subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }));
  const now = Date.now();
  return (
    <Card withBorder component="section" aria-labelledby="rights-title">
      <Title order={2} size="h4" id="rights-title" mb="sm">{t('lgspAdmin.rights.title')}</Title>
      <DataTable caption={t('lgspAdmin.rights.title')} rows={rights.data} rowKey={(r) => r.id} isPending={rights.isPending} error={rights.error}
        emptyText={t('lgspAdmin.rights.empty')} minWidth={700} columns={[
          { key: 'subject', header: t('lgspAdmin.rights.subject'), cell: who },
          { key: 'scope', header: t('lgspAdmin.requests.scope'), cell: scopeText },
          { key: 'expires', header: t('lgspAdmin.rights.expires'), cell: (r) => (r.expiresAt
            ? `${formatDateTime(r.expiresAt)}${Date.parse(r.expiresAt) <= now ? ` (${t('lgspAdmin.rights.expired')})` : ''}`
            : t('lgspAdmin.rights.never')) },
          { key: 'actions', header: t('common.actions'), cell: (r) => (
            <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(r.id)} loading={revoke.isPending}
              aria-label={t('lgspAdmin.rights.revokeOf', { name: who(r) })}>{t('lgspAdmin.rights.revoke')}</Button>
          ) },
        ]} />
      {revoke.error && <ErrorAlert error={revoke.error} />}
      <form onSubmit={submitWith(() => grant.mutate())} aria-labelledby="grant-form-title">
        <Stack gap="xs" mt="md">
          <Title order={3} size="h5" id="grant-form-title">{t('lgspAdmin.grant.title')}</Title>
          <SegmentedControl aria-label={t('lgspAdmin.grant.subjectKind')} value={subject} w="fit-content"
            onChange={(value) => { setSubject(value as 'subsystem' | 'group'); setSubjectId(null); }}
            data={[{ value: 'subsystem', label: t('lgspAdmin.grant.toSubsystem') }, { value: 'group', label: t('lgspAdmin.grant.toGroup') }]} />
          <Group align="flex-end" wrap="wrap">
            <Select id="grant-subject" label={subject === 'group' ? t('lgspAdmin.grant.group') : t('lgspAdmin.grant.subsystem')} required searchable filter={foldedFilter} w={340}
              data={options} value={subjectId} onChange={setSubjectId} nothingFoundMessage={t('lgspAdmin.grant.nothing')} />
            <Select id="grant-method" label={t('lgspAdmin.grant.method')} description={t('lgspAdmin.grant.methodHint')} clearable w={150}
              data={METHODS} value={method} onChange={setMethod} />
            <TextInput id="grant-path" label={t('lgspAdmin.grant.path')} description={t('lgspAdmin.grant.pathHint')} w={240} maxLength={500}
              value={pathPattern} onChange={(e) => setPathPattern(e.currentTarget.value)} error={fieldError(grant.error, 'pathPattern')} />
            <TextInput id="grant-expiry" type="date" label={t('lgspAdmin.grant.expiry')} description={t('lgspAdmin.grant.expiryHint')} w={200}
              value={expiry} onChange={(e) => setExpiry(e.currentTarget.value)} error={fieldError(grant.error, 'expiresAt')} />
            <Button type="submit" loading={grant.isPending} disabled={!subjectId}>{t('lgspAdmin.grant.submit')}</Button>
          </Group>
          {grant.error && <ErrorAlert error={grant.error} />}
        </Stack>
      </form>
    </Card>
  );
}
