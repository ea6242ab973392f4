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
