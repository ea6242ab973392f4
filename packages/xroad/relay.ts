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
  | {
    ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer; attempts: number;
    /** The answer's `X-Road-*` headers (left out of `headers`): what an X-Road server upstream said (its ids, its fault type). */
    xroad: Record<string, string>;
  }
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed' | 'Server.ServerProxy.NetworkError'; message: string; attempts: number };

/** RFC 9110 §9.2.2. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Codings fetch decodes by itself: once decoded, the header would lie about the body. */
const DECODED_CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd']);

function answerHeaders(response: Response, method: string): Record<string, string> {
  const headers = relayableHeaders([...response.headers].filter(([name]) => name !== 'set-cookie'));
  const codings = headers['content-encoding']?.split(',').map((c) => c.trim().toLowerCase());
  if (method !== 'HEAD' && codings?.every((c) => DECODED_CODINGS.has(c))) delete headers['content-encoding'];
  return headers;
}

class TooLarge extends Error {}

async function readBody(response: Response, limit: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(Buffer.from(value));
  }
}

type Attempt =
  | { ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer; xroad: Record<string, string> }
  | { ok: false; fault: 'Server.ServerProxy.ServiceFailed' | 'Server.ServerProxy.NetworkError'; message: string; retryable?: boolean };

async function attempt(call: ProviderCall): Promise<Attempt> {
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
    const body = await readBody(response, call.maxResponseBytes ?? Number.POSITIVE_INFINITY);
    const xroad = Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('x-road-')));
    return { ok: true, status: response.status, headers: answerHeaders(response, call.method), setCookies: response.headers.getSetCookie(), body, xroad };
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, fault: 'Server.ServerProxy.ServiceFailed', message: `The provider's answer exceeds ${call.maxResponseBytes} bytes` };
    if (signal.aborted) {
      return { ok: false, fault: 'Server.ServerProxy.ServiceFailed', message: `The provider did not answer within ${call.timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, fault: 'Server.ServerProxy.NetworkError', message: `The provider could not be reached${cause ? ` (${cause})` : ''}`, retryable: true };
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
