import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  XROAD_HEADER, isRestMetaservice, providerMessageHeaders, providerUrl, providerAnswerResponse, relayableHeaders, sendFault,
} from '../../../packages/xroad/index.ts';
import { acceptMessage, refuse, type Exchange, type Exchanges } from './exchange.ts';
import { callProvider, resolveUrl } from './forward.ts';
import { hubRequestHeaders, messageFaultResponses } from './hub-schemas.ts';
import { registerMetaserviceRoutes, serveMetaservice } from './metaservices.ts';
import type { NdxpRegistry } from './registry.ts';

/**
 * The security-server face of the hub: everything under `/r1/` (PR-REST) and `/listClients`
 * (PR-META §2). Bodies are kept raw (any payload type passes, PR-REST §3.1), every message is
 * logged, and errors raised before a handler runs (oversized body, schema) still come back as
 * X-Road faults (PR-REST §4.6).
 */

/** PR-REST §3.1 recommends a configurable maximum message size. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface Hub {
  registry: NdxpRegistry;
  exchanges: Exchanges;
  providerTimeoutMs: number;
  /** Root URL of the sandbox server (for URLs starting with `/`); undefined until started. */
  serverRoot: () => string | undefined;
}

/** Routes that are not X-Road messages (`listClients`) open no exchange and write no log record. */
const isMessageRoute = (request: FastifyRequest): boolean => request.routeOptions.config.xroadMessage !== false;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export async function registerHub(app: FastifyInstance, hub: Hub): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      const detail = isMessageRoute(request) ? hub.exchanges.of(request, reply).requestId : randomUUID();
      // PR-REST §4.6: a request the server cannot take is the client's protocol error (400), whatever HTTP would say (413…).
      if (status === 413) {
        // The body was never read, so no hash can cover it: better none than one that leaves it out.
        reply.removeHeader(XROAD_HEADER.requestHash);
        return sendFault(request, reply, { type: 'Client.BadRequest', message: `The message body exceeds ${MAX_MESSAGE_BYTES} bytes`, detail });
      }
      if (status >= 400 && status < 500) return sendFault(request, reply, { type: 'Client.BadRequest', message: error.message, detail });
      request.log.error({ err: error }, 'ndxp hub: internal error');
      return sendFault(request, reply, { type: 'Server.ClientProxy.InternalError', message: 'Internal error of the hub', detail });
    });
    scope.addHook('onResponse', async (request, reply) => {
      if (isMessageRoute(request)) hub.exchanges.finish(request, reply);
    });

    registerMetaserviceRoutes(scope, hub, handleMessage);
    scope.route({
      method: METHODS,
      url: '/r1/*',
      schema: {
        summary: 'Thông điệp X-Road tới dịch vụ / X-Road message to a service',
        description: 'X-Road message protocol for REST (PR-REST 1.0): `/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE[/path][?query]`, '
          + 'each identifier part percent-encoded and limited to `A-Z a-z 0-9 \'()+,-.=?`. '
          + 'The path after the service code and the query go to the provider unchanged, with any body (up to 10 MB). '
          + 'Authentication: `X-Road-Client` names the client subsystem and `X-Road-Client-Key` its key (stand-in for the TLS client certificate). '
          + 'The provider\'s status, headers and body come back unchanged; answers with `X-Road-Error` are faults of X-Road (400 or 500 only). '
          + 'Every answer carries `X-Road-Id`, `X-Road-Request-Id` and `X-Road-Request-Hash` (base64 SHA-512 over the REST header part, and the body if any).',
        tags: ['X-Road'],
        params: { type: 'object', additionalProperties: false, properties: { '*': { type: 'string', maxLength: 4096 } } },
        headers: hubRequestHeaders,
        response: { '2xx': providerAnswerResponse, ...messageFaultResponses },
      },
      handler: (request, reply) => handleMessage(hub, request, reply),
    });
    // PR-REST §2.3: another protocol version (`/r2/…`) is the client's protocol error, not an unknown route.
    scope.route({
      method: METHODS,
      url: '/:protocolVersion(^r\\d+$)/*',
      schema: { hide: true },
      handler: (request, reply) => handleMessage(hub, request, reply),
    });
  });
}

/** Every `/r1/` message: checked, authenticated, then a metaservice answered here or a service relayed. */
async function handleMessage(hub: Hub, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const exchange = hub.exchanges.of(request, reply);
  const clientId = acceptMessage(hub.registry, request, reply, exchange);
  if (!clientId || !exchange.target.ok) return reply;
  if (isRestMetaservice(exchange.target.target.serviceId.serviceCode)) return serveMetaservice(hub, request, reply, exchange, clientId);
  return relayMessage(hub, request, reply, exchange, clientId);
}

async function relayMessage(hub: Hub, request: FastifyRequest, reply: FastifyReply, exchange: Exchange, clientId: string): Promise<FastifyReply> {
  if (!exchange.target.ok) return reply;
  const target = exchange.target.target;
  const service = hub.registry.service(target.serviceId);
  if (!service) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown service ${exchange.service}`);
  if (service.kind === 'soap') return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `${exchange.service} is a SOAP service: send it to POST /ndxp/soap (PR-MESS)`);
  if (!hub.registry.isAllowed(service, clientId)) {
    return refuse(request, reply, exchange, 'Server.ServerProxy.AccessDenied', `${clientId} has no access right to ${service.id}`);
  }
  const base = resolveUrl(hub.serverRoot(), service.target);
  if (!base) return refuse(request, reply, exchange, 'Server.ServerProxy.NetworkError', 'The hub has not started yet');
  const url = providerUrl(base, target);
  if (!url) return refuse(request, reply, exchange, 'Client.BadRequest', 'The path must stay within the service');

  const result = await callProvider({
    url,
    method: request.method,
    // Provider credentials last: a client cannot replace them with its own.
    headers: { ...relayableHeaders(Object.entries(request.headers)), ...providerMessageHeaders(exchange), ...service.headers },
    body: Buffer.isBuffer(request.body) ? request.body : undefined,
    timeoutMs: hub.providerTimeoutMs,
  });
  if (!result.ok) return refuse(request, reply, exchange, result.fault, result.message);
  reply.code(result.status).headers(result.headers);
  if (result.setCookies.length > 0) reply.header('set-cookie', result.setCookies);
  return reply.send(result.body);
}
