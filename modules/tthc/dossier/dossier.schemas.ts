import { Type, type TSchema } from 'typebox';
import { DOSSIER_STATUSES } from './dossier.status.ts';
import { QUEUES } from './dossier.types.ts';
import { PART_FORMS } from '../catalogue/procedure.types.ts';

/** Route schemas of the dossier area (the OpenAPI document is generated from these). */
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'Date YYYY-MM-DD (Vietnam)' });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A string schema limited to `values`, typed as their union (TypeBox's union of literals types as `never`). */
export const stringEnum = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const DossierStatusSchema = stringEnum(DOSSIER_STATUSES);
const ChannelSchema = stringEnum(['online', 'counter', 'dvcqg', 'post']);

const AddressSchema = Type.Object({ line: Text(300), commune: Type.Optional(Text(200)), province: Type.Optional(Text(200)) }, { additionalProperties: false });

export const ApplicantSchema = Type.Object({
  kind: stringEnum(['citizen', 'organisation']),
  fullName: Text(200),
  personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
  enterpriseCode: Type.Optional(Type.String({ pattern: '^\\d{10}(\\d{3})?$' })),
  organisationName: Type.Optional(Text(300)),
  dateOfBirth: Type.Optional(IsoDate),
  phone: Type.Optional(Type.String({ pattern: '^\\+?\\d{9,12}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  address: Type.Optional(AddressSchema),
  locale: Type.Optional(stringEnum(['vi', 'en'] as const)),
}, { $id: 'Applicant', additionalProperties: false });

const PartCode = Type.String({ pattern: '^[a-z0-9-]{1,40}$' });
const FormData = Type.Record(PartCode, Type.Record(Type.String(), Type.Unknown()), { description: 'E-form data per dossier part code', maxProperties: 30 });
const FileRefs = Type.Array(Type.Object({ uploadId: Uuid, partCode: PartCode }, { additionalProperties: false }), { maxItems: 50 });

const Prefills = Type.Record(PartCode, Uuid, { description: 'Once-only data: per e-form part, the prefill answer (`POST /api/tthc/prefill`) it was filled from; its provenance is kept with the dossier', maxProperties: 30 });
export const SubmissionSchema = Type.Object({ applicant: ApplicantSchema, formData: FormData, files: FileRefs, prefills: Type.Optional(Prefills) }, { $id: 'Submission', additionalProperties: false });

const ChecklistSchema = Type.Array(Type.Object({
  partCode: PartCode,
  present: Type.Boolean(),
  form: Type.Optional(stringEnum(PART_FORMS)),
}, { additionalProperties: false }), { maxItems: 50, description: 'The intake checklist: each part present or missing and, on paper, its form (original, certified_copy, copy). Omitted: presence is read from the dossier\'s e-forms and files' });
const OverrideSchema = Type.Object({ reason: Text(1000, 10) }, {
  additionalProperties: false, description: 'Accept although required parts are missing or in a weaker form: the reason is kept in the history and the audit log',
});
const intakeCheck = { checklist: Type.Optional(ChecklistSchema), override: Type.Optional(OverrideSchema) };

export const OnlineFilingBody = Type.Object({ offeringId: Uuid, submission: SubmissionSchema }, { $id: 'OnlineFiling', additionalProperties: false });
export const CounterFilingBody = Type.Object({
  offeringId: Uuid,
  submission: SubmissionSchema,
  accept: Type.Optional(Type.Boolean({ description: 'Accept at once and issue the receipt (default true)' })),
  deskAgencyId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: "The receiving desk when it is not the offering's own: a Public Administration Service Centre receives any procedure of the province (Decree 118/2025/NĐ-CP); the offering's agency decides" })),
  ...intakeCheck,
}, { $id: 'CounterFiling', additionalProperties: false });

const SupplementItemSchema = Type.Object({ partCode: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), reason: Text(500) }, { additionalProperties: false });
const version = { expectedVersion: Type.Integer({ minimum: 1, description: 'The version the caller saw; 409 if the dossier has changed since' }) };
const command = <P extends Record<string, TSchema>>(action: string, props: P, summary: string) =>
  Type.Object({ action: Type.Literal(action), ...version, ...props }, { additionalProperties: false, description: summary });

