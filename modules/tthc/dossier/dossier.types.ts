import type { DossierStatus } from './dossier.status.ts';

export type Channel = 'online' | 'counter' | 'dvcqg' | 'post';

export interface Address {
  line: string;
  commune?: string | undefined;
  province?: string | undefined;
}

/** Who applies: a citizen (personal id number) or an organisation (enterprise code). */
export interface Applicant {
  kind: 'citizen' | 'organisation';
  fullName: string;
  /** 12-digit personal id number of the citizen, or of the organisation's representative. */
  personalId?: string | undefined;
  enterpriseCode?: string | undefined;
  organisationName?: string | undefined;
  dateOfBirth?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: Address | undefined;
  /** The language the applicant filed in: notices go out in it where a template exists (else Vietnamese). */
  locale?: 'vi' | 'en' | undefined;
}

export interface ActiveStepState {
  stepId: string;
  parallelOf?: string | undefined;
  agencyId: string;
  assigneeId?: string | undefined;
  assigneeName?: string | undefined;
  since: string;
  /** Vietnam date the step is due. */
  dueDate: string;
}

export interface DossierFile {
  id: string;
  partCode: string | null;
  kind: 'input' | 'supplement' | 'result' | 'generated';
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  /** The e-data store document the file came from (reused instead of uploaded, or digitised at the desk). */
  storeDocumentId?: string | undefined;
}

export interface SupplementItem {
  partCode: string;
  reason: string;
  /** The part's name, as the procedure calls it (filled in when the request is made). */
  name?: string | undefined;
}

export interface Dossier {
  id: string;
  code: string;
  agencyId: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  offeringId: string;
  process: { key: string; version: number };
  channel: Channel;
  status: DossierStatus;
  statusLabel: string;
  nationalStatus: number;
  /** Steps being worked on now (several during parallel consultation). */
  activeSteps: ActiveStepState[];
  deskAgencyId: string;
  applicant: Applicant;
  /** The applicant's account when filed online (their "my dossiers"). */
  applicantSubject: string | null;
  /** Agencies that hold or held the dossier. */
  agencyScope: string[];
  formData: Record<string, unknown>;
  flags: Record<string, boolean>;
  submittedAt: string;
  receivedAt: string | null;
  dueDate: string | null;
  originalDueDate: string | null;
  clockStoppedAt: string | null;
  apologised: boolean;
  result: 'approved' | 'denied' | null;
  finishedAt: string | null;
  externalCode: string | null;
  /** What is being asked of the applicant while a supplement is requested. */
  supplement: { items: SupplementItem[]; note: string | null; requestedAt: string; during: 'intake' | 'processing' } | null;
  files: DossierFile[];
  version: number;
}

/** A row of a queue or search page: what an official scans. */
export interface DossierSummary {
  id: string;
  code: string;
  procedureName: string;
  applicantName: string;
  channel: Channel;
  status: DossierStatus;
  statusLabel: string;
  submittedAt: string;
  dueDate: string | null;
  agencyId: string;
  version: number;
}

export interface DossierEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  details: Record<string, unknown>;
}

export interface Handover {
  stepId: string;
  stepName: string;
  agencyId: string;
  holderName: string | null;
  /** Who handed the dossier on to this step, and who ended it. */
  givenByName: string | null;
  endedByName: string | null;
  startedAt: string;
  dueAt: string | null;
  endedAt: string | null;
  onTime: boolean | null;
}

export const QUEUES = ['to_receive', 'to_process', 'waiting_supplement', 'due_soon', 'overdue', 'ready_to_return', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
