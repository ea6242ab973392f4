// Procedure module (tthc) API for the citizen portal and the one-stop workspace. Types come from
// the generated schema (openapi.json); only shapes the document leaves open (`applicant`,
// `supplement`, error details) are written here, after modules/tthc/dossier.types.ts.
import { ApiError, api, rawRequest, request } from './client.ts';
import type { paths } from './schema.d.ts';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type ProcedurePage = Json<'/api/tthc/procedures', 'get'>;
export type Procedure = Json<'/api/tthc/procedures/{id}', 'get'>;
export type ProcedurePart = Procedure['parts'][number];
export type Offering = Json<'/api/tthc/procedures/{id}/offerings', 'get'>['items'][number];
export type OfferingRow = Json<'/api/tthc/offerings', 'get'>['items'][number];
export type EForm = Json<'/api/tthc/forms/{key}', 'get'>;
export type FormCheck = Json<'/api/tthc/forms/{key}/validate', 'post'>;
export type Upload = Json<'/api/tthc/uploads', 'post', 201>;
export type Filed = Json<'/api/tthc/dossiers', 'post', 201>;
export type DossierPage = Json<'/api/tthc/dossiers', 'get'>;
export type DossierSummary = DossierPage['items'][number];
export type DossierStatus = DossierSummary['status'];
export type Channel = DossierSummary['channel'];
type DossierBody = Json<'/api/tthc/dossiers/{id}', 'get'>;
export type DossierEvent = Json<'/api/tthc/dossiers/{id}/history', 'get'>['items'][number];
export type Handover = Json<'/api/tthc/dossiers/{id}/control-sheet', 'get'>['items'][number];
export type PublicStatus = Json<'/api/tthc/lookup', 'get'>;
export type Draft = Json<'/api/tthc/drafts/{id}', 'get'>;
export type DraftInput = Body<'/api/tthc/drafts', 'post'>;
export type Notice = Json<'/api/tthc/notifications', 'get'>['items'][number];
export type OnlineFiling = Body<'/api/tthc/dossiers', 'post'>;
export type CounterFiling = Body<'/api/tthc/dossiers/counter', 'post'>;
export type Submission = OnlineFiling['submission'];
export type Applicant = Submission['applicant'];
/** One action on a dossier (the body of POST /dossiers/:id/actions, without expectedVersion). */
export type DossierCommand = Body<'/api/tthc/dossiers/{id}/actions', 'post'> extends infer C ? (C extends unknown ? Omit<C, 'expectedVersion'> : never) : never;
export type ActionName = DossierCommand['action'];
export type QueueName = NonNullable<paths['/api/tthc/dossiers']['get']['parameters']['query']>['queue'];
export type DocumentKind = paths['/api/tthc/dossiers/{id}/documents/{kind}']['get']['parameters']['path']['kind'];

export interface SupplementRequest {
  items: { partCode: string; reason: string }[];
  note: string | null;
  requestedAt: string;
  during: 'intake' | 'processing';
}

/** A dossier with the fields the document leaves untyped made precise. */
export interface Dossier extends Omit<DossierBody, 'applicant' | 'supplement' | 'formData'> {
  applicant: Applicant;
  supplement: SupplementRequest | null;
  formData: Record<string, Record<string, unknown>>;
}
export type AllowedStep = Dossier['allowed']['steps'][number];

export const QUEUES: readonly QueueName[] = ['to_receive', 'to_process', 'waiting_supplement', 'due_soon', 'overdue', 'ready_to_return', 'all'];

const enc = encodeURIComponent;
const json = (body: unknown, key?: string) => ({ body, headers: key ? { 'idempotency-key': key } : undefined });

