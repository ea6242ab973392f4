/**
 * Route schemas of the procedure catalogue (procedures, offerings, e-forms, processes). Shapes
 * and size limits live here; business rules (code formats, ranges, references) are the
 * services', which answer 422 with per-field details.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { APPLICANT_TYPES, LEVELS, METHODS, PART_FORMS, VERIFICATION_STATUSES, type PartForm } from './catalogue/procedure.types.ts';
import type { NewOffering, NewProcedure, OfferingPatch, ProcedureListQuery, ProcedurePatch } from './catalogue/procedure.inputs.ts';

export const TAGS = ['tthc'];
const strict = { additionalProperties: false } as const;
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$', description: 'Lower-case letters, digits and "-"' });
const Version = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Json = Type.Record(Type.String(), Type.Unknown());

export const LevelSchema = Type.Enum(LEVELS);
const ApplicantTypeSchema = Type.Enum(APPLICANT_TYPES);
const MethodSchema = Type.Enum(METHODS);

export const FeeItemSchema = Type.Object(
  {
    kind: Type.Enum(['fee', 'charge'] as const),
    name: Text(300),
    amountVnd: Type.Integer({ description: 'Integer VND' }),
    note: Type.Optional(Text(1000, 0)),
  },
  { ...strict, $id: 'FeeItem' },
);

export const PartSchema = Type.Object(
  {
    code: Text(40),
    name: Text(500),
    required: Type.Boolean(),
    originals: Type.Integer(),
    copies: Type.Integer(),
    requiredForm: Type.Optional(Type.Unsafe<PartForm>({ type: 'string', enum: [...PART_FORMS], description: 'Weakest acceptable form at the counter: original, certified_copy (bản sao chứng thực) or copy' })),
    templateBlobKey: Type.Optional(Text(300)),
    templateFileName: Type.Optional(Text(255)),
    formKey: Type.Optional(Key),
  },
  { ...strict, $id: 'ProcedurePart' },
);

export const LegalBasisSchema = Type.Object({ number: Text(100), title: Text(500), issuedOn: Type.Optional(IsoDate) }, { ...strict, $id: 'LegalBasis' });

export const VerificationSchema = Type.Object({
  status: Type.Unsafe<'verified' | 'unverified'>({ type: 'string', enum: [...VERIFICATION_STATUSES] }),
  source: Text(500),
  checkedOn: IsoDate,
  unverified: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Fields still unconfirmed against the national procedure database' }),
  note: Type.Optional(Text(1000)),
}, { ...strict, $id: 'ProcedureVerification', description: 'How far the record was checked against the national procedure database; administrators only (omitted for others)' });

const procedureFields = {
  nationalCode: Text(60),
  name: Text(500),
  fieldCode: Text(40),
  level: LevelSchema,
  implementingAgencies: Type.Array(Text(300), { maxItems: 20 }),
  applicantTypes: Type.Array(ApplicantTypeSchema, { maxItems: 3 }),
  methods: Type.Array(MethodSchema, { maxItems: 3 }),
  processingDays: Type.Integer({ description: 'Working days from the receipt of a complete dossier' }),
  processingNote: Nullable(Text(1000, 0)),
  fees: Type.Array(FeeItemSchema, { maxItems: 30 }),
  parts: Type.Array(PartSchema, { maxItems: 50 }),
  conditions: Nullable(Text(5000, 0)),
  steps: Type.Array(Text(2000), { maxItems: 30, description: 'Trình tự thực hiện, in order' }),
  legalBases: Type.Array(LegalBasisSchema, { maxItems: 50 }),
  resultType: Text(500),
  fullyOnline: Type.Boolean(),
  active: Type.Boolean(),
  verification: Nullable(VerificationSchema),
};
const { nationalCode, name, fieldCode, level, applicantTypes, methods, processingDays, resultType, ...optionalFields } = procedureFields;
const optional = <T extends Record<string, TSchema>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };

export const ProcedureSchema = Type.Object({
  id: Uuid,
  ...procedureFields,
  version: Type.Integer({ description: 'Send back (or as If-Match) when updating' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Procedure' });

export const NewProcedureBody = Type.Object({ nationalCode, name, fieldCode, level, applicantTypes, methods, processingDays, resultType, ...optional(optionalFields) }, { ...strict, $id: 'NewProcedure' });
export const ProcedurePatchBody = Type.Object(
  { ...optional(procedureFields), version: Type.Optional(Type.Integer({ minimum: 1, description: 'Expected current version (alternative to If-Match)' })) },
  { $id: 'ProcedurePatch', ...strict, minProperties: 1 },
);

export const ProcedureListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search the national code and the name, with or without diacritics' })),
    fieldCode: Type.Optional(Text(40)),
    level: Type.Optional(LevelSchema),
    agencyId: Type.Optional(Uuid),
    onlineOnly: Type.Optional(Type.Boolean()),
    includeInactive: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  strict,
);
export const ProcedurePageSchema = Type.Object({ items: Type.Array(ProcedureSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { $id: 'ProcedurePage' });

export const ImportBody = Type.Object(
  {
    json: Type.Optional(Type.Array(NewProcedureBody, { maxItems: 2000, description: 'Procedures as exported in JSON (without ids)' })),
    csv: Type.Optional(Type.String({ maxLength: 5_000_000, description: 'CSV as exported (docs/procedures-import.md)' })),
  },
  { ...strict, $id: 'ProcedureImport' },
);
export const ImportResultSchema = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }, { $id: 'ImportResult' });
export const FormatQuery = Type.Object({ format: Type.Enum(['json', 'csv'] as const, { default: 'json' }) }, strict);
export const TextDocument = Type.String({ description: 'CSV (text/csv, UTF-8 with BOM), JSON or XML document' });

const offeringFields = {
  deskAgencyId: Uuid,
  processKey: Key,
  fees: Nullable(Type.Array(FeeItemSchema, { maxItems: 30 })),
  codePattern: Nullable(Text(80)),
  intakeCutoff: Nullable(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time HH:MM (Asia/Ho_Chi_Minh) after which a dossier counts as received the next working day; null = 15:00' })),
  onlineEnabled: Type.Boolean(),
  onlineFilingPortal: Type.Enum(['provincial', 'national'] as const, {
    description: 'Where online filing happens: `provincial` (this portal) or `national` (the applicant is sent to the National Public Service Portal, which pushes the dossier here); default provincial',
  }),
  active: Type.Boolean(),
};
export const OfferingSchema = Type.Object({ id: Uuid, procedureId: Uuid, agencyId: Uuid, ...offeringFields, version: Type.Integer() }, { $id: 'Offering' });
export const OfferingWithAgencySchema = Type.Object({ ...OfferingSchema.properties, agencyCode: Type.String(), agencyName: Type.String(), deskAgencyName: Type.String() }, { $id: 'OfferingWithAgency' });
const { processKey: _processKey, ...optionalOfferingFields } = offeringFields;
export const NewOfferingBody = Type.Object({ procedureId: Uuid, agencyId: Uuid, processKey: Key, ...optional(optionalOfferingFields) }, { ...strict, $id: 'NewOffering' });
export const OfferingPatchBody = Type.Object({ ...optional(offeringFields), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { $id: 'OfferingPatch', ...strict, minProperties: 1 });
export const OfferingListQuery = Type.Object({ agencyId: Type.Optional(Uuid), procedureId: Type.Optional(Uuid) }, strict);

export const IdParams = Type.Object({ id: Uuid }, strict);
export const CodeParams = Type.Object({ code: Text(60) }, strict);
export const KeyParams = Type.Object({ key: Key }, strict);
export const KeyVersionParams = Type.Object({ key: Key, version: Version }, strict);
export const VersionQuery = Type.Object({ version: Type.Optional(Version) }, strict);
const StatusSchema = Type.Enum(['draft', 'published', 'retired'] as const);

export const VersionSummarySchema = Type.Object({
  key: Type.String(),
  title: Type.String(),
  latestVersion: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  draftVersion: Nullable(Type.Integer()),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'VersionSummary' });
export const SummaryList = Type.Object({ items: Type.Array(VersionSummarySchema) }, { $id: 'VersionSummaryList' });

export const FormVersionSchema = Type.Object({ key: Type.String(), version: Type.Integer(), title: Type.String(), schema: Json, layout: Json, status: StatusSchema }, { $id: 'FormVersion' });
export const FormDraftBody = Type.Object({ title: Text(300), schema: Json, layout: Json }, { ...strict, $id: 'FormDraft' });
export const FormData = Type.Record(Type.String(), Type.Unknown(), { $id: 'EFormData', maxProperties: 200, description: 'The data of one e-form' });
export const FormCheckSchema = Type.Object({
  valid: Type.Boolean(),
  errors: Type.Array(Type.Object({ field: Type.String(), keyword: Type.String(), message: Type.String(), messageEn: Type.String() })),
}, { $id: 'FormCheck' });

const Point = Type.Object({ x: Type.Number(), y: Type.Number() });
const GraphSchema = Type.Object({
  nodes: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Enum(['start', 'task', 'fork', 'join', 'end'] as const),
      label: Type.String(),
      labelEn: Type.Optional(Type.String()),
      x: Type.Number(),
      y: Type.Number(),
      width: Type.Number(),
      height: Type.Number(),
      stepId: Type.Optional(Type.String()),
      layer: Type.Integer(),
    }),
  ),
  edges: Type.Array(
    Type.Object({
      id: Type.String(),
      from: Type.String(),
      to: Type.String(),
      label: Type.String(),
      labelEn: Type.Optional(Type.String()),
      conditional: Type.Boolean(),
      transition: Type.Optional(Type.Integer()),
      back: Type.Boolean(),
      points: Type.Array(Point),
    }),
  ),
  width: Type.Number(),
  height: Type.Number(),
}, { $id: 'ProcessGraph' });
const processProperties = { key: Type.String(), version: Type.Integer(), name: Type.String(), definition: Type.Unknown({ description: 'A process definition (steps, transitions)' }), status: StatusSchema };
export const ProcessVersionSchema = Type.Object(processProperties, { $id: 'ProcessVersion' });
export const ProcessViewSchema = Type.Object({ ...processProperties, graph: GraphSchema }, { $id: 'ProcessView' });
export const ProcessDraftBody = Type.Object({ name: Text(300), definition: Json }, { ...strict, $id: 'ProcessDraft' });

// The route bodies must stay acceptable to the services: these fail to compile when they drift apart.
void ((b: Static<typeof NewProcedureBody>): NewProcedure => b);
void ((b: Omit<Static<typeof ProcedurePatchBody>, 'version'>): ProcedurePatch => b);
void ((q: Static<typeof ProcedureListQuerySchema>): ProcedureListQuery => q);
void ((b: Static<typeof NewOfferingBody>): NewOffering => b);
void ((b: Omit<Static<typeof OfferingPatchBody>, 'version'>): OfferingPatch => b);
