// Administration of the tthc catalogue: procedures, offerings, e-forms, process definitions and
// notice templates. Types come from the generated schema (openapi.json), calls go through the
// typed `openapi` client so that paths, parameters and bodies are checked at compile time.
import { api, ApiError, openapi } from './client.ts';
import type { paths, Schema } from './schemas.ts';

import type { Procedure } from './tthc.ts';

export type { Procedure, ProcedureVerification } from './tthc.ts';
export type ProcedureInput = Schema<'NewProcedure'>;
export type ProcedureQuery = paths['/api/tthc/procedures']['get']['parameters']['query'];
export type ProcedurePage = Schema<'ProcedurePage'>;
export type Fee = Schema<'FeeItem'>;
export type Part = Schema<'ProcedurePart'>;
export type LegalBasis = Schema<'LegalBasis'>;
export type Level = Procedure['level'];
export type ApplicantType = Procedure['applicantTypes'][number];
export type Method = Procedure['methods'][number];
export type ImportResult = Schema<'ImportResult'>;

export type Offering = Schema<'Offering'>;
export type OfferingInput = Schema<'NewOffering'>;
export type OfferingChanges = Schema<'OfferingPatch'>;
/** A dated fee schedule of an offering, with its id and offering. */
export type FeeSchedule = Schema<'FeeSchedule'>;
export type FeeScheduleInput = Schema<'FeeScheduleInput'>;

/** Forms and processes are both versioned documents listed the same way. */
export type VersionSummary = Schema<'VersionSummary'>;
export type FormVersion = Schema<'FormVersion'>;
export type FormCheck = Schema<'FormCheck'>;
export type ProcessView = Schema<'ProcessView'>;
export type ProcessGraph = Schema<'ProcessGraph'>;
export type GraphNode = ProcessGraph['nodes'][number];
export type GraphEdge = ProcessGraph['edges'][number];

export type NoticeTemplate = Schema<'NoticeTemplate'>;
export type NoticeEvent = NoticeTemplate['event'];
export type NoticeChannel = NoticeTemplate['channel'];
type NoticeParams = paths['/api/tthc/notice-templates/{event}/{channel}/{locale}']['put']['parameters']['path'];

/** A problem reported by the server, its location written like `fees[0].amountVnd`. */
export interface Issue {
  path: string;
  message: string;
  messageEn?: string;
  /** Import only: the CSV line (header = 1) or the 1-based position in the JSON array. */
  row?: number;
}

/** `body/fees/0/amountVnd` (schema checks) and `fees[0].amountVnd` (domain checks) read alike. */
export function normalisePath(raw: string): string {
  return raw
    .replace(/^(body|query|params)(\/|$)/, '')
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.');
}

/** Every problem of a failed request, whatever the shape its route reports them in. */
export function issuesOf(error: unknown): Issue[] {
  // `rawDetails`, not `details`: the latter keeps only `{ field, message }`, and the tthc editors
  // also need `row` (import), `path` (process) and `messageEn` (e-form) to place each problem.
  if (!(error instanceof ApiError) || !Array.isArray(error.rawDetails)) return [];
  return (error.rawDetails as unknown[]).flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const d = item as Record<string, unknown>;
    const location = typeof d.path === 'string' ? d.path : typeof d.field === 'string' ? d.field : undefined;
    if (location === undefined || typeof d.message !== 'string') return [];
    const missing = (d.params as { missingProperty?: unknown } | undefined)?.missingProperty;
    const path = normalisePath(typeof missing === 'string' ? `${location}/${missing}` : location);
    return [{ path, message: d.message, messageEn: typeof d.messageEn === 'string' ? d.messageEn : undefined, row: typeof d.row === 'number' ? d.row : undefined }];
  });
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or an ApiError with the platform's error body. */
async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, (error ?? {}) as ConstructorParameters<typeof ApiError>[1]);
}

// Revalidate (ETag → 304) rather than trust a cached copy: an editor must see their own saves.
const fresh = { cache: 'no-cache' } as const;

