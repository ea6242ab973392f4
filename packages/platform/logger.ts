import type { FastifyServerOptions } from 'fastify';

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

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      // The query string may carry an authorization code or token: log the path only.
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
    },
  };
}
