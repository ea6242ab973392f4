import { Button, Card, Group, Pagination, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type CodeList } from '../../api/catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/format.ts';
import { ImportVersionForm } from './ImportVersionForm.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';

const PAGE_SIZE = 25;

/** One code list: its versions (publish drafts, export), import, and the items of a version. */
export function CodeListPanel({ list, title }: { list: CodeList; title: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: ['catalog', 'code-lists', list.code, 'versions'], queryFn: () => catalogApi.versions(list.code) });
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['catalog', 'code-lists'] });

  const view = useQuery({
    queryKey: ['catalog', 'code-lists', list.code, 'items', version, q, page],
    queryFn: () => catalogApi.read(list.code, { version, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const publish = useMutation({ mutationFn: (v: number) => catalogApi.publishVersion(list.code, v), onSuccess: invalidate });
  const download = useMutation({
    mutationFn: async ({ v, format }: { v: number; format: 'csv' | 'json' }) => {
      const response = await catalogApi.exportFile(list.code, v, format);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${list.code}-v${v}.${format}`;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
  const total = view.data?.total ?? 0;
  const shown = view.data?.version.version;

  return (
    <>
      <Card withBorder mb="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {list.description && (
          <Text size="sm" c="dimmed">
            {list.description}
          </Text>
        )}
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('catalogues.versions')}
        </Title>
        <QueryState isPending={versions.isPending} error={versions.error} isEmpty={!versions.data?.items.length}>
          <TableScroll minWidth={560} label={t('catalogues.versions')}>
            <Table aria-label={t('catalogues.versions')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('catalogues.version')}</Table.Th>
                  <Table.Th scope="col">{t('catalogues.statusLabel')}</Table.Th>
                  <Table.Th scope="col">{t('catalogues.effective')}</Table.Th>
                  <Table.Th scope="col">{t('catalogues.itemCount')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data?.items.map((v) => (
                  <Table.Tr key={v.version} bg={v.version === shown ? 'sen.0' : undefined}>
                    <Table.Td>v{v.version}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={v.status === 'published' ? 'sen.8' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                        {t(`catalogues.status.${v.status}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {formatDate(v.effectiveFrom)}
                      {v.effectiveTo && ` – ${formatDate(v.effectiveTo)}`}
                    </Table.Td>
                    <Table.Td>{v.itemCount}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="compact-sm" variant="subtle" onClick={() => { setVersion(v.version); setPage(1); }} aria-pressed={v.version === shown}>
                          {t('catalogues.view')}
                          <span className="sr-only"> v{v.version}</span>
                        </Button>
                        {v.status === 'draft' && (
                          <Button size="compact-sm" variant="light" loading={publish.isPending && publish.variables === v.version} onClick={() => publish.mutate(v.version)}>
                            {t('catalogues.publish')}
                            <span className="sr-only"> v{v.version}</span>
                          </Button>
                        )}
                        {(['csv', 'json'] as const).map((format) => (
                          <Button key={format} size="compact-sm" variant="subtle" onClick={() => download.mutate({ v: v.version, format })}>
                            {format.toUpperCase()}
                            <span className="sr-only">
                              {' '}
                              {t('catalogues.export')} v{v.version}
                            </span>
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </QueryState>
        <ErrorAlert error={publish.error ?? download.error} />
      </Card>

      <ImportVersionForm code={list.code} onImported={() => void invalidate()} />

      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {shown ? t('catalogues.itemsOf', { version: shown }) : t('catalogues.itemsLabel')}
        </Title>
        <TextInput
          label={t('catalogues.searchItems')}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          maw={360}
          mb="sm"
        />
        <QueryState isPending={view.isPending} error={view.error} isEmpty={!view.data?.items.length}>
          <Table striped aria-label={t('catalogues.itemsLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogues.code')}</Table.Th>
                <Table.Th scope="col">{t('catalogues.name')}</Table.Th>
                <Table.Th scope="col">{t('catalogues.parent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.data?.items.map((item) => (
                <Table.Tr key={item.code}>
                  <Table.Td ff="monospace">{item.code}</Table.Td>
                  <Table.Td>{item.name}</Table.Td>
                  <Table.Td ff="monospace">{item.parentCode}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              {t('common.totalCount', { count: total })}
            </Text>
            {total > PAGE_SIZE && (
              <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': t(`pagination.${c}`) })} />
            )}
          </Group>
        </QueryState>
      </Card>
    </>
  );
}