export const tthcAdminApi = {
  procedures: (query: ProcedureQuery, signal?: AbortSignal) =>
    unwrap(openapi.GET('/api/tthc/procedures', { params: { query }, signal, ...fresh })),
  procedure: (id: string) => unwrap(openapi.GET('/api/tthc/procedures/{id}', { params: { path: { id } }, ...fresh })),
  createProcedure: (body: ProcedureInput) => unwrap(openapi.POST('/api/tthc/procedures', { body })),
  /** `version` is the one the editor started from: a stale one is refused with 409. */
  updateProcedure: (id: string, version: number, body: ProcedureInput) =>
    unwrap(openapi.PATCH('/api/tthc/procedures/{id}', { params: { path: { id } }, body: { ...body, version } })),
  exportProcedures: (format: 'json' | 'csv') =>
    unwrap(openapi.GET('/api/tthc/procedures/export', { params: { query: { format } }, parseAs: 'blob', ...fresh })) as Promise<Blob>,
  importProcedures: (body: { csv: string } | { json: ProcedureInput[] }) => unwrap(openapi.POST('/api/tthc/procedures/import', { body })),

  offerings: (query: { procedureId?: string; agencyId?: string }) =>
    unwrap(openapi.GET('/api/tthc/offerings', { params: { query }, ...fresh })),
  createOffering: (body: OfferingInput) => unwrap(openapi.POST('/api/tthc/offerings', { body })),
  updateOffering: (id: string, body: OfferingChanges) => unwrap(openapi.PATCH('/api/tthc/offerings/{id}', { params: { path: { id } }, body })),
  feeSchedules: (offeringId: string) => api.get<Schema<'FeeScheduleList'>>(`/api/tthc/offerings/${encodeURIComponent(offeringId)}/fee-schedules`),
  /** The schedule from `validFrom` (YYYY-MM-DD): a new one, or a correction of that date's. */
  putFeeSchedule: (offeringId: string, validFrom: string, body: FeeScheduleInput) =>
    api.put<FeeSchedule>(`/api/tthc/offerings/${encodeURIComponent(offeringId)}/fee-schedules/${validFrom}`, body),

  forms: () => unwrap(openapi.GET('/api/tthc/forms', fresh)),
  form: (key: string, version: number) =>
    unwrap(openapi.GET('/api/tthc/forms/{key}/versions/{version}', { params: { path: { key, version } }, ...fresh })),
  saveFormDraft: (key: string, body: { title: string; schema: Record<string, unknown>; layout: Record<string, unknown> }) =>
    unwrap(openapi.PUT('/api/tthc/forms/{key}/draft', { params: { path: { key } }, body })),
  publishForm: (key: string, version: number) =>
    unwrap(openapi.POST('/api/tthc/forms/{key}/versions/{version}/publish', { params: { path: { key, version } } })),
  /** Checked against the newest published version of the form (the API has no draft check). */
  validateForm: (key: string, data: Record<string, unknown>) =>
    unwrap(openapi.POST('/api/tthc/forms/{key}/validate', { params: { path: { key } }, body: data })),

  processes: () => unwrap(openapi.GET('/api/tthc/processes', fresh)),
  process: (key: string, version: number) =>
    unwrap(openapi.GET('/api/tthc/processes/{key}', { params: { path: { key }, query: { version } }, ...fresh })),
  saveProcessDraft: (key: string, body: { name: string; definition: Record<string, unknown> }) =>
    unwrap(openapi.PUT('/api/tthc/processes/{key}/draft', { params: { path: { key } }, body })),
  publishProcess: (key: string, version: number) =>
    unwrap(openapi.POST('/api/tthc/processes/{key}/versions/{version}/publish', { params: { path: { key, version } } })),
  processBpmn: (key: string, version: number) =>
    unwrap(openapi.GET('/api/tthc/processes/{key}/versions/{version}/bpmn', { params: { path: { key, version } }, parseAs: 'blob', ...fresh })) as Promise<Blob>,

  noticeTemplates: () => unwrap(openapi.GET('/api/tthc/notice-templates', fresh)),
  updateNoticeTemplate: (template: NoticeTemplate, body: { subject: string; body: string }) =>
    unwrap(
      openapi.PUT('/api/tthc/notice-templates/{event}/{channel}/{locale}', {
        params: { path: { event: template.event, channel: template.channel, locale: template.locale as NoticeParams['locale'] } },
        body: { ...body, expectedVersion: template.version },
      }),
    ),
};

/** Saves a downloaded file under `name` (the browser's own download, no new window). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
