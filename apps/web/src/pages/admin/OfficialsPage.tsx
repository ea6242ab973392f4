import { Badge, Button, Group, Pagination, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { identityApi, type Official } from '../../api/identity.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { OfficialFormModal } from './OfficialFormModal.tsx';
import { OfficialRolesModal } from './OfficialRolesModal.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';

const PAGE_SIZE = 20;

export function OfficialsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const [rolesFor, setRolesFor] = useState<string | null>(null);

  const query = useQuery({
    queryKey: ['identity', 'officials', q, page],
    queryFn: () => identityApi.officials({ q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const unlock = useMutation({
    mutationFn: identityApi.unlock,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['identity', 'officials'] }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['identity', 'officials'] });
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const rolesOfficial = items.find((o) => o.id === rolesFor);

  return (
    <>
      <PageHeader
        title={t('officials.title')}
        description={t('officials.description')}
        actions={<Button onClick={() => setEditing('new')}>{t('officials.create')}</Button>}
      />
      <TextInput
        label={t('officials.search')}
        description={t('officials.searchHint')}
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        maw={420}
        mb="md"
      />
      <ErrorAlert error={unlock.error} />
      <QueryState isPending={query.isPending} error={query.error} isEmpty={items.length === 0} emptyText={t('officials.empty')}>
        <TableScroll minWidth={800} label={t('officials.title')}>
          <Table striped highlightOnHover aria-label={t('officials.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('officials.username')}</Table.Th>
                <Table.Th scope="col">{t('officials.fullName')}</Table.Th>
                <Table.Th scope="col">{t('officials.status')}</Table.Th>
                <Table.Th scope="col">{t('officials.roles')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((official) => (
                <Table.Tr key={official.id} data-username={official.username}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {official.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{official.fullName}</Text>
                    {official.email && (
                      <Text size="xs" c="dimmed">
                        {official.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={official.active ? 'sen' : 'gray'} variant="light">
                        {official.active ? t('officials.active') : t('officials.inactive')}
                      </Badge>
                      {official.locked && <Badge color="red" variant="light">{t('officials.locked')}</Badge>}
                      {official.totpEnabled && <Badge variant="outline">TOTP</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {official.roles.map((r) => `${r.roleName} — ${r.agencyName}`).join('; ') || t('officials.noRoles')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(official)}>
                        {t('common.edit')}
                        <span className="sr-only"> {official.username}</span>
                      </Button>
                      <Button size="compact-sm" variant="light" onClick={() => setRolesFor(official.id)}>
                        {t('officials.manageRoles')}
                        <span className="sr-only"> {official.username}</span>
                      </Button>
                      {official.locked && (
                        <Button size="compact-sm" color="red" variant="light" loading={unlock.isPending} onClick={() => unlock.mutate(official.id)}>
                          {t('officials.unlock')}
                          <span className="sr-only"> {official.username}</span>
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('common.totalCount', { count: total })}
          </Text>
          {total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
            />
          )}
        </Group>
      </QueryState>

      {editing && (
        <OfficialFormModal
          official={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {rolesOfficial && <OfficialRolesModal official={rolesOfficial} onClose={() => setRolesFor(null)} onChanged={() => void refresh()} />}
    </>
  );
}
