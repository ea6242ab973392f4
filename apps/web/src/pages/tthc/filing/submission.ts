import type { EForm, ProcedurePart, Submission } from '../../../api/tthc.ts';
import { formProblems } from '../../../api/tthc.ts';
import { hasAnyValue, initialValue, pruneForm, type FieldErrors, type FieldSchema, type FormValue } from '../../../components/eform/schema.ts';

/** A file uploaded for a dossier part (the upload is only claimed by the dossier on submit). */
export interface AttachedFile {
  uploadId: string;
  partCode: string;
  fileName: string;
  size?: number;
  /** Reused from the e-data store instead of uploaded (shown as such). */
  fromStore?: boolean;
}

/** Form data per part code, as typed. */
export type PartValues = Record<string, FormValue>;

/** What the API accepts (modules/tthc/dossier/upload.service.ts). */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const formParts = (parts: ProcedurePart[]) => parts.filter((p) => p.formKey);
export const fileParts = (parts: ProcedurePart[]) => parts.filter((p) => !p.formKey);

/** The submission's parts: each e-form pruned (an untouched form is left out), files by part. */
export function buildParts(parts: ProcedurePart[], forms: Map<string, EForm>, values: PartValues, files: AttachedFile[]): Omit<Submission, 'applicant'> {
  const formData: Submission['formData'] = {};
  for (const part of formParts(parts)) {
    const form = forms.get(part.formKey!);
    if (!form) continue;
    const schema = form.schema as FieldSchema;
    const pruned = pruneForm(schema, values[part.code] ?? initialValue(schema), part.required);
    if (pruned && hasAnyValue(pruned)) formData[part.code] = pruned;
  }
  return { formData, files: files.map(({ uploadId, partCode }) => ({ uploadId, partCode })) };
}

/** 422 dossier.form_invalid → field errors per part, in the reader's language. */
export function problemsByPart(error: unknown, language: string): Record<string, FieldErrors> {
  const out: Record<string, FieldErrors> = {};
  for (const [partCode, problems] of Object.entries(formProblems(error))) {
    out[partCode] = Object.fromEntries(problems.map((p) => [p.field, language === 'en' ? p.messageEn : p.message]));
  }
  return out;
}
