import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  clientListResponse, listClientsJson, listClientsMediaType, listClientsXml, methodListJson, providerOf, type ListedService, type RestMetaservice,
} from '../../packages/xroad/index.ts';
import { refuse, type GatewayExchange } from './gateway.ts';
import type { GatewayRegistry } from './gateway-registry.ts';
import { ErrorSchema } from '../../packages/platform/index.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on routes that are not X-Road messages (listClients): no exchange, no log record. */
    xroadMessage?: boolean;
  }
}

/**
 * The service metadata protocol answered from the LGSP registry: `GET /lgsp/listClients` (a
 * plain GET, no credentials, XML unless JSON is asked for; PR-META §2) and the REST metaservices
 * `listMethods`, `allowedMethods`, `getOpenAPI` as X-Road messages of an authenticated client
 * on the provider subsystem's id (PR-MREST §4, §5). Drafts and retired services are not listed.
 */
export function registerGatewayMetaservices(scope: FastifyInstance, registry: GatewayRegistry, config: Record<string, unknown>): void {
  scope.get<{ Querystring: { xRoadInstance?: string } }>('/listClients', {
    config: { ...config, scope: undefined, xroadMessage: false }, // no credentials (PR-META §2)
    schema: {
      operationId: 'lgspListClients',
      summary: 'Thành viên và phân hệ của LGSP / listClients (PR-META §2)',
      tags: ['lgsp-gateway'],
      querystring: { type: 'object', additionalProperties: false, properties: { xRoadInstance: { type: 'string', maxLength: 255 } } },
      response: { 200: clientListResponse, 400: ErrorSchema },
    },
  }, async (request, reply) => {
    const clients = await registry.clients(request.query.xRoadInstance);
    if (listClientsMediaType(request.headers.accept) === 'application/json') return reply.type('application/json; charset=utf-8').send(listClientsJson(clients));
    return reply.type('text/xml; charset=utf-8').send(listClientsXml(clients));
  });
}

export async function serveMetaservice(registry: GatewayRegistry, request: FastifyRequest, reply: FastifyReply, exchange: GatewayExchange, clientSubsystemId: string): Promise<FastifyReply> {
  if (!exchange.target.ok) return reply;
  const { serviceId, servicePath, query } = exchange.target.target;
  const metaservice = serviceId.serviceCode as RestMetaservice;
  if (servicePath !== '' && servicePath !== '/') return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `${metaservice} has no sub-paths`);
  if (request.method !== 'GET') return refuse(request, reply, exchange, 'Client.BadRequest', `${metaservice} is called with GET`);
  const provider = providerOf(serviceId);
  // PR-MREST: the REST metaservices know REST services only (SOAP ones are listed by the SOAP metaservices, gateway-soap.ts).
  const services = (await registry.servicesOf(provider))?.filter((s) => s.kind === 'rest');
  if (!services) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', 'Unknown provider subsystem');

  if (metaservice === 'getOpenAPI') {
    const code = new URLSearchParams(query).get('serviceCode');
    if (!code) return refuse(request, reply, exchange, 'Client.BadRequest', 'getOpenAPI needs the serviceCode parameter');
    const service = services.find((s) => s.code === code);
    if (!service) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown service code ${code}`);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(await registry.openApi(service.id)));
  }
  const allowed = metaservice === 'allowedMethods' ? await registry.allowedServices(clientSubsystemId, services.map((s) => s.id)) : undefined;
  const listed: ListedService[] = services
    .filter((s) => !allowed || allowed.has(s.id))
    .map((s) => ({ id: { ...provider, subsystemCode: provider.subsystemCode!, serviceCode: s.code }, serviceType: 'OPENAPI', endpoints: s.endpoints }));
  return reply.type('application/json; charset=utf-8').send(methodListJson(listed));
}
