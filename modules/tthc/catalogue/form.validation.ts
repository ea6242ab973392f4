import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { unknownBindings } from '../prefill/bindings.ts';

/**
 * E-forms: a JSON Schema (draft 2020-12 subset) with layout hints, validated on the server with
 * Ajv. Errors come back per field (a JSON Pointer into the data) with a Vietnamese and an
 * English message, so the web form can show each under its field.
 */
export interface FieldError {
  /** JSON Pointer of the field, e.g. `/building/floors`; `` for the whole form. */
  field: string;
  keyword: string;
  message: string;
  messageEn: string;
}

export interface FormLayout {
  /** Field order (top-level property names); the rest follow in schema order. */
  order?: string[];
  /** Widget per field pointer: how the web app renders it. */
  widgets?: Record<string, 'text' | 'textarea' | 'date' | 'select' | 'radio' | 'checkbox' | 'number' | 'email' | 'tel'>;
  /** Section headings: `{ title, fields }`. */
  sections?: { title: string; fields: string[] }[];
}

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: true });
addFormats.default(ajv, ['date', 'email', 'uri', 'date-time']);
// Annotation keywords the web app reads: allowed in form schemas, ignored by Ajv. `x-catalog`
// names a shared code list (danh mục dùng chung, e.g. `ethnic-groups`): the field holds one of its
// item codes, checked against the list's current version (checkCatalogueValues) and picked from
// it in the web form. `x-prefill` names what VNeID said that fills the field (fullName,
// personalId, dateOfBirth, address, phone). `x-national` names the national database field that
// fills it through LGSP (`population.fullName`, `business.enterpriseName`: prefill/bindings.ts);
// `x-national-if` on an object makes its bindings conditional on the record (`{ binding, equals }`);
// `x-national-otherwise` on a field under it names the population binding read when it does not hold.
ajv.addVocabulary(['x-widget', 'x-placeholder', 'x-catalog', 'x-prefill', 'x-national', 'x-national-if', 'x-national-otherwise']);

const CATALOG_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

const compiled = new WeakMap<object, ValidateFunction>();

/** Checks that a schema is a usable e-form schema (an object schema Ajv compiles; no remote refs). */
export function checkFormSchema(schema: unknown): FieldError[] {
  if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'object') {
    return [{ field: '', keyword: 'type', message: 'Biểu mẫu phải là một JSON Schema kiểu object', messageEn: 'A form schema must be a JSON Schema of type object' }];
  }
  if (/"\$ref"\s*:\s*"(?!#)/.test(JSON.stringify(schema))) {
    return [{ field: '', keyword: '$ref', message: 'Không được tham chiếu lược đồ bên ngoài', messageEn: 'Remote $ref is not allowed' }];
  }
  const badCatalogue = catalogueFields(schema as object).find((f) => !CATALOG_CODE.test(f.list) || f.type !== 'string');
  if (badCatalogue) {
    return [{ field: badCatalogue.pointer, keyword: 'x-catalog', message: 'x-catalog phải là mã một danh mục dùng chung, trên trường kiểu chuỗi', messageEn: 'x-catalog must name a shared code list, on a string field' }];
  }
  const badBinding = unknownBindings(schema)[0];
  if (badBinding) {
    if (badBinding.keyword === 'x-national-if') {
      return [{ field: badBinding.pointer, keyword: 'x-national-if', message: 'x-national-if phải có dạng { binding, equals } với binding là một trường của CSDL quốc gia', messageEn: 'x-national-if must be { binding, equals } with binding a field of a national database' }];
    }
    if (badBinding.keyword === 'x-national-otherwise') {
      return [{ field: badBinding.pointer, keyword: 'x-national-otherwise', message: 'x-national-otherwise phải là một trường của CSDL quốc gia về dân cư, trên trường có x-national thuộc nhóm có x-national-if', messageEn: 'x-national-otherwise must name a population field, on a field with x-national inside an x-national-if group' }];
    }
    return [{ field: badBinding.pointer, keyword: 'x-national', message: 'x-national phải là một trường của CSDL quốc gia về dân cư hoặc đăng ký doanh nghiệp (vd. population.fullName)', messageEn: 'x-national must name a field of the population or business-registration database (e.g. population.fullName)' }];
  }
  try {
    compile(schema as object);
    return [];
  } catch (error) {
    return [{ field: '', keyword: 'schema', message: 'Lược đồ biểu mẫu không hợp lệ', messageEn: `Invalid schema: ${(error as Error).message}` }];
  }
}

