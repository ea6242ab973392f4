// Reference data the tthc editors pick from, fetched once and shared through the query cache.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi } from '../../../api/catalog.ts';
import { tthcAdminApi } from '../../../api/tthc-admin.ts';

export interface Option {
  value: string;
  label: string;
}

/** Query keys of this area; a save invalidates its own kind only. */
export const adminKeys = {
  procedures: ['tthc', 'admin', 'procedures'] as const,
  offerings: ['tthc', 'admin', 'offerings'] as const,
  forms: ['tthc', 'admin', 'forms'] as const,
  processes: ['tthc', 'admin', 'processes'] as const,
  notices: ['tthc', 'admin', 'notice-templates'] as const,
};

const FIVE_MINUTES = 5 * 60_000;

/** Fields of procedures (lĩnh vực), the `procedure-fields` code list in force today. */
export function useFieldOptions() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['catalog', 'code-lists', 'procedure-fields', 'all'],
    queryFn: () => catalogApi.read('procedure-fields', { limit: 1000, offset: 0 }),
    staleTime: FIVE_MINUTES,
  });
  const options = useMemo<Option[]>(
    () => (query.data?.items ?? []).map((item) => ({ value: item.code, label: `${(i18n.language === 'en' && item.nameEn) || item.name} (${item.code})` })),
    [query.data, i18n.language],
  );
  return { options, isPending: query.isPending, error: query.error };
}

/** E-forms a document part may be filled in with. */
export function useFormOptions() {
  const query = useQuery({ queryKey: adminKeys.forms, queryFn: tthcAdminApi.forms, staleTime: FIVE_MINUTES });
  return useMemo<Option[]>(() => (query.data?.items ?? []).map((f) => ({ value: f.key, label: `${f.title} (${f.key})` })), [query.data]);
}

/** Processes an offering may follow: only those with a published version (the API insists). */
export function useProcessOptions() {
  const query = useQuery({ queryKey: adminKeys.processes, queryFn: tthcAdminApi.processes, staleTime: FIVE_MINUTES });
  return useMemo<Option[]>(
    () => (query.data?.items ?? []).filter((p) => p.publishedVersion !== null).map((p) => ({ value: p.key, label: `${p.title} (${p.key})` })),
    [query.data],
  );
}

/** Agency names by id (offerings carry ids only). */
/**
 * What `{agencyCode}` becomes in a dossier code (mirrors modules/tthc/dossier/dossier.code.ts): the
 * agency's code once official; while provisional, the official code of the commune or ward it
 * governs, from the administrative-units list (extra.agencyCode).
 */
export function useDossierAgencyCode(agency: { code: string; placeholder: boolean } | undefined): string | undefined {
  const units = useQuery({
    queryKey: ['catalog', 'code-list', 'administrative-units'],
    queryFn: () => catalogApi.read('administrative-units', { limit: 1000, offset: 0 }),
    staleTime: FIVE_MINUTES,
    enabled: !!agency?.placeholder,
  });
  if (!agency) return undefined;
  if (!agency.placeholder) return agency.code;
  return units.data?.items.find((i) => i.extra?.['agencyCode'] === agency.code)?.code ?? agency.code;
}

export function useAgencyNames() {
  const query = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies, staleTime: FIVE_MINUTES });
  return useMemo(() => new Map((query.data?.items ?? []).map((a) => [a.id, a])), [query.data]);
}
