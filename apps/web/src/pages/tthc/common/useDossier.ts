import { useQuery } from '@tanstack/react-query';
import { tthcApi } from '../../../api/tthc.ts';

/** Query keys: everything about one dossier sits under ['tthc', 'dossier', id] so one invalidation refreshes it all. */
export function useDossier(id: string) {
  return useQuery({ queryKey: ['tthc', 'dossier', id], queryFn: () => tthcApi.dossier(id), staleTime: 0 });
}

export function useHistory(id: string) {
  return useQuery({ queryKey: ['tthc', 'dossier', id, 'history'], queryFn: () => tthcApi.history(id), staleTime: 0 });
}

export function useControlSheet(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['tthc', 'dossier', id, 'control-sheet'], queryFn: () => tthcApi.controlSheet(id), enabled, staleTime: 0 });
}
