import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * One OpenAPI 3.0/3.1 document made checkable, shared by the request and response checks
 * (request-validation.ts, response-validation.ts): its operations with their path templates as
 * patterns, `$ref`s into `#/components/…` resolved, and schemas compiled with Ajv on first use
 * (a large document costs only the schemas its traffic touches). Schemas are checked loosely
 * (unknown keywords such as 3.0's `nullable` are ignored). Two compilers: JSON bodies keep their
 * types (`"2"` is not an integer), while parameters and form fields — strings on the wire — are
 * coerced as Ajv's `coerceTypes` says (`?n=5` is the integer 5).
 */

export type Json = Record<string, unknown>;
export const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const MAX_DETAIL = 300;

export type Validator = () => ValidateFunction | undefined;

export interface DescribedOperation {
  method: string;
  template: string;
  pattern: RegExp;
  /** The names of the template's `{parameters}`, in the order of the pattern's groups. */
  names: string[];
  /** More literal segments first, so `/items/new` beats `/items/{id}`. */
  literals: number;
  /** Path-level and operation-level parameters, `$ref`s resolved (the operation's win by name and location). */
  parameters: Json[];
  requestBody: Json | undefined;
  responses: Json | undefined;
}

export interface DescriptionIndex {
  operations: DescribedOperation[];
  resolve: (value: unknown) => Json | undefined;
  /** A lazily compiled validator for a schema: `typed` for JSON bodies, `coercing` for strings from the wire. */
  validator: (schema: unknown, mode: 'typed' | 'coercing') => Validator;
}

function pathPattern(template: string): { pattern: RegExp; names: string[]; literals: number } {
  const names: string[] = [];
  const segments = template.split('/').filter((s) => s !== '');
  const literals = segments.filter((s) => !s.includes('{')).length;
  const source = segments.map((segment) => segment.split(/(\{[^}]+\})/).map((part) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(name);
    return '([^/]+)';
  }).join('')).join('/');
  return { pattern: new RegExp(`^/${source}/?$`), names, literals };
}

export function indexDescription(document: unknown): DescriptionIndex {
  const doc = object(document) ?? {};
  const components = object(doc.components) ?? {};
  const compilers = {
    typed: new Ajv({ strict: false, allErrors: false, validateFormats: true }),
    coercing: new Ajv({ strict: false, allErrors: false, coerceTypes: true, validateFormats: true }),
  };
  for (const ajv of Object.values(compilers)) addFormats.default(ajv);
  const resolve = (value: unknown): Json | undefined => {
    const found = object(value);
    const ref = found?.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/')) {
      return object(ref.slice(2).split('/').reduce<unknown>((at, part) => object(at)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc));
    }
    return found;
  };
  const validator = (schema: unknown, mode: 'typed' | 'coercing'): Validator => {
    let compiled: ValidateFunction | undefined | null = null;
    return () => {
      if (compiled !== null) return compiled;
      const found = object(schema);
      try {
        // The document's components travel with each schema, so that `#/components/...` resolves against them.
        compiled = found ? compilers[mode].compile({ ...found, components }) : undefined;
      } catch {
        compiled = undefined; // a schema Ajv cannot compile is not checked (the provider still is)
      }
      return compiled;
    };
  };

  const operations: DescribedOperation[] = [];
  for (const [template, item] of Object.entries(object(doc.paths) ?? {})) {
    const pathItem = resolve(item) ?? {};
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    const { pattern, names, literals } = pathPattern(template);
    for (const method of METHODS) {
      const operation = object(pathItem[method]);
      if (!operation) continue;
      const byKey = new Map<string, Json>();
      for (const parameter of [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])].map(resolve)) {
        if (parameter && typeof parameter.name === 'string' && typeof parameter.in === 'string') byKey.set(`${parameter.in} ${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`, parameter);
      }
      operations.push({
        method: method.toUpperCase(), template, pattern, names, literals, parameters: [...byKey.values()],
        requestBody: resolve(operation.requestBody), responses: object(operation.responses),
      });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);
  return { operations, resolve, validator };
}

/** The operation for a method and path, or why there is none. HEAD may use GET's. */
export function findOperation(index: DescriptionIndex, method: string, path: string): { operation: DescribedOperation; values: string[] } | { problem: string } {
  const target = path === '' ? '/' : path;
  let onPath = false;
  let get: { operation: DescribedOperation; values: string[] } | undefined;
  // One pass in the index's order (more literal segments first): the first operation of this method wins.
  for (const operation of index.operations) {
    const match = operation.pattern.exec(target);
    if (!match) continue;
    onPath = true;
    if (operation.method === method) return { operation, values: match.slice(1) };
    if (method === 'HEAD' && operation.method === 'GET') get ??= { operation, values: match.slice(1) };
  }
  if (get) return get;
  return { problem: onPath ? `The description has no ${method} operation on ${target}` : `No operation of the service's description matches ${target}` };
}

export function shortErrors(validate: ValidateFunction, where: string): string {
  const first = validate.errors?.[0];
  const text = first ? `${where}${first.instancePath || ''} ${first.message ?? 'is invalid'}` : `${where} is invalid`;
  return text.slice(0, MAX_DETAIL);
}

/** `type/subtype` of a Content-Type, lowercased, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export const isJsonMediaType = (mediaType: string): boolean => mediaType === 'application/json' || /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(mediaType);

/** The entry of an OpenAPI `content` map for a media type: the exact one, else `type/*`, else `*\/*` (OpenAPI 3: the most specific wins). */
export function mediaEntry(content: Json, mediaType: string): { key: string; entry: Json } | undefined {
  const keys = new Map(Object.keys(content).map((key) => [mediaTypeOf(key), key]));
  const key = keys.get(mediaType) ?? keys.get(`${mediaType.split('/')[0]}/*`) ?? keys.get('*/*');
  return key === undefined ? undefined : { key, entry: object(content[key]) ?? {} };
}
