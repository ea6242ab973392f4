// The e-data store (Kho quản lý dữ liệu điện tử) of modules/tthc/store: documents, reuse, share
// links, "who read my data", and the desk's certified digitisation. The generated schema does not
// have these yet: the shapes below follow modules/tthc/store/store.schemas.ts.
import { api, rawRequest } from './client.ts';

const enc = encodeURIComponent;

// TODO(lead): Schema<'TrueCopyCertification'>
export interface TrueCopyCertification {
  certifiedByName: string;
  agencyName: string;
  certifiedAt: string;
  sha256: string;
  valid: boolean;
  problem: 'mark_invalid' | 'bytes_changed' | 'file_missing' | null;
}

// TODO(lead): Schema<'StoreDocument'>
export interface StoreDocument {
  id: string;
  source: 'digitised' | 'result';
  holderKind: 'person' | 'organisation';
  holder: string;
  title: string;
  fileName: string;
  contentType: string;
  at: string;
  certification: TrueCopyCertification | null;
  result: { code: string; number: string; status: string; agencyName: string; validUntil: string | null } | null;
}

// TODO(lead): Schema<'DigitisedPart'>
export interface DigitisedPart extends StoreDocument {
  partCode: string | null;
  dossierFileId: string | null;
}

// TODO(lead): Schema<'ReusedUpload'>
export interface ReusedUpload {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  storeDocumentId: string;
}

// TODO(lead): Schema<'ShareBody'>
export interface ShareInput {
  recipient: { kind: 'person'; personalId: string } | { kind: 'agency'; agencyCode: string };
  hours: number;
}

// TODO(lead): Schema<'StoreShare'>
export interface StoreShare {
  id: string;
  documentId: string;
  documentTitle: string;
  recipientKind: 'person' | 'agency';
  recipientLabel: string;
  createdAt: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  lastUsedAt: string | null;
}

// TODO(lead): Schema<'PersonalDataRead'>
export interface PersonalDataRead {
  at: string;
  readerName: string;
  readerKind: 'official' | 'system' | 'person';
  agencyName: string | null;
  what: string;
  purpose: string;
  subject: string;
  subjectKind: 'person' | 'organisation';
}

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
