import type { ChecklistEntry, Dossier, PartForm, ProcedurePart } from '../../../../api/tthc.ts';

/**
 * The intake checklist as the dialog keeps it, and the same rule the server applies
 * (modules/tthc/dossier/dossier.checklist.ts): a required part must be present, on paper in at
 * least the form the procedure asks for, or electronically when the dossier holds it.
 */
/** Strongest first: a stronger form always satisfies a weaker one. */
export const PART_FORMS = ['original', 'certified_copy', 'copy'] as const satisfies readonly PartForm[];

export type Row = { present: boolean; form: PartForm | null };

const strength = (form: PartForm) => PART_FORMS.length - PART_FORMS.indexOf(form);

/** Parts the dossier holds electronically: an e-form with data, an uploaded file. */
export function heldParts(dossier: Pick<Dossier, 'formData' | 'files'>): Set<string> {
  const held = new Set<string>();
  for (const [code, data] of Object.entries((dossier.formData ?? {}) as Record<string, unknown>)) {
    if (typeof data === 'object' && data !== null && Object.keys(data).length > 0) held.add(code);
  }
  for (const file of dossier.files) if (file.partCode && (file.kind === 'input' || file.kind === 'supplement')) held.add(file.partCode);
  return held;
}

export function initialRows(parts: readonly ProcedurePart[], held: ReadonlySet<string>): Record<string, Row> {
  return Object.fromEntries(parts.map((p) => [p.code, { present: held.has(p.code), form: null }]));
}

/** Required parts missing or in a weaker form than asked for. */
export function problems(parts: readonly ProcedurePart[], rows: Record<string, Row>, held: ReadonlySet<string>): string[] {
  return parts
    .filter((p) => {
      const row = rows[p.code];
      if (!p.required) return false;
      if (!row?.present) return true;
      if (!p.requiredForm) return false;
      return row.form === null ? !held.has(p.code) : strength(row.form) < strength(p.requiredForm);
    })
    .map((p) => p.code);
}

export function toChecklist(parts: readonly ProcedurePart[], rows: Record<string, Row>): ChecklistEntry[] {
  return parts.map((p) => {
    const row = rows[p.code] ?? { present: false, form: null };
    return { partCode: p.code, present: row.present, ...(row.present && row.form ? { form: row.form } : {}) };
  });
}
