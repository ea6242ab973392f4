import {
  findOperation, isJsonMediaType, mediaEntry, mediaTypeOf, object, shortErrors,
  type DescribedOperation, type DescriptionIndex, type Json, type Validator,
} from './openapi-schemas.ts';
import { cookiesOf, formObject, pathValue, queryValue, simpleValue, StyleMismatch } from './parameter-values.ts';

/**
 * Optional validation of requests against the provider's OpenAPI 3.0/3.1 document (issue 10,
 * decisions 0040 and 0048), for a service whose provider turned it on: the method and path must
 * be an operation of the document; its path, query, header and cookie parameters present when
 * required and valid against their schemas (serialised as parameter-values.ts reads them, path
 * parameters in `simple`, `label` or `matrix` style); a body only
 * where the operation describes one, required when `requestBody.required`, of a media type the
 * operation declares, and — JSON or `application/x-www-form-urlencoded` — valid against that
 * media type's schema (other media types, XML, octet-stream, text, are checked for type only).
 * Built once per service version (the gateway cache keeps it; a new version or a change of the
 * flag empties that cache).
 */

export interface RequestFacts {
  method: string;
  /** The service path, as sent (percent-encoded). */
  path: string;
  /** The raw query, without `?`. */
  query: string;
  /** Header names lowercased, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}

export type RequestCheck = (request: RequestFacts) => string | undefined;

/** OpenAPI 3: header parameters by these names are ignored (the media types and authentication describe them). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

interface ParameterCheck {
  location: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required: boolean;
  explode: boolean;
  parameter: Json;
  schema: Json | undefined;
  /** A parameter described by `content` (a JSON value in a string) instead of `schema`. */
  json: boolean;
  validate: Validator;
}

interface BodyCheck {
  required: boolean;
  content: Json;
  validators: Map<string, { typed: Validator; coercing: Validator }>;
}

interface CompiledOperation {
  parameters: ParameterCheck[];
  /** undefined: the operation takes no body. */
  body: BodyCheck | undefined;
}

function compileOperation(index: DescriptionIndex, operation: DescribedOperation): CompiledOperation {
  const parameters: ParameterCheck[] = [];
  for (const parameter of operation.parameters) {
    const location = parameter.in;
    if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') continue;
    const name = parameter.name as string;
    if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) continue;
    const jsonContent = Object.entries(object(parameter.content) ?? {}).find(([key]) => isJsonMediaType(mediaTypeOf(key)));
    const schema = index.resolve(jsonContent ? object(jsonContent[1])?.schema : parameter.schema);
    parameters.push({
      location, name, parameter, schema, json: jsonContent !== undefined,
      // OpenAPI 3: a path parameter is always required.
      required: location === 'path' || parameter.required === true,
      explode: parameter.explode === true,
      validate: index.validator(schema, jsonContent ? 'typed' : 'coercing'),
    });
  }
  const requestBody = operation.requestBody;
  let body: BodyCheck | undefined;
  if (requestBody) {
    const content = object(requestBody.content) ?? {};
    const validators = new Map(Object.entries(content).map(([key, entry]) => {
      const schema = object(entry)?.schema;
      return [key, { typed: index.validator(schema, 'typed'), coercing: index.validator(schema, 'coercing') }];
    }));
    body = { required: requestBody.required === true, content, validators };
  }
  return { parameters, body };
}

/** Where a request's parameters are read from. */
interface ParameterSources {
  path: Map<string, string>;
  query: URLSearchParams;
  cookie: URLSearchParams;
  headers: RequestFacts['headers'];
}

function rawValue(check: ParameterCheck, sources: ParameterSources): unknown {
  if (check.location === 'query' || check.location === 'cookie') {
    const source = sources[check.location];
    if (check.json) return source.get(check.name) ?? undefined;
    return queryValue(source, check.parameter, check.schema);
  }
  const found = check.location === 'path' ? sources.path.get(check.name) : sources.headers[check.name.toLowerCase()];
  if (found === undefined) return undefined;
  const raw = Array.isArray(found) ? found.join(',') : found;
  if (check.json) return raw;
  return check.location === 'path' ? pathValue(raw, check.parameter, check.schema) : simpleValue(raw, check.schema, check.explode);
}

function parameterProblem(check: ParameterCheck, sources: ParameterSources): string | undefined {
  const where = `${check.location === 'header' ? 'header' : `${check.location} parameter`} ${check.name}`;
  let value: unknown;
  try {
    value = rawValue(check, sources);
  } catch (error) {
    if (error instanceof StyleMismatch) return `The ${where} is not in ${error.message}`;
    throw error;
  }
  if (value === undefined) return check.required ? `The ${where} is required` : undefined;
  let parsed = value;
  if (check.json) {
    try {
      parsed = JSON.parse(value as string);
    } catch {
      return `The ${where} is not valid JSON`;
    }
  }
  const validate = check.validate();
  if (validate && !validate(parsed)) return shortErrors(validate, where);
  return undefined;
}

function bodyProblem(operation: DescribedOperation, check: BodyCheck | undefined, contentType: string | undefined, body: Buffer | undefined, resolve: DescriptionIndex['resolve']): string | undefined {
  if (!body || body.length === 0) return check?.required ? 'A request body is required' : undefined;
  if (!check) return `${operation.method} ${operation.template} takes no request body`;
  const declared = Object.keys(check.content);
  if (declared.length === 0) return undefined;
  const mediaType = mediaTypeOf(contentType);
  const match = mediaType ? mediaEntry(check.content, mediaType) : undefined;
  if (!match) return `The media type ${mediaType || '(none)'} is not one the operation accepts: ${declared.join(', ')}`.slice(0, 300);
  const validators = check.validators.get(match.key)!;
  if (isJsonMediaType(mediaType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return 'The body is not valid JSON';
    }
    const validate = validators.typed();
    return validate && !validate(parsed) ? shortErrors(validate, 'body') : undefined;
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const validate = validators.coercing();
    const form = formObject(body.toString('utf8'), resolve(match.entry.schema), resolve);
    return validate && !validate(form) ? shortErrors(validate, 'body') : undefined;
  }
  return undefined; // XML, octet-stream, text, multipart: the media type is what is checked
}

/** Compiles the request checks of one OpenAPI document (indexed by openapi-schemas.ts). */
export function compileRequestCheck(index: DescriptionIndex): RequestCheck {
  const compiled = new Map(index.operations.map((operation) => [operation, compileOperation(index, operation)]));
  return ({ method, path, query: queryString, headers, body }) => {
    const found = findOperation(index, method, path);
    if ('problem' in found) return found.problem;
    const { operation, values } = found;
    const checks = compiled.get(operation)!;
    const pathValues = new Map<string, string>();
    for (const [i, name] of operation.names.entries()) {
      try {
        pathValues.set(name, decodeURIComponent(values[i]!));
      } catch {
        return `The path parameter ${name} is not valid percent-encoding`;
      }
    }
    const sources: ParameterSources = { path: pathValues, query: new URLSearchParams(queryString), cookie: cookiesOf(headers.cookie), headers };
    for (const check of checks.parameters) {
      const problem = parameterProblem(check, sources);
      if (problem) return problem;
    }
    const contentType = headers['content-type'];
    return bodyProblem(operation, checks.body, Array.isArray(contentType) ? contentType[0] : contentType, body, index.resolve);
  };
}
