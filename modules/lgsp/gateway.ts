import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  XROAD_HEADER, callProvider, isRestMetaservice, openMessage, providerMessageHeaders, providerUrl,
  messageFaultResponses, providerAnswerResponse, relayableHeaders, renderFault, responseHeaders, sendFault, type XroadFaultType,
} from '../../packages/xroad/index.ts';
import type { Principal } from '../../packages/platform/index.ts';
import { registerGatewayMetaservices, serveMetaservice } from './gateway-metaservices.ts';
import { consumerMessage, forwardNational, type NationalLeg } from './gateway-national.ts';
import { FAILING_STATUSES, type Breakers } from './gateway-breaker.ts';
import type { Quotas } from './gateway-quota.ts';
import type { CallableService, GatewayRegistry } from './gateway-registry.ts';
import { answerProblem, requestProblem } from './gateway-validation.ts';
import { peerCertificate, type CertificateAuthenticator } from './gateway-tls.ts';
import type { MessageLog } from './message-log.ts';
import { logBeforeSend } from './gateway-log-send.ts';
import { digitsMasked, type FinishedExchange } from './monitoring.ts';

/**
 * The LGSP gateway: X-Road's message protocol for REST (PR-REST 1.0.4) under `/lgsp/r1/…`.
 * The client information system authenticates with an OAuth 2 client-credentials token issued
 * for the gateway (audience `$PUBLIC_URL/lgsp`, scope `lgsp`; decision 0008) whose service
 * client is registered as the subsystem `X-Road-Client` names. Access is denied unless a right
 * allows the method and path; the message is relayed to the provider's registered base URL.
 * Every exchange — relayed or refused — is in the message log before its answer leaves.
 */

export const GATEWAY_PREFIX = '/lgsp';
export const GATEWAY_SCOPE = 'lgsp';
/** The bearer token is transport authentication, not message content: never hashed, never relayed. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization']);
/** The purpose (mục đích) of a call carrying personal data, recorded in the log and passed to the provider. */
export const PURPOSE_HEADER = 'x-purpose';

export interface GatewayOptions {
  registry: GatewayRegistry;
  log: MessageLog;
  /** Resolves a bearer token issued for the gateway (throws or answers anonymous when it is not one). */
  authenticate: (request: FastifyRequest) => Promise<Principal>;
  maxMessageBytes: number;
  /** Extra attempts after a connection failure, idempotent methods only. */
  retries: number;
  /** NDXP, through which national services are reached (gateway-national.ts); without it they answer `Server.ServerProxy.ServiceFailed`. */
  national?: NationalLeg;
  /** Counts a logged exchange (Prometheus). */
  observe?: (exchange: GatewayExchange, record: Parameters<MessageLog['append']>[0]) => void;
  quotas: Quotas;
  breakers: Breakers;
  /** Mutual TLS (gateway-tls.ts): a client certificate, when one came over the TLS listener, authenticates instead of a token. */
  certificates?: CertificateAuthenticator | undefined;
}

export type GatewayExchange = FinishedExchange;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Public to the API's bearer check (the gateway authenticates with its own audience), audited by the message log. */
const ROUTE_CONFIG = { access: 'public', ownAuthentication: true, scope: GATEWAY_SCOPE, auditedByHandler: true } as const;

export function createExchanges() {
  const open = new WeakMap<FastifyRequest, GatewayExchange>();
  return {
    /** The request's exchange, opened on first use (by the handler, or the error handler when parsing failed first); ids set on the reply. */
    of(request: FastifyRequest, reply: FastifyReply): GatewayExchange {
      const found = open.get(request);
      if (found) return found;
      const exchange: GatewayExchange = { ...openMessage(request, GATEWAY_PREFIX, CREDENTIAL_HEADERS), providerMs: null };
      open.set(request, exchange);
      reply.headers(responseHeaders({
        ...(exchange.message.ok ? { client: exchange.message.headers.client } : {}),
        ...(exchange.target.ok ? { service: exchange.target.target.serviceId } : {}),
        id: exchange.id, requestId: exchange.requestId, requestHash: exchange.requestHash,
      }));
      return exchange;
    },
  };
}
export type Exchanges = ReturnType<typeof createExchanges>;

export function refuse(request: FastifyRequest, reply: FastifyReply, exchange: GatewayExchange, type: XroadFaultType, message: string): FastifyReply {
  return sendFault(request, reply, { type, message, detail: exchange.requestId });
}

