import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Input refused for every route at once, so no route can forget: the NUL character (PostgreSQL
 * cannot store 0x00 in text or jsonb; letting it through turns a bad request into a 500) and
 * JSON nested deeper than any form or command needs (a 20,000-level document overflows the
 * stack of every recursive consumer: the validator, the serialiser, jsonb).
 */
export const MAX_JSON_DEPTH = 64;

export const nulCharacter = (where: string) =>
  new AppError(400, 'request.nul_character', 'Ký tự NUL (\\u0000) không được phép / The NUL character (\\u0000) is not allowed', { field: where });

const tooDeep = () =>
  new AppError(400, 'request.too_deep', `JSON lồng quá ${MAX_JSON_DEPTH} cấp / JSON nested deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH });

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]

/**
 * One linear pass over raw JSON text, before it is parsed: refuses nesting deeper than
 * `maxDepth` and raw NUL bytes. No recursion, so the check itself cannot overflow. A NUL
 * escaped as `\u0000` is found after parsing, with its field's path (`refuseNulInRequest`).
 * Malformed text is left for the parser to refuse.
 */
export function checkJsonText(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw nulCharacter('body');
    if (inString) {
      if (c === BACKSLASH) i++; // the escaped character never ends the string
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPEN.has(c)) {
      if (++depth > maxDepth) throw tooDeep();
    } else if (CLOSE.has(c)) depth--;
  }
}

/** Where the first NUL sits in a parsed value (keys included), walked without recursion. */
export function findNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\0')) return path;
    } else if (Array.isArray(item)) {
      item.forEach((v, i) => stack.push([v, `${path}/${i}`]));
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      for (const [k, v] of Object.entries(item)) {
        if (k.includes('\0')) return path;
        stack.push([v, `${path}/${k}`]);
      }
    }
  }
  return undefined;
}

/** Throws `request.nul_character` when the value holds a NUL anywhere. */
export function refuseNul(value: unknown, where: string): void {
  const path = findNul(value, where);
  if (path !== undefined) throw nulCharacter(path);
}

/**
 * preValidation hook: path parameters, query string, headers and whatever body a parser
 * produced (JSON, form fields) are checked before the schema sees them.
 */
export async function refuseNulInRequest(request: FastifyRequest): Promise<void> {
  refuseNul(request.params, 'params');
  refuseNul(request.query, 'querystring');
  refuseNul(request.headers, 'headers');
  refuseNul(request.body, 'body');
}

/** The exact bytes of a JSON body, kept by `keepRawJsonBody` for routes whose signature covers them. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return (request as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

/**
 * Replaces the JSON parser of a plugin scope with one that keeps the bytes as sent (signed
 * webhooks verify them) and still parses them, so the platform's depth and NUL guards and the
 * route's schema see the body like any other: a NUL is a 400 before any signature is checked.
 */
export function keepRawJsonBody(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    (request as { rawBody?: Buffer }).rawBody = body as Buffer;
    const text = (body as Buffer).toString('utf8');
    try {
      checkJsonText(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError(400, 'request.invalid_json', 'Body is not valid JSON'), undefined);
    }
  });
}
