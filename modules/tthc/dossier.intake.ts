import { createHmac } from 'node:crypto';
import { newId, sha256Hex, unprocessable, vietnamDate, type Tx } from '../../packages/platform/index.ts';
import { allocateCode, DEFAULT_CODE_PATTERN } from './dossier.code.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { dossierRepository, dossierSearchText } from './dossier.repository.ts';
import type { Applicant, Channel, Dossier } from './dossier.types.ts';
import { validateFormData, type FieldError } from './form.validation.ts';
import type { OfferingContext } from './procedure.types.ts';
import { uploadRepository } from './upload.repository.ts';


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
}

export interface NewDossier {
  context: OfferingContext;
  channel: Channel;
  submission: Submission;
  applicantSubject: string | null;
  actor: { id: string; name: string };
  externalCode?: string | undefined;
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

/** Checks the parts: e-forms against their schemas, required parts present, no unknown part. Strict except for national-portal pushes. */
async function checkParts(deps: DossierDeps, context: OfferingContext, submission: Submission, strict: boolean): Promise<void> {
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
    const errors = validateFormData(form.schema, data);
    if (errors.length > 0) formErrors.push({ partCode: code, errors });
  }
  if (formErrors.length > 0) {
    throw unprocessable('dossier.form_invalid', 'Dữ liệu biểu mẫu chưa hợp lệ / The e-form data is invalid', { parts: formErrors });
  }
  if (!strict) return;
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
  const draft: Dossier = {
    id, code: '', agencyId: offering.agencyId, deskAgencyId: offering.deskAgencyId, procedureId: procedure.id, procedureCode: procedure.nationalCode,
    procedureName: procedure.name, offeringId: offering.id, process: { key: process.key, version: process.version }, channel: input.channel,
    status: 'submitted', statusLabel: '', nationalStatus: 1, activeSteps: [], applicant: submission.applicant, applicantSubject: input.applicantSubject,
    agencyScope: [...new Set([offering.agencyId, offering.deskAgencyId])], formData: submission.formData, flags: {},
    submittedAt: submittedAt.toISOString(), receivedAt: null, dueDate: null, originalDueDate: null, clockStoppedAt: null, apologised: false,
    result: null, finishedAt: null, externalCode: input.externalCode ?? null, supplement: null, files: [], version: 1,
  };
  return { input, id, agencyCode: agency.code, submittedAt, draft };
}

/** Writes a prepared dossier in the caller's transaction: code, row, files, first event. */
export async function insertDossier(deps: DossierDeps, tx: Tx, prepared: PreparedDossier): Promise<Dossier> {
  const { input, id, draft } = prepared;
  const { context, submission } = input;
  const code = await allocateCode(tx, context.offering.codePattern ?? DEFAULT_CODE_PATTERN, {
    agencyCode: prepared.agencyCode, procedureCode: context.procedure.nationalCode, date: vietnamDate(prepared.submittedAt),
  });
  await dossierRepository.insert(tx, {
    id, code, agencyId: draft.agencyId, deskAgencyId: draft.deskAgencyId, procedureId: draft.procedureId, offeringId: draft.offeringId,
    processKey: draft.process.key, processVersion: draft.process.version, channel: input.channel, status: 'submitted', agencyScope: draft.agencyScope,
    applicant: submission.applicant, applicantSubject: input.applicantSubject, formData: submission.formData, flags: {},
    submittedAt: prepared.submittedAt, lookupSecretHash: lookupSecretHash(id, lookupSecret(deps.lookupKey, id)), externalCode: input.externalCode ?? null,
    search: dossierSearchText(code, submission.applicant, context.procedure.name),
  });
  const uploads = await uploadRepository.take(tx, submission.files.map((f) => f.uploadId), input.actor.id);
  await dossierRepository.addFiles(tx, id, submission.files.map((f) => {
    const upload = uploads.get(f.uploadId)!;
    return { id: newId(), partCode: f.partCode, kind: 'input', blobKey: upload.blobKey, fileName: upload.fileName, contentType: upload.contentType, size: upload.size, uploadedBy: input.actor.id };
  }));
  await dossierRepository.addEvent(tx, id, {
    actor: input.actor.id, actorName: input.actor.name, action: 'submit', fromStatus: null, toStatus: 'submitted',
    note: null, visibleToApplicant: true, details: { channel: input.channel, externalCode: input.externalCode ?? null },
  });
  return (await dossierRepository.load(tx, id))!;
}
