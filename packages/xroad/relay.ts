import { Agent, request, type Dispatcher } from 'undici';
import { relayableHeaders } from './headers.ts';

/**
 * The provider's side outbound leg: one call to the provider's information system, its answer
 * taken as it is (status, headers, raw body; PR-REST §4.6 category 1), redirects not followed
 * (§4.4), and failures told apart — no answer in time (`Server.ServerProxy.ServiceFailed`) or
 * not reachable (`Server.ServerProxy.NetworkError`, §4.6 example 2) — for the matching fault.
 * Shared by the NDXP sandbox and the LGSP gateway.
 */

export interface ProviderCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /**
   * Extra attempts after a connection failure, for idempotent methods only (RFC 9110 §9.2.2):
   * a request that may have reached the provider is never sent twice unless repeating it is harmless.
   */
  retries?: number;
  /** The largest provider answer taken (bytes); a longer one is a `Server.ServerProxy.ServiceFailed`. */
  maxResponseBytes?: number;
}

export type ProviderResult =
  | { ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer; attempts: number; xroad: Record<string, string> }
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed' | 'Server.ServerProxy.NetworkError'; message: string; attempts: number };

/** RFC 9110 §9.2.2. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * One keep-alive connection pool per provider origin, shared by every call of this process:
 * undici's own client, not fetch (no WHATWG streams, no body decoding — the provider's bytes and
 * Content-Encoding travel unchanged).
 */
const providers = new Agent({ keepAliveTimeout: 10_000, connections: 128 });

class TooLarge extends Error {}

async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

type Attempt =
  | { ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer; xroad: Record<string, string> }
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed' | 'Server.ServerProxy.NetworkError'; message: string; retryable?: boolean };

async function attempt(call: ProviderCall): Promise<Attempt> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await request(call.url, {
      method: call.method as Dispatcher.HttpMethod,
      // Asking for the identity coding keeps the provider's body byte for byte.
      headers: { ...call.headers, 'accept-encoding': 'identity' },
      body: call.method === 'GET' || call.method === 'HEAD' ? null : (call.body ?? null),
      dispatcher: providers,
      signal,
    });
    const body = await readBody(response.body, call.maxResponseBytes ?? Number.POSITIVE_INFINITY);
    const cookies = response.headers['set-cookie'];
    return {
      ok: true, status: response.statusCode,
      headers: relayableHeaders(Object.entries(response.headers).filter(([name]) => name !== 'set-cookie')),
      setCookies: cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies],
      body,
      // The provider's own X-Road headers (an NDXP answer's X-Road-Error tells its faults apart).
      xroad: Object.fromEntries(Object.entries(response.headers).filter((entry): entry is [string, string] => entry[0].startsWith('x-road-') && typeof entry[1] === 'string')),
    };
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, fault: 'Server.ServerProxy.ServiceFailed', message: `The provider's answer exceeds ${call.maxResponseBytes} bytes` };
    if (signal.aborted) {
      return { ok: false, fault: 'Server.ServerProxy.ServiceFailed', message: `The provider did not answer within ${call.timeoutMs} ms` };
    }
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    return { ok: false, fault: 'Server.ServerProxy.NetworkError', message: `The provider could not be reached${code ? ` (${code})` : ''}`, retryable: true };
  }
}

/** Calls the provider, retrying a connection failure of an idempotent method; never throws. */
export async function callProvider(call: ProviderCall): Promise<ProviderResult> {
  const retries = IDEMPOTENT_METHODS.has(call.method.toUpperCase()) ? (call.retries ?? 0) : 0;
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(call);
    if (result.ok) return { ...result, attempts };
    if (!result.retryable || attempts > retries) return { ok: false, fault: result.fault, message: result.message, attempts };
  }
}
