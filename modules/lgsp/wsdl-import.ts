import { describeWsdl } from '../../packages/xroad/index.ts';
import { badRequest } from '../../packages/platform/index.ts';
import type { Endpoint } from './lgsp.types.ts';

/**
 * A SOAP service's description (decision 0044): a WSDL 1.1 document fetched from the provider's
 * URL or uploaded, read strictly (no DTD, no entities), its operations as the service's endpoints
 * `POST /{operation}` — so that access rights, version diffs and notices work as for REST.
 */

export const MAX_WSDL_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface WsdlDescription {
  wsdl: string;
  operations: string[];
  endpoints: Endpoint[];
  label: string;
}

/** The endpoint an operation is granted as: `POST /{operation}`. */
export const operationEndpoint = (operation: string): Endpoint => ({ method: 'POST', path: `/${operation}` });

export function describeWsdlText(text: string): WsdlDescription {
  if (Buffer.byteLength(text) > MAX_WSDL_BYTES) throw badRequest('lgsp.wsdl_too_large', `The WSDL exceeds ${MAX_WSDL_BYTES} bytes`);
  const described = describeWsdl(text);
  if (!described.ok) throw badRequest('lgsp.wsdl_invalid', described.reason);
  return { wsdl: text, operations: described.wsdl.operations, endpoints: described.wsdl.operations.map(operationEndpoint), label: described.wsdl.name.slice(0, 100) };
}

/** Fetches the WSDL from an http(s) URL, bounded in time and size, redirects not followed. */
export async function fetchWsdl(url: string): Promise<WsdlDescription> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'text/xml, application/xml, application/wsdl+xml' } });
  } catch {
    throw badRequest('lgsp.wsdl_unreachable', 'The WSDL URL could not be fetched');
  }
  if (response.status !== 200) throw badRequest('lgsp.wsdl_unreachable', `The WSDL URL answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_WSDL_BYTES) throw badRequest('lgsp.wsdl_too_large', `The WSDL exceeds ${MAX_WSDL_BYTES} bytes`);
  return describeWsdlText(await response.text());
}
