import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  SOAP_CONTENT_TYPE, SOAP_FAULT_STATUS, XROAD_HEADER, answerWithRequestHash, callProvider, escapeXml, formatClientId, formatServiceId, getWsdlRequest, hideWsdlEndpoints,
  isMultipartRelated, isSoapMetaservice, methodListXml, providerOf, readSoapMessage, requestHeaderPairs, soapEnvelope, soapFaultXml, soapPartOf, soapRequestHash, readMultipartRelated,
  type MultipartMessage, type ServiceId, type SoapMessage, type SoapMetaservice, type SoapPart,
} from '../../packages/xroad/index.ts';
import { FAILING_STATUSES } from './gateway-breaker.ts';
import type { CallableService } from './gateway-registry.ts';
import { relaySoapNational } from './gateway-national-soap.ts';
import { GATEWAY_PREFIX, GATEWAY_SCOPE, authenticateClient, type GatewayExchange, type GatewayOptions } from './gateway.ts';
import { logBeforeSend } from './gateway-log-send.ts';

/**
 * The LGSP gateway's SOAP entry (decision 0044): X-Road's message protocol v4.0 (PR-MESS), a
 * SOAP 1.1 envelope POSTed as `text/xml` to `/lgsp/soap` (X-Road security servers take it at
 * their root; the REST entry owns `/lgsp/r1/…`). The header's `xrd:client` is authenticated as
 * for REST (token or certificate of that very subsystem); `xrd:service` names the registered SOAP
 * service and the body's wrapper element its operation, which is the endpoint `POST /{operation}`
 * access rights name. Then the same quotas, circuit breaker and size limit as REST; the message
 * goes unchanged to the service's address, with only Content-Type and SOAPAction (PR-MESS §2.2),
 * and the answer comes back with the request's hash in its header. Every exchange is in the
 * message log and operational monitoring before its answer leaves. Faults are SOAP 1.1 faults
 * (HTTP 500) with X-Road codes. The metaservices `listMethods`, `allowedMethods` and `getWsdl`
 * (PR-META §3, §4) are answered from the registry.
 */

export const SOAP_PATH = '/soap';
const ROUTE_CONFIG = { access: 'public', ownAuthentication: true, scope: GATEWAY_SCOPE, auditedByHandler: true } as const;

export interface SoapExchange extends GatewayExchange {
  soap: { ok: true; message: SoapMessage; part: SoapPart } | { ok: false; code: string; reason: string };
  /** The fault's text, for operational monitoring. */
  faultString?: string;
}

function openSoapExchange(request: FastifyRequest): SoapExchange {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  // PR-MESS §2.4: with attachments, the SOAP message is the multipart body's first part; the request hash is over it (§2.2).
  const part = soapPartOf(body, request.headers['content-type']);
  const read = !part.ok ? part
    : part.part.bytes.length > 0 ? readSoapMessage(part.part.bytes, { encoding: part.part.encoding })
      : { ok: false as const, problem: 'InvalidSoap' as const, reason: 'Malformed SOAP message: the request has no body' };
  const common = {
    requestId: randomUUID(), started: performance.now(), at: new Date(), requestHash: soapRequestHash(part.ok ? part.part.bytes : body), headers: requestHeaderPairs(request), providerMs: null,
  };
  if (!read.ok) {
    return {
      ...common, id: randomUUID(), target: { ok: false, reason: read.reason }, message: { ok: false, reason: read.reason }, client: null, service: null, path: '',
      soap: { ok: false, code: `Client.${read.problem}`, reason: read.reason },
    };
  }
  const { header, operation } = read.message;
  const { serviceVersion: _version, ...serviceId } = header.service;
  return {
    ...common, id: header.id,
    target: { ok: true, target: { serviceId, servicePath: `/${operation.local}`, query: '' } },
    message: {
      ok: true,
      headers: {
        client: header.client, id: header.id, idGenerated: false, ...(header.userId ? { userId: header.userId } : {}), ...(header.issue ? { issue: header.issue } : {}),
        ...(header.representedParty ? { representedParty: header.representedParty } : {}),
      },
    },
    client: formatClientId(header.client), service: formatServiceId(serviceId), path: `/${operation.local}`,
    soap: { ok: true, message: read.message, part: (part as { part: SoapPart }).part },
  };
}

export function fault(reply: FastifyReply, exchange: SoapExchange, code: string, message: string): FastifyReply {
  exchange.faultString = message.slice(0, 1000);
  return reply.code(SOAP_FAULT_STATUS).header('content-type', SOAP_CONTENT_TYPE).header(XROAD_HEADER.error, code)
    .send(soapFaultXml({ code, message, detail: exchange.requestId }));
}