export const CommandBody = Type.Union([
  command('accept', intakeCheck, 'Accept at the one-stop desk after the checklist of parts: receipt and promised date'),
  command('request_supplement', { items: Type.Array(SupplementItemSchema, { minItems: 1, maxItems: 30 }), note: Type.Optional(Text(1000)) }, 'Ask for missing or wrong parts; the clock stops'),
  command('reject', { reasons: Type.Array(Text(500), { minItems: 1, maxItems: 10 }) }, 'Refuse at intake with reasons'),
  command('transition', { stepId: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), transition: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), comment: Type.Optional(Text(2000)) }, 'Take a named transition on an active step'),
  command('assign', { stepId: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), officialId: Uuid }, 'Assign an active step to an official'),
  command('comment', { text: Text(2000) }, 'Internal comment'),
  command('pause', { reason: Text(1000) }, 'Pause processing; the clock stops'),
  command('resume', {}, 'Resume processing; the promised date moves by the paused working days'),
  command('apologise', { newDueDate: IsoDate, reason: Text(1000) }, 'Extend the time limit once, with an apology and a new date (Form 04; still counted late)'),
  command('stop', { reason: Text(1000), legalGround: Type.Optional(Text(300)) }, 'Stop processing, with a notice to the applicant (Form 05)'),
  command('cancel', { reason: Text(1000) }, 'Cancel the dossier'),
  command('attach_result', { files: Type.Array(Uuid, { minItems: 1, maxItems: 20 }) }, 'Attach result files'),
  command('return', { method: stringEnum(['desk', 'online', 'post']) }, 'Return the result and close the dossier'),
  command('resubmit', { formData: Type.Optional(FormData), files: Type.Optional(FileRefs), note: Type.Optional(Text(1000)) }, 'Answer a supplement request'),
  command('withdraw', { reason: Text(1000) }, 'The applicant withdraws the dossier'),
  command('request_payment', {}, "Ask for the fee the offering's schedule names at this stage; the dossier awaits payment (national code 6)"),
], { $id: 'DossierCommand' });

const ActiveStepSchema = Type.Object({
  stepId: Type.String(), parallelOf: Type.Optional(Type.String()), agencyId: Type.String(), assigneeId: Type.Optional(Type.String()),
  assigneeName: Type.Optional(Type.String()), since: Type.String(), dueDate: Type.String(),
});

const FileSchema = Type.Object({
  id: Type.String(), partCode: Nullable(Type.String()), kind: stringEnum(['input', 'supplement', 'result', 'generated']),
  fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), uploadedAt: Type.String(),
  storeDocumentId: Type.Optional(Type.String({ description: 'The e-data store document the file came from (reused or digitised)' })),
});

const dossierProperties = {
  id: Type.String(), code: Type.String(), agencyId: Type.String(), deskAgencyId: Type.String(), procedureId: Type.String(),
  procedureCode: Type.String(), procedureName: Type.String(), offeringId: Type.String(),
  process: Type.Object({ key: Type.String(), version: Type.Integer() }),
  channel: ChannelSchema, status: DossierStatusSchema, statusLabel: Type.String(),
  nationalStatus: Type.Integer({ description: 'Status code on the National Public Service Portal' }),
  activeSteps: Type.Array(ActiveStepSchema), applicant: Type.Unknown(), applicantSubject: Nullable(Type.String()), agencyScope: Type.Array(Type.String()),
  formData: Type.Unknown(), flags: Type.Record(Type.String(), Type.Boolean()),
  submittedAt: Type.String(), receivedAt: Nullable(Type.String()), dueDate: Nullable(Type.String()), originalDueDate: Nullable(Type.String()),
  clockStoppedAt: Nullable(Type.String()), apologised: Type.Boolean(), result: Nullable(stringEnum(['approved', 'denied'])),
  finishedAt: Nullable(Type.String()), externalCode: Nullable(Type.String()), supplement: Type.Unknown(), files: Type.Array(FileSchema),
  version: Type.Integer(),
};