export async function registerGateway(app: FastifyInstance, options: GatewayOptions): Promise<void> {
  const exchanges = createExchanges();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxMessageBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError & { status?: number }, request, reply) => {
      // listClients is not an X-Road message: the platform's error body, from the parent handler.
      if (request.routeOptions.config.xroadMessage === false) throw error;
      const status = error.statusCode ?? error.status ?? 500;
      const exchange = exchanges.of(request, reply);
      // PR-REST §4.6: whatever HTTP would say (413…), a request the gateway cannot take is the client's protocol error.
      if (status === 413) {
        reply.removeHeader(XROAD_HEADER.requestHash);
        return refuse(request, reply, exchange, 'Client.BadRequest', `The message body exceeds ${options.maxMessageBytes} bytes`);
      }
      if (status >= 400 && status < 500) return refuse(request, reply, exchange, 'Client.BadRequest', error.message);
      request.log.error({ err: error }, 'lgsp gateway: internal error');
      return refuse(request, reply, exchange, 'Server.ClientProxy.InternalError', 'Internal error of the gateway');
    });
    // The record is committed before the answer is released: an answer the client saw is always in the log.
    scope.addHook('onSend', async (request, reply, payload) => {
      if (request.routeOptions.config.xroadMessage === false) return payload;
      const exchange = exchanges.of(request, reply);
      return logBeforeSend(options, request, reply, exchange, payload, {
        withheld: () => {
          const fault = renderFault({ type: 'Server.ClientProxy.InternalError', message: 'The message log could not be written', detail: exchange.requestId }, request.headers.accept);
          reply.code(fault.status).header(XROAD_HEADER.error, fault.errorHeader).header('content-type', fault.contentType);
          for (const name of Object.keys(reply.getHeaders())) if (!name.startsWith('x-road-') && name !== 'content-type' && name !== 'x-request-id') reply.removeHeader(name);
          return fault.body;
        },
      });
    });

    registerGatewayMetaservices(scope, options.registry, ROUTE_CONFIG);
    const handler = (request: FastifyRequest, reply: FastifyReply) => handleMessage(options, exchanges.of(request, reply), request, reply);
    // One route per method, so that each has its own operation in the OpenAPI document.
    for (const method of METHODS) {
      scope.route({
        method,
        url: '/r1/*',
        // HEAD is a route of its own, relayed as HEAD (not answered from GET).
        exposeHeadRoute: false,
        config: ROUTE_CONFIG,
        schema: {
          operationId: `lgspGateway${method.charAt(0)}${method.slice(1).toLowerCase()}`,
          summary: `Thông điệp X-Road qua LGSP (${method}) / X-Road message through the LGSP gateway`,
          description: 'PR-REST 1.0: `/lgsp/r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE[/path][?query]`, `X-Road-Client` naming the client subsystem, '
            + '`Authorization: Bearer` a client-credentials token for the gateway (resource `$PUBLIC_URL/lgsp`, scope `lgsp`) of the service client registered for that subsystem. '
            + 'The provider\'s answer comes back unchanged; X-Road faults are 400 `Client.*` or 500 `Server.*` with `X-Road-Error`.',
          tags: ['lgsp-gateway'],
          params: { type: 'object', additionalProperties: false, properties: { '*': { type: 'string', maxLength: 4096 } } },
          response: { '2xx': providerAnswerResponse, ...messageFaultResponses },
        },
        handler,
      });
    }
    // PR-REST §2.3: another protocol version is the client's protocol error, not an unknown route.
    scope.route({ method: METHODS, url: '/:protocolVersion(^r\\d+$)/*', config: ROUTE_CONFIG, schema: { hide: true }, handler });
  }, { prefix: GATEWAY_PREFIX });
}

/**
 * Authenticates the client information system: a client certificate (mutual TLS) registered for,
 * or a gateway token of a service client registered as, the very subsystem `X-Road-Client` names.
 * A certificate, when the client sent one, decides alone: a refused certificate is not retried as a token.
 */
export async function authenticateClient(options: GatewayOptions, request: FastifyRequest, exchange: GatewayExchange) {
  const certificate = peerCertificate(request);
  if (certificate) {
    if (!options.certificates) return { fault: 'Client certificates are not accepted by this gateway' };
    const checked = await options.certificates(certificate);
    if (!checked.client) return checked;
    if (checked.client.xroadId !== exchange.client) return { fault: `X-Road-Client does not match the client certificate (${checked.client.xroadId})` };
    return checked;
  }
  const principal = await options.authenticate(request).catch(() => undefined);
  if (principal?.kind !== 'system' || !principal.scopes?.includes(GATEWAY_SCOPE)) {
    return { fault: 'A client-credentials token issued for the gateway (scope lgsp) is required' };
  }
  const client = await options.registry.clientOf(principal.clientId);
  if (!client) return { fault: 'The credential belongs to no registered subsystem' };
  if (client.xroadId !== exchange.client) return { fault: `X-Road-Client does not match the credential (${client.xroadId})` };
  return { client };
}

