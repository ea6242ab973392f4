import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from 'typebox';
import {
  auditKeys,
  createHttpApp,
  createMetrics,
  jobQueueGauges,
  metricsExposure,
  type Metrics,
  DEFAULT_SCOPE,
  ErrorSchema,
  openBlobStore,
  type BlobStore,
  migrationsApplied,
  namedComponents,
  ping,
  serveWebApp,
  withAdvisoryLock,
  type App,
  type Config,
  type Database,
  type ModuleContext,
} from '../../packages/platform/index.ts';
import { createAnalyticsModule, type AnalyticsModule } from '../../modules/analytics/index.ts';
import { createCatalogModule } from '../../modules/catalog/index.ts';
import { createIdentityModule } from '../../modules/identity/index.ts';
import { LGSP_SEAL_KEY_ID, createLgspModule, pemCertificates, type LgspModule } from '../../modules/lgsp/index.ts';
import { createPaymentModule, type PaymentModule } from '../../modules/payment/index.ts';
import { certificateStatus, createSigningModule, tsaClient, type SigningModule } from '../../modules/signing/index.ts';
import { communesOfCatalog, createPostalModule, type PostalModule } from '../../modules/postal/index.ts';
import { createTthcModule, type TthcModule } from '../../modules/tthc/index.ts';
import { auditRoutes } from './audit.routes.ts';
import { citizenPages } from './citizen-pages/index.ts';
import { securityScheme } from './security-scheme.ts';

export const API_INFO = {
  title: 'Sen API',
  version: '0.1.0',
  description:
    'Sen — the provincial digital-government platform of Dong Thap. Every error has one body: {code, message, details?, requestId}. Authenticate with an OAuth 2.0 bearer token from the platform’s OpenID Connect provider at /oidc, issued for this API (resource $PUBLIC_URL/api) with the scope each operation names (api).',
  license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
};

/** The document is served by the instance it describes, so its server is that instance (a relative URL). */
export const API_SERVERS = [{ url: '/', description: 'The Sen instance serving this document' }];

export const webDist = path.resolve(import.meta.dirname, '../web/dist');
// Any fixed 64-bit number, distinct from the migration and key locks: replicas seed one at a time.
const SEED_LOCK = 7_204_611_003n;
const NOT_SPA = /^\/(api|oidc|health|ready|metrics|lgsp)(\/|$)/;

export interface Platform {
  app: App;
  modules: { catalog: ReturnType<typeof createCatalogModule>; identity: ReturnType<typeof createIdentityModule>; tthc: TthcModule; payment: PaymentModule; signing: SigningModule; analytics: AnalyticsModule; lgsp: LgspModule; postal: PostalModule };
  blobs: BlobStore;
  /**
   * Reference data, built-in roles, signing keys and (in demo mode) demo accounts; idempotent and,
   * on PostgreSQL, run under one advisory lock so replicas starting together seed one at a time.
   * `demoCreated`: demo accounts were created now (by this replica).
   */
  seed(): Promise<{ demoCreated: boolean }>;
  /**
   * The replica is stopping: `/ready` answers 503 from now on, so a load balancer that polls it
   * stops sending requests, while requests that still arrive are served until the listener closes.
   */
  beginDrain(): void;
  /** This process's metrics: outbound adapters and the job runner record into it too. */
  metrics: Metrics;
}

/**
 * The modules the LGSP gateway stands on — agencies, gateway tokens, the seal key, LGSP itself —
 * built alike by the whole platform and by `--role gateway` (gateway-role.ts).
 */
export function gatewayModules(ctx: ModuleContext & { listen: NonNullable<ModuleContext['listen']> }, metrics: Metrics, blobs: BlobStore, options: { now?: (() => Date) | undefined } = {}) {
  const { config } = ctx;
  const catalog = createCatalogModule(ctx);
  const identity = createIdentityModule(ctx, catalog.service, { ...options, outbound: metrics.outbound });
  const signing = createSigningModule(ctx, { blobs, agencies: catalog.service, now: options.now });
  const perMinute = (limit: number) => (limit > 0 ? { limit, windowSeconds: 60 } : undefined);
  const lgsp = createLgspModule(ctx, {
    agencies: catalog.service, authenticateGateway: identity.authenticateGateway, issueGatewayToken: identity.issueGatewayToken, people: identity.people, now: options.now, metrics, sealEverySeconds: config.lgspSealSeconds, logCommit: config.lgspLogCommit,
    retention: { archiveDir: config.lgspLogArchiveDir, archiveAfterDays: config.lgspLogArchiveAfterDays, opmonKeepDays: config.lgspOpmonKeepDays },
    quotas: { perConsumer: perMinute(config.lgspConsumerLimitPerMinute), perService: perMinute(config.lgspServiceLimitPerMinute) },
    // The message log's seals: the LGSP's key, certified by the CA like an agency's, and the signatures' TSA.
    sealing: {
      signer: async () => {
        const root = await catalog.service.rootAgency();
        return (await signing.keys.signerFor({ id: LGSP_SEAL_KEY_ID, code: root.code, name: `LGSP ${root.name}`.slice(0, 64) })).signer;
      },
      timeStamp: tsaClient(config.signing.tsaUrl),
    },
    // Consumers' client certificates: issued by a CA of the gateway's bundle, status from its OCSP responder (its CRL when that is down).
    clientTls: config.lgspTls
      ? { bundle: pemCertificates(readFileSync(config.lgspTls.caFile, 'utf8')), status: certificateStatus, crl: { url: config.lgspTls.crlUrl } }
      : undefined,
  });
  return { catalog, identity, signing, lgsp };
}