export const DossierSchema = Type.Object(dossierProperties, { $id: 'Dossier' });

export const DossierViewSchema = Type.Object({
  ...dossierProperties,
  allowed: Type.Object({
    actions: Type.Array(Type.String()),
    steps: Type.Array(Type.Object({
      stepId: Type.String(), stepName: Type.String(), stepNameEn: Type.Optional(Type.String()),
      actions: Type.Array(Type.Object({ action: Type.String(), label: Type.String(), labelEn: Type.Optional(Type.String()), requiresComment: Type.Boolean() })),
    })),
  }),
}, { $id: 'DossierView' });

export const FiledSchema = Type.Object({
  dossier: DossierSchema,
  lookupSecret: Type.String({ description: 'Public look-up secret: shown once here and on the receipt; only its hash is stored' }),
}, { $id: 'FiledDossier' });

export const SummarySchema = Type.Object({
  id: Type.String(), code: Type.String(), procedureName: Type.String(), applicantName: Type.String(), channel: ChannelSchema,
  status: DossierStatusSchema, statusLabel: Type.String(), submittedAt: Type.String(), dueDate: Nullable(Type.String()), agencyId: Type.String(), version: Type.Integer(),
}, { $id: 'DossierSummary' });

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

export const QueueQuerySchema = Type.Object({
  queue: stringEnum(QUEUES),
  agencyId: Uuid,
  mine: Type.Optional(Type.Boolean({ description: 'Only steps assigned to me (to_process)' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Code, applicant or procedure; diacritics optional' })),
  procedureId: Type.Optional(Uuid),
  ...PageQuery,
}, { additionalProperties: false });

export const SummaryPage = Type.Object({ items: Type.Array(SummarySchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { $id: 'DossierSummaryPage' });

export const EventSchema = Type.Object({
  id: Type.Integer(), at: Type.String(), actorName: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()),
  toStatus: Type.String(), note: Nullable(Type.String()), details: Type.Record(Type.String(), Type.Unknown()),
}, { $id: 'DossierEvent' });

export const HandoverSchema = Type.Object({
  stepId: Type.String(), stepName: Type.String(), agencyId: Type.String(), holderName: Nullable(Type.String()),
  givenByName: Nullable(Type.String({ description: 'Who handed the dossier on to this step' })), endedByName: Nullable(Type.String({ description: 'Who ended this step' })), startedAt: Type.String(),
  dueAt: Nullable(Type.String()), endedAt: Nullable(Type.String()), onTime: Nullable(Type.Boolean()),
}, { $id: 'Handover' });

export const PublicStatusSchema = Type.Object({
  code: Type.String(), procedureName: Type.String(), status: Type.String(), statusLabel: Type.String(), submittedAt: Type.String(),
  receivedAt: Nullable(Type.String()), dueDate: Nullable(Type.String()), result: Nullable(Type.String()),
  history: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), toStatus: Type.String(), note: Nullable(Type.String()) })),
}, { $id: 'DossierPublicStatus' });

export const LookupQuery = Type.Object({
  code: Type.String({ minLength: 5, maxLength: 80 }),
  secret: Type.String({ minLength: 6, maxLength: 40 }),
}, { additionalProperties: false });

export const UploadSchema = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() }, { $id: 'Upload' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, description: 'Repeat the same key to retry safely: the first outcome is replayed' })),
});

export const ApplicantProfileSchema = Type.Object({
  fullName: Type.String(), personalId: Type.String(), dateOfBirth: Nullable(Type.String()), phone: Nullable(Type.String()),
  address: Nullable(Type.Object({ line: Type.String(), commune: Nullable(Type.String()), province: Nullable(Type.String()) })),
  enterpriseCode: Nullable(Type.String({ description: 'Set when the person signed in as the legal representative of an enterprise' })),
}, { $id: 'ApplicantProfile' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const FileParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false });

export const RegisterParams = Type.Object({ deskAgencyId: Uuid }, { additionalProperties: false });
export const RegisterQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')], { default: 'pdf', description: 'pdf (printable) or xlsx (Excel)' }),
}, { additionalProperties: false });
