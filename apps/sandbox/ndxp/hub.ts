import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateClient, headerText, openExchange, refuse, type Exchanges } from './exchange.ts';
import { callProvider, parseMessagePath, providerUrl } from './forward.ts';
import { registerMetaservices } from './metaservices.ts';
import { XROAD_HEADER, XROAD_MESSAGE_HEADERS, relayableHeaders, xroadFaultSchema, xroadRequestHeadersSchema } from './protocol.ts';
import type { NdxpRegistry } from './registry.ts';

/**
 * The security-server face of the hub: everything under `/r1/`. Bodies are kept raw (any
 * payload type passes), every answer is logged, and errors raised before a handler runs
 * (oversized body, schema) still come back as X-Road faults.
 */

export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface Hub {
  registry: NdxpRegistry;
  exchanges: Exchanges;
  providerTimeoutMs: number;
  /** Root URL of the sandbox server (for `target`s starting with `/`); undefined until started. */
  serverRoot: () => string | undefined;
}

const faultResponses = {
  400: xroadFaultSchema, 401: xroadFaultSchema, 403: xroadFaultSchema, 404: xroadFaultSchema,
  413: xroadFaultSchema, 500: xroadFaultSchema, 502: xroadFaultSchema, 504: xroadFaultSchema,
} as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export async function registerHub(app: FastifyInstance, hub: Hub): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const exchange = hub.exchanges.of(request, reply);
      const status = error.statusCode ?? 500;
      if (status === 413) return refuse(reply, exchange, 'Client.BadRequest', `The message body exceeds ${MAX_MESSAGE_BYTES} bytes`, 413);
      if (status >= 400 && status < 500) return refuse(reply, exchange, 'Client.BadRequest', error.message);
      request.log.error({ err: error }, 'ndxp hub: internal error');
      return refuse(reply, exchange, 'Server.ClientProxy.InternalError', 'Internal error of the hub');
    });
    scope.addHook('onResponse', async (request, reply) => hub.exchanges.finish(request, reply));

    registerMetaservices(scope, hub);
    scope.route({
      method: METHODS,
      url: '/r1/*',
      schema: {
        summary: 'Thông điệp X-Road tới dịch vụ / X-Road message to a service',
        description: 'X-Road message protocol for REST: `/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE[/path][?query]`. '
          + 'The path after the service code and the query go to the provider unchanged, with any body (up to 10 MB). '
          + 'Authentication: `X-Road-Client` names the client subsystem and `X-Road-Client-Key` its key (stand-in for the TLS client certificate). '
          + 'The provider\'s status, headers and body come back unchanged; answers with `X-Road-Error` are faults of the hub. '
          + 'Every answer carries `X-Road-Id`, `X-Road-Request-Id` and `X-Road-Request-Hash`.',
        tags: ['X-Road'],
        params: { type: 'object', additionalProperties: false, properties: { '*': { type: 'string', maxLength: 4096 } } },
        headers: xroadRequestHeadersSchema,
        response: { '2xx': { description: "The provider's response, passed through unchanged." }, ...faultResponses },
      },
      handler: (request, reply) => relayMessage(hub, request, reply),
    });
  });
}

/** The X-Road message headers the provider receives, the client's claim replaced by the authenticated id. */
function messageHeaders(request: FastifyRequest, clientId: string, messageId: string, serviceId: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of XROAD_MESSAGE_HEADERS) {
    const value = headerText(request.headers[name]);
    if (value !== undefined) headers[name] = value;
  }
  return { ...headers, [XROAD_HEADER.client]: clientId, [XROAD_HEADER.id]: messageId, [XROAD_HEADER.service]: serviceId };
}

async function relayMessage(hub: Hub, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const exchange = openExchange(hub.exchanges, request, reply);
  if (!exchange) return reply;
  const target = parseMessagePath(exchange.xroadPath);
  if (!target) return refuse(reply, exchange, 'Client.BadRequest', 'The path must be /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE[/path]');
  exchange.service = target.serviceId;
  exchange.path = target.remainder;
  reply.header(XROAD_HEADER.service, target.serviceId);

  const clientId = authenticateClient(hub.registry, request, reply, exchange);
  if (!clientId) return reply;
  const service = hub.registry.service(target.serviceId);
  if (!service) return refuse(reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown service ${target.serviceId}`);
  if (!hub.registry.isAllowed(service, clientId)) {
    return refuse(reply, exchange, 'Server.ServerProxy.AccessDenied', `${clientId} has no access right to ${service.id}`);
  }
  const root = hub.serverRoot();
  const base = service.target.startsWith('/') ? root && `${root}${service.target}` : service.target;
  if (!base) return refuse(reply, exchange, 'Server.ServerProxy.ServiceFailed.NetworkError', 'The hub has not started yet');
  const url = providerUrl(base, target.remainder, target.query);
  if (!url) return refuse(reply, exchange, 'Client.BadRequest', 'The path must stay within the service');

  const result = await callProvider({
    url,
    method: request.method,
    // Provider credentials last: a client cannot replace them with its own.
    headers: { ...relayableHeaders(Object.entries(request.headers)), ...messageHeaders(request, clientId, exchange.id, service.id), ...service.headers },
    body: Buffer.isBuffer(request.body) ? request.body : undefined,
    timeoutMs: hub.providerTimeoutMs,
  });
  if (!result.ok) return refuse(reply, exchange, result.fault, result.message);
  reply.code(result.status).headers(result.headers);
  if (result.setCookies.length > 0) reply.header('set-cookie', result.setCookies);
  return reply.send(result.body);
}