export const tthcApi = {
  procedures: (query: { q?: string; fieldCode?: string; level?: 'province' | 'commune'; onlineOnly?: boolean; limit: number; offset: number }) =>
    api.get<ProcedurePage>('/api/tthc/procedures', query),
  procedure: (id: string) => api.get<Procedure>(`/api/tthc/procedures/${enc(id)}`),
  offerings: (procedureId: string) => api.get<{ items: Offering[] }>(`/api/tthc/procedures/${enc(procedureId)}/offerings`),
  /** Every offering: the only way from a draft's offering id back to its procedure. */
  allOfferings: () => api.get<{ items: OfferingRow[] }>('/api/tthc/offerings'),
  form: (key: string) => api.get<EForm>(`/api/tthc/forms/${enc(key)}`),
  checkForm: (key: string, data: Record<string, unknown>) => api.post<FormCheck>(`/api/tthc/forms/${enc(key)}/validate`, data),

  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<Upload>('/api/tthc/uploads', form);
  },

  fileOnline: (body: OnlineFiling, idempotencyKey: string) => request<Filed>('POST', '/api/tthc/dossiers', json(body, idempotencyKey)),
  fileAtCounter: (body: CounterFiling, idempotencyKey: string) => request<Filed>('POST', '/api/tthc/dossiers/counter', json(body, idempotencyKey)),

  queue: (query: { queue: QueueName; agencyId: string; q?: string; mine?: boolean; limit: number; offset: number }) => api.get<DossierPage>('/api/tthc/dossiers', query),
  mine: (query: { limit: number; offset: number }) => api.get<DossierPage>('/api/tthc/dossiers/mine', query),
  dossier: (id: string) => api.get<Dossier>(`/api/tthc/dossiers/${enc(id)}`),
  history: (id: string) => api.get<{ items: DossierEvent[] }>(`/api/tthc/dossiers/${enc(id)}/history`),
  assignees: (id: string, stepId: string) => api.get<{ items: { id: string; fullName: string }[] }>(`/api/tthc/dossiers/${enc(id)}/steps/${enc(stepId)}/assignees`),
  controlSheet: (id: string) => api.get<{ items: Handover[] }>(`/api/tthc/dossiers/${enc(id)}/control-sheet`),
  act: (id: string, command: DossierCommand, expectedVersion: number, idempotencyKey: string) =>
    request<Dossier>('POST', `/api/tthc/dossiers/${enc(id)}/actions`, json({ ...command, expectedVersion }, idempotencyKey)),
  fileContent: (id: string, fileId: string) => rawRequest('GET', `/api/tthc/dossiers/${enc(id)}/files/${enc(fileId)}`),
  document: (id: string, kind: DocumentKind) => rawRequest('GET', `/api/tthc/dossiers/${enc(id)}/documents/${kind}`),

  lookup: (code: string, secret: string) => api.get<PublicStatus>('/api/tthc/lookup', { code, secret }),

  drafts: () => api.get<{ items: Draft[] }>('/api/tthc/drafts'),
  draft: (id: string) => api.get<Draft>(`/api/tthc/drafts/${enc(id)}`),
  createDraft: (body: DraftInput) => api.post<Draft>('/api/tthc/drafts', body),
  updateDraft: (id: string, body: Omit<DraftInput, 'offeringId'> & { expectedVersion: number }) => api.put<Draft>(`/api/tthc/drafts/${enc(id)}`, body),
  deleteDraft: (id: string) => api.delete(`/api/tthc/drafts/${enc(id)}`),

  notifications: (limit: number) => api.get<{ items: Notice[] }>('/api/tthc/notifications', { limit }),
  markRead: (id: string) => api.post<void>(`/api/tthc/notifications/${enc(id)}/read`),
};

/** A fresh key for one attempt of a state change; a retry of the same attempt reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export interface FieldProblem {
  /** JSON Pointer into the part's form data (`/child/fullName`). */
  field: string;
  message: string;
  messageEn: string;
}

/** 422 dossier.form_invalid: field problems per dossier part. */
export function formProblems(error: unknown): Record<string, FieldProblem[]> {
  if (!(error instanceof ApiError) || error.code !== 'dossier.form_invalid') return {};
  const parts = (error.rawDetails as { parts?: { partCode: string; errors: FieldProblem[] }[] } | undefined)?.parts ?? [];
  return Object.fromEntries(parts.map((p) => [p.partCode, p.errors]));
}

/** 422 dossier.parts_missing: the required parts not supplied. */
export function missingParts(error: unknown): { partCode: string; name: string }[] {
  if (!(error instanceof ApiError) || error.code !== 'dossier.parts_missing') return [];
  return (error.rawDetails as { parts?: { partCode: string; name: string }[] } | undefined)?.parts ?? [];
}
