import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The wire side of the X-Road message protocol for REST (v1.0.x) as the NDXP hub speaks it:
 * header names, the fault body, the request hash, and which headers may cross the hub.
 */

export const XROAD_HEADER = {
  client: 'x-road-client',
  id: 'x-road-id',
  userId: 'x-road-userid',
  issue: 'x-road-issue',
  representedParty: 'x-road-represented-party',
  service: 'x-road-service',
  requestId: 'x-road-request-id',
  requestHash: 'x-road-request-hash',
  error: 'x-road-error',
  /** Sandbox stand-in for the TLS client certificate; never leaves the hub. */
  clientKey: 'x-road-client-key',
} as const;

/** The request's message headers: passed to the provider and covered by the request hash. */
export const XROAD_MESSAGE_HEADERS = [
  XROAD_HEADER.client, XROAD_HEADER.id, XROAD_HEADER.issue, XROAD_HEADER.representedParty, XROAD_HEADER.userId,
] as const;

/** Fault types the hub answers with, each with its one HTTP status. */
export const XROAD_FAULTS = {
  'Client.BadRequest': 400,
  'Client.InvalidClientIdentifier': 400,
  'Server.ClientProxy.AuthenticationFailed': 401,
  'Server.ServerProxy.AccessDenied': 403,
  'Server.ServerProxy.UnknownService': 404,
  'Server.ClientProxy.InternalError': 500,
  'Server.ServerProxy.ServiceFailed.NetworkError': 502,
  'Server.ServerProxy.ServiceFailed.Timeout': 504,
} as const;

export type XroadFaultType = keyof typeof XROAD_FAULTS;

export interface XroadFault {
  type: XroadFaultType;
  message: string;
  /** Correlates the fault with the hub's message log (the X-Road request id). */
  detail: string;
}

export const xroadFaultSchema = {
  type: 'object',
  description: 'X-Road fault; the response also carries `X-Road-Error: <type>`.',
  required: ['type', 'message', 'detail'],
  properties: { type: { type: 'string' }, message: { type: 'string' }, detail: { type: 'string' } },
} as const;

/**
 * The one way the hub refuses or fails a message: the X-Road fault body plus `X-Road-Error`,
 * which tells the client the fault is X-Road's and not the provider's. `status` overrides the
 * type's usual status only where HTTP says more (413 for an oversized body).
 */
export function sendXroadFault(reply: FastifyReply, type: XroadFaultType, message: string, detail: string, status: number = XROAD_FAULTS[type]): FastifyReply {
  const fault: XroadFault = { type, message, detail };
  return reply.code(status).header(XROAD_HEADER.error, type).type('application/json; charset=utf-8').send(fault);
}

/** Documents the X-Road request headers; none is required here, so that a missing one gets an X-Road fault. */
export const xroadRequestHeadersSchema = {
  type: 'object',
  properties: {
    'x-road-client': { type: 'string', maxLength: 500, description: 'Client subsystem: INSTANCE/CLASS/MEMBER/SUBSYSTEM (required).' },
    'x-road-client-key': { type: 'string', maxLength: 500, description: "Sandbox stand-in for the information system's TLS client certificate (required)." },
    'x-road-id': { type: 'string', maxLength: 200, description: 'Message id; generated (UUID) when missing.' },
    'x-road-userid': { type: 'string', maxLength: 500, description: 'End user, passed to the provider.' },
    'x-road-issue': { type: 'string', maxLength: 1000, description: 'Case or issue, passed to the provider.' },
    'x-road-represented-party': { type: 'string', maxLength: 500, description: 'Represented party, passed to the provider.' },
  },
} as const;

export type HeaderSource = Headers | Record<string, string | string[] | number | undefined>;

export interface HashedRequest {
  method: string;
  /** The request target from `/r1/` on, exactly as sent (percent-encoding and query kept). */
  path: string;
  /** The request's headers, with `X-Road-Id` as the hub answered it (it generates one if missing). */
  headers: HeaderSource;
  body?: Uint8Array | string;
}

/** Header names compared case-insensitively; of two spellings of one name, the later entry wins. */
function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) found = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return found;
}

/**
 * The canonical request head hashed for `X-Road-Request-Hash`: one `name:value` line per
 * item, joined by `\n`, no trailing newline. First the pseudo-headers `:method:<METHOD>`
 * (upper case) and `:path:<path>`, then each X-Road message header present — `x-road-client`,
 * `x-road-id`, `x-road-issue`, `x-road-represented-party`, `x-road-userid`, in that (sorted)
 * order — with the lower-case name and the value trimmed. `X-Road-Client-Key` is not covered.
 */
export function canonicalRequestHead(request: Omit<HashedRequest, 'body'>): string {
  const lines = [`:method:${request.method.toUpperCase()}`, `:path:${request.path}`];
  for (const name of XROAD_MESSAGE_HEADERS) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) lines.push(`${name}:${value.trim()}`);
  }
  return lines.join('\n');
}

const sha512 = (data: Uint8Array | string): Buffer => createHash('sha512').update(data).digest();

/**
 * `X-Road-Request-Hash` = base64( SHA-512( SHA-512(canonical head) ‖ SHA-512(body) ) ), the
 * inner digests as raw 64-byte values and an absent body hashed as empty. Clients recompute
 * it to check that the response answers the request they sent.
 */
export function xroadRequestHash(request: HashedRequest): string {
  const head = sha512(canonicalRequestHead(request));
  const body = sha512(request.body ?? '');
  return sha512(Buffer.concat([head, body])).toString('base64');
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'http2-settings'];
/** Besides hop-by-hop: identity of the hops themselves, framing the next hop redoes, and `expect`. */
const NEVER_RELAYED = new Set([...HOP_BY_HOP, 'host', 'user-agent', 'server', 'content-length', 'expect']);

/**
 * The headers that may cross the hub in either direction: no hop-by-hop headers (nor those a
 * `Connection` header names), no `Host`/`User-Agent`/`Server`, and no `X-Road-*` — the hub
 * sets those itself, so neither side can forge them.
 */
export function relayableHeaders(source: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const entries = [...source].map(([name, value]) => [name.toLowerCase(), value] as const);
  const connection = entries.find(([name]) => name === 'connection')?.[1];
  const named = new Set(String(connection ?? '').split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined || NEVER_RELAYED.has(name) || named.has(name) || name.startsWith('x-road-')) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
