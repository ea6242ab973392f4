import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi } from '../api/catalog.ts';
import { foldedFilter } from './folded-filter.ts';

interface Props {
  id?: string;
  label?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  required?: boolean;
}

export function AgencyPicker({ id, label, value, onChange, error, required }: Props) {
  const { t } = useTranslation();
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies, staleTime: 5 * 60_000 });
  const data = useMemo(
    // A provisional code (`TAM.…`, placeholder) is for administrators' chart pages only; officers pick by name.
    () => (agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.code && !a.placeholder ? `${a.name} (${a.code})` : a.name })),
    [agencies.data],
  );
  return (
    <Select
      id={id}
      label={label ?? t('agencyPicker.label')}
      placeholder={agencies.isPending ? t('common.loading') : t('agencyPicker.placeholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      filter={foldedFilter}
      limit={50}
      nothingFoundMessage={t('common.noMatch')}
      required={required}
      error={error || (agencies.error ? (agencies.error as Error).message : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
