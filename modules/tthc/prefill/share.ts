import { bindingsOf, leafFields } from './bindings.ts';

/**
 * The once-only share of a form: of the fields a person fills in (leafFields), how many arrived
 * prefilled. A field counts once, whatever its nesting; an array (e.g. business lines) is one field.
 */
export interface FormShare {
  fields: number;
  /** Fields bound to a national source (`x-national`). */
  bound: number;
  prefilled: number;
}

export function formShare(schema: unknown, prefilledPointers: Iterable<string>): FormShare {
  const leaves = new Set(leafFields(schema));
  const filled = new Set([...prefilledPointers].filter((p) => leaves.has(p)));
  return { fields: leaves.size, bound: bindingsOf(schema).filter((b) => leaves.has(b.pointer)).length, prefilled: filled.size };
}

/** Per cent with one decimal, or null when there is nothing to fill. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
