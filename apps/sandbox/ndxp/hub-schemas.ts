import { xroadRequestHeaderProperties } from '../../../packages/xroad/index.ts';
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

export { messageFaultResponses } from '../../../packages/xroad/index.ts';

/** The X-Road request headers plus the sandbox's stand-in for the TLS client certificate. */
export const hubRequestHeaders = {
  type: 'object',
  properties: {
    ...xroadRequestHeaderProperties,
    [CLIENT_KEY_HEADER]: { type: 'string', maxLength: 500, description: "Sandbox stand-in for the information system's TLS client certificate (required); never relayed, not hashed." },
  },
} as const;

