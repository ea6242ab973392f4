import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  clientListResponse, endpointsFromOpenApi, isIdentifierValue, listClientsJson, listClientsMediaType, listClientsXml, methodListJson, openApiServerPath,
  providerOf, sendFault, xroadFaultResponse, type ListedService, type RestMetaservice,
} from '../../../packages/xroad/index.ts';
import { refuse, type Exchange } from './exchange.ts';
import { resolveUrl } from './forward.ts';
import { NOT_A_MESSAGE, hubRequestHeaders, messageFaultResponses } from './hub-schemas.ts';
import type { Hub } from './hub.ts';
import type { RegisteredService } from './registry.ts';

/**
 * X-Road's service metadata protocol on the hub: `GET /listClients[?xRoadInstance=…]`, a plain
 * GET needing no X-Road-Client, in XML unless JSON is asked for (PR-META §2); and the REST
 * metaservices `listMethods`, `allowedMethods` and `getOpenAPI`, called as regular X-Road
 * messages of an authenticated client on the provider's service id (PR-MREST §4, §5).
 */

const METASERVICE_TIMEOUT_MS = 10_000;


const methodListSchema = {
  type: 'object',
  required: ['service'],
  properties: {
    service: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          member_class: { type: 'string' }, member_code: { type: 'string' }, object_type: { type: 'string' }, service_code: { type: 'string' },
          service_type: { type: 'string', enum: ['OPENAPI', 'REST'] }, subsystem_code: { type: 'string' }, xroad_instance: { type: 'string' },
          endpoint_list: { type: 'array', items: { type: 'object', properties: { method: { type: 'string' }, path: { type: 'string' } } } },
        },
      },
    },
  },
} as const;

const idPart = { type: 'string', maxLength: 255 } as const;
const providerParams = {
  type: 'object', additionalProperties: false, required: ['xRoadInstance', 'memberClass', 'memberCode', 'subsystemCode'],
  properties: { xRoadInstance: idPart, memberClass: idPart, memberCode: idPart, subsystemCode: idPart },
} as const;
const authNote = 'Called as an X-Road message: `X-Road-Client` (client subsystem) and `X-Road-Client-Key` (its key, stand-in for the TLS client certificate).';

type MessageHandler = (hub: Hub, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

export function registerMetaserviceRoutes(scope: FastifyInstance, hub: Hub, handleMessage: MessageHandler): void {
  const { registry } = hub;

  scope.get<{ Querystring: { xRoadInstance?: string } }>('/listClients', {
    config: NOT_A_MESSAGE,
    schema: {
      summary: 'Danh sách thành viên / listClients',
      description: 'Members and subsystems of an X-Road instance (PR-META §2): `text/xml` (`clientList`, PR-META Annex A) unless `Accept: application/json`. '
        + 'A plain GET, no X-Road-Client needed. `xRoadInstance` defaults to the hub\'s own instance; another instance has no clients here.',
      tags: ['X-Road metaservices'],
      operationId: 'listClients',
      querystring: { type: 'object', additionalProperties: false, properties: { xRoadInstance: { type: 'string', maxLength: 255 } } },
      response: {
        200: clientListResponse,
        400: xroadFaultResponse('`xRoadInstance` is not an X-Road identifier (`Client.BadRequest`).'),
      },
    },
  }, async (request, reply) => {
    const instance = request.query.xRoadInstance ?? registry.instance;
    if (!isIdentifierValue(instance)) {
      return sendFault(request, reply, { type: 'Client.BadRequest', message: "xRoadInstance must use only A-Z a-z 0-9 '()+,-.=?", detail: randomUUID() });
    }
    const clients = instance === registry.instance ? registry.clients() : [];
    if (listClientsMediaType(request.headers.accept) === 'application/json') {
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(listClientsJson(clients)));
    }
    return reply.type('text/xml; charset=utf-8').send(listClientsXml(clients));
  });

  const describe: Record<RestMetaservice, { summary: string; description: string }> = {
    listMethods: { summary: 'Dịch vụ của một hệ thống / listMethods', description: 'REST services of the provider subsystem with their endpoints (PR-MREST §4, Annex B.1).' },
    allowedMethods: { summary: 'Dịch vụ được phép dùng / allowedMethods', description: 'REST services of the provider subsystem the calling client has an access right to, with their endpoints (PR-MREST §4, Annex B.2).' },
    getOpenAPI: { summary: 'Mô tả OpenAPI của dịch vụ / getOpenAPI', description: 'The OpenAPI 3 description of the provider\'s service `serviceCode` (PR-MREST §5).' },
  };
  for (const metaservice of ['listMethods', 'allowedMethods', 'getOpenAPI'] as const) {
    scope.get(`/r1/:xRoadInstance/:memberClass/:memberCode/:subsystemCode/${metaservice}`, {
      schema: {
        summary: describe[metaservice].summary,
        description: `${describe[metaservice].description} ${authNote}`,
        tags: ['X-Road metaservices'],
        operationId: metaservice,
        params: providerParams,
        querystring: metaservice === 'getOpenAPI'
          ? { type: 'object', additionalProperties: false, required: ['serviceCode'], properties: { serviceCode: idPart } }
          : { type: 'object', additionalProperties: false, properties: {} },
        headers: hubRequestHeaders,
        response: {
          200: metaservice === 'getOpenAPI'
            ? { description: 'The OpenAPI document, as the provider publishes it.', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } }
            : { description: 'The services and their endpoints.', content: { 'application/json': { schema: methodListSchema } } },
          ...messageFaultResponses,
        },
      },
    }, (request, reply) => handleMessage(hub, request, reply));
  }
}

