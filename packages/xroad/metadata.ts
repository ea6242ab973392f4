import type { ClientId, ServiceId } from './identifiers.ts';
import { writeXmlDocument, type XmlElement } from './xml.ts';

/**
 * The service metadata protocol: `listClients` (PR-META §2, Annex A, Annex C.1) and, for REST
 * providers, `listMethods`, `allowedMethods` and `getOpenAPI` (PR-MREST §4, §5, Annex B).
 */

/** Service codes of the REST metaservices (PR-MREST §4, §5); never listed as services themselves. */
export const REST_METASERVICES = ['listMethods', 'allowedMethods', 'getOpenAPI'] as const;
export type RestMetaservice = (typeof REST_METASERVICES)[number];
export const isRestMetaservice = (code: string): code is RestMetaservice => (REST_METASERVICES as readonly string[]).includes(code);

export interface ListedClient {
  id: ClientId;
  /** The member's name. */
  name: string;
  /** The subsystem's name, for a subsystem. */
  subsystemName?: string;
}

const objectType = (id: ClientId): 'MEMBER' | 'SUBSYSTEM' => (id.subsystemCode === undefined ? 'MEMBER' : 'SUBSYSTEM');

/** PR-META §2: JSON when the client asks for `application/json`, otherwise `text/xml`. */
export function listClientsMediaType(accept: string | undefined): 'application/json' | 'text/xml' {
  const ranges = (accept ?? '').split(',').map((range) => range.split(';', 1)[0]!.trim().toLowerCase());
  return ranges.includes('application/json') ? 'application/json' : 'text/xml';
}

/** PR-META Annex B (OpenAPI `clientList`) and Annex C.1 (JSON response). */
export function listClientsJson(clients: readonly ListedClient[]) {
  return {
    member: clients.map((client) => ({
      id: {
        member_class: client.id.memberClass,
        member_code: client.id.memberCode,
        ...(client.id.subsystemCode === undefined ? {} : { subsystem_code: client.id.subsystemCode }),
        object_type: objectType(client.id),
        xroad_instance: client.id.instance,
      },
      name: client.name,
      ...(client.subsystemName === undefined ? {} : { subsystem_name: client.subsystemName }),
    })),
  };
}

export const XROAD_NAMESPACE = 'http://x-road.eu/xsd/xroad.xsd';
export const IDENTIFIERS_NAMESPACE = 'http://x-road.eu/xsd/identifiers';

/** PR-META Annex A (`clientList` of `member`s, each `id`, `name`, optional `subsystemName`) with the prefixes of Annex C.1. */
export function listClientsXml(clients: readonly ListedClient[]): string {
  const member = (client: ListedClient): XmlElement => {
    const idParts: XmlElement[] = [
      { name: 'ns1:xRoadInstance', content: client.id.instance },
      { name: 'ns1:memberClass', content: client.id.memberClass },
      { name: 'ns1:memberCode', content: client.id.memberCode },
      ...(client.id.subsystemCode === undefined ? [] : [{ name: 'ns1:subsystemCode', content: client.id.subsystemCode }]),
    ];
    return {
      name: 'ns2:member',
      content: [
        { name: 'ns2:id', attributes: { 'ns1:objectType': objectType(client.id) }, content: idParts },
        { name: 'ns2:name', content: client.name },
        ...(client.subsystemName === undefined ? [] : [{ name: 'ns2:subsystemName', content: client.subsystemName }]),
      ],
    };
  };
  return writeXmlDocument({
    name: 'ns2:clientList',
    attributes: { 'xmlns:ns1': IDENTIFIERS_NAMESPACE, 'xmlns:ns2': XROAD_NAMESPACE },
    content: clients.map(member),
  });
}

export interface Endpoint {
  method: string;
  /** Relative to the service's base; `*` stands for one path parameter. */
  path: string;
}

export interface ListedService {
  id: ServiceId;
  /** `OPENAPI` when described by an OpenAPI document, `REST` when its endpoints were entered by hand. */
  serviceType: 'OPENAPI' | 'REST';
  endpoints: readonly Endpoint[];
}

/** PR-MREST Annex B.1/B.2: `{ service: [ { …identifier, service_type, endpoint_list } ] }`; metaservices never listed (§4). */
export function methodListJson(services: readonly ListedService[]) {
  return {
    service: services.filter((service) => !isRestMetaservice(service.id.serviceCode)).map((service) => ({
      member_class: service.id.memberClass,
      member_code: service.id.memberCode,
      object_type: 'SERVICE' as const,
      service_code: service.id.serviceCode,
      service_type: service.serviceType,
      subsystem_code: service.id.subsystemCode,
      xroad_instance: service.id.instance,
      endpoint_list: service.endpoints.map((endpoint) => ({ method: endpoint.method, path: endpoint.path })),
    })),
  };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The endpoints of an OpenAPI 3 document as X-Road lists them (PR-MREST Annex B.1): one per
 * path and method, path parameters as `*`. Only paths under `basePath` (the part of the
 * service's base URL beyond the document's server URL) are the service's; it is stripped.
 */
export function endpointsFromOpenApi(document: unknown, basePath = ''): Endpoint[] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> } | null)?.paths;
  if (!paths || typeof paths !== 'object') return [];
  const base = basePath.replace(/\/+$/, '');
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (base && path !== base && !path.startsWith(`${base}/`)) continue;
    const relative = path.slice(base.length) || '/';
    for (const method of HTTP_METHODS) {
      if (item && typeof item === 'object' && method in item) endpoints.push({ method: method.toUpperCase(), path: relative.replace(/\{[^}/]+\}/g, '*') });
    }
  }
  return endpoints;
}

/** The server URL path of an OpenAPI document (`servers[0].url`), `''` when it has none. */
export function openApiServerPath(document: unknown): string {
  const url = (document as { servers?: { url?: unknown }[] } | null)?.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url, 'http://server.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
