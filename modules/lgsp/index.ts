/**
 * modules/lgsp — the provincial integration and sharing platform (seed lines 4999–5114): the
 * registry of members, subsystems and REST services with their versions and lifecycle, access
 * rights (deny by default, endpoint patterns, groups, expiry, self-service requests), the
 * X-Road gateway under `/lgsp/r1/…` and its hash-chained message log, sealed at intervals and
 * exportable as offline-verifiable evidence, with X-Road operational monitoring (decision 0032).
 * This file is the module's only door.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditKeys, createSecretBox, type JobHandler, type Metrics, type ModuleContext, type ModuleRoutes, type Principal, type RecurringJob, type ScrapeGauges } from '../../packages/platform/index.ts';
import { createAccessService, type AccessService } from './access.service.ts';
import { registerGateway, type GatewayOptions } from './gateway.ts';
import { registerSoapGateway } from './gateway-soap.ts';
import { createBreakers, type BreakerOptions } from './gateway-breaker.ts';
import { createQuotas, type QuotaLimits } from './gateway-quota.ts';
import { createChangeSender, createGatewayCache, signallingChanges } from './gateway-cache.ts';
import { createGatewayRegistry } from './gateway-registry.ts';
import { createCertificateAuthenticator, type ClientTlsOptions } from './gateway-tls.ts';
import { createCertificateService, type CertificateService } from './certificates.service.ts';
import { lgspRoutes } from './lgsp.routes.ts';
import { createTryService } from './try.service.ts';
import { lgspRepository } from './lgsp.repository.ts';
import { createMessageLog, messageLogKey, verifyMessageLog, type ChainCheck, type LogCommitMode, type MessageLog } from './message-log.ts';
import { createLogService, type LogService } from './log.service.ts';
import { ARCHIVE_QUEUE, archiveFigures, archiveMessageLog, pruneOperationalRecords, verifyLogWithArchives, type ArchiveRun, type LogCheck } from './log-archive.ts';
import { gatewayMetrics } from './monitoring.ts';
import { SEAL_QUEUE, createSealer, type Sealer, type SealingDependencies } from './seals.ts';
import { createRegistryService, type AgencyLookup, type RegistryService } from './registry.service.ts';
import { VAPEX_DECISION_QUEUE, VAPEX_SYNC_QUEUE } from './lgsp.repository.ts';
import { createVapexPublications, vapexSyncWorker } from './vapex-sync.ts';
import { VAPEX_SUBSCRIPTIONS_QUEUE, vapexDecisionWorker, vapexSubscriptionWorker } from './vapex-subscriptions.ts';
import type { Mailer, VapexExchange } from '../../packages/national/index.ts';
import { NOTICE_QUEUE } from './lgsp.repository.ts';
import { createNoticeList, noticeMailer, type NoticePeople } from './notices.ts';

export type { AccessRequest, AccessRight, Endpoint, EndpointDiff, Group, Member, Service, ServiceStatus, ServiceVersion, Subsystem } from './lgsp.types.ts';
export type { ChainCheck, ExchangeRecord } from './message-log.ts';
export type { VapexPublication } from './vapex-sync.ts';
export type { SubsystemCertificate } from './certificates.service.ts';
export { pemCertificates, type ClientTlsOptions } from './gateway-tls.ts';
export { VAPEX_SYNC_QUEUE, NOTICE_QUEUE, VAPEX_SUBSCRIPTIONS_QUEUE, VAPEX_DECISION_QUEUE };
export type { Notice } from './notices.ts';
export type { SealSigner, SealingDependencies, Sealer } from './seals.ts';
export { verifyEvidence, EVIDENCE_FORMAT, type EvidenceCheck, type EvidencePackage } from './evidence-verify.ts';
export { exportEvidence, findMessage } from './evidence.ts';
export type { ArchiveRun, LogCheck } from './log-archive.ts';
export { verifyArchives, type ArchivesCheck } from './log-archive-format.ts';
export { createSealer };
/** The id under which the signing module keeps the LGSP's own seal key (not an agency's). */
export const LGSP_SEAL_KEY_ID = '5e0a1c3b-7f2d-4e8a-9b61-0c4d2f7a8e13';
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
  /** Quotas per consumer subsystem and rate limits per service (none when absent). */
  quotas?: QuotaLimits;
  /** The circuit breaker per provider (default: open after 5 consecutive failures, for 10 s). */
  breaker?: BreakerOptions;
  now?: () => Date;
  /** The LGSP's signer and TSA client for the message log's seals (the signing module's). */
  sealing: SealingDependencies;
  /** How the message log commits (decision 0042; default `durable`). */
  logCommit?: LogCommitMode;
  /** How often the chain is sealed (seconds; default 300). */
  sealEverySeconds?: number;
  /** How often V-APEX's subscriptions to the province's APIs are read (seconds; default 60). */
  vapexPollSeconds?: number;
  /** Archiving of the message log and retention of operational records (decision 0049); neither happens without it. */
  retention?: { archiveDir: string; archiveAfterDays: number; opmonKeepDays: number };
  /** Prometheus counters of the gateway. */
  metrics?: Pick<Metrics, 'counter' | 'histogram'>;
  /** Mutual TLS for consumers (the CA bundle and the CA's OCSP client); without it client certificates are refused. */
  clientTls?: ClientTlsOptions | undefined;
  /** The identity module: a short-lived gateway token for a service client (the portal's "try it" console). */
  issueGatewayToken: (clientId: string, seconds: number) => Promise<string>;
  /** Where the "try it" console reaches the gateway (default: the platform's public URL). */
  gatewayUrl?: string;
  /** The identity module's officials (the LGSP administrators to whom notices are mailed). */
  people: NoticePeople;
}

