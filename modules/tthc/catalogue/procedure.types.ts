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

/**
 * The form a paper part is handed in: bản chính (original), bản sao có chứng thực (certified
 * copy), bản sao (plain copy), strongest first. A stronger form always satisfies a weaker one.
 */
export const PART_FORMS = ['original', 'certified_copy', 'copy'] as const;
export type PartForm = (typeof PART_FORMS)[number];

/** A dossier part (thành phần hồ sơ). */
export interface ProcedurePart {
  /** Stable within the procedure, e.g. `to-khai`. */
  code: string;
  name: string;
  required: boolean;
  /** Number of originals and copies asked for at the counter. */
  originals: number;
  copies: number;
  /**
   * The weakest form the desk may accept for this part at the counter (e.g. `certified_copy`:
   * an original or a certified copy). Absent: any form (or an electronic file) will do.
   */
  requiredForm?: PartForm | undefined;
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

/**
 * How far a procedure's record was checked against the national procedure database
 * (Cơ sở dữ liệu quốc gia về thủ tục hành chính). Reference data says where it comes from and
 * what is still unconfirmed; administrators see the markers, applicants never see a placeholder.
 */
export const VERIFICATION_STATUSES = ['verified', 'unverified'] as const;
export interface ProcedureVerification {
  status: (typeof VERIFICATION_STATUSES)[number];
  /** Where the record was checked: a document number, a portal page. */
  source: string;
  /** When it was last checked (YYYY-MM-DD). */
  checkedOn: string;
  /** The fields that stay unconfirmed (e.g. `nationalCode`, `fees`); empty when verified. */
  unverified: string[];
  note?: string | undefined;
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
  verification: ProcedureVerification | null;
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
  onlineFilingPortal: OnlineFilingPortal;
  active: boolean;
  version: number;
}

/**
 * Where an offering's online filing happens: on Sen's own portal, or on the National Public
 * Service Portal (which pushes the dossier to Sen). The 2025 texts point citizens to the
 * national portal, but how sure that is stays [weak] (docs/decisions/0020-national-portal-sync.md):
 * the default is provincial and each offering can be switched.
 */
export type OnlineFilingPortal = 'provincial' | 'national';

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
