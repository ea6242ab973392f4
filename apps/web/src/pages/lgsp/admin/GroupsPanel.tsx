import { Button, Card, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspSubsystem } from '../../../api/lgsp.ts';
import { foldedFilter } from '../../../components/folded-filter.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { fieldError, submitWith } from '../../../lib/forms.ts';

/** Province-wide groups of subsystems that access rights can name (created by the province's LGSP administrators). */
export function GroupsPanel({ subsystems }: { subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const groups = useQuery({ queryKey: ['lgsp', 'groups'], queryFn: lgspApi.groups });
  const refresh = () => client.invalidateQueries({ queryKey: ['lgsp', 'groups'] });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => lgspApi.createGroup({ code: code.trim(), name: name.trim() }),
    onSuccess: (group) => {
      setCode('');
      setName('');
      setGroupId(group.id);
      return refresh();
    },
  });
  const add = useMutation({ mutationFn: () => lgspApi.addGroupMember(groupId ?? '', memberId ?? ''), onSuccess: () => { setMemberId(null); return refresh(); } });
  const subsystemName = (id: string) => subsystems.find((s) => s.id === id)?.name ?? id;
  return (
    <Card withBorder component="section" aria-labelledby="groups-title">
      <Title order={2} size="h4" id="groups-title" mb="sm">{t('lgspAdmin.groups.title')}</Title>
      <DataTable caption={t('lgspAdmin.groups.title')} rows={groups.data} rowKey={(g) => g.id} isPending={groups.isPending} error={groups.error}
        emptyText={t('lgspAdmin.groups.empty')} minWidth={600} columns={[
          { key: 'name', header: t('lgspAdmin.groups.name'), cell: (g) => g.name },
          { key: 'code', header: t('lgspAdmin.groups.code'), cell: (g) => <code>{g.code}</code>, priority: 'secondary' },
          { key: 'members', header: t('lgspAdmin.groups.members'), cell: (g) => g.subsystemIds.map(subsystemName).join(', ') || '—' },
        ]} />
      <Stack gap="md" mt="md">
        <form onSubmit={submitWith(() => create.mutate())} aria-labelledby="group-form-title">
          <Stack gap="xs">
            <Title order={3} size="h5" id="group-form-title">{t('lgspAdmin.groups.create')}</Title>
            <Group align="flex-end" wrap="wrap">
              <TextInput id="group-code" label={t('lgspAdmin.groups.code')} required w={180} maxLength={100} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldError(create.error, 'code')} />
              <TextInput id="group-name" label={t('lgspAdmin.groups.name')} required w={300} maxLength={300} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, 'name')} />
              <Button type="submit" loading={create.isPending} disabled={!code.trim() || !name.trim()}>{t('lgspAdmin.groups.createSubmit')}</Button>
            </Group>
            {create.error && <ErrorAlert error={create.error} />}
          </Stack>
        </form>
        <form onSubmit={submitWith(() => add.mutate())} aria-labelledby="group-member-title">
          <Stack gap="xs">
            <Title order={3} size="h5" id="group-member-title">{t('lgspAdmin.groups.addMember')}</Title>
            <Group align="flex-end" wrap="wrap">
              <Select id="group-select" label={t('lgspAdmin.groups.group')} required searchable filter={foldedFilter} w={300} value={groupId} onChange={setGroupId}
                data={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` }))} />
              <Select id="group-subsystem" label={t('lgspAdmin.groups.subsystem')} required searchable filter={foldedFilter} w={340} value={memberId} onChange={setMemberId}
                data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} />
              <Button type="submit" loading={add.isPending} disabled={!groupId || !memberId}>{t('lgspAdmin.groups.addSubmit')}</Button>
            </Group>
            {add.error && <ErrorAlert error={add.error} />}
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
