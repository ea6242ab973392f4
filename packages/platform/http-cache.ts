import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * How long a browser or a shared cache may keep an anonymous answer of reference data (published
 * procedures, code lists, agencies) before asking again: a change shows within a minute, and a
 * page refresh within it costs nothing; after it, a revalidation that usually answers 304.
 */
export const REFERENCE_MAX_AGE_SECONDS = 60;

/** A validator of a response body: weak, since the same data may be sent compressed or not. */
export function etagOfBody(body: string | Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when the request's If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * onSend: caching of API answers.
 * - Routes that declare `config: { cache: 'reference' }` (public reference data) get an ETag
 *   (the route's own, or a hash of the body), `Cache-Control` public for an anonymous caller and
 *   private otherwise (the same URL may say more to an administrator), `Vary: Authorization`,
 *   and a 304 without a body when the caller already holds that version.
 * - Every other API answer that did not choose its caching is `no-store`: personal data is never
 *   kept by a shared cache, nor on disk by the browser.
 */
export async function apiCaching(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!request.url.startsWith('/api/')) return payload;
  const reference = request.routeOptions.config?.cache === 'reference' && request.routeOptions.config.access === 'public';
  if (!reference || (request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  }
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const etag = String(reply.getHeader('etag') ?? etagOfBody(payload));
  const anonymous = !request.headers.authorization && request.principal?.kind === 'anonymous';
  reply.header('etag', etag);
  // A route that chose its own cache life (code lists: their versions are dated) keeps it.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', anonymous ? `public, max-age=${REFERENCE_MAX_AGE_SECONDS}` : 'private, no-cache');
  reply.header('vary', 'Authorization');
  if (!matchesIfNoneMatch(request, etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}
