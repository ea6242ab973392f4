// The subset of JSON Schema the e-forms use (modules/tthc/catalogue/form.validation.ts), and the pure
// helpers the renderer needs: field order, widgets, defaults, JSON Pointers, empty-value pruning.
import { parseDate } from '../../lib/format.ts';

export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  'x-widget'?: string;
  'x-placeholder'?: string;
  /** A shared code list the value is a code of (modules/tthc/catalogue/form.validation.ts). */
  'x-catalog'?: string;
  /** What VNeID said that fills this field (see prefill.ts). */
  'x-prefill'?: string;
}

export type Widget = 'text' | 'textarea' | 'date' | 'select' | 'radio' | 'checkbox' | 'number' | 'email' | 'tel';

export interface FormLayout {
  /** Top-level property names in display order; the rest follow in schema order. */
  order?: string[];
  /** Headings grouping top-level properties. */
  sections?: { title: string; fields: string[] }[];
  /** Widget per JSON Pointer. */
  widgets?: Record<string, string>;
}

export type FormValue = Record<string, unknown>;
/** Error message per JSON Pointer (`/child/fullName`; `` for the whole form). */
export type FieldErrors = Record<string, string>;

export type Kind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';

export function kindOf(schema: FieldSchema): Kind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) return 'object';
  if (type === 'array') return 'array';
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  return 'string';
}

/**
 * Properties in layout order (top level). Nested objects have no layout order, and the server
 * stores schemas as jsonb, which does not keep property order: take the `required` list's order
 * (arrays keep theirs), then the optional properties.
 */
export function orderedKeys(schema: FieldSchema, order?: string[]): string[] {
  const keys = Object.keys(schema.properties ?? {});
  const first = order ?? schema.required ?? [];
  return [...first.filter((k) => keys.includes(k)), ...keys.filter((k) => !first.includes(k))];
}

/** Top-level fields grouped as the layout's sections; fields no section names come last, untitled. */
export function layoutSections(schema: FieldSchema, layout?: FormLayout): { title: string; fields: string[] }[] {
  const keys = orderedKeys(schema, layout?.order);
  const sections = layout?.sections?.length ? layout.sections : [{ title: '', fields: keys }];
  const placed = new Set(sections.flatMap((s) => s.fields));
  const rest = keys.filter((k) => !placed.has(k));
  const all = rest.length ? [...sections, { title: '', fields: rest }] : sections;
  return all.map((section) => ({ title: section.title, fields: section.fields.filter((k) => keys.includes(k)) }));
}

const WIDGETS: readonly string[] = ['text', 'textarea', 'date', 'select', 'radio', 'checkbox', 'number', 'email', 'tel'];

export function widgetOf(schema: FieldSchema, pointer: string, layout?: FormLayout): Widget {
  const chosen = layout?.widgets?.[pointer] ?? schema['x-widget'];
  if (chosen && WIDGETS.includes(chosen)) return chosen as Widget;
  const kind = kindOf(schema);
  if (schema.enum) return 'select';
  if (kind === 'boolean') return 'checkbox';
  if (kind === 'number' || kind === 'integer') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  if ((schema.maxLength ?? 0) > 500) return 'textarea';
  return 'text';
}

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const childPointer = (pointer: string, key: string | number) => `${pointer}/${escapeToken(String(key))}`;

/** `/child/fullName` → an id-safe suffix `child-fullName`. */
export const pointerId = (pointer: string) => pointer.replace(/^\//, '').replace(/[^A-Za-z0-9_-]/g, '-') || 'root';

/** The value with its schema defaults filled in (nested objects too), for a new form. */
export function withDefaults(schema: FieldSchema, value: unknown): unknown {
  const kind = kindOf(schema);
  if (kind === 'object') {
    const current = isRecord(value) ? value : {};
    const filled: FormValue = { ...current };
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      const next = withDefaults(sub, current[key]);
      if (next !== undefined) filled[key] = next;
    }
    return filled;
  }
  return value === undefined ? schema.default : value;
}

/** What a new form shows (and holds until edited): its defaults. */
export function initialValue(schema: FieldSchema): FormValue {
  const value = withDefaults(schema, {});
  return isRecord(value) ? value : {};
}

export function isRecord(value: unknown): value is FormValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What to send: empty strings and empty containers removed, and an optional object the
 * applicant left untouched (only defaults, like "Quốc tịch: Việt Nam") dropped as a whole, so
 * "leave blank if unknown" sections do not trip their inner required fields. A required object
 * stays (as `{}` if empty) so the server names its missing fields, not just the object.
 */
export function prune(schema: FieldSchema, value: unknown, required = true): unknown {
  const kind = kindOf(schema);
  if (kind === 'object') {
    if (!isRecord(value) && !required) return undefined;
    const current = isRecord(value) ? value : {};
    const out: FormValue = {};
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      const next = prune(sub, current[key], schema.required?.includes(key) ?? false);
      if (next !== undefined) out[key] = next;
    }
    if (!required && (Object.keys(out).length === 0 || onlyDefaults(schema, out))) return undefined;
    return out;
  }
  if (kind === 'array') {
    if (!Array.isArray(value)) return undefined;
    // A row added and left blank is not an item.
    const items = value.map((item) => prune(schema.items ?? {}, item, false)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return typeof value === 'string' ? value.trim() : value;
}

function onlyDefaults(schema: FieldSchema, value: FormValue): boolean {
  return Object.entries(value).every(([key, v]) => {
    const sub = schema.properties?.[key];
    if (!sub) return false;
    return isRecord(v) ? onlyDefaults(sub, v) : v === sub.default;
  });
}

/** Whether anything was typed at all (an untouched form is not sent). */
export function hasAnyValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAnyValue);
  if (isRecord(value)) return Object.values(value).some(hasAnyValue);
  return value !== undefined && value !== null && value !== '';
}

/**
 * The part's form data pruned against its schema, as the API wants it (an object); undefined
 * for an optional form left untouched.
 */
export function pruneForm(schema: FieldSchema, value: FormValue, required = true): FormValue | undefined {
  const pruned = prune(schema, value, required);
  if (isRecord(pruned)) return pruned;
  return required ? {} : undefined;
}

/** A typed number, or the text as typed while it is not one yet (the server reports it). */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

/** Form dates are ISO (yyyy-MM-dd); people type dd/mm/yyyy. Partial text is kept as typed. */
export function parseFormDate(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return parseDate(text) ?? text;
}

export function displayFormDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}

/** Errors whose pointer is this one exactly (object-level, e.g. minItems on an array). */
export function errorAt(errors: FieldErrors | undefined, pointer: string): string | undefined {
  return errors?.[pointer];
}
