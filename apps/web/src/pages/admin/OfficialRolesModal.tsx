import { Button, Group, Modal, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { identityApi, type GrantScope, type Official } from '../../api/identity.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldError } from '../../lib/forms.ts';

interface Props {
  official: Official;
  onClose: () => void;
  onChanged: () => void;
}

/** Lists an official's role assignments and assigns a role within an agency. */
export function OfficialRolesModal({ official, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const roles = useQuery({ queryKey: ['identity', 'roles'], queryFn: identityApi.roles });
  const [roleId, setRoleId] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [scope, setScope] = useState<GrantScope>('agency');
  const [tried, setTried] = useState(false);

  const assign = useMutation({
    mutationFn: () => identityApi.assignRole(official.id, { roleId: roleId ?? '', agencyId: agencyId ?? '', scope }),
    onSuccess: () => {
      setRoleId(null);
      setTried(false);
      onChanged();
    },
  });
  const remove = useMutation({ mutationFn: (assignmentId: string) => identityApi.removeRole(official.id, assignmentId), onSuccess: onChanged });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (roleId && agencyId) assign.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('officials.rolesTitle', { username: official.username })} size="xl">
      <Stack>
        <Title order={3} size="h5">
          {t('officials.currentRoles')}
        </Title>
        {official.roles.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('officials.noRoles')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('profile.role')}</Table.Th>
                <Table.Th scope="col">{t('profile.agency')}</Table.Th>
                <Table.Th scope="col">{t('profile.scope')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {official.roles.map((r) => (
                <Table.Tr key={r.assignmentId}>
                  <Table.Td>{r.roleName}</Table.Td>
                  <Table.Td>{r.agencyName}</Table.Td>
                  <Table.Td>{t(`scope.${r.scope}`)}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate(r.assignmentId)}>
                      {t('officials.removeRole')}
                      <span className="sr-only">
                        {' '}
                        {r.roleName} — {r.agencyName}
                      </span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ErrorAlert error={remove.error} />

        <form onSubmit={onSubmit} noValidate aria-labelledby="assign-role-title">
          <Stack>
            <Title order={3} size="h5" id="assign-role-title">
              {t('officials.assignRole')}
            </Title>
            <Select
              label={t('profile.role')}
              data={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.code})` }))}
              value={roleId}
              onChange={setRoleId}
              required
              error={(tried && !roleId && t('form.required')) || fieldError(assign.error, 'roleId')}
              placeholder={roles.isPending ? t('common.loading') : undefined}
              comboboxProps={{ withinPortal: true }}
            />
            <AgencyPicker
              value={agencyId}
              onChange={setAgencyId}
              required
              error={(tried && !agencyId && t('form.required')) || fieldError(assign.error, 'agencyId')}
            />
            <Radio.Group label={t('profile.scope')} value={scope} onChange={(v) => setScope(v as GrantScope)}>
              <Group mt={4}>
                <Radio value="agency" label={t('scope.agency')} />
                <Radio value="subtree" label={t('scope.subtree')} />
              </Group>
            </Radio.Group>
            <ErrorAlert error={assign.error && !fieldError(assign.error, 'roleId') && !fieldError(assign.error, 'agencyId') ? assign.error : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
              <Button type="submit" loading={assign.isPending}>
                {t('officials.assignSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
