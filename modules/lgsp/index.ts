/**
 * modules/lgsp — the provincial integration and sharing platform (seed lines 4999–5114): the
 * registry of members, subsystems and REST services with their versions and lifecycle, access
 * rights (deny by default, endpoint patterns, groups, expiry, self-service requests), the
 * X-Road gateway under `/lgsp/r1/…` and its hash-chained message log. This file is the
 * module's only door.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleContext, ModuleRoutes, Principal } from '../../packages/platform/index.ts';
import { createAccessService, type AccessService } from './access.service.ts';
import { registerGateway } from './gateway.ts';
import { createBreakers, type BreakerOptions } from './gateway-breaker.ts';
import { createQuotas, type QuotaLimits } from './gateway-quota.ts';
import { createChangeSender, createGatewayCache, signallingChanges } from './gateway-cache.ts';
import { createGatewayRegistry } from './gateway-registry.ts';
import { lgspRoutes } from './lgsp.routes.ts';
import { lgspRepository } from './lgsp.repository.ts';
import { createMessageLog, messageLogKey, verifyMessageLog, type ChainCheck, type MessageLog } from './message-log.ts';
import { createRegistryService, type AgencyLookup, type RegistryService } from './registry.service.ts';

export type { AccessRequest, AccessRight, Endpoint, EndpointDiff, Group, Member, Service, ServiceStatus, ServiceVersion, Subsystem } from './lgsp.types.ts';
export type { ChainCheck, ExchangeRecord } from './message-log.ts';
export { GATEWAY_PREFIX, GATEWAY_SCOPE, PURPOSE_HEADER } from './gateway.ts';
export { MANAGE_PERMISSION } from './registry.service.ts';

export interface LgspDependencies {
  agencies: AgencyLookup & { rootAgency(): Promise<{ id: string }> };
  /** The identity module's authenticator for tokens issued to the gateway (audience `$PUBLIC_URL/lgsp`). */
  authenticateGateway: (request: FastifyRequest) => Promise<Principal>;
  /** X-Road instance of the province's members (default `VN`, the one NDXP uses). */
  instance?: string;
  maxMessageBytes?: number;
  retries?: number;
  /** Quotas per consumer subsystem and rate limits per service (none when absent). */
  quotas?: QuotaLimits;
  /** The circuit breaker per provider (default: open after 5 consecutive failures, for 10 s). */
  breaker?: BreakerOptions;
  now?: () => Date;
}

export interface LgspModule {
  registry: RegistryService;
  access: AccessService;
  messageLog: MessageLog;
  /** /api/lgsp/* */
  routes: ModuleRoutes;
  /** The gateway, at `/lgsp` (registered on the root app). */
  gateway: (app: FastifyInstance) => Promise<void>;
  /** Recomputes the message-log chain. */
  verifyLog(): Promise<ChainCheck>;
  /** Starts hearing registry change signals (the gateway's cache works only while it hears them). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createLgspModule(ctx: ModuleContext, deps: LgspDependencies): LgspModule {
  const instance = deps.instance ?? 'VN';
  const now = deps.now ?? (() => new Date());
  const cache = createGatewayCache();
  // Every registry or access-right write empties the gateway's cache here and on every replica.
  const repo = signallingChanges(lgspRepository(ctx.db), createChangeSender(ctx.db, cache));
  const registry = createRegistryService(repo, deps.agencies, instance);
  const access = createAccessService(repo, registry, { ...deps.agencies, rootAgencyId: async () => (await deps.agencies.rootAgency()).id }, now);
  const key = messageLogKey(ctx.config.masterKey);
  const messageLog = createMessageLog(ctx.db, key);
  const gatewayRegistry = createGatewayRegistry(repo, access, instance, cache, now);
  const quotas = createQuotas(ctx.db, deps.quotas ?? {});
  const breakers = createBreakers(deps.breaker ?? { failures: 5, openMs: 10_000 });
  return {
    registry,
    access,
    messageLog,
    routes: lgspRoutes(registry, access),
    gateway: (app) => registerGateway(app, {
      registry: gatewayRegistry, log: messageLog, authenticate: deps.authenticateGateway,
      maxMessageBytes: deps.maxMessageBytes ?? 10 * 1024 * 1024, retries: deps.retries ?? 1, quotas, breakers,
    }),
    verifyLog: () => verifyMessageLog(ctx.db, key),
    start: async () => {
      if (ctx.listen) await cache.start(ctx.listen);
    },
    stop: async () => {
      await quotas.stop();
      await cache.stop();
    },
  };
}

/** For the CLI: checks the chain of a database without building the platform. */
export { createMessageLog, verifyMessageLog, messageLogKey };
