import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { catalogApi } from '../../../api/catalog.ts';

/** The procedure fields (lĩnh vực) code list, for filters and for naming a procedure's field. */
export function useProcedureFields() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['catalog', 'code-list', 'procedure-fields'],
    queryFn: () => catalogApi.read('procedure-fields', { limit: 200, offset: 0 }),
    staleTime: 30 * 60_000,
  });
  const items = query.data?.items ?? [];
  const name = (code: string) => {
    const item = items.find((i) => i.code === code);
    return item ? (i18n.language === 'en' && item.nameEn ? item.nameEn : item.name) : code;
  };
  return { items, name, isPending: query.isPending };
}
