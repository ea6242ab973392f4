import { parseDocument } from 'yaml';
import { endpointsFromOpenApi } from '../../packages/xroad/index.ts';
import { badRequest, canonicalJson } from '../../packages/platform/index.ts';
import type { Endpoint, EndpointDiff } from './lgsp.types.ts';

/**
 * A service's description: an OpenAPI 3 document (JSON or YAML) fetched from the provider's URL
 * or uploaded, and its endpoints as X-Road lists them (PR-MREST Annex B.1, path parameters `*`).
 */

const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** YAML aliases a document may expand: enough for shared fragments, far too few for a "billion laughs". */
const MAX_YAML_ALIASES = 100;
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
    throw badRequest('lgsp.openapi_invalid', 'The description must be an OpenAPI 3 document (JSON or YAML) with paths');
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

/**
 * The document in a description's text: JSON, else YAML (1.2, core schema: no custom or
 * language tags, no merge keys, unique keys, one document, at most MAX_YAML_ALIASES alias
 * expansions). Either way `lgsp.openapi_invalid`, as bad JSON always was.
 */
export function parseDescriptionText(text: string): unknown {
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw badRequest('lgsp.openapi_too_large', `The OpenAPI document exceeds ${MAX_DOCUMENT_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    // not JSON: YAML is tried next
  }
  const invalid = (why: string) => badRequest('lgsp.openapi_invalid', `The OpenAPI document is neither valid JSON nor valid YAML: ${why.split('\n')[0]!.slice(0, 200)}`);
  const document = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: true, strict: true, prettyErrors: false });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) throw invalid(problem.message);
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'unreadable');
  }
}

/** Fetches the document from an http(s) URL, bounded in time and size. */
export async function fetchDescription(url: string): Promise<Description> {
  const text = await fetchDescriptionText(url, {
    kind: 'openapi', name: 'OpenAPI', document: 'The OpenAPI document', accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.8', maxBytes: MAX_DOCUMENT_BYTES,
  });
  return describe(parseDescriptionText(text));
}

const key = (e: Endpoint) => `${e.method} ${e.path}`;

/** What a new description adds and removes, endpoint by endpoint. */
export function endpointDiff(before: readonly Endpoint[], after: readonly Endpoint[]): EndpointDiff {
  const old = new Set(before.map(key));
  const now = new Set(after.map(key));
  return { added: after.filter((e) => !old.has(key(e))), removed: before.filter((e) => !now.has(key(e))) };
}

export const sameDocument = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
