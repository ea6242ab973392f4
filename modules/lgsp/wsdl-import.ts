import { describeWsdl } from '../../packages/xroad/index.ts';
import { badRequest } from '../../packages/platform/index.ts';
import type { Endpoint } from './lgsp.types.ts';
import { fetchDescriptionText } from './openapi-import.ts';

/**
 * A SOAP service's description (decision 0044): a WSDL 1.1 document fetched from the provider's
 * URL or uploaded, read strictly (no DTD, no entities), its operations as the service's endpoints
 * `POST /{operation}` — so that access rights, version diffs and notices work as for REST.
 */

export const MAX_WSDL_BYTES = 2 * 1024 * 1024;

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
  return describeWsdlText(await fetchDescriptionText(url, { kind: 'wsdl', name: 'WSDL', document: 'The WSDL', accept: 'text/xml, application/xml, application/wsdl+xml', maxBytes: MAX_WSDL_BYTES }));
}
