import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Optional validation of requests against the provider's OpenAPI document (issue 10), for a
 * service whose provider turned it on: the method and path must be an operation of the document,
 * its required query parameters present (and valid against their schemas), and a JSON body valid
 * against the operation's `application/json` request schema. Compiled once per service version
 * (the gateway cache keeps it; a new version or a change of the flag empties that cache).
 * Schemas are checked loosely (unknown keywords such as OpenAPI 3.0's `nullable` are ignored);
 * `$ref`s into `#/components/…` of the document resolve.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const MAX_DETAIL = 300;

interface Operation {
  method: string;
  pattern: RegExp;
  /** More literal segments first, so `/items/new` beats `/items/{id}`. */
  literals: number;
  query: { name: string; required: boolean; validate?: ValidateFunction | undefined }[];
  body?: { required: boolean; validate?: ValidateFunction | undefined } | undefined;
}

export type RequestCheck = (method: string, path: string, query: string, contentType: string | undefined, body: Buffer | undefined) => string | undefined;

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

function pathPattern(template: string): { pattern: RegExp; literals: number } {
  const segments = template.split('/').filter((s) => s !== '');
  const literals = segments.filter((s) => !/^\{[^}]+\}$/.test(s)).length;
  const source = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { pattern: new RegExp(`^/${source}/?$`), literals };
}

function shortErrors(validate: ValidateFunction, where: string): string {
  const first = validate.errors?.[0];
  const text = first ? `${where}${first.instancePath || ''} ${first.message ?? 'is invalid'}` : `${where} is invalid`;
  return text.slice(0, MAX_DETAIL);
}

/** Compiles the checks of one OpenAPI document. */
export function compileRequestCheck(document: unknown): RequestCheck {
  const doc = object(document) ?? {};
  const components = object(doc.components) ?? {};
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes: true, validateFormats: true });
  addFormats.default(ajv);
  const resolve = (value: unknown): Json | undefined => {
    const found = object(value);
    const ref = found?.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/')) {
      return object(ref.slice(2).split('/').reduce<unknown>((at, part) => object(at)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc));
    }
    return found;
  };
  const compile = (schema: unknown): ValidateFunction | undefined => {
    const found = object(schema);
    if (!found) return undefined;
    try {
      // The document's components travel with each schema, so that `#/components/...` resolves against them.
      return ajv.compile({ ...found, components });
    } catch {
      return undefined; // a schema Ajv cannot compile is not checked (the provider still is)
    }
  };

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(object(doc.paths) ?? {})) {
    const pathItem = object(item) ?? {};
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    const { pattern, literals } = pathPattern(template);
    for (const method of METHODS) {
      const operation = object(pathItem[method]);
      if (!operation) continue;
      const parameters = [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])].map(resolve).filter((p): p is Json => !!p);
      const query = parameters.filter((p) => p.in === 'query' && typeof p.name === 'string')
        .map((p) => ({ name: p.name as string, required: p.required === true, validate: compile(p.schema) }));
      const requestBody = resolve(operation.requestBody);
      const json = object(object(requestBody?.content)?.['application/json']);
      const body = requestBody ? { required: requestBody.required === true, validate: json ? compile(json.schema) : undefined } : undefined;
      operations.push({ method: method.toUpperCase(), pattern, literals, query, body });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);

  return (method, path, queryString, contentType, body) => {
    const target = path === '' ? '/' : path;
    const onPath = operations.filter((o) => o.pattern.test(target));
    if (onPath.length === 0) return `No operation of the service's description matches ${target}`;
    const operation = onPath.find((o) => o.method === method) ?? (method === 'HEAD' ? onPath.find((o) => o.method === 'GET') : undefined);
    if (!operation) return `The description has no ${method} operation on ${target}`;
    const query = new URLSearchParams(queryString);
    for (const parameter of operation.query) {
      const value = query.get(parameter.name);
      if (value === null) {
        if (parameter.required) return `The query parameter ${parameter.name} is required`;
        continue;
      }
      // Query values are strings: validated with Ajv's type coercion (`?n=5` is an integer 5).
      if (parameter.validate && !parameter.validate(value)) return shortErrors(parameter.validate, `query parameter ${parameter.name}`);
    }
    const empty = !body || body.length === 0;
    if (operation.body?.required && empty) return 'A request body is required';
    if (!empty && operation.body?.validate && (contentType ?? '').toLowerCase().split(';')[0]!.trim() === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return 'The body is not valid JSON';
      }
      if (!operation.body.validate(parsed)) return shortErrors(operation.body.validate, 'body');
    }
    return undefined;
  };
}
