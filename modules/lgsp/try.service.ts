import { randomUUID } from 'node:crypto';
import { actorOf, badRequest, conflict, forbidden, type Principal } from '../../packages/platform/index.ts';
import { SOAP_CONTENT_TYPE, SOAP_PROTOCOL_VERSION, parseClientId, readXml, soapEnvelope, type SoapHeader } from '../../packages/xroad/index.ts';
import { GATEWAY_PREFIX, PURPOSE_HEADER } from './gateway.ts';
import { toSubsystem, type RegistryService } from './registry.service.ts';

/**
 * The developer portal's "try it" console (decision 0037): a consumer's administrator calls a
 * published sandbox service as one of its own subsystems. The server mints a short-lived gateway
 * token for the subsystem's service client and calls the gateway over real HTTP, so the call goes
 * through every gateway check (credential, X-Road-Client, access right, quota) and lands in the
 * message log and operational monitoring like any other. Only services flagged `sandbox`. A SOAP
 * service is tried by operation and body element; the server writes the envelope (decision 0047).
 */

export const TRY_MAX_BODY_BYTES = 64 * 1024;
/** What the console shows of an answer; the rest is cut (and said so). */
const SHOWN_BODY_BYTES = 64 * 1024;
const TOKEN_SECONDS = 60;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Headers of the answer worth showing a developer (no cookies, no hop-by-hop). */
const SHOWN_HEADERS = /^(content-type|content-length|x-road-.*|x-request-id|cache-control|etag|location)$/;

export interface TryInput {
  serviceId: string;
  subsystemId: string;
  method: string;
  /** The path after the service code, with its query: `/citizens/1?x=y`. */
  path: string;
  body?: string | undefined;
  contentType?: string | undefined;
  purpose?: string | undefined;
}

export interface TryResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  durationMs: number;
  messageId: string | null;
  url: string;
}

export interface TryDependencies {
  registry: RegistryService;
  /** The identity module: a token for the gateway issued to a service client. */
  issueGatewayToken: (clientId: string, seconds: number) => Promise<string>;
  /** Where the gateway listens (this platform's public URL by default). */
  gatewayUrl: string;
}

