import { simpleValue } from './parameter-values.ts';
import { findOperation, isJsonMediaType, mediaEntry, mediaTypeOf, object, shortErrors, type DescribedOperation, type DescriptionIndex, type Json, type Validator } from './openapi-schemas.ts';

/**
 * Optional validation of the provider's answers against its OpenAPI document (decision 0048),
 * for a service whose provider turned it on: the status must be one the operation declares
 * (exactly, as a range `4XX`, or `default`), and a body, when that response declares content, of
 * a declared media type — and, JSON, valid against its schema; the headers the response declares
 * present when required and valid against their schemas (`simple` style; `Content-Type` is
 * ignored, as OpenAPI says). An operation that declares no responses at all, or a response
 * without content or headers, constrains nothing more.
 */

export interface ResponseFacts {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: Buffer;
}

export type ResponseCheck = (response: ResponseFacts) => string | undefined;

export function compileResponseCheck(index: DescriptionIndex): ResponseCheck {
  // One lazily compiled validator per (operation, response key, media type or header): built on first use, then kept.
  const validators = new Map<string, Validator>();
  const validatorOf = (operation: DescribedOperation, status: string, part: string, schema: unknown, mode: 'typed' | 'coercing' = 'typed'): Validator => {
    const key = `${operation.method} ${operation.template} ${status} ${part}`;
    let found = validators.get(key);
    if (!found) validators.set(key, (found = index.validator(schema, mode)));
    return found;
  };

  /** The first problem with the headers a response declares. */
  const headerProblem = (operation: DescribedOperation, declared: string, response: Json, headers: Record<string, string>): string | undefined => {
    for (const [name, described] of Object.entries(object(response.headers) ?? {})) {
      if (name.toLowerCase() === 'content-type') continue;
      const header = index.resolve(described);
      if (!header) continue;
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required === true) return `The response ${declared} header ${name} is required`;
        continue;
      }
      const schema = index.resolve(header.schema);
      const validate = validatorOf(operation, declared, `header ${name}`, schema, 'coercing')();
      if (validate && !validate(simpleValue(value, schema, header.explode === true))) return shortErrors(validate, `response ${declared} header ${name}`);
    }
    return undefined;
  };

  return ({ method, path, status, contentType, headers, body }) => {
    const found = findOperation(index, method, path);
    if ('problem' in found) return found.problem;
    const { operation } = found;
    const responses = operation.responses;
    if (!responses || Object.keys(responses).length === 0) return undefined;
    const declared = [String(status), `${String(status).charAt(0)}XX`, `${String(status).charAt(0)}xx`, 'default'].find((key) => responses[key] !== undefined);
    if (declared === undefined) return `${operation.method} ${operation.template} declares no response ${status} (declared: ${Object.keys(responses).join(', ')})`.slice(0, 300);
    const response = index.resolve(responses[declared]) ?? {};
    const wrongHeader = headerProblem(operation, declared, response, headers);
    if (wrongHeader) return wrongHeader;
    const content = object(response.content);
    if (!content || Object.keys(content).length === 0 || body.length === 0) return undefined;
    const mediaType = mediaTypeOf(contentType);
    const match = mediaType ? mediaEntry(content, mediaType) : undefined;
    if (!match) return `The media type ${mediaType || '(none)'} is not one the response ${declared} declares: ${Object.keys(content).join(', ')}`.slice(0, 300);
    if (!isJsonMediaType(mediaType)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return 'The body is not valid JSON';
    }
    const validate = validatorOf(operation, declared, match.key, match.entry.schema)();
    return validate && !validate(parsed) ? shortErrors(validate, `response ${status} body`) : undefined;
  };
}
