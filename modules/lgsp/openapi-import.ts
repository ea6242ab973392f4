import { endpointsFromOpenApi } from '../../packages/xroad/index.ts';
import { badRequest, canonicalJson } from '../../packages/platform/index.ts';
import type { Endpoint, EndpointDiff } from './lgsp.types.ts';

/**
 * A service's description: an OpenAPI 3 document (JSON) fetched from the provider's URL or
 * uploaded, and its endpoints as X-Road lists them (PR-MREST Annex B.1, path parameters `*`).
 */

const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface Description {
  document: Record<string, unknown>;
  endpoints: Endpoint[];
  /** `info.version` of the document, for people. */
  label: string;
}

export function describe(document: unknown): Description {
  const doc = document as { openapi?: unknown; paths?: unknown; info?: { version?: unknown } } | null;
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !/^3\.\d+/.test(doc.openapi) || typeof doc.paths !== 'object' || doc.paths === null) {
    throw badRequest('lgsp.openapi_invalid', 'The description must be an OpenAPI 3 document (JSON) with paths');
  }
  const endpoints = endpointsFromOpenApi(doc);
  const label = typeof doc.info?.version === 'string' ? doc.info.version.slice(0, 100) : '';
  return { document: doc as Record<string, unknown>, endpoints, label };
}

/** What `fetchDescriptionText` fetches: the error codes' kind (`lgsp.<kind>_unreachable`, `_too_large`) and the texts' names. */
export interface DescriptionSource {
  kind: 'openapi' | 'wsdl';
  /** "OpenAPI", "WSDL": the URL's name in messages. */
  name: string;
  /** "The OpenAPI document", "The WSDL": the document's name in messages. */
  document: string;
  accept: string;
  maxBytes: number;
}

/** Fetches a service description's text from an http(s) URL, bounded in time and size, redirects not followed. */
export async function fetchDescriptionText(url: string, source: DescriptionSource): Promise<string> {
  const tooLarge = () => badRequest(`lgsp.${source.kind}_too_large`, `${source.document} exceeds ${source.maxBytes} bytes`);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: source.accept } });
  } catch {
    throw badRequest(`lgsp.${source.kind}_unreachable`, `The ${source.name} URL could not be fetched`);
  }
  if (response.status !== 200) throw badRequest(`lgsp.${source.kind}_unreachable`, `The ${source.name} URL answered ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > source.maxBytes) throw tooLarge();
  const text = await response.text();
  if (Buffer.byteLength(text) > source.maxBytes) throw tooLarge();
  return text;
}

/** Fetches the document from an http(s) URL, bounded in time and size. */
export async function fetchDescription(url: string): Promise<Description> {
  const text = await fetchDescriptionText(url, { kind: 'openapi', name: 'OpenAPI', document: 'The OpenAPI document', accept: 'application/json', maxBytes: MAX_DOCUMENT_BYTES });
  try {
    return describe(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw badRequest('lgsp.openapi_invalid', 'The OpenAPI document is not valid JSON');
    throw error;
  }
}

const key = (e: Endpoint) => `${e.method} ${e.path}`;

/** What a new description adds and removes, endpoint by endpoint. */
export function endpointDiff(before: readonly Endpoint[], after: readonly Endpoint[]): EndpointDiff {
  const old = new Set(before.map(key));
  const now = new Set(after.map(key));
  return { added: after.filter((e) => !old.has(key(e))), removed: before.filter((e) => !now.has(key(e))) };
}

export const sameDocument = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
