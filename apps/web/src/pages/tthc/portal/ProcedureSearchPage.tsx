import { Anchor, Badge, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi, type ProcedurePage } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { Pager } from '../../../components/Pager.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { processingTime } from './procedureText.ts';
import { useProcedureFields } from './useProcedureFields.ts';

const PAGE_SIZE = 10;

interface Filters {
  q?: string;
  field?: string;
  level?: string;
  online?: boolean;
  page?: number;
}

/** /services — the procedures citizens can look up and file; filters live in the address so "back" keeps them. */
export function ProcedureSearchPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const navigate = useNavigate();
  const filters = useSearch({ strict: false }) as Filters;
  const [text, setText] = useState(String(filters.q ?? ''));
  const [q] = useDebouncedValue(text.trim(), 300);
  const fields = useProcedureFields();
  const page = Number(filters.page ?? 1);
  const level = filters.level === 'province' || filters.level === 'commune' ? filters.level : undefined;
  const set = (patch: Filters) => void navigate({ to: '.', search: { ...filters, page: undefined, ...patch }, replace: true });
  // The debounced text goes to the address (and back to page 1) once typing pauses; only then.
  useEffect(() => {
    if (String(filters.q ?? '') !== q) set({ q: q || undefined });
  }, [q]);

  const query = useQuery({
    queryKey: ['tthc', 'procedures', q, filters.field, level, filters.online, page],
    queryFn: () =>
      tthcApi.procedures({ q: q || undefined, fieldCode: filters.field || undefined, level, onlineOnly: filters.online || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('tthc.search.title')} description={t('tthc.search.description')} />
      <Card withBorder mb="md" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
        <Stack gap="sm">
          <TextInput
            id="procedure-search"
            label={t('tthc.search.label')}
            description={t('tthc.search.hint')}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} verticalSpacing="xs">
            <NativeSelect
              label={t('tthc.search.field')}
              value={filters.field ?? ''}
              data={[{ value: '', label: t('tthc.search.allFields') }, ...fields.items.map((f) => ({ value: f.code, label: fields.name(f.code) }))]}
              onChange={(e) => set({ field: e.currentTarget.value || undefined })}
            />
            <NativeSelect
              label={t('tthc.search.level')}
              value={level ?? ''}
              data={[
                { value: '', label: t('tthc.search.allLevels') },
                { value: 'province', label: t('tthc.level.province') },
                { value: 'commune', label: t('tthc.level.commune') },
              ]}
              onChange={(e) => set({ level: e.currentTarget.value || undefined })}
            />
            <Checkbox mt={{ sm: 30 }} label={t('tthc.search.onlineOnly')} checked={!!filters.online} onChange={(e) => set({ online: e.currentTarget.checked || undefined })} />
          </SimpleGrid>
        </Stack>
      </Card>
      <QueryState isPending={query.isPending} error={localised(query.error)} isEmpty={items.length === 0} emptyText={t('tthc.search.empty')}>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('tthc.search.results')}>
          {items.map((procedure) => (
            <ProcedureCard key={procedure.id} procedure={procedure} fieldName={fields.name(procedure.fieldCode)} />
          ))}
        </Stack>
        <Pager total={query.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={(p) => set({ page: p })} />
      </QueryState>
    </>
  );
}

function ProcedureCard({ procedure, fieldName }: { procedure: ProcedurePage['items'][number]; fieldName: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="li" padding="md">
      <Anchor component={Link} to={`/services/${procedure.id}`} fw={600}>
        {procedure.name}
      </Anchor>
      <Group gap="xs" mt={6}>
        {procedure.nationalCode && <Text size="xs" c="dimmed">{t('tthc.procedure.code')}: {procedure.nationalCode}</Text>}
        <Badge variant="outline" size="sm" tt="none">{t(`tthc.level.${procedure.level}`)}</Badge>
        <Badge variant="light" color="gray" size="sm" tt="none">{fieldName}</Badge>
        {procedure.methods.includes('online') && <Badge variant="light" size="sm" tt="none">{t('tthc.procedure.onlineBadge')}</Badge>}
        {procedure.fullyOnline && <Badge color="lotus" size="sm" tt="none">{t('tthc.procedure.fullyOnline')}</Badge>}
        <Text size="xs" c="dimmed">{processingTime(procedure.processingDays, t)}</Text>
      </Group>
    </Card>
  );
}
