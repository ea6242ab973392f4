import { createContext, useContext } from 'react';
import { isRecord, kindOf, type FieldSchema, type FormValue } from './schema.ts';

/**
 * What VNeID said about the signed-in applicant, by the `x-prefill` names e-form fields use.
 * Name, personal id and date of birth are locked (the server writes them whatever is sent);
 * address and phone are only suggestions.
 */
export type PrefillKey = 'fullName' | 'personalId' | 'dateOfBirth' | 'address' | 'phone';
export type PrefillValues = Partial<Record<PrefillKey, string>>;
const LOCKED: readonly PrefillKey[] = ['fullName', 'personalId', 'dateOfBirth'];

export const PrefillContext = createContext<PrefillValues>({});

/** Fields of the form being filled that came from a national database (by JSON Pointer): which one, and when. */
export type NationalValues = Record<string, { source: 'population' | 'business'; fetchedAt: string }>;
export const NationalContext = createContext<NationalValues>({});

/** Where the field's value came from, when a national database filled it. */
export function useNationalSource(pointer: string | undefined): NationalValues[string] | undefined {
  const values = useContext(NationalContext);
  return pointer === undefined ? undefined : values[pointer];
}

/** Whether a field shows VNeID's value read-only in the form being filled. */
export function useLockedByVneid(schema: FieldSchema): boolean {
  const values = useContext(PrefillContext);
  const key = schema['x-prefill'] as PrefillKey | undefined;
  return !!key && LOCKED.includes(key) && values[key] !== undefined;
}

/** The form's value with every `x-prefill` field VNeID knows filled in (nested objects too); locked fields always, others only when empty. */
export function prefillForm(schema: FieldSchema, value: FormValue, values: PrefillValues): FormValue {
  const out: FormValue = { ...value };
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const from = field['x-prefill'] as PrefillKey | undefined;
    const known = from ? values[from] : undefined;
    if (known !== undefined && (LOCKED.includes(from!) || out[key] === undefined || out[key] === '')) out[key] = known;
    else if (kindOf(field) === 'object' && hasPrefill(field)) out[key] = prefillForm(field, isRecord(out[key]) ? out[key] : {}, values);
  }
  return out;
}

function hasPrefill(schema: FieldSchema): boolean {
  return Object.values(schema.properties ?? {}).some((f) => f['x-prefill'] !== undefined || (kindOf(f) === 'object' && hasPrefill(f)));
}
