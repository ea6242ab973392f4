import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { foldVietnamese, newId, queryRows, sha256Hex, unprocessable, vietnamDate, type Tx } from '../../../packages/platform/index.ts';
import { DEFAULT_CODE_PATTERN, dossierAgencyCode, nextCodeCtes } from './dossier.code.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { STATUS_INFO } from './dossier.status.ts';
import type { Applicant, Channel, Dossier } from './dossier.types.ts';
import { validateEForm, type FieldError } from '../catalogue/form.validation.ts';
import type { OfferingContext } from '../catalogue/procedure.types.ts';
import { recordNationalSync } from '../national-sync/national-sync.outbox.ts';


/**
 * Creating a dossier, whatever the channel: online by the applicant, at the counter by an
 * official, or pushed from the national portal. Checks and reads come first (prepareDossier);
 * then one transaction allocates the code, stores the dossier, moves its uploaded files in and
 * records the first event (insertDossier).
 */
export interface Submission {
  applicant: Applicant;
  /** E-form data per dossier part code. */
  formData: Record<string, Record<string, unknown>>;
  /** Uploaded files (from `POST /uploads`) per dossier part. */
  files: { uploadId: string; partCode: string }[];
  /** Once-only data: the prefill answer (`POST /prefill`) each e-form part was filled from, kept with the dossier as provenance. */
  prefills?: Record<string, string> | undefined;
}

export interface NewDossier {
  context: OfferingContext;
  channel: Channel;
  submission: Submission;
  applicantSubject: string | null;
  actor: { id: string; name: string };
  externalCode?: string | undefined;
  /** The receiving desk when not the offering's (a service centre receiving any procedure); the offering decides. */
  deskAgencyId?: string | undefined;
}

/**
 * Look-up secrets: 10 characters of Crockford base32 (50 bits) derived with HMAC from the
 * platform's look-up key and the dossier id, so a receipt can be reprinted with the same
 * secret while the database holds only its hash (OpenCPS kept a 4-digit PIN in clear).
 */
const SECRET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function lookupSecret(lookupKey: string, dossierId: string): string {
  const digest = createHmac('sha256', lookupKey).update(`dossier-lookup:${dossierId}`).digest();
  return Array.from({ length: 10 }, (_, i) => SECRET_ALPHABET[digest[i]! % 32]).join('');
}
export const lookupSecretHash = (dossierId: string, secret: string): string => sha256Hex(`${dossierId}:${secret.toUpperCase().replace(/[\s-]/g, '')}`);

/**
 * Checks the parts: e-forms against their schemas, no unknown part and (with `requireAll`) every
 * required part present. Not strict for national-portal pushes (the portal checked its own form);
 * a supplement checks what it brings without requiring everything again.
 */
export async function checkParts(deps: DossierDeps, context: OfferingContext, submission: Pick<Submission, 'formData' | 'files'>, strict: boolean, requireAll = strict): Promise<void> {
  const parts = new Map(context.procedure.parts.map((p) => [p.code, p]));
  const unknown = [...Object.keys(submission.formData), ...submission.files.map((f) => f.partCode)].filter((code) => !parts.has(code));
  if (unknown.length > 0 && strict) {
    throw unprocessable('dossier.unknown_part', 'Thành phần hồ sơ không thuộc thủ tục này / Unknown dossier part', { parts: [...new Set(unknown)] });
  }
  const formErrors: { partCode: string; errors: FieldError[] }[] = [];
  for (const [code, data] of Object.entries(submission.formData)) {
    const formKey = parts.get(code)?.formKey;
    if (!formKey) continue;
    const form = await deps.procedures.publishedForm(formKey);
    if (!form) continue;
    const errors = await validateEForm(form.schema, data, deps.procedures.catalogueCodes);
    if (errors.length > 0) formErrors.push({ partCode: code, errors });
  }
  if (formErrors.length > 0) {
    throw unprocessable('dossier.form_invalid', 'Dữ liệu biểu mẫu chưa hợp lệ / The e-form data is invalid', { parts: formErrors });
  }
  if (!requireAll) return;
  const missing = context.procedure.parts
    .filter((p) => p.required && !(p.code in submission.formData) && !submission.files.some((f) => f.partCode === p.code))
    .map((p) => ({ partCode: p.code, name: p.name }));
  if (missing.length > 0) {
    throw unprocessable('dossier.parts_missing', 'Hồ sơ còn thiếu thành phần bắt buộc / Required parts are missing', { parts: missing });
  }
}

/** A dossier about to be filed: everything read and checked, nothing written yet. */
export interface PreparedDossier {
  input: NewDossier;
  id: string;
  agencyCode: string;
  submittedAt: Date;
  /** What the dossier will look like once inserted (before its code is allocated), for planning an immediate accept. */
  draft: Dossier;
}

