import type { FastifyServerOptions } from 'fastify';
import { safeErrorMessage } from './db/connection.ts';

/** Paths never written to a log: credentials, tokens and personal id numbers. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.code',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.personalId',
  '*.idNumber',
];

// What an error may show of itself. Not a database error's `detail` or `where` (they quote row
// values: "Key (personal_id)=(…) already exists"), nor a failed statement's `params`.
const SAFE_ERROR_FIELDS = ['code', 'statusCode', 'constraint', 'table', 'schema', 'column', 'severity', 'routine', 'validationContext'];

interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/** An error as logged: type, safe message, safe fields, stack (unless it repeats the parameters), cause. */
export function serializeError(err: Error, depth = 0): LoggedError {
  const e = err as Error & Record<string, unknown>;
  const type = e.constructor.name;
  const message = safeErrorMessage(e);
  // A failed statement's stack begins with its message, which lists the parameters.
  const out: LoggedError = { type, message, stack: 'params' in e ? `${type}: ${message}` : (e.stack ?? '') };
  for (const field of SAFE_ERROR_FIELDS) if (e[field] !== undefined) out[field] = e[field];
  if (e.cause !== undefined && depth < 3) out.cause = e.cause instanceof Error ? serializeError(e.cause, depth + 1) : '[not an error]';
  return out;
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      err: (err: Error) => serializeError(err),
      // The query string may carry an authorization code or token: log the path only.
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
    },
  };
}
