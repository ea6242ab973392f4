import { relayableHeaders } from '../../../packages/xroad/index.ts';

/**
 * The hub's outbound leg: one call to the provider's information system, its answer taken
 * as it is (status, headers, raw body; PR-REST §4.6 category 1), redirects not followed
 * (§4.4), and failures told apart — no answer in time (`Server.ServerProxy.ServiceFailed`) or
 * not reachable (`Server.ServerProxy.NetworkError`, §4.6 example 2) — for the matching fault.
 */

/** A URL as configured: absolute, or a path on this sandbox server (undefined until the server has started). */
export function resolveUrl(serverRoot: string | undefined, url: string): string | undefined {
  if (!url.startsWith('/')) return url;
  return serverRoot && `${serverRoot}${url}`;
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
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed' | 'Server.ServerProxy.NetworkError'; message: string };

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
      return { ok: false, fault: 'Server.ServerProxy.ServiceFailed', message: `The provider did not answer within ${call.timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, fault: 'Server.ServerProxy.NetworkError', message: `The provider could not be reached${cause ? ` (${cause})` : ''}` };
  }
}
