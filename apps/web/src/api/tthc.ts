// Procedure module (tthc) API for the citizen portal and the one-stop workspace. Types come from
// the generated schema (openapi.json); only shapes the document leaves open (`applicant`,
// `supplement`, error details) are written here, after modules/tthc/dossier/dossier.types.ts.
import { ApiError, api, rawRequest, request } from './client.ts';
import type { paths, Schema } from './schemas.ts';

export type ProcedurePage = Schema<'ProcedurePage'>;
/** `verification` is sent to administrators only (omitted for others). */
export type Procedure = Schema<'Procedure'>;
export type ProcedureVerification = Schema<'ProcedureVerification'>;
export type ProcedurePart = Schema<'ProcedurePart'>;
/** The form a paper part is handed in (modules/tthc/catalogue/procedure.types.ts). */
export type PartForm = NonNullable<ProcedurePart['requiredForm']>;
export type Offering = Schema<'OfferingWithAgency'>;
export type OfferingRow = Schema<'Offering'>;
export type EForm = Schema<'FormVersion'>;
export type FormCheck = Schema<'FormCheck'>;
export type Upload = Schema<'Upload'>;
export type Filed = Schema<'FiledDossier'>;
export type DossierPage = Schema<'DossierSummaryPage'>;
export type DossierSummary = Schema<'DossierSummary'>;
export type DossierStatus = DossierSummary['status'];
export type Channel = DossierSummary['channel'];
type DossierBody = Schema<'DossierView'>;
export type DossierEvent = Schema<'DossierEvent'>;
export type Handover = Schema<'Handover'>;
export type PublicStatus = Schema<'DossierPublicStatus'>;
export type Draft = Schema<'Draft'>;
export type DraftInput = Schema<'NewDraft'>;
export type Notice = Schema<'Notification'>;
export type OnlineFiling = Schema<'OnlineFiling'>;
export type PortalHome = Schema<'PortalHome'>;
export type CounterFiling = Schema<'CounterFiling'>;
export type Submission = Schema<'Submission'>;
export type Applicant = Schema<'Applicant'>;
/** One action on a dossier (the body of POST /dossiers/:id/actions, without expectedVersion). */
export type DossierCommand = Schema<'DossierCommand'> extends infer C ? (C extends unknown ? Omit<C, 'expectedVersion'> : never) : never;
export type AcceptCommand = Extract<DossierCommand, { action: 'accept' }>;
/** One line of the intake checklist sent with `accept` (modules/tthc/dossier/dossier.checklist.ts). */
export type ChecklistEntry = NonNullable<AcceptCommand['checklist']>[number];
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

/** The five satisfaction levels (the schema says integer 1 … 5). */
export type RatingScore = 1 | 2 | 3 | 4 | 5;
export type Rating = Schema<'DossierRating'>;
export type RatingState = Schema<'DossierRatingState'>;
export type RatingInput = Schema<'NewDossierRating'>;
export type RatingSummaryRow = Schema<'RatingSummaryRow'>;
/** What VNeID said about the signed-in citizen (GET /api/tthc/applicant-profile). */
export type ApplicantProfile = Schema<'ApplicantProfile'>;
/** A national database a form field can be prefilled from (once-only data). */
export type NationalSource = 'population' | 'business';
/** Values of an e-form's fields from the national databases through LGSP (POST /api/tthc/prefill). */
export type PrefillAnswer = Schema<'PrefillAnswer'>;
/** Which of a dossier's values came from which national database, when, and whether the applicant changed them. */
export type DossierProvenance = Schema<'DossierProvenance'>;
/** Longest comment the server keeps (MAX_RATING_COMMENT). */
export const MAX_RATING_COMMENT = 1000;

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
  /** The tracking register (Form 07) of a desk for a period, as PDF or Excel. */
  register: (deskAgencyId: string, query: { from: string; to: string; format: 'pdf' | 'xlsx' }) =>
    rawRequest('GET', `/api/tthc/desks/${enc(deskAgencyId)}/register`, { query }),

  lookup: (code: string, secret: string) => api.get<PublicStatus>('/api/tthc/lookup', { code, secret }),

  applicantProfile: () => api.get<ApplicantProfile>('/api/tthc/applicant-profile'),
  prefill: (formKey: string, personalId?: string) => api.post<PrefillAnswer>('/api/tthc/prefill', { formKey, ...(personalId ? { personalId } : {}) }),
  provenance: (id: string) => api.get<DossierProvenance>(`/api/tthc/dossiers/${enc(id)}/provenance`),
  rating: (id: string) => api.get<RatingState>(`/api/tthc/dossiers/${enc(id)}/rating`),
  rate: (id: string, input: RatingInput) => api.post<Rating>(`/api/tthc/dossiers/${enc(id)}/rating`, input),
  lookupRating: (code: string, secret: string) => api.get<Schema<'LookupRating'>>('/api/tthc/lookup/rating', { code, secret }),
  rateByLookup: (code: string, secret: string, input: RatingInput) => api.post<Rating>('/api/tthc/lookup/rating', { code, secret, ...input }),
  ratingSummary: (query: { agencyId: string; groupBy: 'agency' | 'procedure'; from?: string; to?: string }) =>
    api.get<Schema<'RatingSummary'>>('/api/tthc/ratings/summary', query),

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