/** The composition root: builds the whole platform from its modules. */
export async function buildApp(config: Config, database: Database, options: { devOrigins?: string[]; blobs?: BlobStore; now?: () => Date } = {}): Promise<Platform> {
  const { db } = database;
  const ctx = { db, config, listen: database.listen } satisfies ModuleContext;
  const blobs = options.blobs ?? openBlobStore(config);
  const metrics = createMetrics();
  const { catalog, identity, signing, lgsp } = gatewayModules(ctx, metrics, blobs, options);
  const payment = createPaymentModule(ctx, { agencies: catalog.service, outbound: metrics.outbound, now: options.now });
  const postal = createPostalModule(ctx, { communes: communesOfCatalog(catalog.service), outbound: metrics.outbound, now: options.now });
  const tthc = createTthcModule(ctx, { catalog: catalog.service, people: identity.people, blobs, now: options.now, payments: payment.service, results: signing, postal: postal.service });
  const analytics = createAnalyticsModule(ctx, { catalog: catalog.service, tthc, lgsp: lgsp.registry, now: options.now });
  metrics.addScrapeGauges(jobQueueGauges(db));
  metrics.addScrapeGauges(tthc.gauges);
  metrics.addScrapeGauges(lgsp.gauges);
  if (database.poolStats) metrics.addPool(database.poolStats);

  let draining = false;
  await identity.start();
  await lgsp.start();

  const app = createHttpApp({
    db,
    auditKeys: auditKeys(config.masterKey),
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    authenticate: identity.authenticate,
    publicPrefixes: ['/api/docs'],
    trustProxy: config.trustProxy,
    metrics,
    metricsGuard: metricsExposure(config).main,
    publicUrl: config.publicUrl,
  });
  app.addHook('onClose', async () => identity.stop());
  app.addHook('onClose', async () => lgsp.stop());

  app.addSchema(ErrorSchema);
  // Each operation names the scope its route needs (public routes need none).
  const { transform, transformObject } = namedComponents({
    route: ({ schema, url, route }) => {
      // A public route that authenticates its callers itself (the LGSP gateway) documents the scope it checks.
      const ownScope = route.config?.ownAuthentication ? route.config.scope : undefined;
      const security = ownScope ? [{ sen: [ownScope] }] : route.config?.access === 'public' ? [] : [{ sen: [route.config?.scope ?? DEFAULT_SCOPE] }];
      return { schema: { ...schema, security }, url };
    },
  });
  await app.register(swagger, {
    transform,
    transformObject,
    // Shared schemas (`app.addSchema`) are listed under their `$id`, not as `def-0`, `def-1`…
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      servers: API_SERVERS,
      components: { securitySchemes: { sen: securityScheme(config.publicUrl) } },
      security: [{ sen: [DEFAULT_SCOPE] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/health',
    { config: { access: 'public' }, schema: { operationId: 'getHealth', tags: ['platform'], summary: 'Liveness', security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }, { $id: 'Health' }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getReadiness',
        tags: ['platform'],
        summary: 'Readiness: database reachable, migrations applied and the replica not shutting down',
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }, { $id: 'Readiness' }),
          503: Type.Object({ status: Type.Literal('not_ready'), database: Type.Boolean(), migrations: Type.Boolean(), draining: Type.Optional(Type.Boolean()) }, { $id: 'NotReady' }),
        },
      },
    },
    async (_request, reply) => {
      const reachable = await ping(db);
      const migrated = reachable && (await migrationsApplied(db));
      if (reachable && migrated && !draining) return { status: 'ready' as const, database: database.kind };
      return reply.status(503).send({ status: 'not_ready' as const, database: reachable, migrations: migrated, ...(draining ? { draining } : {}) });
    },
  );

  await app.register(identity.oidcRoutes);
  await app.register(identity.routes, { prefix: '/api/identity' });
  await app.register(catalog.routes, { prefix: '/api/catalog' });
  await app.register(auditRoutes(db), { prefix: '/api/audit' });
  await app.register(tthc.routes, { prefix: '/api/tthc' });
  await app.register(payment.routes, { prefix: '/api/payment' });
  await app.register(signing.routes, { prefix: '/api/results' });
  await app.register(analytics.routes, { prefix: '/api/analytics' });
  await app.register(postal.routes, { prefix: '/api/postal' });
  await app.register(lgsp.routes, { prefix: '/api/lgsp' });
  await lgsp.gateway(app);
  // Records still queued for the message log are committed before the database closes.
  app.addHook('onClose', async () => lgsp.messageLog.flush());

  // The web app, with the citizen pages the server renders for a fast first paint (citizen-pages/).
  if (existsSync(path.join(webDist, 'index.html'))) await serveWebApp(app, { root: webDist, notSpa: NOT_SPA, pages: citizenPages(tthc, signing) });

  return {
    app,
    modules: { catalog, identity, tthc, payment, signing, analytics, lgsp, postal },
    blobs,
    metrics,
    beginDrain: () => {
      draining = true;
    },
    // Each step inserts only what is missing; the lock makes a second replica wait for the first
    // and then find everything there, instead of racing it into a unique violation.
    seed: () => withAdvisoryLock(database, SEED_LOCK, async () => {
      await catalog.seed();
      await identity.seed();
      await tthc.seed();
      await analytics.seed();
      if (config.demo) {
        const agencies = await catalog.service.listAgencies();
        const root = agencies.find((a) => a.parentId === null);
        const desk = agencies.find((a) => a.parentId === root?.id && a.kind === 'department');
        if (root && desk) return { demoCreated: await identity.seedDemo({ root: root.id, desk: desk.id }) };
      }
      return { demoCreated: false };
    }),
  };
}
