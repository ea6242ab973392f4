/**
 * E-forms (biểu mẫu điện tử): JSON Schemas with layout hints, versioned like process
 * definitions. A draft is checked with checkFormSchema before it is stored, so a published form
 * always compiles; applicants' data is checked against the newest published version.
 */
import { unprocessable, type Db, type Principal } from '../../../packages/platform/index.ts';
import { forms } from '../db/schema.ts';
import { checkFormSchema, validateEForm, type CatalogueCodes, type FieldError } from './form.validation.ts';
import type { FormDraft, VersionSummary } from './procedure.inputs.ts';
import type { FormVersion } from './procedure.types.ts';
import { versionedDocuments, type VersionRow } from './procedure.versions.ts';

/** A schema is edited and rendered whole; beyond this it is not a form a citizen can fill in. */
export const MAX_FORM_BYTES = 200_000;

const toForm = (row: VersionRow): FormVersion => ({
  key: row.key,
  version: row.version,
  title: row.title as string,
  schema: row.schema as Record<string, unknown>,
  layout: row.layout as Record<string, unknown>,
  status: row.status,
});

function prepare(draft: FormDraft): Record<string, unknown> {
  const title = draft.title.trim();
  if (!title) throw unprocessable('tthc.form_invalid', 'The form needs a title', [{ field: 'title', message: 'must be a non-empty text' }]);
  if (JSON.stringify(draft.schema).length + JSON.stringify(draft.layout).length > MAX_FORM_BYTES) {
    throw unprocessable('tthc.form_invalid', `A form (schema and layout) may be at most ${MAX_FORM_BYTES} bytes`, [{ field: 'schema', message: 'too large' }]);
  }
  const errors = checkFormSchema(draft.schema);
  if (errors.length > 0) throw unprocessable('tthc.form_invalid', 'The form schema is not usable', errors);
  return { title, schema: draft.schema, layout: draft.layout };
}

export interface FormService {
  listForms(): Promise<VersionSummary[]>;
  /** The given version, or the newest published one (drafts only for editors). */
  getForm(key: string, version?: number, viewer?: Principal): Promise<FormVersion>;
  publishedForm(key: string): Promise<FormVersion | undefined>;
  formExists(key: string): Promise<boolean>;
  saveFormDraft(principal: Principal, key: string, draft: FormDraft): Promise<FormVersion>;
  publishForm(principal: Principal, key: string, version: number): Promise<FormVersion>;
  /** "Check my form": the field errors of `data` against the newest published version. */
  validateForm(key: string, data: unknown): Promise<{ valid: boolean; errors: FieldError[] }>;
}

export function createFormService(db: Db, catalogueCodes: CatalogueCodes): FormService {
  const docs = versionedDocuments<FormVersion, FormDraft>(db, { kind: 'form', table: forms, titleColumn: forms.title, toDoc: toForm, prepare });
  return {
    listForms: docs.list,
    getForm: docs.get,
    publishedForm: (key) => docs.latestPublished(key),
    formExists: (key) => docs.exists(key),
    saveFormDraft: docs.saveDraft,
    publishForm: docs.publish,
    async validateForm(key, data) {
      const form = await docs.get(key);
      const errors = await validateEForm(form.schema, data, catalogueCodes);
      return { valid: errors.length === 0, errors };
    },
  };
}
