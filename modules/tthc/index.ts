/**
 * modules/tthc — the provincial administrative-procedure system (one-stop shop and online
 * public services): the procedure catalogue, e-forms, process definitions, dossiers from three
 * channels, their lifecycle under the one-stop rules, notices and printable documents. This
 * file is the module's only door.
 */
import type { Mailer, SmsSender } from '../../packages/national/index.ts';
import { memoize, type BlobStore, type JobHandler, type ModuleContext, type ModuleRoutes, type Principal, type ScrapeGauges } from '../../packages/platform/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { applicantRoutes } from './applicant.routes.ts';
import type { PeopleDirectory } from './dossier.actions.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { dossierGauges } from './dossier.gauges.ts';
import { dossierRoutes } from './dossier.routes.ts';
import { createDossierService, type DossierService, type PublicStatus } from './dossier.service.ts';
import { createDraftService } from './draft.service.ts';
import { nationalPortalRoutes } from './national-portal.routes.ts';
import { NOTICE_QUEUE, createNoticeSink, createNotificationInbox, createTemplateEditor, noticeSender, templateRepository } from './notice.service.ts';
import { catalogueRoutes } from './procedure.routes.ts';
import { createProcedureCatalog, type ProcedureCatalog } from './procedure.service.ts';
import { portalRoutes } from './portal.routes.ts';
import { createPortalService, type PortalService } from './portal.service.ts';
import { takeLookupAttempt } from './lookup.limit.ts';
import { seedProcedureCatalog } from './seed/index.ts';
import { templateRoutes } from './template.routes.ts';
import { createUploadService, type UploadService } from './upload.service.ts';

export { DOSSIER_ACTIONS, DOSSIER_EVENTS, type PeopleDirectory } from './dossier.actions.ts';
export type { CommandWithVersion, DossierService, DossierView, Filed, PublicStatus } from './dossier.service.ts';
export type { Dossier, DossierSummary, Queue } from './dossier.types.ts';
export type { ProcedureCatalog } from './procedure.service.ts';
export type { PortalHome, PortalService, ProcedureLink } from './portal.service.ts';
export { DOSSIER_STATUSES, STATUS_INFO, type DossierStatus } from './dossier.status.ts';
export { NOTICE_QUEUE } from './notice.service.ts';

/** How old reference data (agencies, calendar, published procedures) may be when a dossier reads it. */
const REFERENCE_TTL_MS = 10_000;

export interface TthcDependencies {
  catalog: CatalogService;
  people: PeopleDirectory;
  blobs: BlobStore;
  now?: () => Date;
  /** How long reference reads are memoised (default 10 s); tests that edit the catalogue use 0. */
  referenceTtlMs?: number;
}

export interface TthcModule {
  procedures: ProcedureCatalog;
  dossiers: DossierService;
  /** The citizens' home page: most used procedures, owning agency, help line. */
  portal: PortalService;
  /** The public status look-up, rate-limited per address as the API's (for the server-rendered look-up page). */
  lookUp(ip: string, code: string, secret: string): Promise<PublicStatus>;
  uploads: UploadService;
  routes: ModuleRoutes;
  /** Background jobs of the module, given the outbound channels. */
  jobHandlers(channels: { mailer: Mailer; sms: SmsSender }): Record<string, JobHandler>;
  /** Business gauges for `/metrics` (dossiers by status, overdue), read at scrape time. */
  gauges: ScrapeGauges;
  /** Idempotent start-up load: seeded procedures, forms, processes, offerings, notice templates. */
  seed(): Promise<void>;
}

export function createTthcModule(ctx: ModuleContext, deps: TthcDependencies): TthcModule {
  const { db, config } = ctx;
  const procedures = createProcedureCatalog(db, deps.catalog);
  // Reference data read on every filing and action is memoised for a few seconds per replica:
  // agencies, the calendar and published procedures change rarely, and a filing then costs a
  // handful of round trips instead of a dozen (bench/tthc.ts).
  const { catalog } = deps;
  const fresh = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => memoize(fn, deps.referenceTtlMs ?? REFERENCE_TTL_MS);
  const dossierDeps: DossierDeps = {
    db,
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
      publishedForm: fresh((key: string) => procedures.publishedForm(key)),
    },
    blobs: deps.blobs, notices: createNoticeSink(config.publicUrl),
    lookupKey: config.lookupKey, publicUrl: config.publicUrl, now: deps.now ?? (() => new Date()),
  };
  const dossiers = createDossierService(dossierDeps, deps.people);
  const uploads = createUploadService(db, deps.blobs);
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
    portal,
    async lookUp(ip, code, secret) {
      await takeLookupAttempt(db, ip);
      return dossiers.lookup(code, secret);
    },
    routes: async (app) => {
      await catalogueRoutes(procedures)(app);
      await portalRoutes(portal)(app);
      await app.register(dossierRoutes(dossiers, uploads, db));
      await applicantRoutes(createDraftService(db, dossierDeps.procedures), createNotificationInbox(db))(app);
      await templateRoutes(createTemplateEditor(db))(app);
      await app.register(nationalPortalRoutes({ pushSecret: config.dvcqg.pushSecret, dossiers, uploads, resolveOffering, principal: portalPrincipal }));
    },
    jobHandlers: (channels) => ({ [NOTICE_QUEUE]: noticeSender(db, channels) }),
    gauges: dossierGauges(db, dossierDeps.now),
    async seed() {
      await seedProcedureCatalog(db, deps.catalog);
      await templateRepository.seed(db);
    },
  };
}
