// The e-data store (Kho quản lý dữ liệu điện tử) of modules/tthc/store: documents, reuse, share
// links, "who read my data", and the desk's certified digitisation.
import { api, rawRequest } from './client.ts';
import type { Schema } from './schemas.ts';

const enc = encodeURIComponent;

export type TrueCopyCertification = Schema<'TrueCopyCertification'>;
export type StoreDocument = Schema<'StoreDocument'>;
export type DigitisedPart = Schema<'DigitisedPart'>;
export type ReusedUpload = Schema<'ReusedUpload'>;
export type ShareInput = Schema<'ShareBody'>;
export type StoreShare = Schema<'StoreShare'>;
export type PersonalDataRead = Schema<'PersonalDataRead'>;

/** Where a share link leads in the web app (the token is shown once, when the link is made). */
export const sharePath = (token: string) => `/kho-du-lieu/chia-se/${token}`;

export const storeApi = {
  documents: () => api.get<{ items: StoreDocument[] }>('/api/tthc/store/documents'),
  file: (ref: string) => rawRequest('GET', `/api/tthc/store/documents/${enc(ref)}/file`),
  reuse: (ref: string) => api.post<ReusedUpload>(`/api/tthc/store/documents/${enc(ref)}/reuse`),
  share: (ref: string, input: ShareInput) => api.post<StoreShare & { token: string }>(`/api/tthc/store/documents/${enc(ref)}/shares`, input),
  shares: () => api.get<{ items: StoreShare[] }>('/api/tthc/store/shares'),
  revoke: (id: string) => api.delete(`/api/tthc/store/shares/${enc(id)}`),
  openShared: (token: string) => rawRequest('GET', `/api/tthc/store/shared/${enc(token)}`),
  accessLog: (query: { limit: number; offset: number }) =>
    api.get<{ items: PersonalDataRead[]; total: number; limit: number; offset: number }>('/api/tthc/store/access-log', query),
  digitised: (dossierId: string) => api.get<{ items: DigitisedPart[] }>(`/api/tthc/store/dossiers/${enc(dossierId)}/digitised`),
  digitise: (dossierId: string, input: { uploadId: string; partCode: string }) =>
    api.post<DigitisedPart>(`/api/tthc/store/dossiers/${enc(dossierId)}/digitised`, input),
};
