import type { FastifyInstance } from 'fastify';
import { authenticateClient, openExchange, refuse } from './exchange.ts';
import type { Hub } from './hub.ts';
import { memberJson, memberKey, serviceJson, subsystemJson, subsystemKey, type SubsystemId } from './identifiers.ts';
import { XROAD_HEADER, xroadFaultSchema, xroadRequestHeadersSchema } from './protocol.ts';

/**
 * X-Road's service-metadata protocol for REST, in JSON: who is on the hub (`listClients`) and
 * what a provider subsystem offers (`listMethods`) or offers to the caller (`allowedMethods`).
 * The caller authenticates like any client information system.
 */

const idPart = { type: 'string', pattern: '^[\\w.-]{1,100}$' } as const;

const identifierSchema = {
  type: 'object',
  properties: {
    xroad_instance: { type: 'string' }, member_class: { type: 'string' }, member_code: { type: 'string' },
    subsystem_code: { type: 'string' }, service_code: { type: 'string' }, object_type: { type: 'string' }, service_type: { type: 'string' },
  },
} as const;

const listClientsSchema = {
  type: 'object',
  required: ['member'],
  properties: { member: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: identifierSchema, name: { type: 'string' } } } } },
} as const;

const listMethodsSchema = {
  type: 'object',
  required: ['service'],
  properties: { service: { type: 'array', items: identifierSchema } },
} as const;

const faults = { 400: xroadFaultSchema, 401: xroadFaultSchema, 404: xroadFaultSchema } as const;
const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const;
const authNote = 'Authentication: `X-Road-Client` (client subsystem) and `X-Road-Client-Key` (its key, stand-in for the TLS client certificate).';

interface ProviderParams {
  instance: string;
  memberClass: string;
  memberCode: string;
  subsystemCode: string;
}

export function registerMetaservices(scope: FastifyInstance, hub: Hub): void {
  const { registry } = hub;

  scope.get<{ Params: { instance: string } }>('/r1/:instance/listClients', {
    schema: {
      summary: 'Danh sách thành viên / listClients',
      description: `Members and subsystems of the X-Road instance (X-Road service metadata protocol). ${authNote}`,
      tags: ['X-Road metaservices'],
      params: { type: 'object', additionalProperties: false, required: ['instance'], properties: { instance: idPart } },
      querystring: noQuery,
      headers: xroadRequestHeadersSchema,
      response: { 200: listClientsSchema, ...faults },
    },
  }, async (request, reply) => {
    const exchange = openExchange(hub.exchanges, request, reply);
    if (!exchange) return reply;
    exchange.service = `${request.params.instance}/listClients`;
    exchange.path = '';
    if (!authenticateClient(registry, request, reply, exchange)) return reply;
    if (request.params.instance !== registry.instance) {
      return refuse(reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown X-Road instance ${request.params.instance}`);
    }
    const members = new Map<string, { id: ReturnType<typeof memberJson> | ReturnType<typeof subsystemJson>; name: string }[]>();
    for (const { id, name } of registry.clients()) {
      const key = memberKey(id);
      if (!members.has(key)) members.set(key, [{ id: memberJson(id), name }]);
      members.get(key)!.push({ id: subsystemJson(id), name });
    }
    return { member: [...members.values()].flat() };
  });

  for (const metaservice of ['listMethods', 'allowedMethods'] as const) {
    scope.get<{ Params: ProviderParams }>(`/r1/:instance/:memberClass/:memberCode/:subsystemCode/${metaservice}`, {
      schema: {
        summary: metaservice === 'listMethods' ? 'Dịch vụ của một hệ thống / listMethods' : 'Dịch vụ được phép dùng / allowedMethods',
        description: metaservice === 'listMethods'
          ? `REST services provided by the subsystem. ${authNote}`
          : `REST services of the subsystem the calling client has an access right to. ${authNote}`,
        tags: ['X-Road metaservices'],
        params: {
          type: 'object', additionalProperties: false, required: ['instance', 'memberClass', 'memberCode', 'subsystemCode'],
          properties: { instance: idPart, memberClass: idPart, memberCode: idPart, subsystemCode: idPart },
        },
        querystring: noQuery,
        headers: xroadRequestHeadersSchema,
        response: { 200: listMethodsSchema, ...faults },
      },
    }, async (request, reply) => {
      const exchange = openExchange(hub.exchanges, request, reply);
      if (!exchange) return reply;
      const provider: SubsystemId = request.params;
      exchange.service = `${subsystemKey(provider)}/${metaservice}`;
      exchange.path = '';
      reply.header(XROAD_HEADER.service, exchange.service);
      const clientId = authenticateClient(registry, request, reply, exchange);
      if (!clientId) return reply;
      const services = registry.servicesOf(provider);
      if (!services) return refuse(reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown subsystem ${subsystemKey(provider)}`);
      const listed = metaservice === 'listMethods' ? services : services.filter((s) => registry.isAllowed(s, clientId));
      return { service: listed.map((s) => serviceJson(s.serviceId)) };
    });
  }
}
