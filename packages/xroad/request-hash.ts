import { hash } from 'node:crypto';
import { FILTERED_HEADERS, XROAD_HEADER, type HeaderPair } from './headers.ts';

/**
 * `X-Road-Request-Hash` (PR-REST §4.3): base64( SHA-512( SHA-512(headers) ‖ SHA-512(body) ) ),
 * or base64( SHA-512(headers) ) when the request has no body. "headers" is the REST header
 * part of the message (PR-MESSTRANSP §3, part `application/x-road-rest-request`): the request
 * line and the request's headers. Its bytes here are those the X-Road security server writes
 * for that part, UTF-8:
 *
 *     METHOD CRLF
 *     /r1/{serviceId}[/path][?query] CRLF          (as received, percent-encoding kept)
 *     Name:Value CRLF                               (each header in arrival order, as sent)
 *     …
 *     x-road-request-id:{request id} CRLF           (added by the security server)
 *     x-road-id:{message id} CRLF                   (only when the server generated it)
 *
 * leaving out the filtered headers (§4.3: hop-by-hop, Host, User-Agent, Server, and the
 * specially handled Expect and Content-Length) and any `X-Road-Request-Id` or
 * `X-Road-Request-Hash` the client sent (§4.3: the request SHOULD NOT contain the hash).
 * "‖" joins the two raw 64-byte digests.
 */

export interface RestRequestHead {
  method: string;
  /** From `/r1/` on, exactly as received. */
  requestTarget: string;
  /** The request's headers in arrival order. */
  headers: readonly HeaderPair[];
  /** The request id the server assigned (`X-Road-Request-Id`). */
  requestId: string;
  /** The message id, when the server generated it because the client sent none. */
  generatedId?: string;
  /** Further lower-case names kept out of the part (a credential that is not part of the message). */
  exclude?: ReadonlySet<string>;
}

const CRLF = '\r\n';

/** The REST header part's bytes. */
export function restHeaderPart(head: RestRequestHead): Buffer {
  let text = `${head.method.toUpperCase()}${CRLF}${head.requestTarget}${CRLF}`;
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (FILTERED_HEADERS.has(lower) || lower === XROAD_HEADER.requestId || lower === XROAD_HEADER.requestHash || head.exclude?.has(lower)) continue;
    text += `${name}:${value}${CRLF}`;
  }
  text += `${XROAD_HEADER.requestId}:${head.requestId}${CRLF}`;
  if (head.generatedId !== undefined) text += `${XROAD_HEADER.id}:${head.generatedId}${CRLF}`;
  return Buffer.from(text, 'utf8');
}

/** One-shot `crypto.hash`: no `Hash` object per digest (three per message). */
const sha512 = (data: Uint8Array): Buffer => hash('sha512', data, 'buffer');

/** The header value for a request: an empty body counts as none. */
export function requestHash(headerPart: Uint8Array, body?: Uint8Array): string {
  const headDigest = sha512(headerPart);
  if (!body || body.length === 0) return headDigest.toString('base64');
  return sha512(Buffer.concat([headDigest, sha512(body)])).toString('base64');
}