export async function registerSoapGateway(app: FastifyInstance, options: GatewayOptions): Promise<void> {
  const open = new WeakMap<FastifyRequest, SoapExchange>();
  const exchangeOf = (request: FastifyRequest): SoapExchange => {
    let found = open.get(request);
    if (!found) {
      found = openSoapExchange(request);
      open.set(request, found);
    }
    return found;
  };
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxMessageBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError & { status?: number }, request, reply) => {
      const status = error.statusCode ?? error.status ?? 500;
      const exchange = exchangeOf(request);
      if (status === 413) return fault(reply, exchange, 'Client.BadRequest', `The message exceeds ${options.maxMessageBytes} bytes`);
      if (status >= 400 && status < 500) return fault(reply, exchange, 'Client.BadRequest', error.message);
      request.log.error({ err: error }, 'lgsp soap gateway: internal error');
      return fault(reply, exchange, 'Server.ClientProxy.InternalError', 'Internal error of the gateway');
    });
    // As for REST: the record (and its operational-monitoring record) is committed before the answer leaves.
    scope.addHook('onSend', async (request, reply, payload) => {
      const exchange = exchangeOf(request);
      return logBeforeSend(options, request, reply, exchange, payload, {
        monitoring: (monitoring) => Object.assign(monitoring, {
          messageProtocolVersion: exchange.soap.ok ? exchange.soap.message.header.protocolVersion : null, serviceType: 'WSDL',
          serviceVersion: exchange.soap.ok ? (exchange.soap.message.header.service.serviceVersion ?? null) : null,
          faultString: exchange.faultString ?? monitoring.faultString,
          ...attachmentsOf('request', exchange.soap.ok ? exchange.soap.part.multipart : undefined, request.body),
          ...attachmentsOf('response', multipartAnswer(payload, reply.getHeader('content-type')), payload),
        }),
        withheld: () => {
          reply.code(SOAP_FAULT_STATUS).header('content-type', SOAP_CONTENT_TYPE).header(XROAD_HEADER.error, 'Server.ClientProxy.InternalError');
          return soapFaultXml({ code: 'Server.ClientProxy.InternalError', message: 'The message log could not be written', detail: exchange.requestId });
        },
      });
    });
    scope.post(SOAP_PATH, {
      config: ROUTE_CONFIG,
      schema: {
        operationId: 'lgspGatewaySoap',
        summary: 'Thông điệp X-Road SOAP qua LGSP / X-Road SOAP message through the LGSP gateway (PR-MESS 4.0)',
        description: 'A SOAP 1.1 envelope (`text/xml`) whose header carries `xrd:client`, `xrd:service` (the registered SOAP service), `xrd:id` and `xrd:protocolVersion` 4.0; '
          + 'the body\'s wrapper element is the operation. `Authorization: Bearer` a client-credentials token for the gateway (scope `lgsp`) of the service client registered for `xrd:client`, or its client certificate. '
          + 'The provider\'s answer comes back with `xrd:requestHash`; X-Road faults are SOAP 1.1 faults with HTTP 500. Metaservices: listMethods, allowedMethods, getWsdl (PR-META).',
        tags: ['lgsp-gateway'],
        response: {
          '2xx': { description: "The provider's SOAP answer (text/xml), or a metaservice's", type: 'string' },
          500: { description: 'A SOAP 1.1 fault (`Client.*`, `Server.ClientProxy.*`, `Server.ServerProxy.*`), or the provider\'s own fault', type: 'string' },
        },
      },
    }, (request, reply) => handleSoap(options, exchangeOf(request), request, reply));
  }, { prefix: GATEWAY_PREFIX });
}