/** Reads and checks outside the transaction (forms, agency): the embedded database has one connection. */
export async function prepareDossier(deps: DossierDeps, input: NewDossier): Promise<PreparedDossier> {
  const { context, submission } = input;
  await checkParts(deps, context, submission, input.channel !== 'dvcqg');
  const agency = await deps.catalog.getAgency(context.offering.agencyId);
  const id = newId();
  const submittedAt = deps.now();
  const { offering, procedure, process } = context;
  const deskAgencyId = input.deskAgencyId ?? offering.deskAgencyId;
  const draft: Dossier = {
    id, code: '', agencyId: offering.agencyId, deskAgencyId, procedureId: procedure.id, procedureCode: procedure.nationalCode,
    procedureName: procedure.name, offeringId: offering.id, process: { key: process.key, version: process.version }, channel: input.channel,
    status: 'submitted', statusLabel: '', nationalStatus: 1, activeSteps: [], applicant: submission.applicant, applicantSubject: input.applicantSubject,
    agencyScope: [...new Set([offering.agencyId, deskAgencyId])], formData: submission.formData, flags: {},
    submittedAt: submittedAt.toISOString(), receivedAt: null, dueDate: null, originalDueDate: null, clockStoppedAt: null, apologised: false,
    result: null, finishedAt: null, externalCode: input.externalCode ?? null, supplement: null, version: 1,
    // The files it will hold once inserted (their details are read then), so an immediate accept sees which parts came.
    files: submission.files.map((f) => ({ id: f.uploadId, partCode: f.partCode, kind: 'input', fileName: '', contentType: '', size: 0, uploadedAt: submittedAt.toISOString() })),
  };
  return { input, id, agencyCode: await dossierAgencyCode(deps.catalog, agency), submittedAt, draft };
}

/**
 * Writes a prepared dossier in the caller's transaction, in one statement: the code, the row,
 * the uploaded files moved in, the first event. One round trip keeps filing fast and holds the
 * desk's code counter for the shortest time.
 */
export async function insertDossier(deps: DossierDeps, tx: Tx, prepared: PreparedDossier): Promise<Dossier> {
  const { input, id, draft } = prepared;
  const { context, submission } = input;
  const owner = input.actor.id;
  const codeContext = { agencyCode: prepared.agencyCode, procedureCode: context.procedure.nationalCode, date: vietnamDate(prepared.submittedAt) };
  const searchRest = foldVietnamese([submission.applicant.fullName, submission.applicant.organisationName ?? '', submission.applicant.enterpriseCode ?? '', context.procedure.name].join(' '));
  const uploads = submission.files.length === 0 ? sql`` : sql`,
    wanted (upload_id, part_code) as (values ${sql.join(submission.files.map((f) => sql`(${f.uploadId}::uuid, ${f.partCode}::text)`), sql`, `)}),
    taken as (delete from tthc.uploads u using wanted w where u.id = w.upload_id and u.owner = ${owner}
      returning u.id, w.part_code, u.blob_key, u.file_name, u.content_type, u.size, u.store_document_id),
    moved as (insert into tthc.dossier_files (id, dossier_id, part_code, kind, blob_key, file_name, content_type, size, uploaded_by, uploaded_at, store_document_id)
      select gen_random_uuid(), d.id, t.part_code, 'input', t.blob_key, t.file_name, t.content_type, t.size, ${owner}, ${prepared.submittedAt.toISOString()}::timestamptz, t.store_document_id
      from d, taken t returning id, part_code, kind, file_name, content_type, size, uploaded_at, store_document_id)`;
  const rows = await queryRows<{ code: string; files: { id: string; part_code: string; kind: 'input'; file_name: string; content_type: string; size: number; uploaded_at: string; store_document_id: string | null }[] }>(tx, sql`
    with ${nextCodeCtes(context.offering.codePattern ?? DEFAULT_CODE_PATTERN, codeContext)},
    d as (
      insert into tthc.dossiers (id, code, agency_id, desk_agency_id, procedure_id, offering_id, process_key, process_version, channel, status,
        agency_scope, applicant, applicant_subject, form_data, flags, submitted_at, lookup_secret_hash, external_code, search)
      select ${id}::uuid, code.code, ${draft.agencyId}::uuid, ${draft.deskAgencyId}::uuid, ${draft.procedureId}::uuid, ${draft.offeringId}::uuid,
        ${draft.process.key}, ${draft.process.version}::int, ${input.channel}, 'submitted', ${JSON.stringify(draft.agencyScope)}::jsonb,
        ${JSON.stringify(submission.applicant)}::jsonb, ${input.applicantSubject}, ${JSON.stringify(submission.formData)}::jsonb, '{}'::jsonb,
        ${prepared.submittedAt.toISOString()}::timestamptz, ${lookupSecretHash(id, lookupSecret(deps.lookupKey, id))}, ${input.externalCode ?? null},
        public.sen_fold(code.code) || ' ' || ${searchRest}
      from code returning id, code),
    event as (
      insert into tthc.dossier_events (dossier_id, at, actor, actor_name, action, from_status, to_status, note, visible_to_applicant, details)
      select d.id, ${prepared.submittedAt.toISOString()}::timestamptz, ${owner}, ${input.actor.name}, 'submit', null, 'submitted', null, true,
        ${JSON.stringify({ channel: input.channel, externalCode: input.externalCode ?? null })}::jsonb
      from d returning id)${uploads}
    select d.code, ${submission.files.length === 0 ? sql`'[]'::json` : sql`(select coalesce(json_agg(moved), '[]'::json) from moved)`} as files from d`);
  const row = rows[0]!;
  if (row.files.length !== submission.files.length) {
    throw unprocessable('dossier.upload_not_found', 'Tệp đính kèm không tồn tại hoặc đã được dùng / Unknown or already used upload');
  }
  await recordNationalSync(tx, { dossierId: id, action: 'submit', from: null, to: 'submitted', at: prepared.submittedAt });
  const files = row.files.map((f) => ({
    id: f.id, partCode: f.part_code, kind: f.kind, fileName: f.file_name, contentType: f.content_type, size: f.size, uploadedAt: new Date(f.uploaded_at).toISOString(),
    ...(f.store_document_id ? { storeDocumentId: f.store_document_id } : {}),
  }));
  const dossier = { ...draft, code: row.code, statusLabel: STATUS_INFO.submitted.vi, files };
  await deps.changes.record(tx, dossier);
  return dossier;
}