async function handleMessage(options: GatewayOptions, exchange: GatewayExchange, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (!exchange.target.ok) return refuse(request, reply, exchange, 'Client.BadRequest', exchange.target.reason);
  if (!exchange.message.ok) return refuse(request, reply, exchange, 'Client.BadRequest', exchange.message.reason);
  const authenticated = await authenticateClient(options, request, exchange);
  if (!authenticated.client) return refuse(request, reply, exchange, 'Server.ClientProxy.SslAuthenticationFailed', authenticated.fault);
  const { target } = exchange.target;
  if (isRestMetaservice(target.serviceId.serviceCode)) return serveMetaservice(options.registry, request, reply, exchange, authenticated.client.subsystemId);

  const service = await options.registry.service(target.serviceId);
  if (!service) return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown service ${exchange.service}`);
  if (service.kind === 'soap') return refuse(request, reply, exchange, 'Server.ServerProxy.UnknownService', `${exchange.service} is a SOAP service: send it to ${GATEWAY_PREFIX}/soap (PR-MESS)`);
  exchange.bodyLogging = service.bodyLogging;
  if (!(await options.registry.isAllowed(authenticated.client.subsystemId, service.id, request.method, target.servicePath))) {
    return refuse(request, reply, exchange, 'Server.ServerProxy.AccessDenied', `${exchange.client} has no access right to ${request.method} ${target.servicePath || '/'} of ${exchange.service}`);
  }
  if (service.validateRequests) {
    const problem = await requestProblem(options.registry, service.id, request, target);
    if (problem) return refuse(request, reply, exchange, 'Client.BadRequest', problem);
  }
  const url = providerUrl(service.baseUrl, target);
  if (!url) return refuse(request, reply, exchange, 'Client.BadRequest', 'The path must stay within the service');
  const quota = options.quotas.take(authenticated.client.subsystemId, service.id, await options.registry.quotas(service.id, authenticated.client.subsystemId));
  if (!quota.ok) {
    reply.header('retry-after', String(quota.retryAfterSeconds));
    const whose = quota.scope === 'consumer' ? `${exchange.client}'s quota` : `the rate limit of ${exchange.service}`;
    return refuse(request, reply, exchange, 'Client.QuotaExceeded', `${whose} of ${quota.limit} messages per ${quota.windowSeconds} s is used up`);
  }
  // National services count against the same quotas (decision 0050).
  if (service.nationalService) return relayNational(options, service, exchange, request, reply);
  const provider = url.origin;
  const circuit = options.breakers.admit(provider);
  if (!circuit.ok) {
    reply.header('retry-after', String(circuit.retryAfterSeconds));
    return refuse(request, reply, exchange, 'Server.ServerProxy.ServiceFailed', 'The provider is failing: calls to it are suspended for a while (circuit breaker open)');
  }

  const relayed = relayableHeaders(Object.entries(request.headers));
  for (const name of CREDENTIAL_HEADERS) delete relayed[name];
  const started = performance.now();
  exchange.providerStartedAt = Date.now();
  const result = await callProvider({
    url, method: request.method, headers: { ...relayed, ...providerMessageHeaders(exchange) },
    body: Buffer.isBuffer(request.body) ? request.body : undefined, timeoutMs: service.timeoutMs, retries: options.retries,
    maxResponseBytes: options.maxMessageBytes,
  });
  exchange.providerMs = Math.round((performance.now() - started) * 10) / 10;
  options.breakers.record(provider, !result.ok || FAILING_STATUSES.has(result.status));
  if (!result.ok) return refuse(request, reply, exchange, result.fault, result.message);
  const nonConforming = service.validateResponses ? await answerProblem(options.registry, service.id, request, exchange, target.servicePath, result) : undefined;
  if (nonConforming) return refuse(request, reply, exchange, 'Server.ServerProxy.ServiceFailed', nonConforming);
  reply.code(result.status).headers(result.headers);
  if (result.setCookies.length > 0) reply.header('set-cookie', result.setCookies);
  // RFC 9745: tell callers of a deprecated service.
  if (service.status === 'deprecated') reply.header('deprecation', 'true');
  return reply.send(result.body);
}


/** A national service: forwarded through NDXP with the province's credentials, both legs logged. */
async function relayNational(options: GatewayOptions, service: CallableService, exchange: GatewayExchange, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { nationalService, timeoutMs } = service;
  if (!options.national || !exchange.target.ok || !nationalService) return refuse(request, reply, exchange, 'Server.ServerProxy.ServiceFailed', 'The national exchange (NDXP) is not configured');
  const { answer, providerMs } = await forwardNational({
    leg: options.national, log: options.log, nationalService, timeoutMs, retries: options.retries, maxMessageBytes: options.maxMessageBytes, maskPath: digitsMasked,
  }, request, consumerMessage(exchange, exchange.target.target, PURPOSE_HEADER));
  exchange.providerMs = providerMs;
  if (!answer.ok) return refuse(request, reply, exchange, answer.fault, answer.message);
  const nonConforming = service.validateResponses ? await answerProblem(options.registry, service.id, request, exchange, exchange.target.target.servicePath, answer) : undefined;
  if (nonConforming) return refuse(request, reply, exchange, 'Server.ServerProxy.ServiceFailed', nonConforming);
  reply.code(answer.status).headers(answer.headers);
  if (answer.setCookies.length > 0) reply.header('set-cookie', answer.setCookies);
  return reply.send(answer.body);
}