function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

const label = (error: ErrorObject): string => {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return 'Trường này là bắt buộc';
    case 'type': return `Giá trị phải có kiểu ${String(p.type)}`;
    case 'minLength': return `Cần ít nhất ${String(p.limit)} ký tự`;
    case 'maxLength': return `Không quá ${String(p.limit)} ký tự`;
    case 'minimum': return `Giá trị phải từ ${String(p.limit)} trở lên`;
    case 'maximum': return `Giá trị không được vượt quá ${String(p.limit)}`;
    case 'pattern': return 'Giá trị không đúng định dạng';
    case 'format': return p.format === 'date' ? 'Ngày không hợp lệ (YYYY-MM-DD)' : p.format === 'email' ? 'Địa chỉ thư điện tử không hợp lệ' : 'Giá trị không đúng định dạng';
    case 'enum': return 'Giá trị không nằm trong danh sách cho phép';
    case 'const': return 'Giá trị không được chấp nhận';
    case 'minItems': return `Cần ít nhất ${String(p.limit)} mục`;
    case 'maxItems': return `Không quá ${String(p.limit)} mục`;
    case 'additionalProperties': return `Trường không có trong biểu mẫu: ${String(p.additionalProperty)}`;
    default: return 'Giá trị không hợp lệ';
  }
};

function toFieldError(error: ErrorObject): FieldError {
  const p = error.params as Record<string, unknown>;
  const field = error.keyword === 'required' ? `${error.instancePath}/${String(p.missingProperty)}`
    : error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(p.additionalProperty)}`
      : error.instancePath;
  return { field, keyword: error.keyword, message: label(error), messageEn: error.message ?? 'is invalid' };
}

/** Field errors of `data` against the form schema; empty when valid. One error per field (the first). */
export function validateFormData(schema: object, data: unknown): FieldError[] {
  const validate = compile(schema);
  if (validate(data)) return [];
  const byField = new Map<string, FieldError>();
  for (const error of validate.errors ?? []) {
    const fieldError = toFieldError(error);
    if (!byField.has(fieldError.field)) byField.set(fieldError.field, fieldError);
  }
  return [...byField.values()];
}

/** A field whose value is a code of a shared code list. */
export interface CatalogueField {
  /** JSON Pointer of the field, e.g. `/child/ethnicity`. */
  pointer: string;
  path: string[];
  list: string;
  type: unknown;
}

/** The `x-catalog` fields of a form schema, through nested objects (not inside arrays). */
export function catalogueFields(schema: object, path: string[] = []): CatalogueField[] {
  const node = schema as { properties?: Record<string, unknown>; 'x-catalog'?: unknown; type?: unknown };
  const here = node['x-catalog'] === undefined ? [] : [{ pointer: path.map((p) => `/${p}`).join(''), path, list: String(node['x-catalog']), type: node.type }];
  const children = Object.entries(node.properties ?? {}).flatMap(([key, child]) => (typeof child === 'object' && child !== null ? catalogueFields(child, [...path, key]) : []));
  return [...here, ...children];
}

/** The current item codes of a shared code list; undefined when there is no such list. */
export type CatalogueCodes = (list: string) => Promise<ReadonlySet<string> | undefined>;

/** Values of `x-catalog` fields that are not codes of their list's current version. */
export async function checkCatalogueValues(schema: object, data: unknown, codesOf: CatalogueCodes): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const field of catalogueFields(schema)) {
    let value: unknown = data;
    for (const key of field.path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null || value === '') continue;
    const codes = await codesOf(field.list);
    if (typeof value !== 'string' || !codes?.has(value)) {
      errors.push({ field: field.pointer, keyword: 'x-catalog', message: 'Giá trị không có trong danh mục dùng chung', messageEn: `Not a code of the shared code list ${field.list}` });
    }
  }
  return errors;
}

/** The schema's checks, then (for fields that passed them) the shared code lists. */
export async function validateEForm(schema: object, data: unknown, codesOf: CatalogueCodes): Promise<FieldError[]> {
  const errors = validateFormData(schema, data);
  const failed = new Set(errors.map((e) => e.field));
  const catalogue = (await checkCatalogueValues(schema, data, codesOf)).filter((e) => !failed.has(e.field));
  return [...errors, ...catalogue];
}
