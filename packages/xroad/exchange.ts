import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { requestHeaderPairs } from './fastify.ts';
import { XROAD_HEADER, isMessageId, lastHeader, readMessageHeaders, type HeaderPair, type MessageHeadersResult } from './headers.ts';
import { formatClientId, formatRepresentedParty, formatServiceId } from './identifiers.ts';
import { parseMessageTarget, type MessageTargetResult } from './message.ts';
import { requestHash, restHeaderPart } from './request-hash.ts';

/**
 * The first look at an X-Road message, shared by every provider-side speaker (NDXP sandbox,
 * LGSP gateway): the request line and X-Road headers read once (PR-REST §4.1, §4.3), the ids
 * assigned and the request hash computed, so that every answer — provider response or fault —
 * can carry them.
 */
export interface OpenedMessage {
  id: string;
  requestId: string;
  started: number;
  at: Date;
  requestHash: string;
  target: MessageTargetResult;
  message: MessageHeadersResult;
  /** Client as claimed in `X-Road-Client`, formatted; null when missing or malformed. */
  client: string | null;
  service: string | null;
  /** The path after the service id (or the whole target when it could not be parsed). */
  path: string;
  headers: HeaderPair[];
}

/** `mountPath` is where the speaker is served (`/ndxp`, `/lgsp`); `exclude` names headers that are transport credentials, not message content. */
export function openMessage(request: FastifyRequest, mountPath: string, exclude?: ReadonlySet<string>): OpenedMessage {
  const pairs = requestHeaderPairs(request);
  const givenId = lastHeader(pairs, XROAD_HEADER.id);
  const id = givenId !== undefined && isMessageId(givenId) ? givenId : randomUUID();
  const message = readMessageHeaders(pairs, () => id);
  const requestTarget = request.url.startsWith(`${mountPath}/`) ? request.url.slice(mountPath.length) : request.url;
  const target = parseMessageTarget(requestTarget);
  const requestId = randomUUID();
  const headerPart = restHeaderPart({
    method: request.method, requestTarget, headers: pairs, requestId, ...(exclude ? { exclude } : {}), ...(id !== givenId ? { generatedId: id } : {}),
  });
  return {
    id,
    requestId,
    started: performance.now(),
    at: new Date(),
    requestHash: requestHash(headerPart, Buffer.isBuffer(request.body) ? request.body : undefined),
    target,
    message,
    client: message.ok ? formatClientId(message.headers.client) : null,
    service: target.ok ? formatServiceId(target.target.serviceId) : null,
    path: target.ok ? target.target.servicePath : requestTarget,
    headers: pairs,
  };
}

/** The X-Road message headers the provider's information system receives: the client's own, with the server's ids (PR-REST §4.3). */
export function providerMessageHeaders(opened: Pick<OpenedMessage, 'message' | 'target' | 'requestId'>): Record<string, string> {
  if (!opened.message.ok || !opened.target.ok) return {};
  const { headers } = opened.message;
  return {
    [XROAD_HEADER.client]: formatClientId(headers.client),
    [XROAD_HEADER.service]: formatServiceId(opened.target.target.serviceId),
    [XROAD_HEADER.id]: headers.id,
    [XROAD_HEADER.requestId]: opened.requestId,
    ...(headers.userId ? { [XROAD_HEADER.userId]: headers.userId } : {}),
    ...(headers.issue ? { [XROAD_HEADER.issue]: headers.issue } : {}),
    ...(headers.representedParty ? { [XROAD_HEADER.representedParty]: formatRepresentedParty(headers.representedParty) } : {}),
  };
}
