/** The procedure catalogue's shapes: procedures, agency offerings, e-forms and process definitions. */

export const APPLICANT_TYPES = ['citizen', 'organisation', 'foreigner'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const METHODS = ['online', 'counter', 'post'] as const;
export type Method = (typeof METHODS)[number];

export const LEVELS = ['province', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

/** A fee or charge (phí, lệ phí), in integer VND. */
export interface FeeItem {
  kind: 'fee' | 'charge';
  name: string;
  amountVnd: number;
  /** When it applies ("Cấp lần đầu", "Nộp trực tuyến giảm 50%"). */
  note?: string | undefined;
}

/** A dossier part (thành phần hồ sơ). */
export interface ProcedurePart {
  /** Stable within the procedure, e.g. `to-khai`. */
  code: string;
  name: string;
  required: boolean;
  /** Number of originals and copies asked for at the counter. */
  originals: number;
  copies: number;
  /** Blank template (mẫu đơn, tờ khai) in the blob store, if any. */
  templateBlobKey?: string | undefined;
  templateFileName?: string | undefined;
  /** When the part is an e-form: its key (the latest published version is used at submission). */
  formKey?: string | undefined;
}

export interface LegalBasis {
  /** Number of the document, e.g. `61/2018/NĐ-CP`. */
  number: string;
  title: string;
  issuedOn?: string | undefined;
}

export interface Procedure {
  id: string;
  nationalCode: string;
  name: string;
  fieldCode: string;
  level: Level;
  implementingAgencies: string[];
  applicantTypes: ApplicantType[];
  methods: Method[];
  /** Processing time in working days, from the receipt of a complete dossier. */
  processingDays: number;
  processingNote: string | null;
  fees: FeeItem[];
  parts: ProcedurePart[];
  conditions: string | null;
  /** Trình tự thực hiện, step by step (empty when not yet entered). */
  steps: string[];
  legalBases: LegalBasis[];
  resultType: string;
  fullyOnline: boolean;
  active: boolean;
  version: number;
  updatedAt: string;
}

/** A procedure as an agency offers it. */
export interface Offering {
  id: string;
  procedureId: string;
  agencyId: string;
  deskAgencyId: string;
  processKey: string;
  /** The agency's fees when they differ from the procedure's. */
  fees: FeeItem[] | null;
  codePattern: string | null;
  /** Local time `HH:MM` from which a dossier counts as received the next working day; null = 15:00. */
  intakeCutoff: string | null;
  onlineEnabled: boolean;
  active: boolean;
  version: number;
}

export interface FormVersion {
  key: string;
  version: number;
  title: string;
  schema: Record<string, unknown>;
  layout: Record<string, unknown>;
  status: 'draft' | 'published' | 'retired';
}

export interface ProcessVersion {
  key: string;
  version: number;
  name: string;
  /** A ProcessDefinition (process.definition.ts), validated when saved. */
  definition: unknown;
  status: 'draft' | 'published' | 'retired';
}

/** What the dossier side needs to start a dossier: the offering, its procedure, and the process to follow. */
export interface OfferingContext {
  offering: Offering;
  procedure: Procedure;
  process: ProcessVersion;
}
