import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import type { Metrics } from './metrics.ts';

/**
 * Who may read `/metrics`. It tells a stranger how busy the platform is and which systems fail,
 * so it is never public in production: a bearer token, or a separate listener on an address the
 * load balancer does not expose. In demo mode without either, loopback callers may read it.
 */
export type MetricsGuard = { kind: 'token'; token: string } | { kind: 'loopback' } | { kind: 'open' };

export interface MetricsExposure {
  /** The guard on the platform's own listener; absent: `/metrics` is not served there (404). */
  main?: MetricsGuard;
  /** A listener that serves only `/metrics` (METRICS_PORT), open unless METRICS_TOKEN is set. */
  separate?: { host: string; port: number; guard: MetricsGuard };
}

export function metricsExposure(config: Pick<Config, 'demo' | 'metrics'>): MetricsExposure {
  const { token, host, port } = config.metrics;
  const tokenGuard: MetricsGuard | undefined = token ? { kind: 'token', token } : undefined;
  if (port !== undefined) return { separate: { host, port, guard: tokenGuard ?? { kind: 'open' } } };
  if (tokenGuard) return { main: tokenGuard };
  if (config.demo) return { main: { kind: 'loopback' } };
  return {};
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/** The refusal for this caller, or undefined when it may read the metrics. */
export function metricsRefusal(guard: MetricsGuard, request: FastifyRequest): AppError | undefined {
  switch (guard.kind) {
    case 'open':
      return undefined;
    case 'loopback': {
      // A request relayed by a proxy on this machine arrives from loopback too: the forwarding
      // headers give it away, and it is refused like any remote caller.
      const local = LOOPBACK.test(request.socket.remoteAddress ?? '') && !FORWARDING_HEADERS.some((h) => h in request.headers);
      return local ? undefined : new AppError(403, 'metrics.loopback_only', 'Metrics are served to this machine only; set METRICS_TOKEN or METRICS_PORT to scrape from elsewhere');
    }
    case 'token': {
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Bearer ')) return new AppError(401, 'auth.required', 'A bearer token is required to read the metrics');
      // Compare digests: equal lengths, and no timing hint about the token.
      return timingSafeEqual(digest(header.slice(7).trim()), digest(guard.token)) ? undefined : new AppError(401, 'auth.invalid_token', 'The metrics token is not valid');
    }
  }
}

/** The `/metrics` route behind `guard`, on any Fastify instance. */
export function serveMetrics(app: FastifyInstance, metrics: Metrics, guard: MetricsGuard): void {
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = metricsRefusal(guard, request);
    if (refusal) {
      if (refusal.status === 401) reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw refusal;
    }
    reply.header('content-type', metrics.contentType).header('cache-control', 'no-store');
    return metrics.render();
  });
}

/** The separate metrics listener (METRICS_PORT): `/metrics` and nothing else. */
export function createMetricsServer(metrics: Metrics, guard: MetricsGuard): FastifyInstance {
  const app = Fastify({ logger: false, return503OnClosing: true });
  serveMetrics(app, metrics, guard);
  app.setErrorHandler((error, request, reply) => {
    const known = error instanceof AppError;
    void reply.status(known ? error.status : 500).send({ code: known ? error.code : 'internal', message: known ? error.message : 'An internal error occurred', requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'route.not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id });
  });
  return app;
}
