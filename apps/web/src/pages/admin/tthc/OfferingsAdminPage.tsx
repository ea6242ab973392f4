import { Card, Select, SimpleGrid, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi } from '../../../api/tthc-admin.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { adminKeys } from './lookups.ts';
import { OfferingsPanel } from './OfferingsPanel.tsx';

/** Offerings (where and how each procedure is received): choose a procedure, optionally an agency. */
export function OfferingsAdminPage() {
  const { t } = useTranslation();
  const [procedureId, setProcedureId] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('tthcAdmin.offerings.title')} description={t('tthcAdmin.offerings.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <ProcedurePicker value={procedureId} onChange={setProcedureId} />
        <AgencyPicker label={t('tthcAdmin.offerings.agencyFilter')} value={agencyId} onChange={setAgencyId} />
      </SimpleGrid>
      <Card withBorder>
        {procedureId ? (
          <OfferingsPanel key={procedureId} procedureId={procedureId} agencyId={agencyId} />
        ) : (
          <Text c="dimmed" size="sm">
            {t('tthcAdmin.offerings.choose')}
          </Text>
        )}
      </Card>
    </>
  );
}

/** A procedure chosen by searching the catalogue on the server (code or name, with or without diacritics). */
function ProcedurePicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const query = useQuery({
    queryKey: [...adminKeys.procedures, 'picker', q],
    queryFn: ({ signal }) => tthcAdminApi.procedures({ q: q || undefined, includeInactive: true, limit: 30, offset: 0 }, signal),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    const options = (query.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.nationalCode} — ${p.name}` }));
    // Keep the chosen one listed while a new search runs, or the box would show its id.
    return chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  }, [query.data, chosen]);
  return (
    <Select
      label={t('tthcAdmin.offerings.procedure')}
      description={t('tthcAdmin.procedures.searchHint')}
      placeholder={t('tthcAdmin.offerings.procedurePlaceholder')}
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already searched (diacritic-insensitively); do not filter its answer again.
      filter={({ options }) => options}
      clearable
      nothingFoundMessage={query.isFetching ? t('common.loading') : t('common.noMatch')}
      error={query.error ? (query.error as Error).message : undefined}
    />
  );
}
