import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  SOAP_CONTENT_TYPE, SOAP_FAULT_STATUS, XROAD_HEADER, formatClientId, formatServiceId, isSoapContentType, lastHeader, readSoapMessage, requestHeaderPairs,
  soapFaultXml, soapRequestHash, withRequestHash, type ServiceId, type SoapMessageResult,
} from '../../../packages/xroad/index.ts';
import { CLIENT_KEY_HEADER } from './exchange.ts';
import { callProvider, resolveUrl } from './forward.ts';
import { MAX_MESSAGE_BYTES, type Hub } from './hub.ts';
import { maskPath, type MessageLog } from './message-log.ts';

/**
 * The hub's SOAP entry, `POST /ndxp/soap` (X-Road's message protocol v4.0, PR-MESS): a SOAP 1.1
 * envelope whose header names the client subsystem (`xrd:client`, authenticated by
 * `X-Road-Client-Key` as on the REST entry) and a SOAP service of the hub (`xrd:service`). The
 * message goes to the provider byte for byte with only `Content-Type` and `SOAPAction` (§2.2);
 * the answer comes back with the hub's `xrd:requestHash` (SHA-512 of the request's bytes) in its
 * header. X-Road faults are SOAP 1.1 faults, HTTP 500, `X-Road-Error` the code (§2.5, Annex D.1).
 * Every message is in the hub's log, as REST ones are.
 */

interface SoapExchange {
  requestId: string;
  at: Date;
  started: number;
  requestHash: string;
  read: SoapMessageResult;
}

export async function registerSoapEntry(app: FastifyInstance, hub: Hub, log: MessageLog): Promise<void> {
  const open = new WeakMap<FastifyRequest, SoapExchange>();
  const exchangeOf = (request: FastifyRequest): SoapExchange => {
    let found = open.get(request);
    if (!found) {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      found = {
        requestId: randomUUID(), at: new Date(), started: performance.now(), requestHash: soapRequestHash(body),
        read: body.length > 0 ? readSoapMessage(body) : { ok: false, problem: 'InvalidSoap', reason: 'Malformed SOAP message: the request has no body' },
      };
      open.set(request, found);
    }
    return found;
  };
  const fault = (request: FastifyRequest, reply: FastifyReply, code: string, message: string) => reply.code(SOAP_FAULT_STATUS).type(SOAP_CONTENT_TYPE)
    .header(XROAD_HEADER.error, code).send(soapFaultXml({ code, message, detail: exchangeOf(request).requestId }));

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MESSAGE_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return fault(request, reply, 'Client.BadRequest', `The message exceeds ${MAX_MESSAGE_BYTES} bytes`);
      if (status >= 400 && status < 500) return fault(request, reply, 'Client.BadRequest', error.message);
      request.log.error({ err: error }, 'ndxp soap: internal error');
      return fault(request, reply, 'Server.ClientProxy.InternalError', 'Internal error of the hub');
    });
    scope.addHook('onResponse', async (request, reply) => {
      const exchange = exchangeOf(request);
      const message = exchange.read.ok ? exchange.read.message : undefined;
      const error = reply.getHeader(XROAD_HEADER.error);
      log.record({
        id: message?.header.id ?? exchange.requestId, requestId: exchange.requestId, at: exchange.at.toISOString(),
        client: message ? formatClientId(message.header.client) : null, service: message ? serviceOf(message.header.service) : null,
        method: request.method, path: maskPath(message ? `/${message.operation.local}` : ''), status: reply.statusCode,
        durationMs: Math.round((performance.now() - exchange.started) * 10) / 10, requestHash: exchange.requestHash, ...(typeof error === 'string' ? { error } : {}),
      });
    });
    scope.post('/soap', {
      schema: {
        summary: 'Thông điệp X-Road SOAP tới dịch vụ / X-Road SOAP message to a service (PR-MESS 4.0)',
        description: 'A SOAP 1.1 envelope (`text/xml`, UTF-8) whose header carries `xrd:client` (the client subsystem), `xrd:service` (a SOAP service of the hub), '
          + '`xrd:id` and `xrd:protocolVersion` 4.0; the body holds one wrapper element, the operation. `X-Road-Client-Key` authenticates `xrd:client` '
          + '(stand-in for the TLS client certificate). The provider\'s answer comes back unchanged but for `xrd:requestHash` (base64 SHA-512 of the request\'s bytes) in its header. '
          + 'X-Road faults are SOAP 1.1 faults with HTTP 500 and `X-Road-Error`; a provider\'s own SOAP fault has no `X-Road-Error`. '
          + 'Every answer carries `X-Road-Request-Id`, the hub\'s id of the message in its log (not part of PR-MESS).',
        tags: ['X-Road'],
        headers: { type: 'object', properties: { [CLIENT_KEY_HEADER]: { type: 'string', maxLength: 500, description: 'The client subsystem\'s key (required); never relayed.' } } },
        response: { '2xx': { description: "The provider's SOAP answer (text/xml)", type: 'string' }, 500: { description: "A SOAP 1.1 fault (X-Road's, with X-Road-Error, or the provider's own)", type: 'string' } },
      },
    }, (request, reply) => {
      // Not part of PR-MESS: the hub's id of this message (its log's requestId, a fault's faultDetail), for the client's own log.
      reply.header(XROAD_HEADER.requestId, exchangeOf(request).requestId);
      return relaySoap(hub, request, reply, exchangeOf(request), fault);
    });
  });
}

