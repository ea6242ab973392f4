import { Type } from 'typebox';
import { RESULT_STATUSES } from './db/schema.ts';
import { RESULT_KINDS } from './registry.service.ts';

export const TAGS = ['results'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const ResultCode = Type.String({ pattern: '^KQ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$', description: 'The code printed on the result\'s signature stamp and in its QR (KQ- and 12 characters without look-alikes)' });
export const CodeParams = Type.Object({ code: ResultCode }, { additionalProperties: false });

const resultProperties = {
  code: Type.String(), number: Type.String(), kind: literals(RESULT_KINDS), title: Type.String(), holderName: Type.String(),
  holderId: Nullable(Type.String({ description: 'Personal id number or enterprise code; masked except for officials' })),
  agencyName: Type.String(), procedureCode: Nullable(Type.String()), issuedAt: Type.String({ format: 'date-time' }),
  validFrom: Type.String({ format: 'date' }), validUntil: Nullable(Type.String({ format: 'date' })),
  status: literals(RESULT_STATUSES), public: Type.Boolean(), fileName: Type.String(), signatures: Type.Integer(),
};

export const ResultSchema = Type.Object(resultProperties, { $id: 'RegisteredResult' });
export const ResultDetailSchema = Type.Object({
  ...resultProperties,
  events: Type.Array(Type.Object({ fromStatus: Nullable(Type.String()), toStatus: Type.String(), reason: Type.String(), actor: Type.String(), at: Type.String() })),
}, { $id: 'RegisteredResultDetail' });
export const ResultPageSchema = Type.Object({ total: Type.Integer(), items: Type.Array(ResultSchema) }, { $id: 'RegisteredResultPage' });

export const ResultQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Number, title, holder name, or a result code' })),
  holderId: Type.Optional(Type.String({ pattern: '^([0-9]{12}|[0-9]{10}|[0-9]{10}-[0-9]{3})$', description: 'Officials only: the holder\'s personal id number or enterprise code' })),
  kind: Type.Optional(literals(RESULT_KINDS)),
  status: Type.Optional(literals(RESULT_STATUSES)),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
}, { additionalProperties: false });

export const StatusChangeBody = Type.Object({
  status: literals(['amended', 'replaced', 'revoked', 'expired'] as const),
  reason: Type.String({ minLength: 3, maxLength: 500 }),
}, { additionalProperties: false, $id: 'ResultStatusChange' });

const SignatureCheckSchema = Type.Object({
  field: Type.String(), signer: Type.String(), organization: Nullable(Type.String()), certificateSerial: Nullable(Type.String()),
  claimedTime: Nullable(Type.String()), intact: Type.Boolean(), coversWholeDocument: Type.Boolean(), chainTrusted: Type.Boolean(), chain: Type.Array(Type.String()),
  timeStamp: Type.Object({ present: Type.Boolean(), valid: Type.Boolean(), time: Nullable(Type.String()), authority: Nullable(Type.String()) }),
  revocation: Type.Object({
    status: literals(['good', 'revoked', 'unknown', 'unavailable', 'not_checked'] as const), checkedAt: Nullable(Type.String()), revokedAt: Nullable(Type.String()),
  }),
  valid: Type.Boolean(), problems: Type.Array(Type.String()),
}, { $id: 'SignatureCheck' });

export const VerificationSchema = Type.Object({
  result: Nullable(ResultSchema),
  report: Type.Object({
    signed: Type.Boolean(), unchanged: Type.Boolean(), valid: Type.Boolean(), sha256: Type.String(), signatures: Type.Array(SignatureCheckSchema),
  }, { $id: 'VerificationReport' }),
}, { $id: 'ResultVerification' });

export const PdfSchema = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The signed result (application/pdf)' });
