import { Button, Card, Grid, Group, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agencyTree, catalogApi, type Agency } from '../../api/catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fieldError, formValues } from '../../lib/forms.ts';
import { AgencyTree, filterTree } from './AgencyTree.tsx';

export function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies });
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const tree = useMemo(() => filterTree(agencyTree(agencies.data?.items ?? []), query), [agencies.data, query]);
  const selected = agencies.data?.items.find((a) => a.id === selectedId);

  return (
    <>
      <PageHeader title={t('agencies.title')} description={t('agencies.description')} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <TextInput
              label={t('agencies.search')}
              description={t('agencies.searchHint')}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              mb="sm"
            />
            <QueryState isPending={agencies.isPending} error={agencies.error} isEmpty={tree.length === 0} emptyText={t('common.noMatch')}>
              <Text size="xs" c="dimmed" mb="xs" aria-live="polite">
                {t('common.totalCount', { count: agencies.data?.items.length ?? 0 })}
              </Text>
              <ScrollArea.Autosize mah={600}>
                <nav aria-label={t('agencies.treeLabel')}>
                  <AgencyTree nodes={tree} selectedId={selectedId} onSelect={setSelectedId} expandAll={query.trim().length > 0} />
                </nav>
              </ScrollArea.Autosize>
            </QueryState>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            {selected ? (
              <AgencyEditor key={`${selected.id}:${selected.version}`} agency={selected} parent={agencies.data?.items.find((a) => a.id === selected.parentId)} />
            ) : (
              <Text c="dimmed" size="sm">
                {t('agencies.selectHint')}
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

function AgencyEditor({ agency, parent }: { agency: Agency; parent?: Agency }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Record<string, string>) =>
      catalogApi.updateAgency(agency.id, { name: values.name, nameEn: values.nameEn || null, version: agency.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog', 'agencies'] }),
  });
  const [missingName, setMissingName] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    setMissingName(!values.name);
    if (values.name) save.mutate(values);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="agency-editor-title">
      <Stack>
        <Title order={2} size="h4" id="agency-editor-title">
          {t('agencies.edit')}
        </Title>
        <Text size="sm">
          {t('agencies.code')}: <Text span ff="monospace">{agency.code}</Text>
        </Text>
        <Text size="sm">{t(`agencies.kinds.${agency.kind}`)}</Text>
        {parent && <Text size="sm">{t('agencies.parent', { name: parent.name })}</Text>}
        {agency.placeholder && (
          <Text size="sm" c="orange.9">
            {t('agencies.placeholder')}
          </Text>
        )}
        <TextInput name="name" label={t('agencies.name')} defaultValue={agency.name} required error={missingName ? t('form.required') : fieldError(save.error, 'name')} />
        <TextInput name="nameEn" label={t('agencies.nameEn')} defaultValue={agency.nameEn ?? ''} error={fieldError(save.error, 'nameEn')} />
        <ErrorAlert error={save.error && !fieldError(save.error, 'name') && !fieldError(save.error, 'nameEn') ? save.error : null} />
        {save.isSuccess && (
          <Text size="sm" c="sen.8" role="status">
            {t('common.saved')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
