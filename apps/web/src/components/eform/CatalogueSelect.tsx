import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type CodeListItem } from '../../api/catalog.ts';
import { foldedFilter } from '../folded-filter.ts';

interface Props {
  id: string;
  /** Code of the shared code list (`x-catalog`), e.g. `ethnic-groups`. */
  list: string;
  label: string;
  description?: string | undefined;
  required: boolean;
  error?: string | undefined;
  value: string;
  onChange: (value: unknown) => void;
  /** Offer only the items this keeps (e.g. the communes of the administrative units, not the province). */
  only?: ((item: CodeListItem) => boolean) | undefined;
}

/**
 * An e-form field that picks from a shared code list (ethnic groups, nationalities, religions):
 * searchable without diacritics ("tay" finds "Tày"); the value is the item's code, shown by name.
 */
export function CatalogueSelect({ id, list, label, description, required, error, value, onChange, only }: Props) {
  const { t, i18n } = useTranslation();
  const items = useQuery({
    queryKey: ['catalog', 'code-list', list],
    queryFn: () => catalogApi.read(list, { limit: 1000, offset: 0 }),
    staleTime: 10 * 60_000,
  });
  const data = useMemo(
    () => (items.data?.items ?? []).filter((item) => !only || only(item)).map((item) => ({ value: item.code, label: (i18n.language === 'en' && item.nameEn) || item.name })),
    [items.data, i18n.language, only],
  );
  return (
    <Select
      id={id}
      label={label}
      description={description}
      required={required}
      placeholder={items.isPending ? t('common.loading') : t('tthc.eform.choose')}
      data={data}
      value={value || null}
      onChange={(code) => onChange(code ?? undefined)}
      searchable
      clearable={!required}
      filter={foldedFilter}
      limit={80}
      nothingFoundMessage={t('common.noMatch')}
      error={error || (items.error ? (items.error as Error).message : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
