import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import { randomUUID } from 'node:crypto';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { Db } from './db/connection.ts';
import { AppError, type ErrorBody } from './errors.ts';
import { anonymous, holdsPermission, holdsScope, actorOf, DEFAULT_SCOPE, type Principal } from './auth.ts';
import { bearerChallenge } from './bearer.ts';
import { appendAudit, type AuditKeys } from './audit.ts';
import { loggerOptions, type LogStream } from './logger.ts';
import { checkJsonText, refuseNul, refuseNulInRequest } from './input-guards.ts';
import { buildValidatorCompiler } from './validation.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { serveMetrics, type MetricsGuard } from './metrics-endpoint.ts';
import { securityHeaders } from './security-headers.ts';
import { compressionOptions } from './compression.ts';
import { apiCaching } from './http-cache.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** Writes an audit record for this request (actor, address and request id filled in). */
    audit(entry: { action: string; target: string; purpose: string; outcome?: number; details?: Record<string, unknown>; actor?: string }): Promise<void>;
  }
  interface FastifyContextConfig {
    /** A permission name, `authenticated`, or `public`. Every route must declare one. */
    access?: string;
    /** The OAuth 2 scope the access token must carry (non-public routes); `api` when omitted. */
    scope?: string;
    /** Skip the automatic audit record (the handler writes a richer one itself). */
    auditedByHandler?: boolean;
    /** A public route that authenticates its callers itself (the LGSP gateway: tokens of another audience); no API bearer check. */
    ownAuthentication?: boolean;
    /** `reference`: public reference data, answered with an ETag and a short public cache life (http-cache.ts). */
    cache?: 'reference';
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteInfo {
  method: string;
  url: string;
  access: string;
  /** The scope a token needs (undefined for public routes). */
  scope: string | undefined;
}

const routeLists = new WeakMap<object, RouteInfo[]>();

/** Every route registered on the app with its declared access rule (for the authorisation matrix test). */
export function registeredRoutes(app: App): readonly RouteInfo[] {
  return routeLists.get(app) ?? [];
}

export interface HttpOptions {
  db: Db;
  /** Keys the audit chain (derived from SEN_MASTER_KEY). */
  auditKeys: AuditKeys;
  logLevel: string;
  bodyLimitBytes: number;
  /** Resolves the caller from the request (bearer token); anonymous when there is none. */
  authenticate: (request: FastifyRequest) => Promise<Principal>;
  /** URL prefixes served by third-party plugins (docs UI, static files) that are public. */
  publicPrefixes?: string[];
  trustProxy?: boolean;
  /** Where logs go (stdout when absent); tests capture them here. */
  logStream?: LogStream;
  /** The process's metrics (a fresh registry when absent). */
  metrics?: Metrics;
  /** Who may read `/metrics` on this listener; absent: it is not served here (404). */
  metricsGuard?: MetricsGuard | undefined;
  /** Base URL browsers use: HSTS and upgrade-insecure-requests are sent only when it is https (default: plain http). */
  publicUrl?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorBody(request: FastifyRequest, code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { code, message, requestId: request.id } : { code, message, details, requestId: request.id };
}

/** Maps framework errors (validation, body parsing, limits) to stable codes. */
function classify(error: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  const e = error as {
    name?: string; code?: string; statusCode?: number; validation?: unknown[]; validationContext?: string; message?: string };
  if (e.validation) {
    const details = (e.validation as { instancePath?: string; message?: string; params?: unknown; keyword?: string }[]).map((v) => ({
      field: `${e.validationContext ?? 'body'}${v.instancePath ?? ''}`,
      rule: v.keyword,
      message: v.message,
      params: v.params,
    }));
    return { status: 400, code: 'request.invalid', message: 'The request does not match the expected schema', details };
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'request.too_large', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'request.unsupported_media_type', message: 'Unsupported content type' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'request.malformed_json', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'request.invalid_length', message: 'Content-Length does not match the body' };
  }
  if (error instanceof SyntaxError && e.statusCode === 400) {
    return { status: 400, code: 'request.malformed_json', message: 'The request body is not valid JSON' };
  }
  if (e.statusCode === 429) return { status: 429, code: 'request.rate_limited', message: 'Too many requests; try again later' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: 'request.rejected', message: e.message ?? 'Bad request' };
  }
  return { status: 500, code: 'internal', message: 'An internal error occurred' };
}