/** A path that stays inside the service: no dot segments, encoded slashes or dots, backslashes, fragments or control characters. */
function checkPath(path: string): void {
  const [pathname] = path.split('?');
  const control = [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  const bad = !path.startsWith('/') || path.startsWith('//') || control || /[\\#\s]/.test(path) || /%(2e|2f|5c|25)/i.test(pathname!)
    || pathname!.split('/').some((segment) => segment === '..' || segment === '.');
  if (bad) throw badRequest('lgsp.try_invalid_path', 'The path must start with / and stay inside the service (no dot segments, encoded slashes or fragments)');
}

/** HTTP header values are bytes: the purpose goes without its diacritics (the audit trail keeps it whole). */
const headerText = (text: string) =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '?');

/** What a SOAP call from the console names: an operation and its body element's XML; the server writes the envelope. */
export interface TrySoapInput {
  serviceId: string;
  subsystemId: string;
  operation: string;
  /** The body's one element, the operation's wrapper, with its namespace declared: `<civil:echo xmlns:civil="…">…</civil:echo>`. */
  body: string;
  /** A registered version (`v{n}`); none: the current one. */
  serviceVersion?: string | undefined;
  purpose?: string | undefined;
}

function checkBodySize(body: string | undefined): void {
  if (body !== undefined && Buffer.byteLength(body) > TRY_MAX_BODY_BYTES) throw badRequest('lgsp.try_body_too_large', `The body exceeds ${TRY_MAX_BODY_BYTES} bytes`);
}

/** The body element a console user wrote: well-formed (no DTD: the gateway's reader), one element, the operation's. */
function checkSoapBody(body: string, operation: string): void {
  const parsed = readXml(body);
  if (!parsed.ok) throw badRequest('lgsp.try_invalid_xml', `The body is not well-formed XML: ${parsed.reason}`.slice(0, 300));
  if (parsed.root.local !== operation) throw badRequest('lgsp.try_invalid_xml', `The body's element must be the operation ${operation} (PR-MESS §2.3), not ${parsed.root.local.slice(0, 100)}`);
}

export function createTryService(deps: TryDependencies) {
  /** Who calls what, refused before any call: the subsystem is the caller's, the service a published sandbox of the right kind. */
  async function prepare(principal: Principal, input: { serviceId: string; subsystemId: string }, kind: 'rest' | 'soap') {
    const consumer = await deps.registry.subsystemRows(input.subsystemId);
    await deps.registry.requireManage(principal, consumer.member.agencyId);
    const service = await deps.registry.getService(input.serviceId);
    if (service.status !== 'published') throw conflict('lgsp.service_not_published', 'Only a published service can be tried');
    if (!service.sandbox) throw forbidden('lgsp.not_sandbox', 'Only services flagged as sandbox / test providers can be tried from the portal');
    if (service.kind !== kind) throw badRequest('lgsp.try_wrong_kind', kind === 'soap' ? 'A REST service is tried with method and path' : 'A SOAP service is tried with an operation and its XML body');
    if (!consumer.subsystem.clientId) throw conflict('lgsp.subsystem_without_client', 'The subsystem has no service client to call the gateway with');
    return { service, client: consumer.subsystem.clientId, clientXroadId: toSubsystem(consumer.subsystem, consumer.member).xroadId };
  }

  async function send(url: URL, init: { method: string; headers: Record<string, string>; body?: string | undefined }, timeoutMs: number, purpose: string | undefined) {
    if (purpose) init.headers[PURPOSE_HEADER] = headerText(purpose);
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs + 5_000) });
    } catch {
      throw conflict('lgsp.try_unreachable', 'The gateway could not be reached');
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const shown: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (SHOWN_HEADERS.test(name)) shown[name] = value;
    });
    return {
      status: response.status, headers: shown, body: bytes.subarray(0, SHOWN_BODY_BYTES).toString('utf8'), truncated: bytes.length > SHOWN_BODY_BYTES,
      durationMs, messageId: response.headers.get('x-road-id'), url: url.toString(),
    };
  }

  const gatewayBase = () => `${deps.gatewayUrl.replace(/\/+$/, '')}${GATEWAY_PREFIX}`;

  return {
    async call(principal: Principal, input: TryInput): Promise<TryResult> {
      const method = input.method.toUpperCase();
      if (!METHODS.has(method)) throw badRequest('lgsp.invalid_method', `Unknown method ${input.method}`);
      checkPath(input.path);
      checkBodySize(input.body);
      const { service, client, clientXroadId } = await prepare(principal, input, 'rest');
      // The gateway path names the service without the registry's version (PR-REST §4.1).
      const serviceId = service.xroadId.replace(/\/v\d+$/, '');
      const prefix = `${GATEWAY_PREFIX}/r1/${serviceId}`;
      const url = new URL(`${gatewayBase()}/r1/${serviceId}${input.path}`);
      if (!url.pathname.startsWith(`${prefix}/`) && url.pathname !== prefix) throw badRequest('lgsp.try_invalid_path', 'The path must stay inside the service');
      const token = await deps.issueGatewayToken(client, TOKEN_SECONDS);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-road-client': clientXroadId, accept: 'application/json, */*;q=0.5' };
      const hasBody = input.body !== undefined && input.body.length > 0 && method !== 'GET' && method !== 'HEAD';
      if (hasBody) headers['content-type'] = input.contentType ?? 'application/json';
      return send(url, { method, headers, body: hasBody ? input.body : undefined }, service.timeoutMs, input.purpose);
    },

    /**
     * A SOAP service tried (decision 0047): the envelope is written here — the X-Road header
     * (client, service with the chosen version, a fresh id, the user, protocol 4.0) around the
     * user's body element — and POSTed to the gateway's SOAP entry like any client's message.
     */
    async callSoap(principal: Principal, input: TrySoapInput): Promise<TryResult & { request: string }> {
      checkBodySize(input.body);
      checkSoapBody(input.body, input.operation);
      const { service, client, clientXroadId } = await prepare(principal, input, 'soap');
      const [instance, memberClass, memberCode, subsystemCode, serviceCode] = service.xroadId.split('/') as [string, string, string, string, string];
      const header: SoapHeader = {
        client: parseClientId(clientXroadId)!, id: randomUUID(), userId: actorOf(principal), protocolVersion: SOAP_PROTOCOL_VERSION,
        service: { instance, memberClass, memberCode, subsystemCode, serviceCode, ...(input.serviceVersion ? { serviceVersion: input.serviceVersion } : {}) },
      };
      const envelope = soapEnvelope(header, input.body);
      const token = await deps.issueGatewayToken(client, TOKEN_SECONDS);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': SOAP_CONTENT_TYPE, soapaction: '""' };
      const result = await send(new URL(`${gatewayBase()}/soap`), { method: 'POST', headers, body: envelope }, service.timeoutMs, input.purpose);
      return { ...result, messageId: header.id, request: envelope };
    },
  };
}

export type TryService = ReturnType<typeof createTryService>;
