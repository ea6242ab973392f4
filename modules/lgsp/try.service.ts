import { badRequest, conflict, forbidden, type Principal } from '../../packages/platform/index.ts';
import { GATEWAY_PREFIX, PURPOSE_HEADER } from './gateway.ts';
import { toSubsystem, type RegistryService } from './registry.service.ts';

/**
 * The developer portal's "try it" console (decision 0037): a consumer's administrator calls a
 * published sandbox service as one of its own subsystems. The server mints a short-lived gateway
 * token for the subsystem's service client and calls the gateway over real HTTP, so the call goes
 * through every gateway check (credential, X-Road-Client, access right, quota) and lands in the
 * message log and operational monitoring like any other. Only services flagged `sandbox`.
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

export function createTryService(deps: TryDependencies) {
  return {
    async call(principal: Principal, input: TryInput): Promise<TryResult> {
      const method = input.method.toUpperCase();
      if (!METHODS.has(method)) throw badRequest('lgsp.invalid_method', `Unknown method ${input.method}`);
      checkPath(input.path);
      if (input.body !== undefined && Buffer.byteLength(input.body) > TRY_MAX_BODY_BYTES) {
        throw badRequest('lgsp.try_body_too_large', `The body exceeds ${TRY_MAX_BODY_BYTES} bytes`);
      }
      const consumer = await deps.registry.subsystemRows(input.subsystemId);
      await deps.registry.requireManage(principal, consumer.member.agencyId);
      const service = await deps.registry.getService(input.serviceId);
      if (service.status !== 'published') throw conflict('lgsp.service_not_published', 'Only a published service can be tried');
      if (!service.sandbox) throw forbidden('lgsp.not_sandbox', 'Only services flagged as sandbox / test providers can be tried from the portal');
      if (!consumer.subsystem.clientId) throw conflict('lgsp.subsystem_without_client', 'The subsystem has no service client to call the gateway with');
      const clientXroadId = toSubsystem(consumer.subsystem, consumer.member).xroadId;
      // The gateway path names the service without the registry's version (PR-REST §4.1).
      const serviceId = service.xroadId.replace(/\/v\d+$/, '');
      const prefix = `${GATEWAY_PREFIX}/r1/${serviceId}`;
      const url = new URL(`${deps.gatewayUrl.replace(/\/+$/, '')}${prefix}${input.path}`);
      if (!url.pathname.startsWith(`${prefix}/`) && url.pathname !== prefix) throw badRequest('lgsp.try_invalid_path', 'The path must stay inside the service');
      const token = await deps.issueGatewayToken(consumer.subsystem.clientId, TOKEN_SECONDS);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-road-client': clientXroadId, accept: 'application/json, */*;q=0.5' };
      if (input.purpose) headers[PURPOSE_HEADER] = headerText(input.purpose);
      const hasBody = input.body !== undefined && input.body.length > 0 && method !== 'GET' && method !== 'HEAD';
      if (hasBody) headers['content-type'] = input.contentType ?? 'application/json';
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(url, { method, headers, body: hasBody ? input.body : undefined, redirect: 'manual', signal: AbortSignal.timeout(service.timeoutMs + 5_000) });
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
    },
  };
}

export type TryService = ReturnType<typeof createTryService>;
