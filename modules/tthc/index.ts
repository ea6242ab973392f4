/**
 * modules/tthc — the provincial administrative-procedure system (one-stop shop and online
 * public services): the procedure catalogue, e-forms, process definitions, dossiers from three
 * channels, their lifecycle under the one-stop rules, notices and printable documents. This
 * file is the module's only door.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DvcqgPortal, Mailer, SmsSender } from '../../packages/national/index.ts';
import { memoize, queryRows, type BlobStore, type Queryable, type JobHandler, type RecurringJob, type ModuleContext, type ModuleRoutes, type Principal, type ScrapeGauges } from '../../packages/platform/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { PaymentModule } from '../payment/index.ts';
import type { PostalModule } from '../postal/index.ts';
import { createDossierPostal, type DossierPostal } from './dossier/dossier.postal.ts';
import { dossierPostalRoutes } from './dossier/postal.routes.ts';
import { PAYMENT_CALLBACK_CLIENT } from './dossier/dossier.payment.ts';
import type { FeeStage } from './fees/fee.schedule.ts';
import { seedFeeSchedules } from './fees/fee.seed.ts';
import { createFeeScheduleAdmin } from './fees/fee.admin.ts';
import { feeRoutes } from './fees/fee.routes.ts';
import { applicantRoutes } from './dossier/applicant.routes.ts';
import type { PeopleDirectory } from './dossier/dossier.actions.ts';
import type { DossierDeps } from './dossier/dossier.deps.ts';
import type { ResultSigningDoor } from './dossier/dossier.results.ts';
import { createDossierChanges, dossierChangeRows, nextDossierBound, type DossierChangeListener, type DossierRange } from './dossier/dossier.changes.ts';
import { dossierGauges } from './dossier/dossier.gauges.ts';
import { dossierRoutes } from './dossier/dossier.routes.ts';
import { createDossierService, type DossierService, type PublicStatus } from './dossier/dossier.service.ts';
import { createDraftService } from './dossier/draft.service.ts';
import { nationalPortalRoutes } from './dossier/national-portal.routes.ts';
import { NOTICE_QUEUE, createNoticeSink, createNotificationInbox, createTemplateEditor, noticeSender, templateRepository } from './notices/notice.service.ts';
import { catalogueRoutes } from './catalogue/procedure.routes.ts';
import { catalogueCodesFrom, createProcedureCatalog, type ProcedureCatalog } from './catalogue/procedure.service.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { createPortalService, type PortalService } from './portal/portal.service.ts';
import { takeLookupAttempt } from './dossier/lookup.limit.ts';
import { seedProcedureCatalog } from './seed/index.ts';
import { templateRoutes } from './notices/template.routes.ts';
import { createUploadService, type UploadService } from './dossier/upload.service.ts';
import { NATIONAL_SYNC_QUEUE } from './national-sync/national-sync.outbox.ts';
import { nationalSyncRoutes } from './national-sync/national-sync.routes.ts';
import { createSyncMonitor, type SyncMonitor } from './national-sync/national-sync.service.ts';
import { nationalSyncWorker, type NationalSyncOptions } from './national-sync/national-sync.worker.ts';
import { DEADLINE_REMINDERS, REMINDER_QUEUE, deadlineReminder } from './notices/deadline.reminders.ts';
import { UPLOAD_SWEEP, UPLOAD_SWEEP_QUEUE, uploadSweeper } from './dossier/upload.sweep.ts';
import { ratingRoutes } from './rating/rating.routes.ts';
import { createRatingService, type RatingService } from './rating/rating.service.ts';
import { createDataReads, type PersonalDataRead } from './store/reads.service.ts';
import { createShareService } from './store/share.service.ts';
import { storeKeys } from './store/store.keys.ts';
import { storeRoutes } from './store/store.routes.ts';
import { createStoreService, type StoreService } from './store/store.service.ts';
import { NATIONAL_SUBSYSTEM, TTHC_SUBSYSTEM, createLgspClient, type NationalGateway } from './prefill/lgsp.client.ts';
import { prefillRoutes } from './prefill/prefill.routes.ts';
import { createPrefillService, type PrefillService } from './prefill/prefill.service.ts';

export { DOSSIER_ACTIONS, DOSSIER_EVENTS, type PeopleDirectory } from './dossier/dossier.actions.ts';
export type { CommandWithVersion, DossierService, DossierView, Filed, PublicStatus } from './dossier/dossier.service.ts';
export type { Channel, Dossier, DossierSummary, Queue } from './dossier/dossier.types.ts';
export type { DossierChange, DossierChangeListener, DossierRange } from './dossier/dossier.changes.ts';
export type { ProcedureCatalog } from './catalogue/procedure.service.ts';
/** A procedure as a reader may see it: verification markers for administrators only, an unconfirmed code blank. */
export { procedureFor as procedureAsSeenBy } from './catalogue/procedure.policies.ts';
export { DOSSIER_STATUSES, STATUS_INFO, type DossierStatus } from './dossier/dossier.status.ts';
export { NOTICE_QUEUE } from './notices/notice.service.ts';
export { NATIONAL_SYNC_QUEUE } from './national-sync/national-sync.outbox.ts';
export { REMINDER_QUEUE } from './notices/deadline.reminders.ts';
export { UPLOAD_SWEEP_QUEUE } from './dossier/upload.sweep.ts';
export type { NationalSyncOptions } from './national-sync/national-sync.worker.ts';
export type { RatingService, SummaryQuery as RatingSummaryQuery } from './rating/rating.service.ts';
export { RATING_LABELS, RATING_SCORES, type Rating, type RatingSummaryRow } from './rating/rating.types.ts';
export type { PortalHome, PortalService, ProcedureLink } from './portal/portal.service.ts';
export type { DataSubjects, PersonalDataRead } from './store/reads.service.ts';
export type { StoreService } from './store/store.service.ts';
export type { DossierProvenance, PrefillAnswer, PrefillService } from './prefill/prefill.service.ts';
export { bindingsOf, leafFields, type Binding, type NationalSource } from './prefill/bindings.ts';
export { formShare, percent, type FormShare } from './prefill/share.ts';
export { NATIONAL_SUBSYSTEM, TTHC_SUBSYSTEM } from './prefill/lgsp.client.ts';