export interface LgspModule {
  registry: RegistryService;
  access: AccessService;
  /** Client certificates of subsystems (the gateway's mutual TLS). */
  certificates: CertificateService;
  messageLog: MessageLog;
  sealer: Sealer;
  log: LogService;
  /** The recurring seal of the message log. */
  recurring: readonly RecurringJob[];
  /** /api/lgsp/* */
  routes: ModuleRoutes;
  /** The gateway, at `/lgsp` (registered on the root app). */
  gateway: (app: FastifyInstance) => Promise<void>;
  /** The background jobs: V-APEX publication, subscriptions and decisions (given the V-APEX client), the message log's seals and the notices' mail. */
  jobHandlers(vapex: VapexExchange, mailer: Mailer): Record<string, JobHandler>;
  /** Recomputes the message-log chain (the database's part). */
  verifyLog(): Promise<ChainCheck>;
  /** The archives and the database's chain, end to end (decision 0049); the database's part alone without `retention`. */
  verifyLogWithArchives(dir?: string): Promise<LogCheck>;
  /** Archives the due records and deletes the expired operational records (the `lgsp.archive` job, `lgsp:archive-log`). */
  retain(): Promise<ArchiveRun & { operationalRecordsDeleted: number }>;
  /** Gauges for `/metrics`: records archived and the last archive's time. */
  gauges: ScrapeGauges<'sen_lgsp_log_archived_records' | 'sen_lgsp_log_last_archive_timestamp_seconds'>;
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
  const registry = createRegistryService(repo, deps.agencies, instance, ctx.config.ndxp.url);
  const access = createAccessService(repo, registry, { ...deps.agencies, rootAgencyId: async () => (await deps.agencies.rootAgency()).id }, now);
  const key = messageLogKey(ctx.config.masterKey);
  const box = createSecretBox(ctx.config.masterKey);
  const messageLog = createMessageLog(ctx.db, key, { box, commit: deps.logCommit ?? 'durable' });
  const sealer = createSealer(ctx.db, { ...deps.sealing, now });
  const log = createLogService({ db: ctx.db, repo, box, sealer, agencies: deps.agencies, now, archiveDir: deps.retention?.archiveDir });
  const retention = deps.retention;
  const retain = async () => {
    if (!retention) return { archives: [], records: 0, operationalRecordsDeleted: 0 };
    const run = await archiveMessageLog(ctx.db, { dir: retention.archiveDir, afterDays: retention.archiveAfterDays, now });
    return { ...run, operationalRecordsDeleted: await pruneOperationalRecords(ctx.db, retention.opmonKeepDays, now()) };
  };
  const gatewayRegistry = createGatewayRegistry(repo, access, instance, cache, now);
  const observe = deps.metrics ? gatewayMetrics(deps.metrics) : undefined;
  const quotas = createQuotas(ctx.db, deps.quotas ?? {});
  const breakers = createBreakers(deps.breaker ?? { failures: 5, openMs: 10_000 });
  const certificates = createCertificateService(repo, registry, now);
  const certificateAuthenticator = deps.clientTls ? createCertificateAuthenticator(deps.clientTls, gatewayRegistry.clientOfCertificate, now) : undefined;
  return {
    registry,
    access,
    certificates,
    messageLog,
    sealer,
    log,
    recurring: [
      { name: 'lgsp.seal', queue: SEAL_QUEUE, everySeconds: deps.sealEverySeconds ?? 300 },
      { name: 'lgsp.vapex-subscriptions', queue: VAPEX_SUBSCRIPTIONS_QUEUE, everySeconds: deps.vapexPollSeconds ?? 60 },
      // Hourly, like X-Road's archiver (every few hours): each run moves whatever became due.
      ...(retention ? [{ name: 'lgsp.archive', queue: ARCHIVE_QUEUE, everySeconds: 3600 }] : []),
    ],
    jobHandlers: (vapex, mailer) => ({
      [NOTICE_QUEUE]: noticeMailer(repo, deps.people, mailer),
      [VAPEX_SYNC_QUEUE]: vapexSyncWorker(repo, vapex, async () => (await deps.agencies.rootAgency()).code),
      // Subscriptions on V-APEX become access requests (decision 0050).
      [VAPEX_SUBSCRIPTIONS_QUEUE]: vapexSubscriptionWorker(repo, registry, vapex, { instance, stewardAgencyId: async () => (await deps.agencies.rootAgency()).id, auditKeys: auditKeys(ctx.config.masterKey) }),
      // An official's decision on such a request, told to V-APEX.
      [VAPEX_DECISION_QUEUE]: vapexDecisionWorker(repo, vapex),
      [SEAL_QUEUE]: async () => {
        await sealer.sealNow();
      },
      [ARCHIVE_QUEUE]: async () => {
        await retain();
      },
    }),
    routes: lgspRoutes(registry, access, createVapexPublications(repo, registry), log, certificates,
      createTryService({ registry, issueGatewayToken: deps.issueGatewayToken, gatewayUrl: deps.gatewayUrl ?? ctx.config.publicUrl }), createNoticeList(repo, deps.agencies)),
    gateway: async (app) => {
      const options: GatewayOptions = {
        registry: gatewayRegistry, log: messageLog, authenticate: deps.authenticateGateway,
        maxMessageBytes: deps.maxMessageBytes ?? 10 * 1024 * 1024, retries: deps.retries ?? 1, national: ctx.config.ndxp, quotas, breakers, certificates: certificateAuthenticator, ...(observe ? { observe } : {}),
      };
      await registerGateway(app, options);
      // The SOAP entry (PR-MESS), /lgsp/soap: the same checks, log and monitoring as REST (gateway-soap.ts).
      await registerSoapGateway(app, options);
    },
    verifyLog: () => verifyMessageLog(ctx.db, key),
    verifyLogWithArchives: (dir = retention?.archiveDir) => verifyLogWithArchives(ctx.db, key, dir),
    retain,
    gauges: {
      source: 'lgsp.archive',
      maxAgeMs: 60_000,
      gauges: {
        sen_lgsp_log_archived_records: { help: 'LGSP message-log records moved to archive files (decision 0049)' },
        sen_lgsp_log_last_archive_timestamp_seconds: { help: 'When the newest LGSP message-log archive was committed (Unix time; 0 when none)' },
      },
      async read() {
        const figures = await archiveFigures(ctx.db);
        return {
          sen_lgsp_log_archived_records: [{ value: figures.records }],
          sen_lgsp_log_last_archive_timestamp_seconds: [{ value: figures.lastAt ? figures.lastAt.getTime() / 1000 : 0 }],
        };
      },
    },
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
export { createMessageLog, verifyMessageLog, verifyLogWithArchives, messageLogKey };
