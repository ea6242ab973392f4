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
import { createGatewayRegistry } from './gateway-registry.ts';
import { lgspRoutes } from './lgsp.routes.ts';
import { lgspRepository } from './lgsp.repository.ts';
import { createMessageLog, messageLogKey, verifyMessageLog, type ChainCheck, type MessageLog } from './message-log.ts';
import { createRegistryService, type AgencyLookup, type RegistryService } from './registry.service.ts';
import { VAPEX_SYNC_QUEUE } from './lgsp.repository.ts';
import { createVapexPublications, vapexSyncWorker } from './vapex-sync.ts';
import type { VapexExchange } from '../../packages/national/index.ts';
import type { JobHandler } from '../../packages/platform/index.ts';

export type { AccessRequest, AccessRight, Endpoint, EndpointDiff, Group, Member, Service, ServiceStatus, ServiceVersion, Subsystem } from './lgsp.types.ts';
export type { ChainCheck, ExchangeRecord } from './message-log.ts';
export type { VapexPublication } from './vapex-sync.ts';
export { VAPEX_SYNC_QUEUE };
export { GATEWAY_PREFIX, GATEWAY_SCOPE, PURPOSE_HEADER } from './gateway.ts';
export { MANAGE_PERMISSION } from './registry.service.ts';

export interface LgspDependencies {
  agencies: AgencyLookup & { rootAgency(): Promise<{ id: string; code: string }> };
  /** The identity module's authenticator for tokens issued to the gateway (audience `$PUBLIC_URL/lgsp`). */
  authenticateGateway: (request: FastifyRequest) => Promise<Principal>;
  /** X-Road instance of the province's members (default `VN`, the one NDXP uses). */
  instance?: string;
  maxMessageBytes?: number;
  retries?: number;
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
  /** The background jobs: V-APEX publication (given the V-APEX client). */
  jobHandlers(vapex: VapexExchange): Record<string, JobHandler>;
  /** Recomputes the message-log chain. */
  verifyLog(): Promise<ChainCheck>;
}

export function createLgspModule(ctx: ModuleContext, deps: LgspDependencies): LgspModule {
  const instance = deps.instance ?? 'VN';
  const now = deps.now ?? (() => new Date());
  const repo = lgspRepository(ctx.db);
  const registry = createRegistryService(repo, deps.agencies, instance, ctx.config.ndxp.url);
  const access = createAccessService(repo, registry, { ...deps.agencies, rootAgencyId: async () => (await deps.agencies.rootAgency()).id }, now);
  const key = messageLogKey(ctx.config.masterKey);
  const messageLog = createMessageLog(ctx.db, key);
  const gatewayRegistry = createGatewayRegistry(repo, access, instance);
  return {
    registry,
    access,
    messageLog,
    routes: lgspRoutes(registry, access, createVapexPublications(repo, registry)),
    jobHandlers: (vapex) => ({ [VAPEX_SYNC_QUEUE]: vapexSyncWorker(repo, vapex, async () => (await deps.agencies.rootAgency()).code) }),
    gateway: (app) => registerGateway(app, {
      registry: gatewayRegistry, log: messageLog, authenticate: deps.authenticateGateway,
      maxMessageBytes: deps.maxMessageBytes ?? 10 * 1024 * 1024, retries: deps.retries ?? 1, national: ctx.config.ndxp,
    }),
    verifyLog: () => verifyMessageLog(ctx.db, key),
  };
}

/** For the CLI: checks the chain of a database without building the platform. */
export { createMessageLog, verifyMessageLog, messageLogKey };