/** How old reference data (agencies, calendar, published procedures) may be when a dossier reads it. */
const REFERENCE_TTL_MS = 10_000;

export interface TthcDependencies {
  catalog: CatalogService;
  people: PeopleDirectory;
  blobs: BlobStore;
  now?: () => Date;
  /** The payment module's door: fees of dossiers are payment requests owned by `tthc:dossier:<id>`. */
  payments?: PaymentModule['service'];
  /** The signing module's door: results approved by a leader are signed and registered in one action. */
  results?: ResultSigningDoor;
  /** The postal module's door: pickup and delivery orders of dossiers, owned by `tthc:dossier:<id>`. */
  postal?: PostalModule['service'];
  /** The LGSP consumer for once-only lookups (default: over HTTP, as `config.onceOnly` says). */
  nationalGateway?: NationalGateway;
  /** How long reference reads are memoised (default 10 s); tests that edit the catalogue use 0. */
  referenceTtlMs?: number;
}

export interface JobChannels {
  mailer: Mailer;
  sms: SmsSender;
  dvcqg?: DvcqgPortal;
  dvcqgSync?: NationalSyncOptions;
  log?: { warn(details: Record<string, unknown>, message: string): void };
}

export interface TthcModule {
  procedures: ProcedureCatalog;
  dossiers: DossierService;
  /** The citizens' home page: most used procedures, owning agency, help line. */
  portal: PortalService;
  /** The public status look-up, rate-limited per address as the API's (for the server-rendered look-up page). */
  lookUp(ip: string, code: string, secret: string): Promise<PublicStatus>;
  uploads: UploadService;
  /** The sync with the national portal as administrators follow it (pending, failing, dead; retry). */
  nationalSyncs: SyncMonitor;
  /**
   * Every dossier change, announced in its own transaction to the listeners registered here at
   * start-up (the statistics). For a backfill, `rows` is the same change as SQL rows for a range of
   * dossiers (set-based), `nextBound` where the next batch in id order ends, `count` how many exist.
   */
  dossierChanges: {
    register(listener: DossierChangeListener): void;
    rows(range: DossierRange): SQL;
    nextBound(db: Queryable, after: string | null, size: number): Promise<string | null>;
    count(db: Queryable): Promise<number>;
  };
  /** A dossier's postal service: the applicant's choice, the desk's pickup and delivery orders, tracking. */
  postal: DossierPostal;
  /** The e-data store: digitised parts with their true-copy marks, results issued, reuse in a new dossier. */
  store: StoreService;
  /**
   * "Who read my data": records one read of a person's (or an organisation's) data by an official
   * or a system, with its purpose; the person sees it in their store. Every code path that reads
   * personal data for someone other than the person calls this (the dossier reads here, the
   * once-only prefill through LGSP). Reads by the person themself are not recorded. Pass the
   * transaction of the read when there is one; answers how many rows were written.
   */
  recordPersonalDataRead(read: PersonalDataRead, tx?: Queryable): Promise<number>;
  /** Once-only data: e-form fields prefilled from the national databases through LGSP, with provenance. */
  prefill: PrefillService;
  /** Satisfaction ratings of returned dossiers and their summaries per agency and procedure (the statistics read these). */
  ratings: RatingService;
  routes: ModuleRoutes;
  /**
   * Background jobs of the module, given the outbound channels. The national portal sync runs
   * only where a portal client is given.
   */
  jobHandlers(channels: JobChannels): Record<string, JobHandler>;
  /** Jobs run once per period across replicas: deadline reminders, the sweep of unattached uploads. */
  recurring: readonly RecurringJob[];
  /** Business gauges for `/metrics` (dossiers by status, overdue), read at scrape time. */
  gauges: ScrapeGauges;
  /** Idempotent start-up load: seeded procedures, forms, processes, offerings, notice templates. */
  seed(): Promise<void>;
}