async function fetchOpenApi(hub: Hub, service: RegisteredService): Promise<{ ok: true; document: unknown } | { ok: false; message: string }> {
  const url = service.openapi && resolveUrl(hub.serverRoot(), service.openapi);
  if (!url) return { ok: false, message: `No OpenAPI description is registered for ${service.id}` };
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(METASERVICE_TIMEOUT_MS) });
    if (!response.ok) return { ok: false, message: `The provider answered ${response.status} for the OpenAPI description` };
    return { ok: true, document: await response.json() };
  } catch {
    return { ok: false, message: 'The OpenAPI description could not be fetched' };
  }
}

/** The endpoints of a service relative to its base (the part of `target` beyond the document's server URL). */
async function listed(hub: Hub, service: RegisteredService): Promise<ListedService> {
  if (!service.openapi) return { id: service.serviceId, serviceType: 'REST', endpoints: [] };
  const fetched = await fetchOpenApi(hub, service);
  if (!fetched.ok) return { id: service.serviceId, serviceType: 'OPENAPI', endpoints: [] };
  const targetPath = new URL(service.target, 'http://server.invalid').pathname.replace(/\/+$/, '');
  const serverPath = openApiServerPath(fetched.document);
  const basePath = targetPath.startsWith(serverPath) ? targetPath.slice(serverPath.length) : targetPath;
  return { id: service.serviceId, serviceType: 'OPENAPI', endpoints: endpointsFromOpenApi(fetched.document, basePath) };
}

/** Answers `listMethods`, `allowedMethods` or `getOpenAPI` for an authenticated client. */
export async function serveMetaservice(hub: Hub, request: FastifyRequest, reply: FastifyReply, exchange: Exchange, clientId: string): Promise<FastifyReply> {
  if (!exchange.target.ok) return reply;
  const { serviceId, servicePath, query } = exchange.target.target;
  if (request.method !== 'GET') return refuse(request, reply, exchange, 'Client.BadRequest', `${serviceId.serviceCode} is called with GET`);
  if (servicePath !== '') return refuse(request, reply, exchange, 'Client.BadRequest', `${serviceId.serviceCode} takes no path`);
  const services = hub.registry.servicesOf(providerOf(serviceId));
  if (!services) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown provider subsystem of ${exchange.service}`);

  if (serviceId.serviceCode === 'getOpenAPI') {
    const code = new URLSearchParams(query).get('serviceCode');
    if (!code) return refuse(request, reply, exchange, 'Client.BadRequest', 'getOpenAPI needs the query parameter serviceCode');
    const service = services.find((s) => s.serviceId.serviceCode === code);
    if (!service) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `The provider has no service ${code}`);
    const fetched = await fetchOpenApi(hub, service);
    if (!fetched.ok) return refuse(request, reply, exchange, 'Server.ServerProxy.ServiceFailed', fetched.message);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(fetched.document));
  }
  const shown = serviceId.serviceCode === 'listMethods' ? services : services.filter((s) => hub.registry.isAllowed(s, clientId));
  const body = methodListJson(await Promise.all(shown.map((service) => listed(hub, service))));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}
