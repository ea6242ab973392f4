// Results registry API (modules/signing, /api/results). Types come from the generated schema.
import { api, rawRequest } from './client.ts';
import type { Schema } from './schemas.ts';

export type RegisteredResult = Schema<'RegisteredResult'>;
export type RegisteredResultDetail = Schema<'RegisteredResultDetail'>;
export type ResultVerification = Schema<'ResultVerification'>;
export type ResultStatusChange = Schema<'ResultStatusChange'>;
export type ResultKind = RegisteredResult['kind'];
export type ResultStatus = RegisteredResult['status'];

export const RESULT_KINDS: readonly ResultKind[] = ['licence', 'certificate', 'decision', 'other'];
export const RESULT_STATUSES: readonly ResultStatus[] = ['valid', 'amended', 'replaced', 'revoked', 'expired'];
/** The changes an official may make from each status (the server decides; this only offers them). */
export const NEXT_STATUSES: Record<ResultStatus, readonly ResultStatusChange['status'][]> = {
  valid: ['amended', 'replaced', 'revoked', 'expired'],
  amended: ['replaced', 'revoked', 'expired'],
  replaced: [],
  revoked: [],
  expired: [],
};

export interface ResultSearch {
  q?: string | undefined;
  kind?: ResultKind | undefined;
  status?: ResultStatus | undefined;
  limit: number;
  offset: number;
}

export const resultsApi = {
  search: (query: ResultSearch) => api.get<Schema<'RegisteredResultPage'>>('/api/results', { ...query }),
  get: (code: string) => api.get<RegisteredResultDetail>(`/api/results/${code}`),
  verify: (code: string) => api.get<ResultVerification>(`/api/results/${code}/verification`),
  file: (code: string) => rawRequest('GET', `/api/results/${code}/file`),
  changeStatus: (code: string, change: ResultStatusChange) => api.post<RegisteredResult>(`/api/results/${code}/status`, change),
};