async function handleSoap(options: GatewayOptions, exchange: SoapExchange, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (!exchange.soap.ok) return fault(reply, exchange, exchange.soap.code, exchange.soap.reason);
  const { message, part } = exchange.soap;
  const authenticated = await authenticateClient(options, request, exchange);
  if (!authenticated.client) return fault(reply, exchange, 'Server.ClientProxy.SslAuthenticationFailed', authenticated.fault.replace('X-Road-Client', 'xrd:client'));
  const serviceId = exchange.target.ok ? exchange.target.target.serviceId : undefined;
  if (!serviceId) return reply;
  if (isSoapMetaservice(serviceId.serviceCode)) return soapMetaservice(options, exchange, part, message, reply, serviceId.serviceCode, authenticated.client.subsystemId);

  const operation = message.operation.local;
  const found = await soapServiceOf(options, serviceId);
  if (!found) return fault(reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown SOAP service ${exchange.service}`);
  if ('ambiguous' in found) {
    return fault(reply, exchange, 'Server.ServerProxy.UnknownService', `${serviceId.serviceCode} is an operation of several services of the provider (${found.ambiguous.join(', ').slice(0, 300)}): name the service's code`);
  }
  const { service, byOperation } = found;
  exchange.bodyLogging = service.bodyLogging;
  // PR-MESS §2.3: the request's wrapper element matches the serviceCode — when the code names an operation (see soapServiceOf).
  if (byOperation && operation !== serviceId.serviceCode) {
    return fault(reply, exchange, 'Client.InvalidBody', `The body's wrapper element ${operation.slice(0, 100)} must match the serviceCode ${serviceId.serviceCode} (PR-MESS §2.3)`);
  }
  // serviceVersion selects one of the service's registered versions (v{n}); none: the current one (decision 0047).
  const version = message.header.service.serviceVersion;
  const operations = await options.registry.operations(service.id, version);
  if (!operations) return fault(reply, exchange, 'Server.ServerProxy.UnknownService', `${exchange.service} has no version ${(version ?? '').slice(0, 100)}`);
  if (!operations.includes(operation)) {
    return fault(reply, exchange, 'Server.ServerProxy.UnknownService', `${exchange.service}${version ? ` ${version.slice(0, 100)}` : ''} has no operation ${operation.slice(0, 100)}`);
  }
  if (!(await options.registry.isAllowed(authenticated.client.subsystemId, service.id, 'POST', `/${operation}`))) {
    return fault(reply, exchange, 'Server.ServerProxy.AccessDenied', `${exchange.client} has no access right to ${operation} of ${exchange.service}`);
  }
  const quota = options.quotas.take(authenticated.client.subsystemId, service.id, await options.registry.quotas(service.id, authenticated.client.subsystemId));
  if (!quota.ok) {
    reply.header('retry-after', String(quota.retryAfterSeconds));
    const whose = quota.scope === 'consumer' ? `${exchange.client}'s quota` : `the rate limit of ${exchange.service}`;
    return fault(reply, exchange, 'Client.QuotaExceeded', `${whose} of ${quota.limit} messages per ${quota.windowSeconds} s is used up`);
  }
  // A national SOAP service: through NDXP with the province's credentials, both legs logged (gateway-national-soap.ts).
  if (service.nationalService) return relaySoapNational(options, { nationalService: service.nationalService, timeoutMs: service.timeoutMs }, exchange, request, reply);
  const url = new URL(service.baseUrl);
  const circuit = options.breakers.admit(url.origin);
  if (!circuit.ok) {
    reply.header('retry-after', String(circuit.retryAfterSeconds));
    return fault(reply, exchange, 'Server.ServerProxy.ServiceFailed', 'The provider is failing: calls to it are suspended for a while (circuit breaker open)');
  }
  // PR-MESS §2.2: Content-Type and SOAPAction are the only HTTP headers that cross.
  const soapAction = request.headers.soapaction;
  const started = performance.now();
  exchange.providerStartedAt = Date.now();
  const result = await callProvider({
    url, method: 'POST', headers: { 'content-type': String(request.headers['content-type']), ...(typeof soapAction === 'string' ? { soapaction: soapAction } : {}) },
    body: request.body as Buffer, timeoutMs: service.timeoutMs, retries: 0, maxResponseBytes: options.maxMessageBytes,
  });
  exchange.providerMs = Math.round((performance.now() - started) * 10) / 10;
  if (!result.ok) {
    options.breakers.record(url.origin, true);
    return fault(reply, exchange, result.fault, result.message);
  }
  const answer = answerWithRequestHash(result.body, result.headers['content-type'], exchange.requestHash);
  options.breakers.record(url.origin, !answer.ok || FAILING_STATUSES.has(result.status));
  if (!answer.ok) return fault(reply, exchange, 'Server.ServerProxy.ServiceFailed', answer.reason);
  // PR-MESS §2.3: the answer to `foo` is wrapped in `fooResponse`.
  if (!answer.fault && answer.wrapper !== `${operation}Response`) {
    return fault(reply, exchange, 'Server.ServerProxy.ServiceFailed', `The provider's answer to ${operation.slice(0, 100)} is not wrapped in ${operation.slice(0, 100)}Response (PR-MESS §2.3)`);
  }
  if (answer.fault) exchange.faultString = `${answer.fault.code}: ${answer.fault.message}`.slice(0, 1000);
  if (service.status === 'deprecated') reply.header('deprecation', 'true');
  return reply.code(result.status).header('content-type', result.headers['content-type'] ?? SOAP_CONTENT_TYPE).send(answer.body);
}

/** PR-OPMON's attachment fields of one SOAP message: how many parts follow the SOAP part (0: none), the MIME container's size when there are some. */
function attachmentsOf(message: 'request' | 'response', multipart: MultipartMessage | undefined, body: unknown) {
  const count = multipart ? multipart.parts.length - 1 : 0;
  const size = count > 0 && (Buffer.isBuffer(body) || typeof body === 'string') ? Buffer.byteLength(body) : null;
  return message === 'request' ? { requestAttachmentCount: count, requestMimeSize: size } : { responseAttachmentCount: count, responseMimeSize: size };
}

