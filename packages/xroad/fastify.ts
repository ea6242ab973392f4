import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderFault, type XroadFault } from './faults.ts';
import { headerPairs, type HeaderPair } from './headers.ts';

/**
 * Small Fastify helpers shared by every X-Road speaker of the project (the NDXP sandbox, the
 * LGSP gateway): send a fault in the client's media type, read the headers in arrival order,
 * and the OpenAPI pieces describing both.
 */

/** Sends an X-Road fault (PR-REST §4.6): status from the type, `X-Road-Error`, body in the media type `Accept` asks for. */
export function sendFault(request: FastifyRequest, reply: FastifyReply, fault: XroadFault): FastifyReply {
  const rendered = renderFault(fault, request.headers.accept);
  return reply.code(rendered.status).header('x-road-error', rendered.errorHeader).header('content-type', rendered.contentType).send(rendered.body);
}

/** The request's headers in arrival order, names as sent (what the request hash covers). */
export const requestHeaderPairs = (request: FastifyRequest): HeaderPair[] => headerPairs(request.raw.rawHeaders);

const faultFields = {
  type: { type: 'string', description: '`Client.*` (400) or `Server.ClientProxy.*` / `Server.ServerProxy.*` (500); also in `X-Road-Error`.' },
  message: { type: 'string' },
  detail: { type: 'string', description: 'Identifier of this occurrence, to find it in the logs.' },
} as const;

/** The JSON fault body (PR-REST §4.6). */
export const xroadFaultSchema = {
  $id: 'XroadFault',
  type: 'object',
  required: ['type', 'message', 'detail'],
  properties: faultFields,
} as const;

/** A fault response in both renderings, for a route's `response` (OpenAPI `content`). */
export function xroadFaultResponse(description: string) {
  const xml = { type: 'string', description: '`<error><type/><message/><detail/></error>`' } as const;
  return {
    description: `${description} An X-Road fault: JSON by default, XML when \`Accept\` lists application/xml, text/xml or text/*; \`X-Road-Error\` carries the type.`,
    content: {
      'application/json': { schema: xroadFaultSchema },
      'application/xml': { schema: xml },
      'text/xml': { schema: xml },
    },
  };
}

/** The request headers of PR-REST §4.3, for route schemas; none required, so that a missing one is answered with a fault. */
export const xroadRequestHeaderProperties = {
  'x-road-client': { type: 'string', maxLength: 1000, description: 'Client: INSTANCE/CLASS/MEMBER[/SUBSYSTEM], parts percent-encoded (required).' },
  'x-road-id': { type: 'string', maxLength: 200, description: 'Message id; a UUID is generated when missing.' },
  'x-road-userid': { type: 'string', maxLength: 1000, description: 'End user, prefixed with the ISO country code (e.g. VN001099012345).' },
  'x-road-issue': { type: 'string', maxLength: 1000, description: 'Case, application or document that caused the request.' },
  'x-road-represented-party': { type: 'string', maxLength: 1000, description: 'Party represented: [CLASS/]CODE.' },
  'x-road-security-server': { type: 'string', maxLength: 1000, description: 'Target security server: INSTANCE/CLASS/MEMBER/SERVERCODE.' },
} as const;

/** The fault responses of an X-Road message route (PR-REST §4.6: only 400 and 500), for a route's `response`. */
export const messageFaultResponses = {
  400: xroadFaultResponse('The request does not follow the X-Road message protocol for REST (`Client.BadRequest`).'),
  500: xroadFaultResponse('A fault of the exchange or of the provider side: `Server.ClientProxy.SslAuthenticationFailed`, `Server.ServerProxy.AccessDenied`, `Server.ServerProxy.UnknownService`, `Server.ServerProxy.ServiceFailed`, `Server.ServerProxy.NetworkError`, `Server.ClientProxy.InternalError`.'),
} as const;

const clientListJsonSchema = {
  $id: 'XroadClientList',
  type: 'object',
  required: ['member'],
  properties: {
    member: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: {
            type: 'object',
            properties: {
              member_class: { type: 'string' }, member_code: { type: 'string' }, subsystem_code: { type: 'string' },
              object_type: { type: 'string', enum: ['MEMBER', 'SUBSYSTEM'] }, xroad_instance: { type: 'string' },
            },
          },
          name: { type: 'string' },
          subsystem_name: { type: 'string' },
        },
      },
    },
  },
} as const;

/** The answer of `listClients` (PR-META §2): XML by default, JSON when asked. */
export const clientListResponse = {
  description: 'The client list.',
  content: { 'text/xml': { schema: { type: 'string', description: '`<ns2:clientList>` of PR-META Annex A' } }, 'application/json': { schema: clientListJsonSchema } },
} as const;

/** A relayed provider answer: any status, headers and media type, unchanged. */
export const providerAnswerResponse = {
  description: "The provider's response, passed through unchanged.",
  content: { '*/*': { schema: {} } },
} as const;
