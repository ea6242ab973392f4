import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  SOAP_CONTENT_TYPE, XROAD_HEADER, callProvider, lastHeader, parseClientId, parseServiceId, readSoapFault, readXml, soapRequestHash, withRequestHash, withSoapIdentifiers,
} from '../../packages/xroad/index.ts';
import { PURPOSE_HEADER, type GatewayOptions } from './gateway.ts';
import { NDXP_CLIENT_KEY_HEADER, consumerFault, logNationalLeg, type ConsumerMessage } from './gateway-national.ts';
import { fault, type SoapExchange } from './gateway-soap.ts';
import { digitsMasked } from './monitoring.ts';

/**
 * A SOAP service registered as national (PR-MESS through NDXP): the consumer's message goes to
 * NDXP's SOAP entry (`NDXP_URL/soap`) as the province's own — its header's `xrd:client` is the
 * province's subsystem at NDXP and `xrd:service` the NDXP service id; every other byte is the
 * consumer's — with the province's key. The national leg is logged as its own record under the
 * consumer's message id (as for REST, gateway-national.ts). NDXP's answer goes back with the
 * consumer's `xrd:client` and `xrd:service` restored and the consumer's request hash; NDXP's
 * faults (`X-Road-Error`) are mapped as for REST; a national system's own SOAP fault passes.
 */

function faultText(body: Buffer): string {
  const parsed = readXml(body.toString('utf8'));
  const found = parsed.ok ? readSoapFault(parsed.root) : undefined;
  return found ? `${found.message}`.slice(0, 500) : 'no message';
}

export async function relaySoapNational(
  options: GatewayOptions, service: { nationalService: string; timeoutMs: number }, exchange: SoapExchange, request: FastifyRequest, reply: FastifyReply,
): Promise<FastifyReply> {
  const leg = options.national;
  const province = leg && parseClientId(leg.client);
  const national = parseServiceId(service.nationalService);
  if (!leg || !province || !national || !exchange.soap.ok) return fault(reply, exchange, 'Server.ServerProxy.ServiceFailed', 'The national exchange (NDXP) is not configured');
  const { header, operation } = exchange.soap.message;
  const message: ConsumerMessage = {
    id: header.id, path: `/${operation.local}`, query: '', userId: header.userId, issue: header.issue, purpose: lastHeader(exchange.headers, PURPOSE_HEADER),
  };
  const sent = withSoapIdentifiers(request.body as Buffer, { client: province, service: national });
  if (!sent.ok) return fault(reply, exchange, 'Client.InvalidSoap', sent.reason);
  const soapAction = request.headers.soapaction;
  const at = new Date();
  const started = performance.now();
  exchange.providerStartedAt = Date.now();
  const result = await callProvider({
    url: new URL(`${leg.url.replace(/\/+$/, '')}/soap`), method: 'POST',
    headers: { 'content-type': String(request.headers['content-type']), ...(typeof soapAction === 'string' ? { soapaction: soapAction } : {}), [NDXP_CLIENT_KEY_HEADER]: leg.clientKey },
    body: sent.body, timeoutMs: service.timeoutMs, retries: 0, maxResponseBytes: options.maxMessageBytes,
  });
  const providerMs = Math.round((performance.now() - started) * 10) / 10;
  exchange.providerMs = providerMs;
  const ndxpFault = result.ok ? result.xroad[XROAD_HEADER.error] : undefined;
  // NDXP hashes the bytes it received, which are these.
  await logNationalLeg({ leg, log: options.log, nationalService: service.nationalService, maskPath: digitsMasked }, message, {
    at, requestId: (result.ok ? result.xroad[XROAD_HEADER.requestId] : undefined) ?? randomUUID(), method: 'POST', status: result.ok ? result.status : 500, fault: ndxpFault ?? (result.ok ? null : result.fault), providerMs, requestHash: soapRequestHash(sent.body),
  });
  if (!result.ok) return fault(reply, exchange, result.fault, `NDXP: ${result.message}`);
  if (ndxpFault) return fault(reply, exchange, consumerFault(ndxpFault), `NDXP answered ${ndxpFault}: ${faultText(result.body)}`);

  const restored = withSoapIdentifiers(result.body, { client: header.client, service: header.service });
  const answer = restored.ok ? withRequestHash(restored.body, exchange.requestHash) : restored;
  if (!answer.ok) return fault(reply, exchange, 'Server.ServerProxy.ServiceFailed', `NDXP: ${answer.reason}`);
  if (answer.fault) exchange.faultString = `${answer.fault.code}: ${answer.fault.message}`.slice(0, 1000);
  return reply.code(result.status).header('content-type', result.headers['content-type'] ?? SOAP_CONTENT_TYPE).send(answer.body);
}
