import { Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { identityApi, type Role } from '../../api/identity.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fieldError, formValues } from '../../lib/forms.ts';
import { TableScroll } from '../../components/TableScroll.tsx';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useQuery({ queryKey: ['identity', 'roles'], queryFn: identityApi.roles });
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const items = roles.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('roles.title')} description={t('roles.description')} actions={<Button onClick={() => setEditing('new')}>{t('roles.create')}</Button>} />
      <QueryState isPending={roles.isPending} error={roles.error} isEmpty={items.length === 0}>
        <TableScroll minWidth={700} label={t('roles.title')}>
          <Table striped aria-label={t('roles.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('roles.code')}</Table.Th>
                <Table.Th scope="col">{t('roles.name')}</Table.Th>
                <Table.Th scope="col">{t('roles.permissions')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td ff="monospace">{role.code}</Table.Td>
                  <Table.Td>{role.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {role.permissions.map((p) => (
                        <Badge key={p} variant="light" size="sm" tt="none">
                          {p}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(role)}>
                      {t('common.edit')}
                      <span className="sr-only"> {role.code}</span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </QueryState>
      {editing && <RoleModal role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RoleModal({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const permissions = useQuery({ queryKey: ['identity', 'permissions'], queryFn: identityApi.permissions, staleTime: Infinity });
  const [selected, setSelected] = useState<string[]>(role?.permissions ?? []);
  const [missing, setMissing] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (values: Record<string, string>) =>
      role
        ? identityApi.updateRole(role.id, { name: values.name, permissions: selected, version: role.version })
        : identityApi.createRole({ code: values.code ?? '', name: values.name ?? '', permissions: selected }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['identity', 'roles'] });
      onClose();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const empty = (role ? ['name'] : ['code', 'name']).filter((n) => !values[n]);
    setMissing(empty);
    if (empty.length === 0) save.mutate(values);
  };
  const error = (name: string) => (missing.includes(name) ? t('form.required') : fieldError(save.error, name));
  // Descriptions are "Vietnamese / English"; show the half in the current language.
  const describe = (text: string) => {
    const [vi, en] = text.split(' / ');
    return (i18n.language === 'en' ? en : vi) ?? text;
  };
  const title = role ? t('roles.editTitle', { code: role.code }) : t('roles.createTitle');

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack>
          {!role && <TextInput name="code" label={t('roles.code')} description={t('roles.codeHint')} required error={error('code')} data-autofocus />}
          <TextInput name="name" label={t('roles.name')} defaultValue={role?.name} required error={error('name')} />
          <QueryState isPending={permissions.isPending} error={permissions.error}>
            <Checkbox.Group label={t('roles.permissions')} value={selected} onChange={setSelected} error={fieldError(save.error, 'permissions')}>
              <Stack gap="xs" mt="xs">
                {(permissions.data?.items ?? []).map((p) => (
                  <Checkbox key={p.code} value={p.code} label={<Text size="sm" ff="monospace">{p.code}</Text>} description={describe(p.description)} />
                ))}
              </Stack>
            </Checkbox.Group>
          </QueryState>
          <ErrorAlert error={save.error && !fieldError(save.error, 'name') && !fieldError(save.error, 'code') ? save.error : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
