// The sync with the national portal (DVCQG) as administrators follow it.
import { api } from './client.ts';
import type { Schema } from './schemas.ts';

export type SyncView = 'open' | 'pending' | 'failing' | 'dead';
export type NationalSyncItem = Schema<'NationalSyncItem'>;
export type NationalSyncPage = Schema<'NationalSyncPage'>;

export const nationalSyncApi = {
  list: (query: { view: SyncView; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<NationalSyncPage>('/api/tthc/national-syncs', query, signal),
  retry: (id: number) => api.post<NationalSyncItem>(`/api/tthc/national-syncs/${id}/retry`),
};