/** The answer's parts, when it is `multipart/related` (the provider's SwA or MTOM answer, or getWsdl's). */
function multipartAnswer(payload: unknown, contentType: unknown): MultipartMessage | undefined {
  if (typeof contentType !== 'string' || !isMultipartRelated(contentType)) return undefined;
  const bytes = Buffer.isBuffer(payload) ? payload : typeof payload === 'string' ? Buffer.from(payload) : undefined;
  const read = bytes && readMultipartRelated(bytes, contentType);
  return read?.ok ? read.message : undefined;
}

/**
 * The registered SOAP service a message names (decision 0046). Its `serviceCode` is either the
 * registered service's code (decision 0044: one service per WSDL, the wrapper its operation), or —
 * as PR-MESS §2.3 has it — an operation, the wrapper's own name: then the one provider service
 * whose WSDL has that operation (`byOperation`; several: `ambiguous`).
 */
async function soapServiceOf(options: GatewayOptions, serviceId: ServiceId): Promise<{ service: CallableService; byOperation: boolean } | { ambiguous: string[] } | undefined> {
  const service = await options.registry.service(serviceId);
  if (service) return service.kind === 'soap' ? { service, byOperation: false } : undefined;
  const candidates = await options.registry.soapServicesWith(providerOf(serviceId), serviceId.serviceCode);
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length > 1) return { ambiguous: candidates.map((s) => s.code) };
  return { service: candidates[0]!, byOperation: true };
}

/** PR-META §3, §4: the provider's SOAP services listed (all, or those the client may call), or one's WSDL as a SOAP attachment. */
async function soapMetaservice(options: GatewayOptions, exchange: SoapExchange, part: SoapPart, message: SoapMessage, reply: FastifyReply, metaservice: SoapMetaservice, clientSubsystemId: string): Promise<FastifyReply> {
  if (message.operation.local !== metaservice) return fault(reply, exchange, 'Client.InvalidBody', `The body of a ${metaservice} request is the element ${metaservice}`);
  // A metaservice's body is read whole (getWsdl's serviceCode); it is small.
  const whole = readSoapMessage(part.bytes, { wholeBody: true, encoding: part.encoding });
  if (!whole.ok) return fault(reply, exchange, `Client.${whole.problem}`, whole.reason);
  message = whole.message;
  const provider = providerOf(message.header.service);
  const services = (await options.registry.servicesOf(provider))?.filter((s) => s.kind === 'soap');
  if (!services) return fault(reply, exchange, 'Server.ServerProxy.UnknownService', 'Unknown provider subsystem');
  if (metaservice === 'getWsdl') {
    const wanted = getWsdlRequest(message.operation);
    if (!wanted) return fault(reply, exchange, 'Client.InvalidBody', 'getWsdl needs the serviceCode element');
    const service = services.find((s) => s.code === wanted.serviceCode);
    const wsdl = service && (await options.registry.wsdl(service.id, wanted.serviceVersion));
    if (!wsdl) return fault(reply, exchange, 'Server.ServerProxy.UnknownService', `Unknown SOAP service code ${wanted.serviceCode.slice(0, 100)}`);
    const body = `<xrd:getWsdlResponse><xrd:serviceCode>${escapeXml(wanted.serviceCode)}</xrd:serviceCode>${wanted.serviceVersion ? `<xrd:serviceVersion>${escapeXml(wanted.serviceVersion)}</xrd:serviceVersion>` : ''}</xrd:getWsdlResponse>`;
    const boundary = `xroad${randomUUID().replace(/-/g, '')}`;
    const part = (headers: string, content: string) => `--${boundary}\r\n${headers}\r\n\r\n${content}\r\n`;
    const multipart = part('content-type: text/xml; charset=UTF-8\r\ncontent-transfer-encoding: 8bit\r\ncontent-id: <rootpart>', soapEnvelope(message.header, body, exchange.requestHash))
      + part('content-type: text/xml; charset=UTF-8\r\ncontent-id: <wsdl>', hideWsdlEndpoints(wsdl)) + `--${boundary}--\r\n`;
    return reply.code(200).header('content-type', `multipart/related; type="text/xml"; start="<rootpart>"; boundary="${boundary}"`).send(multipart);
  }
  const allowed = metaservice === 'allowedMethods' ? await options.registry.allowedServices(clientSubsystemId, services.map((s) => s.id)) : undefined;
  const listed = services.filter((s) => !allowed || allowed.has(s.id)).map((s) => ({ ...provider, subsystemCode: provider.subsystemCode!, serviceCode: s.code }));
  return reply.code(200).header('content-type', SOAP_CONTENT_TYPE).send(soapEnvelope(message.header, methodListXml(metaservice, listed), exchange.requestHash));
}
