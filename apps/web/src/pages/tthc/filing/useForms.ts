import { useQueries, useQuery } from '@tanstack/react-query';
import { tthcApi, type EForm } from '../../../api/tthc.ts';

const FIVE_MINUTES = 5 * 60_000;

/** The published e-forms by key (cached: every step and the read-only view share them). */
export function useForms(keys: string[]): { forms: Map<string, EForm>; isPending: boolean; error: unknown } {
  const results = useQueries({
    queries: [...new Set(keys)].map((key) => ({ queryKey: ['tthc', 'form', key], queryFn: () => tthcApi.form(key), staleTime: FIVE_MINUTES })),
  });
  const forms = new Map<string, EForm>();
  for (const result of results) if (result.data) forms.set(result.data.key, result.data);
  return { forms, isPending: results.some((r) => r.isPending), error: results.find((r) => r.error)?.error ?? null };
}

export function useProcedure(id: string | undefined) {
  return useQuery({ queryKey: ['tthc', 'procedure', id], queryFn: () => tthcApi.procedure(id!), enabled: !!id, staleTime: FIVE_MINUTES });
}

export function useOfferings(procedureId: string | undefined) {
  return useQuery({ queryKey: ['tthc', 'offerings', procedureId], queryFn: () => tthcApi.offerings(procedureId!), enabled: !!procedureId, staleTime: FIVE_MINUTES });
}
