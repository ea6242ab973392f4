import { useEffect, useMemo, useState } from 'react';
import { tthcApi, type EForm, type PrefillAnswer, type ProcedurePart } from '../../../api/tthc.ts';
import type { NationalValues } from '../../../components/eform/prefill.ts';
import { initialValue, isRecord, type FieldSchema, type FormValue } from '../../../components/eform/schema.ts';

/** Whether a form has a field bound to a national database (`x-national`), through nested objects. */
export function hasNationalBindings(schema: FieldSchema): boolean {
  return Object.values(schema.properties ?? {}).some((f) => (f as Record<string, unknown>)['x-national'] !== undefined || hasNationalBindings(f));
}

/**
 * The form's value with the national databases' answers written in: into empty fields, and over
 * VNeID's suggestions (`x-prefill`), never over what the applicant typed.
 */
export function applyNational(schema: FieldSchema, value: FormValue, answer: PrefillAnswer): FormValue {
  let out = value;
  for (const field of answer.fields) {
    const path = field.pointer.split('/').slice(1);
    out = setAt(schema, out, path, field.value);
  }
  return out;
}

function setAt(schema: FieldSchema, value: FormValue, path: string[], next: unknown): FormValue {
  const [key, ...rest] = path;
  const child = key === undefined ? undefined : schema.properties?.[key];
  if (key === undefined || !child) return value;
  if (rest.length > 0) return { ...value, [key]: setAt(child, isRecord(value[key]) ? value[key] : {}, rest, next) };
  const current = value[key];
  const empty = current === undefined || current === null || current === '';
  return empty || child['x-prefill'] !== undefined ? { ...value, [key]: next } : value;
}

/**
 * Once-only data in the online wizard: for each e-form part bound to a national database, asks the
 * prefill API once (the signed-in citizen's own data), writes the values in and keeps the answer's
 * id for the filing. A failure (LGSP or the national side down) leaves the form to be typed.
 */
export function useNationalPrefill(enabled: boolean, parts: ProcedurePart[], forms: Map<string, EForm>, update: (code: string, fn: (value: FormValue) => FormValue) => void) {
  const [answers, setAnswers] = useState<Record<string, PrefillAnswer>>({});
  const [error, setError] = useState<unknown>(null);
  const bound = useMemo(() => parts.filter((p) => p.formKey && forms.get(p.formKey) && hasNationalBindings(forms.get(p.formKey)!.schema as FieldSchema)), [parts, forms]);
  useEffect(() => {
    if (!enabled || bound.length === 0) return;
    let cancelled = false;
    void (async () => {
      for (const part of bound) {
        try {
          const answer = await tthcApi.prefill(part.formKey!);
          if (cancelled) return;
          const schema = forms.get(part.formKey!)!.schema as FieldSchema;
          setAnswers((prev) => ({ ...prev, [part.code]: answer }));
          update(part.code, (value) => applyNational(schema, Object.keys(value).length ? value : initialValue(schema), answer));
        } catch (failure) {
          if (!cancelled) setError(failure);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // Asked once per wizard: the forms and parts of a procedure do not change while it is open.
  }, [enabled, bound.length]);

  return {
    error,
    /** Per part, the fields a national database filled (for the marks in the form). */
    sources: (code: string): NationalValues => Object.fromEntries((answers[code]?.fields ?? []).map((f) => [f.pointer, { source: f.source, fetchedAt: f.fetchedAt }])),
    /** `submission.prefills`: the answers the dossier keeps as provenance. */
    prefills: (): Record<string, string> | undefined => (Object.keys(answers).length ? Object.fromEntries(Object.entries(answers).map(([code, a]) => [code, a.id])) : undefined),
  };
}
