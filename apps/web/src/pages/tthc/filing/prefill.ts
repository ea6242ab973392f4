import type { ApplicantProfile, EForm, ProcedurePart } from '../../../api/tthc.ts';
import { prefillForm, type PrefillValues } from '../../../components/eform/prefill.ts';
import { initialValue, type FieldSchema } from '../../../components/eform/schema.ts';
import { formParts, type PartValues } from './submission.ts';

/** VNeID's answers by the names e-forms use; a date as the forms store it (ISO). */
export function prefillValues(profile: ApplicantProfile | undefined): PrefillValues {
  if (!profile) return {};
  const a = profile.address;
  const address = a ? [a.line, a.commune, a.province].filter(Boolean).join(', ') : undefined;
  return {
    fullName: profile.fullName,
    personalId: profile.personalId,
    ...(profile.dateOfBirth ? { dateOfBirth: profile.dateOfBirth } : {}),
    ...(address ? { address } : {}),
    ...(profile.phone ? { phone: profile.phone } : {}),
  };
}

/** Every e-form part of the procedure, started (or restored) with VNeID's answers in its `x-prefill` fields. */
export function prefillParts(parts: ProcedurePart[], forms: Map<string, EForm>, values: PartValues, prefill: PrefillValues): PartValues {
  if (Object.keys(prefill).length === 0) return values;
  const out: PartValues = { ...values };
  for (const part of formParts(parts)) {
    const form = forms.get(part.formKey!);
    if (!form) continue;
    const schema = form.schema as FieldSchema;
    out[part.code] = prefillForm(schema, values[part.code] ?? initialValue(schema), prefill);
  }
  return out;
}
