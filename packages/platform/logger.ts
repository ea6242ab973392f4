import type { FastifyServerOptions } from 'fastify';

/** Where log lines go instead of stdout (tests capture them): pino's destination stream. */
export interface LogStream {
  write(line: string): void;
}

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

/** Fields of a database driver error (node-postgres, PGlite) that name things but hold no values. */
const DATABASE_FIELDS = ['code', 'severity', 'constraint', 'schema', 'table', 'column', 'dataType', 'routine'] as const;

/**
 * A database error's message and detail can carry the row being written (Drizzle's "Failed
 * query: … params: …", "Key (username)=(…) already exists", "invalid input syntax: …"):
 * such errors are logged by their code, constraint and table only.
 */
function isDatabaseError(err: Record<string, unknown>): boolean {
  return err.name === 'DrizzleQueryError' || 'query' in err || 'params' in err || 'parameters' in err ||
    (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && ('severity' in err || 'routine' in err));
}

/** The stack's frames without its first line (which repeats the message). */
const framesOf = (stack: unknown): string => (typeof stack === 'string' ? stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : '');

/**
 * The `err` serializer of every Sen log: type, message and frames of an error, with the
 * message withheld when any error in its cause chain came from the database. Properties of
 * an error are never copied wholesale (a driver error's `detail`, `where` or `parameters`).
 */
export interface SafeError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

export function serializeError(error: unknown, depth = 0): SafeError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error), stack: '' };
  const err = error as unknown as Record<string, unknown>;
  const cause = depth < 3 && err.cause !== undefined ? serializeError(err.cause, depth + 1) : undefined;
  const fromDatabase = isDatabaseError(err) || cause?.database === true;
  const out: SafeError = { type: typeof err.name === 'string' ? err.name : 'Error', message: '', stack: framesOf(err.stack) };
  if (fromDatabase) {
    out.database = true;
    out.message = 'database error (statement, parameters and values withheld)';
    for (const field of DATABASE_FIELDS) if (typeof err[field] === 'string') out[field] = err[field];
  } else {
    out.message = typeof err.message === 'string' ? err.message : '';
    if (typeof err.code === 'string') out.code = err.code;
    if (typeof err.statusCode === 'number') out.statusCode = err.statusCode;
  }
  if (cause) out.cause = cause;
  return out;
}

/** An error's message fit for a log line or a stored `last_error`: withheld when it came from the database. */
export const safeErrorMessage = (error: unknown): string => serializeError(error).message;

export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      // The query string may carry an authorization code or token: log the path only.
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      err: serializeError,
      error: serializeError,
    },
  };
}
