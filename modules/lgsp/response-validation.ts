import { findOperation, isJsonMediaType, mediaEntry, mediaTypeOf, object, shortErrors, type DescribedOperation, type DescriptionIndex, type Validator } from './openapi-schemas.ts';

/**
 * Optional validation of the provider's answers against its OpenAPI document (decision 0048),
 * for a service whose provider turned it on: the status must be one the operation declares
 * (exactly, as a range `4XX`, or `default`), and a body, when that response declares content, of
 * a declared media type — and, JSON, valid against its schema. An operation that declares no
 * responses at all, or a response without content, constrains nothing more.
 */

export interface ResponseFacts {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export type ResponseCheck = (response: ResponseFacts) => string | undefined;

export function compileResponseCheck(index: DescriptionIndex): ResponseCheck {
  // One lazily compiled validator per (operation, response key, media type): built on first use, then kept.
  const validators = new Map<string, Validator>();
  const validatorOf = (operation: DescribedOperation, status: string, mediaKey: string, schema: unknown): Validator => {
    const key = `${operation.method} ${operation.template} ${status} ${mediaKey}`;
    let found = validators.get(key);
    if (!found) validators.set(key, (found = index.validator(schema, 'typed')));
    return found;
  };

  return ({ method, path, status, contentType, body }) => {
    const found = findOperation(index, method, path);
    if ('problem' in found) return found.problem;
    const { operation } = found;
    const responses = operation.responses;
    if (!responses || Object.keys(responses).length === 0) return undefined;
    const declared = [String(status), `${String(status).charAt(0)}XX`, `${String(status).charAt(0)}xx`, 'default'].find((key) => responses[key] !== undefined);
    if (declared === undefined) return `${operation.method} ${operation.template} declares no response ${status} (declared: ${Object.keys(responses).join(', ')})`.slice(0, 300);
    const content = object(index.resolve(responses[declared])?.content);
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
