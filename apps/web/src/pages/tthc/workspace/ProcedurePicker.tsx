import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';

/** Choose a procedure by code or name (diacritics optional); the server searches, so every procedure is reachable. */
export function ProcedurePicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const results = useQuery({
    queryKey: ['tthc', 'procedures', 'picker', q],
    queryFn: () => tthcApi.procedures({ q: q || undefined, limit: 30, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const options = (results.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.nationalCode})` }));
  // Keep the chosen one listed while the search text moves on.
  const data = picked && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      id="counter-procedure"
      label={t('tthc.counter.procedure')}
      placeholder={t('tthc.counter.procedurePlaceholder')}
      required
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id, option) => {
        setPicked(option ?? null);
        onChange(id);
      }}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.noMatch')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