/** The Fastify instance both kinds of listener share: logger, request ids, validators, router, 503 while closing (and TLS when given). */
function baseFastify(options: Pick<HttpOptions, 'logLevel' | 'logStream' | 'bodyLimitBytes' | 'trustProxy'> & { https?: HttpsServerOptions }): App {
  return Fastify({
    logger: loggerOptions(options.logLevel, options.logStream),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Bodies are validated without type coercion, query strings and parameters with it (validation.ts).
    schemaController: { compilersFactory: { buildValidator: (externalSchemas: Record<string, unknown>) => buildValidatorCompiler(externalSchemas) } },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    ...(options.https ? { https: options.https } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
}

/** Deny by default: a route without a declared access rule refuses to register (costs nothing per request). */
function declaredAccessOnly(app: App, publicPrefixes: string[]): void {
  const routes: RouteInfo[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (route) => {
    let access = route.config?.access;
    if (!access && publicPrefixes.some((p) => route.url.startsWith(p))) {
      access = 'public';
      route.config = { ...(route.config ?? {}), access };
    }
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule (config.access)`);
    const scope = access === 'public' ? undefined : (route.config?.scope ?? DEFAULT_SCOPE);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access, scope });
  });
}

/** One error body everywhere: `{code, message, details?, requestId}`; unknown routes are `route.not_found`. */
function platformErrors(app: App): void {
  app.setErrorHandler((error, request, reply) => {
    const c = classify(error);
    if (c.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: c.code }, 'request refused');
    // Public routes do not take bearer tokens (some authenticate by signature): no Bearer challenge there.
    const bearerRoute = request.routeOptions.config?.access !== 'public';
    const challenge = bearerRoute && bearerChallenge(c.status, c.code, c.message, request.headers.authorization !== undefined, c.details);
    if (challenge) void reply.header('www-authenticate', challenge);
    void reply.status(c.status).send(errorBody(request, c.code, c.message, c.details));
  });

  app.setNotFoundHandler({}, (request, reply) => {
    void reply.status(404).send(errorBody(request, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}

export interface DataPlaneOptions extends Pick<HttpOptions, 'logLevel' | 'logStream' | 'bodyLimitBytes' | 'trustProxy' | 'metrics' | 'metricsGuard'> {
  /** An HTTPS listener (the gateway's mutual TLS: `requestCert`, the CA bundle). */
  https?: HttpsServerOptions;
}

/**
 * The lean listener of `--role gateway` (decision 0034): only routes that authenticate their
 * callers themselves (the LGSP gateway, its metaservices), health and metrics. None of the API's
 * per-request work — security headers for browsers, compression, API caching, the bearer check,
 * the audit record of a state-changing call (the message log is the gateway's record) — only the
 * request id, the NUL guard and the request metrics, as synchronous hooks.
 */
export function createDataPlaneApp(options: DataPlaneOptions): App {
  const app = baseFastify(options);
  const metrics = options.metrics ?? createMetrics();
  app.decorateRequest('principal', null as never);
  declaredAccessOnly(app, []);
  app.addHook('onRoute', (route) => {
    if (route.config?.access !== 'public') throw new Error(`route ${route.method} ${route.url}: the data plane serves public routes only`);
  });
  app.addHook('onRequest', (request, reply, done) => {
    request.principal = anonymous;
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      for (const [value, where] of [[request.params, 'params'], [request.query, 'querystring'], [request.headers, 'headers']] as const) refuseNul(value, where);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  platformErrors(app);
  if (options.metricsGuard) serveMetrics(app as unknown as Parameters<typeof serveMetrics>[0], metrics, options.metricsGuard);
  return app;
}

export function createHttpApp(options: HttpOptions): App {
  const app = baseFastify(options);

  // Security headers on every response, the web app's, the API's and the sign-in pages' alike.
  void app.register(helmet, securityHeaders(options.publicUrl ?? 'http://localhost'));
  // Answers above 1 KB leave compressed (br or gzip) when the client accepts it (compression.ts).
  void app.register(compress, compressionOptions());
  // ETags and Cache-Control of API answers: reference data revalidates, the rest is no-store.
  app.addHook('onSend', apiCaching);

  const metrics = options.metrics ?? createMetrics();
  const publicPrefixes = options.publicPrefixes ?? [];
  app.decorateRequest('principal', null as never);
  app.decorateRequest('audit', async function (this: FastifyRequest, entry) {
    await appendAudit(options.db, {
      actor: actorOf(this.principal ?? anonymous),
      sourceIp: this.ip,
      requestId: this.id,
      outcome: 200,
      ...entry,
    }, options.auditKeys);
  });

  declaredAccessOnly(app, publicPrefixes);

  app.addHook('onRequest', async (request, reply) => {
    request.principal = anonymous;
    reply.header('x-request-id', request.id);
  });

  // Authorisation runs before the body is even parsed: a caller without the permission learns
  // nothing about the body's validity, and an oversized or malformed body costs nothing.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access ?? 'deny';
    if (access === 'public') {
      if (request.routeOptions.config.ownAuthentication) return;
      request.principal = await options.authenticate(request).catch(() => anonymous);
      return;
    }
    request.principal = await options.authenticate(request);
    if (request.principal.kind === 'anonymous') throw new AppError(401, 'auth.required', 'Authentication required');
    const scope = request.routeOptions.config.scope ?? DEFAULT_SCOPE;
    if (!holdsScope(request.principal, scope)) {
      throw new AppError(403, 'auth.insufficient_scope', `The access token lacks the scope ${scope}`, { scope });
    }
    if (access !== 'authenticated' && !holdsPermission(request.principal, access)) {
      throw new AppError(403, 'auth.forbidden', `Permission ${access} is required`);
    }
  });


  // Depth and NUL are checked on the raw JSON text before it is parsed (input-guards.ts); the
  // parsing itself stays Fastify's (prototype-poisoning protection included).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      checkJsonText(body as string);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  // Parameters, query, headers and form bodies: NUL is refused before the schema sees them.
  app.addHook('preValidation', refuseNulInRequest);

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  // The audit record is written before the response leaves: a client that saw the answer can
  // rely on the record existing.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method) || request.routeOptions.config?.auditedByHandler) return payload;
    await appendAudit(options.db, {
      actor: actorOf(request.principal ?? anonymous),
      action: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      target: request.url.split('?')[0] ?? request.url,
      outcome: reply.statusCode,
      sourceIp: request.ip,
      requestId: request.id,
      purpose: 'request',
    }, options.auditKeys);
    return payload;
  });

  platformErrors(app);

  if (options.metricsGuard) serveMetrics(app as unknown as Parameters<typeof serveMetrics>[0], metrics, options.metricsGuard);

  return app;
}
