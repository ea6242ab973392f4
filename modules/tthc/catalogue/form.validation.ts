import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

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
// Annotation keywords the web app reads: allowed in form schemas, ignored by validation.
// `x-prefill` names what VNeID said that fills the field (fullName, personalId, dateOfBirth, address, phone).
ajv.addVocabulary(['x-widget', 'x-placeholder', 'x-prefill']);

const compiled = new WeakMap<object, ValidateFunction>();

/** Checks that a schema is a usable e-form schema (an object schema Ajv compiles; no remote refs). */
export function checkFormSchema(schema: unknown): FieldError[] {
  if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'object') {
    return [{ field: '', keyword: 'type', message: 'Biểu mẫu phải là một JSON Schema kiểu object', messageEn: 'A form schema must be a JSON Schema of type object' }];
  }
  if (/"\$ref"\s*:\s*"(?!#)/.test(JSON.stringify(schema))) {
    return [{ field: '', keyword: '$ref', message: 'Không được tham chiếu lược đồ bên ngoài', messageEn: 'Remote $ref is not allowed' }];
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
