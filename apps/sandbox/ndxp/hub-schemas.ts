import { xroadFaultResponse, xroadRequestHeaderProperties } from '../../../packages/xroad/index.ts';
import { CLIENT_KEY_HEADER } from './exchange.ts';

/** Route schema pieces shared by the hub's message and metaservice routes. */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** NDXP: false on routes that are not X-Road messages (`listClients`): no exchange, no log record. */
    xroadMessage?: boolean;
  }
}

/** Route config of the routes that are not X-Road messages. */
export const NOT_A_MESSAGE = { xroadMessage: false } as const;

export const messageFaultResponses = {
  400: xroadFaultResponse('The request does not follow the X-Road message protocol for REST (`Client.BadRequest`).'),
  500: xroadFaultResponse('A fault of the hub or of the provider side: `Server.ClientProxy.SslAuthenticationFailed`, `Server.ServerProxy.AccessDenied`, `Server.ServerProxy.UnknownService`, `Server.ServerProxy.ServiceFailed`, `Server.ServerProxy.NetworkError`, `Server.ClientProxy.InternalError`.'),
} as const;

/** The X-Road request headers plus the sandbox's stand-in for the TLS client certificate. */
export const hubRequestHeaders = {
  type: 'object',
  properties: {
    ...xroadRequestHeaderProperties,
    [CLIENT_KEY_HEADER]: { type: 'string', maxLength: 500, description: "Sandbox stand-in for the information system's TLS client certificate (required); never relayed, not hashed." },
  },
} as const;

