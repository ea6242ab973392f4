import type { BlobStore, Db, Tx } from '../../../packages/platform/index.ts';
import type { DeadlineCalendar } from './dossier.deadline.ts';
import type { Dossier } from './dossier.types.ts';
import type { PaymentDoor } from './dossier.payment.ts';
import type { ResultSigningDoor } from './dossier.results.ts';
import type { PostalDoor } from './dossier.postal.ts';
import type { FormVersion, OfferingContext, ProcessVersion } from '../catalogue/procedure.types.ts';
import type { CatalogueCodes } from '../catalogue/form.validation.ts';
import type { DossierChanges } from './dossier.changes.ts';

/** The catalog's answers the dossier side needs (agencies and the working calendar). */
export interface AgencyCalendar extends DeadlineCalendar {
  getAgency(id: string): Promise<{ id: string; code: string; name: string; kind: string; active: boolean; placeholder: boolean }>;
  /** The commune/ward (or province) whose People's Committee the agency is; its code is official even where the agency's is not. */
  administrativeUnitOf(agencyId: string): Promise<{ code: string; name: string } | undefined>;
  findAgencyByCode(code: string): Promise<{ id: string; code: string; name: string } | undefined>;
  agencyAncestors(agencyId: string): Promise<string[]>;
}

/** What the procedure catalogue tells the dossier side. */
export interface ProcedureSource {
  /** The offering, its procedure and the latest published version of its process. */
  offeringContext(offeringId: string): Promise<OfferingContext | undefined>;
  processVersion(key: string, version: number): Promise<ProcessVersion | undefined>;
  publishedForm(key: string): Promise<FormVersion | undefined>;
  /** Current codes of a shared code list, for e-form fields that pick from one (`x-catalog`). */
  catalogueCodes: CatalogueCodes;
}

/**
 * Applicant-facing events that send a notice (mail, SMS, in-app) from an editable template.
 * `filed`: an online filing reached the desk (before acceptance, which sends `received`).
 * `step_due_soon`, `step_overdue`: deadline reminders to the officials of a step (not the applicant).
 */
export const NOTICE_EVENTS = ['filed', 'received', 'supplement_requested', 'rejected', 'apologised', 'stopped', 'result_ready', 'completed', 'withdrawn', 'cancelled', 'step_due_soon', 'step_overdue'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** Records a notice in the caller's transaction (in-app row + a job that sends mail and SMS). */
export type NoticeSink = (tx: Tx, event: NoticeEvent, dossier: Dossier, extra?: Record<string, unknown>) => Promise<void>;

export interface DossierDeps {
  db: Db;
  catalog: AgencyCalendar;
  procedures: ProcedureSource;
  blobs: BlobStore;
  notices: NoticeSink;
  /** Announces every written change to the registered listeners (the statistics), in the change's transaction. */
  changes: DossierChanges;
  /** Base URL of the web app, for look-up links on notices. */
  publicUrl: string;
  /** HMAC key deriving each dossier's public look-up secret. */
  lookupKey: string;
  now: () => Date;
  /** The payment module's door, for fees; absent where no payments are wired (some tests). */
  payments?: PaymentDoor;
  /** The signing module's door: approved results are signed and registered; absent, results stay unsigned. */
  results?: ResultSigningDoor;
  /** The postal module's door (pickup, delivery, tracking, postage); absent where no postal service is wired. */
  postal?: PostalDoor;
}
