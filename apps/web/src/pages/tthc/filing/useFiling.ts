import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, tthcApi, type EForm, type ProcedurePart } from '../../../api/tthc.ts';
import { initialValue, pruneForm, type FieldErrors, type FieldSchema, type FormValue } from '../../../components/eform/schema.ts';
import type { ApplicantDraft } from './applicant.ts';
import type { AttachedFile, PartValues } from './submission.ts';

/**
 * What an applicant (or the desk official for them) fills in before filing, shared by the online
 * wizard and counter intake. The idempotency key belongs to one attempt: any edit starts a new
 * one, while pressing "submit" again after a network failure resends the same key.
 */
export function useFiling(initialApplicant: ApplicantDraft, prefill: (values: PartValues) => PartValues = (v) => v) {
  const { i18n } = useTranslation();
  const [applicant, setApplicantState] = useState(initialApplicant);
  // Online, the e-forms start from what VNeID said (and a restored draft gets it again).
  const [values, setValues] = useState<PartValues>(() => prefill({}));
  const [files, setFiles] = useState<AttachedFile[]>([]);
  const [partErrors, setPartErrors] = useState<Record<string, FieldErrors>>({});
  const [applicantErrors, setApplicantErrors] = useState<Partial<Record<keyof ApplicantDraft, string>>>({});
  const attempt = useRef<string | null>(null);
  const edited = () => {
    attempt.current = null;
  };

  return {
    applicant,
    setApplicant: (next: ApplicantDraft) => {
      edited();
      setApplicantState(next);
    },
    values,
    setPart: (code: string, value: FormValue) => {
      edited();
      setValues((prev) => ({ ...prev, [code]: value }));
    },
    /** Changes a part from its current value (values arriving later, e.g. from the national databases). */
    updatePart: (code: string, fn: (value: FormValue) => FormValue) => {
      edited();
      setValues((prev) => ({ ...prev, [code]: fn(prev[code] ?? {}) }));
    },
    files,
    filesOf: (code: string) => files.filter((f) => f.partCode === code),
    setPartFiles: (code: string, list: AttachedFile[]) => {
      edited();
      setFiles((prev) => [...prev.filter((f) => f.partCode !== code), ...list]);
    },
    /** Restores a saved draft. */
    load: (saved: { values: PartValues; files: AttachedFile[] }) => {
      edited();
      setValues(prefill(saved.values));
      setFiles(saved.files);
    },
    partErrors,
    setPartErrors,
    applicantErrors,
    setApplicantErrors,
    idempotencyKey: () => (attempt.current ??= newIdempotencyKey()),

    /** Checks one e-form part on the server (the same rules as on submit); true when valid. */
    async checkPart(part: ProcedurePart, form: EForm | undefined): Promise<boolean> {
      if (!form) return true;
      const schema = form.schema as FieldSchema;
      const data = pruneForm(schema, values[part.code] ?? initialValue(schema), part.required);
      if (!data) return true;
      const check = await tthcApi.checkForm(form.key, data);
      const errors = Object.fromEntries(check.errors.map((e) => [e.field, i18n.language === 'en' ? e.messageEn : e.message]));
      setPartErrors((prev) => ({ ...prev, [part.code]: errors }));
      return check.valid;
    },
  };
}

export type Filing = ReturnType<typeof useFiling>;