export function createTthcModule(ctx: ModuleContext, deps: TthcDependencies): TthcModule {
  const { db, config } = ctx;
  // Reference data read on every filing and action is memoised for a few seconds per replica:
  // agencies, the calendar, shared code lists and published procedures change rarely, and a
  // filing then costs a handful of round trips instead of a dozen (bench/tthc.ts).
  const { catalog } = deps;
  const fresh = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => memoize(fn, deps.referenceTtlMs ?? REFERENCE_TTL_MS);
  const catalogueCodes = fresh(catalogueCodesFrom(catalog));
  const procedures = createProcedureCatalog(db, deps.catalog, catalogueCodes);
  const changes = createDossierChanges();
  const dossierDeps: DossierDeps = {
    db, changes,
    catalog: {
      getAgency: fresh((id: string) => catalog.getAgency(id)),
      findAgencyByCode: fresh((code: string) => catalog.findAgencyByCode(code)),
      agencyAncestors: fresh((id: string) => catalog.agencyAncestors(id)),
      administrativeUnitOf: fresh((id: string) => catalog.administrativeUnitOf(id)),
      addWorkingDays: fresh((start: Date | string, n: number, agencyId?: string) => catalog.addWorkingDays(start, n, agencyId)),
      workingDaysBetween: fresh((from: Date | string, to: Date | string, agencyId?: string) => catalog.workingDaysBetween(from, to, agencyId)),
    },
    procedures: {
      offeringContext: fresh((id: string) => procedures.offeringContext(id)),
      processVersion: fresh((key: string, version: number) => procedures.processVersion(key, version)),
      catalogueCodes,
      publishedForm: fresh((key: string) => procedures.publishedForm(key)),
    },
    blobs: deps.blobs, notices: createNoticeSink(config.publicUrl),
    lookupKey: config.lookupKey, publicUrl: config.publicUrl, now: deps.now ?? (() => new Date()),
    ...(deps.payments ? { payments: deps.payments } : {}),
    ...(deps.results ? { results: deps.results } : {}),
    ...(deps.postal ? { postal: deps.postal } : {}),
  };
  const dossiers = createDossierService(dossierDeps, deps.people);
  const postal = createDossierPostal(dossierDeps, dossiers);
  const uploads = createUploadService(db, deps.blobs);
  const nationalSyncs = createSyncMonitor(db, async () => (await deps.catalog.rootAgency()).id);

  // The applicant pays for their dossier; when paid, the dossier continues (from the job queue, in its own transaction).
  deps.payments?.registerOwner('tthc', {
    async canPay(principal, owner) {
      if (principal.kind !== 'user' || principal.userType !== 'citizen') return false;
      const dossier = await dossiers.get(principal, owner.split(':')[2]!).catch(() => undefined);
      return dossier?.applicantSubject === principal.userId;
    },
    async onPaid(event) {
      const principal: Principal = {
        kind: 'system', clientId: PAYMENT_CALLBACK_CLIENT, grants: [{ agencyId: (await deps.catalog.rootAgency()).id, scope: 'subtree', permissions: ['dossier.read'] }],
      };
      const dossier = await dossiers.get(principal, event.owner.split(':')[2]!);
      if (dossier.status !== 'awaiting_payment') return; // already continued: a repeated event changes nothing
      await dossiers.act(principal, dossier.id, { action: 'payment_received', purpose: event.purpose as FeeStage, method: event.method, expectedVersion: dossier.version });
    },
  });
  const ratings = createRatingService(dossierDeps);
  const keys = storeKeys(config.masterKey);
  const reads = createDataReads({
    db, keys, now: dossierDeps.now, citizenIdentity: (id) => deps.people.citizenIdentity(id),
    agencyName: async (id) => (await dossierDeps.catalog.getAgency(id).catch(() => undefined))?.name,
  });
  const store = createStoreService({
    db, blobs: deps.blobs, keys, catalog: dossierDeps.catalog, procedures: dossierDeps.procedures, dossiers, now: dossierDeps.now,
    citizenIdentity: (id) => deps.people.citizenIdentity(id), registry: deps.results?.registry,
    // The store reads the registry as the platform (province-wide), then checks that the caller holds the result.
    registryReader: async () => ({ kind: 'system', clientId: 'tthc-store', grants: [{ agencyId: (await deps.catalog.rootAgency()).id, scope: 'subtree', permissions: ['dossier.read'] }] }),
  });
  const shares = createShareService({ db, keys, store, reads, catalog: dossierDeps.catalog, now: dossierDeps.now });
  const prefill = createPrefillService({
    db, people: deps.people, catalog, publishedForm: dossierDeps.procedures.publishedForm,
    visibleDossier: (principal, id) => dossiers.get(principal, id), gateway: deps.nationalGateway ?? nationalGatewayOf(config.onceOnly, config.publicUrl, catalog),
    recordRead: (read) => reads.record(read),
  });
  // Every anonymous visit to the home page reads it (a count over all dossiers): once per TTL per replica.
  const portalHome = createPortalService(db, catalog, config.hotline);
  const portal: PortalService = { home: fresh(() => portalHome.home()) };

  /** The national portal files at every desk of the province. */
  const portalPrincipal = async (): Promise<Principal> => ({
    kind: 'system', clientId: 'dvcqg', grants: [{ agencyId: (await deps.catalog.rootAgency()).id, scope: 'subtree', permissions: ['dossier.receive'] }],
  });

  async function resolveOffering(procedureCode: string, agencyCode: string): Promise<string | undefined> {
    const agency = await deps.catalog.findAgencyByCode(agencyCode);
    const procedure = await procedures.getByCode(procedureCode).catch(() => undefined);
    if (!agency || !procedure) return undefined;
    const offerings = await procedures.listOfferings({ agencyId: agency.id, procedureId: procedure.id });
    return offerings.find((o) => o.active)?.id;
  }

  return {
    procedures,
    dossiers,
    uploads,
    nationalSyncs,
    ratings,
    prefill,
    portal,
    store,
    recordPersonalDataRead: (read, tx) => reads.record(read, tx),
    dossierChanges: {
      register: changes.register,
      rows: dossierChangeRows,
      nextBound: nextDossierBound,
      async count(q) {
        const [row] = await queryRows<{ n: string }>(q, sql`select count(*) as n from tthc.dossiers`);
        return Number(row!.n);
      },
    },
    postal,
    async lookUp(ip, code, secret) {
      await takeLookupAttempt(db, ip);
      return dossiers.lookup(code, secret);
    },
    routes: async (app) => {
      await catalogueRoutes(procedures)(app);
      await portalRoutes(portal)(app);
      await app.register(dossierRoutes(dossiers, uploads, db, reads));
      await storeRoutes(store, shares, reads)(app);
      await ratingRoutes(ratings, db)(app);
      await prefillRoutes(prefill)(app);
      await applicantRoutes(createDraftService(db, dossierDeps.procedures), createNotificationInbox(db))(app);
      await templateRoutes(createTemplateEditor(db))(app);
      await nationalSyncRoutes(nationalSyncs)(app);
      await feeRoutes(db, dossierDeps.now, createFeeScheduleAdmin(db, (id) => catalog.agencyAncestors(id)))(app);
      await dossierPostalRoutes(postal)(app);
      await app.register(nationalPortalRoutes({ pushSecret: config.dvcqg.pushSecret, dossiers, uploads, resolveOffering, principal: portalPrincipal }));
    },
    jobHandlers: (channels) => ({
      [NOTICE_QUEUE]: noticeSender(db, channels),
      [REMINDER_QUEUE]: deadlineReminder({ db, people: deps.people, calendar: dossierDeps.catalog, publicUrl: config.publicUrl, now: dossierDeps.now }),
      [UPLOAD_SWEEP_QUEUE]: uploadSweeper(db, deps.blobs, { retentionHours: config.uploadRetentionHours }),
      ...(channels.dvcqg ? {
        [NATIONAL_SYNC_QUEUE]: nationalSyncWorker({
          db, portal: channels.dvcqg, getAgency: dossierDeps.catalog.getAgency, publicUrl: config.publicUrl, ...(channels.log ? { log: channels.log } : {}),
        }, channels.dvcqgSync),
      } : {}),
    }),
    recurring: [DEADLINE_REMINDERS, UPLOAD_SWEEP],
    gauges: dossierGauges(db, dossierDeps.now),
    async seed() {
      await seedProcedureCatalog(db, deps.catalog);
      await templateRepository.seed(db);
      await seedFeeSchedules(db);
    },
  };
}

/** tthc's LGSP client, its X-Road ids under the province's member (the root agency's code) resolved at the first call. */
function nationalGatewayOf(options: ModuleContext['config']['onceOnly'], publicUrl: string, catalog: CatalogService): NationalGateway {
  let client: Promise<NationalGateway> | undefined;
  const resolve = () => (client ??= catalog.rootAgency().then((root) => createLgspClient({
    gatewayUrl: options.gatewayUrl, tokenUrl: options.tokenUrl, audience: `${publicUrl}/lgsp`,
    clientId: options.clientId, clientSecret: options.clientSecret,
    client: `VN/GOV/${root.code}/${TTHC_SUBSYSTEM}`, nationalSubsystem: `VN/GOV/${root.code}/${NATIONAL_SUBSYSTEM}`,
  })).catch((error: unknown) => {
    client = undefined;
    throw error;
  }));
  return {
    citizen: async (query, context) => (await resolve()).citizen(query, context),
    enterprise: async (code, context) => (await resolve()).enterprise(code, context),
  };
}
