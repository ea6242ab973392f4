import type { FastifyInstance } from 'fastify';
import { sandboxError, sandboxErrorSchema } from '../kit.ts';
import { messageRecordSchema, type MessageLog } from './message-log.ts';
import type { NdxpRegistry } from './registry.ts';

/**
 * The hub operator's console, for testers: access rights (grant, revoke) and the message
 * log. The server guards every `/_admin/` route with the sandbox admin token.
 */

const serviceViewSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'provider', 'target', 'credentialHeaders', 'allowedClients'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['rest', 'soap'], description: 'rest: PR-REST at /ndxp/r1/…; soap: PR-MESS at POST /ndxp/soap' },
    title: { type: 'string' },
    provider: { type: 'string' },
    target: { type: 'string' },
    credentialHeaders: { type: 'array', items: { type: 'string' }, description: 'Names of the headers the hub adds for the provider (values not shown).' },
    allowedClients: { type: 'array', items: { type: 'string' } },
  },
} as const;

const adminNote = 'Authentication: `Authorization: Bearer <sandbox admin token>`.';
const errors = { 401: sandboxErrorSchema, 404: sandboxErrorSchema } as const;

interface RightParams {
  serviceId: string;
  clientId: string;
}

export function registerAdmin(app: FastifyInstance, registry: NdxpRegistry, messages: MessageLog): void {
  app.get('/_admin/services', {
    schema: {
      summary: 'Dịch vụ và quyền truy cập / Services and access rights',
      description: adminNote,
      tags: ['Admin'],
      querystring: { type: 'object', additionalProperties: false, properties: {} },
      response: { 200: { type: 'object', required: ['services'], properties: { services: { type: 'array', items: serviceViewSchema } } }, 401: sandboxErrorSchema },
    },
  }, async () => ({ services: registry.services().map((s) => registry.view(s)) }));

  // Ids contain `/`: callers percent-encode them (encodeURIComponent); the router decodes params.
  const rightSchema = (summary: string) => ({
    summary,
    description: `Ids are percent-encoded, e.g. \`/_admin/services/VN%2FGOV%2F000.00.00.G02%2FCSDLDC%2Fcitizen-lookup/clients/VN%2FGOV%2F000.00.00.H19%2FLGSP\`. Idempotent. ${adminNote}`,
    tags: ['Admin'],
    params: {
      type: 'object', additionalProperties: false, required: ['serviceId', 'clientId'],
      properties: { serviceId: { type: 'string', maxLength: 600 }, clientId: { type: 'string', maxLength: 500 } },
    },
    response: { 200: serviceViewSchema, ...errors },
  });

  for (const [method, change] of [['PUT', 'grant'], ['DELETE', 'revoke']] as const) {
    app.route<{ Params: RightParams }>({
      method,
      url: '/_admin/services/:serviceId/clients/:clientId',
      schema: rightSchema(change === 'grant' ? 'Cấp quyền truy cập / Grant an access right' : 'Thu hồi quyền truy cập / Revoke an access right'),
      handler: async (request, reply) => {
        const service = registry.service(request.params.serviceId);
        if (!service) return sandboxError(reply, 404, 'ndxp.unknown_service', 'No such service on the hub');
        if (!registry.hasMember(request.params.clientId)) return sandboxError(reply, 404, 'ndxp.unknown_client', 'No such client subsystem on the hub');
        registry[change](service, request.params.clientId);
        return registry.view(service);
      },
    });
  }

  app.get<{ Querystring: { client?: string; service?: string; limit?: number } }>('/_admin/messages', {
    schema: {
      summary: 'Nhật ký thông điệp / Message log',
      description: `Exchanges through the hub, newest first (no bodies, no query strings). ${adminNote}`,
      tags: ['Admin'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          client: { type: 'string', maxLength: 500 },
          service: { type: 'string', maxLength: 600 },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
      response: { 200: { type: 'object', required: ['messages'], properties: { messages: { type: 'array', items: messageRecordSchema } } }, 401: sandboxErrorSchema },
    },
  }, async (request) => ({ messages: messages.query(request.query) }));
}