/** The service id without its version (the hub routes on the id). */
function serviceOf(service: ServiceId & { serviceVersion?: string }): string {
  const { serviceVersion: _version, ...id } = service;
  return formatServiceId(id);
}

type Fault = (request: FastifyRequest, reply: FastifyReply, code: string, message: string) => FastifyReply;

async function relaySoap(hub: Hub, request: FastifyRequest, reply: FastifyReply, exchange: SoapExchange, fault: Fault): Promise<FastifyReply> {
  if (!isSoapContentType(request.headers['content-type'])) return fault(request, reply, 'Client.InvalidContentType', 'A SOAP 1.1 message is sent as text/xml (UTF-8)');
  if (!exchange.read.ok) return fault(request, reply, `Client.${exchange.read.problem}`, exchange.read.reason);
  const { header, operation } = exchange.read.message;
  if (!hub.registry.authenticate(header.client, lastHeader(requestHeaderPairs(request), CLIENT_KEY_HEADER))) {
    return fault(request, reply, 'Server.ClientProxy.SslAuthenticationFailed', 'Unknown client subsystem or wrong X-Road-Client-Key');
  }
  const service = hub.registry.service(serviceOf(header.service));
  if (!service || service.kind !== 'soap') return fault(request, reply, 'Server.ServerProxy.UnknownService', `Unknown SOAP service ${serviceOf(header.service)}`);
  const clientId = formatClientId(header.client);
  if (!hub.registry.isAllowed(service, clientId)) return fault(request, reply, 'Server.ServerProxy.AccessDenied', `${clientId} has no access right to ${service.id}`);
  const target = resolveUrl(hub.serverRoot(), service.target);
  if (!target) return fault(request, reply, 'Server.ServerProxy.NetworkError', 'The hub has not started yet');
  const soapAction = request.headers.soapaction;
  const result = await callProvider({
    url: new URL(target), method: 'POST',
    headers: { 'content-type': String(request.headers['content-type']), ...(typeof soapAction === 'string' ? { soapaction: soapAction } : {}), ...service.headers },
    body: request.body as Buffer, timeoutMs: hub.providerTimeoutMs, retries: 0, maxResponseBytes: MAX_MESSAGE_BYTES,
  });
  if (!result.ok) return fault(request, reply, result.fault, result.message);
  const answer = withRequestHash(result.body, exchange.requestHash);
  if (!answer.ok) return fault(request, reply, 'Server.ServerProxy.ServiceFailed', `${operation.local.slice(0, 100)}: ${answer.reason}`);
  return reply.code(result.status).type(result.headers['content-type'] ?? SOAP_CONTENT_TYPE).send(answer.body);
}
