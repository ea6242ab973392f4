// The sync with the national portal (DVCQG) as administrators follow it. The routes are new in
// this round: the types are written here by hand until openapi.json is regenerated.
import { api } from './client.ts';

export type SyncView = 'open' | 'pending' | 'failing' | 'dead';

export interface NationalSyncItem {
  id: number;
  dossierId: string;
  dossierCode: string;
  seq: number;
  action: string;
  nationalStatus: number;
  statusAt: string;
  state: 'pending' | 'failing' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface NationalSyncPage {
  items: NationalSyncItem[];
  total: number;
  limit: number;
  offset: number;
  counts: { pending: number; failing: number; dead: number };
}

export const nationalSyncApi = {
  list: (query: { view: SyncView; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<NationalSyncPage>('/api/tthc/national-syncs', query, signal),
  retry: (id: number) => api.post<NationalSyncItem>(`/api/tthc/national-syncs/${id}/retry`),
};
