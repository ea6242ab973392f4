import { relayableHeaders } from './protocol.ts';

/**
 * The hub's outbound leg: one call to the provider's information system, its answer taken
 * as it is (status, headers, raw body), redirects not followed, and failures told apart as
 * timeout or network error so the client gets the matching X-Road fault.
 */

export interface MessageTarget {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`, parts percent-decoded. */
  serviceId: string;
  /** Path after the service code, raw (`''` or starting with `/`). */
  remainder: string;
  /** Raw query including `?`, or `''`. */
  query: string;
}

/** Splits `/r1/<5 id parts>[/rest][?query]`; undefined when fewer than five id parts or bad encoding. */
export function parseMessagePath(xroadPath: string): MessageTarget | undefined {
  const queryAt = xroadPath.indexOf('?');
  const path = queryAt >= 0 ? xroadPath.slice(0, queryAt) : xroadPath;
  const query = queryAt >= 0 ? xroadPath.slice(queryAt) : '';
  const segments = path.replace(/^\/r1\//, '').split('/');
  if (segments.length < 5) return undefined;
  try {
    const idParts = segments.slice(0, 5).map((segment) => decodeURIComponent(segment));
    if (idParts.some((part) => part.includes('/'))) return undefined;
    return { serviceId: idParts.join('/'), remainder: segments.length > 5 ? `/${segments.slice(5).join('/')}` : '', query };
  } catch {
    return undefined;
  }
}

/**
 * The provider URL for a message: the service's base URL plus the path remainder and query.
 * Undefined when the remainder climbs out of the base path (`..`, encoded or not): a client
 * granted one service must not reach the provider's other paths.
 */
export function providerUrl(base: string, remainder: string, query: string): URL | undefined {
  const baseUrl = new URL(base);
  const url = new URL(`${base}${remainder}${query}`);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  return url.origin === baseUrl.origin && inside ? url : undefined;
}

export interface ProviderCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
}

export type ProviderResult =
  | { ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer }
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed.Timeout' | 'Server.ServerProxy.ServiceFailed.NetworkError'; message: string };

/** Codings fetch decodes by itself: once decoded, the header would lie about the body. */
const DECODED_CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd']);

function responseHeaders(response: Response, method: string): Record<string, string> {
  const headers = relayableHeaders([...response.headers].filter(([name]) => name !== 'set-cookie'));
  const codings = headers['content-encoding']?.split(',').map((c) => c.trim().toLowerCase());
  if (method !== 'HEAD' && codings?.every((c) => DECODED_CODINGS.has(c))) delete headers['content-encoding'];
  return headers;
}

/** Calls the provider; never throws. */
export async function callProvider(call: ProviderCall): Promise<ProviderResult> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: call.method,
      // Asking for the identity coding keeps the provider's body byte for byte.
      headers: { ...call.headers, 'accept-encoding': 'identity' },
      // A parsed request body is a plain (non-shared) Buffer, which fetch accepts as bytes.
      body: call.method === 'GET' || call.method === 'HEAD' ? undefined : (call.body as Uint8Array<ArrayBuffer> | undefined),
      redirect: 'manual',
      signal,
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { ok: true, status: response.status, headers: responseHeaders(response, call.method), setCookies: response.headers.getSetCookie(), body };
  } catch (error) {
    if (signal.aborted) {
      return { ok: false, fault: 'Server.ServerProxy.ServiceFailed.Timeout', message: `The provider did not answer within ${call.timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, fault: 'Server.ServerProxy.ServiceFailed.NetworkError', message: `The provider could not be reached${cause ? ` (${cause})` : ''}` };
  }
}
