import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findClient, sandboxError, type SandboxClient } from '../kit.ts';

/**
 * The API-key scheme of the national databases' machine interfaces as the sandboxes imitate
 * it: a registered client names itself in `X-Client-Id` and proves it with `X-Api-Key`. The
 * caller is usually the NDXP hub, which says on whose behalf it calls in `X-Road-Client` (the
 * requesting information system) and `X-Road-UserId` (the official). Shared by the population
 * and business-registration sandboxes.
 */
export interface Caller {
  clientId: string;
  /** The system the answer is for: `X-Road-Client` when a hub forwards, else the client itself. */
  requester: string;
  userId: string | null;
}

export const CLIENT_AUTH_DESCRIPTION = 'Xác thực / Authentication: headers `X-Client-Id` and `X-Api-Key` of a registered client '
  + '(401 when missing or wrong). A hub forwarding the call names the real requester in `X-Road-Client` and the official in '
  + '`X-Road-UserId`; both are recorded in the access log.';

const headerText = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** Request headers, for validation and the OpenAPI document (header names are lower case in Fastify). */
export function clientHeadersSchema(extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    properties: {
      'x-client-id': { ...headerText, description: 'Registered client id' },
      'x-api-key': { ...headerText, description: 'The client\'s API key' },
      'x-road-client': { ...headerText, description: 'Requester on whose behalf a hub calls (X-Road client subsystem)' },
      'x-road-userid': { ...headerText, description: 'The official who asked, as the requester identifies them' },
      ...extra,
    },
  } as const;
}

/** Route config of the lookups whose refusals belong in the access log (not the log queries themselves). */
export const ACCESS_LOGGED_ROUTE = { accessLogged: true } as const;

const callers = new WeakMap<FastifyRequest, Caller>();

/** The first value of a header; repeated headers are not a way to smuggle a second identity. */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** A header that may carry Vietnamese text percent-encoded as UTF-8 (HTTP headers are Latin-1). */
export function decodedHeader(request: FastifyRequest, name: string): string | undefined {
  const value = headerValue(request, name);
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The authenticated caller; only for routes registered through `registerClientApi`. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (!caller) throw new Error('route is not behind the client-header guard');
  return caller;
}

export interface ClientApiOptions {
  clients: readonly SandboxClient[];
  /** Prefix of error codes: `population` gives `population.unauthorized`, `population.invalid_request`. */
  errorPrefix: string;
  /** Error code for a validation failure by field name (body, query or path), instead of `<prefix>.invalid_request`. */
  fieldErrors?: Readonly<Record<string, string>>;
  /** Called for an authenticated request to an `ACCESS_LOGGED_ROUTE` refused as invalid, so that the refusal is logged. */
  onInvalid?(request: FastifyRequest, caller: Caller): void;
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: ValidationIssue): string {
  const missing = issue.params.missingProperty;
  if (typeof missing === 'string') return missing;
  return issue.instancePath.split('/').filter(Boolean)[0] ?? '';
}

function sendRefusal(options: ClientApiOptions, error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'sandbox API error');
    return sandboxError(reply, 500, `${options.errorPrefix}.internal_error`, 'Internal error');
  }
  const caller = callers.get(request);
  const logged = (request.routeOptions.config as { accessLogged?: boolean } | undefined)?.accessLogged === true;
  if (caller && logged) options.onInvalid?.(request, caller);
  const issues = (error.validation ?? []) as ValidationIssue[];
  const field = issues[0] ? fieldOf(issues[0]) : '';
  const code = options.fieldErrors?.[field] ?? `${options.errorPrefix}.invalid_request`;
  const details = issues.length > 0 ? issues.map((issue) => ({ field: fieldOf(issue), message: issue.message ?? 'invalid' })) : undefined;
  return sandboxError(reply, status, code, error.message, details);
}

/**
 * Registers routes behind the client-header guard, in their own scope: the guard runs before
 * the body is parsed (an unauthenticated caller learns nothing about its input), and refusals
 * of authenticated calls use the sandbox's error codes.
 */
export async function registerClientApi(app: FastifyInstance, options: ClientApiOptions, routes: (api: FastifyInstance) => void): Promise<void> {
  await app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      const client = findClient(options.clients, headerValue(request, 'x-client-id'), headerValue(request, 'x-api-key'));
      if (!client) {
        return sandboxError(reply, 401, `${options.errorPrefix}.unauthorized`, 'X-Client-Id and X-Api-Key must name a registered client');
      }
      callers.set(request, {
        clientId: client.id,
        // Bounded here because the log keeps them even when header validation later refuses the call.
        requester: headerValue(request, 'x-road-client')?.slice(0, 200) ?? client.id,
        userId: headerValue(request, 'x-road-userid')?.slice(0, 200) ?? null,
      });
    });
    api.setErrorHandler((error: FastifyError, request, reply) => sendRefusal(options, error, request, reply));
    routes(api);
  });
}
