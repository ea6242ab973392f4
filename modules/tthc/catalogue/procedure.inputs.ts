/**
 * What the procedure catalogue's services take and return beyond the shared shapes of
 * procedure.types.ts: inputs of the editors, list queries and pages, import rows and results.
 */
import type { FeeItem, Level, Offering, OnlineFilingPortal, Procedure, ProcessVersion } from './procedure.types.ts';
import type { ProcessGraph } from '../process/process.graph.ts';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** One refused field: `field` is a path into the input, e.g. `fees[0].amountVnd`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A refused field of one import row; `row` is the CSV line (header = 1) or the 1-based JSON index. */
export interface ImportRowError extends FieldIssue {
  row: number;
}

export interface ProcedureListQuery {
  /** Searched in the national code and the name, with or without diacritics. */
  q?: string | undefined;
  fieldCode?: string | undefined;
  level?: Level | undefined;
  /** Only procedures this agency offers (through an active offering). */
  agencyId?: string | undefined;
  /** Only procedures that can be filed online (and, with agencyId, that this agency accepts online). */
  onlineOnly?: boolean | undefined;
  /** Inactive procedures are hidden unless asked for (editors). */
  includeInactive?: boolean | undefined;
  limit: number;
  offset: number;
}

/** A procedure as written by an editor or an import: everything but the identity and bookkeeping. */
export type ProcedureFields = Omit<Procedure, 'id' | 'version' | 'updatedAt'>;

type Defaulted = 'implementingAgencies' | 'processingNote' | 'fees' | 'parts' | 'conditions' | 'legalBases' | 'fullyOnline' | 'active' | 'verification' | 'steps';
export type NewProcedure = Omit<ProcedureFields, Defaulted> & { [K in Defaulted]?: ProcedureFields[K] | undefined };
export type ProcedurePatch = { [K in keyof ProcedureFields]?: ProcedureFields[K] | undefined };

/** An import row: a procedure without ids, as exported (JSON) or as read from a CSV line. */
export type ProcedureImportRow = NewProcedure;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface NewOffering {
  procedureId: string;
  agencyId: string;
  /** Defaults to the agency itself. */
  deskAgencyId?: string | undefined;
  processKey: string;
  fees?: FeeItem[] | null | undefined;
  codePattern?: string | null | undefined;
  intakeCutoff?: string | null | undefined;
  onlineEnabled?: boolean | undefined;
  onlineFilingPortal?: OnlineFilingPortal | undefined;
  active?: boolean | undefined;
}

/** The procedure and the agency of an offering never change: another agency is another offering. */
export type OfferingPatch = Partial<Pick<NewOffering, 'deskAgencyId' | 'processKey' | 'fees' | 'codePattern' | 'intakeCutoff' | 'onlineEnabled' | 'onlineFilingPortal' | 'active'>>;

/** An offering with the names the citizen chooses by ("where to file"). */
export interface OfferingWithAgency extends Offering {
  agencyCode: string;
  agencyName: string;
  deskAgencyName: string;
}

/** One e-form or process key with its versions at a glance. */
export interface VersionSummary {
  key: string;
  /** Title (form) or name (process) of the newest version. */
  title: string;
  latestVersion: number;
  publishedVersion: number | null;
  draftVersion: number | null;
  updatedAt: string;
}

export interface FormDraft {
  title: string;
  schema: Record<string, unknown>;
  layout: Record<string, unknown>;
}

export interface ProcessDraft {
  name: string;
  definition: unknown;
}

/** A process version with its diagram, laid out (process.graph.ts). */
export type ProcessView = ProcessVersion & { graph: ProcessGraph };
