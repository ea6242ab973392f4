import { Type, type TSchema } from 'typebox';
import { stringEnum } from '../dossier/dossier.schemas.ts';
import { MAX_SHARE_HOURS } from './share.service.ts';

/** Route schemas of the e-data store (the OpenAPI document is generated from these). */
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A store document: a digitised part's id (uuid) or a results-registry code. */
export const DocumentRef = Type.String({ pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|KQ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$', maxLength: 36 });
export const DocumentParams = Type.Object({ ref: DocumentRef }, { additionalProperties: false });
export const DossierParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ShareParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', maxLength: 43 }) }, { additionalProperties: false });

export const CertificationSchema = Type.Object({
  certifiedByName: Type.String(), agencyName: Type.String(), certifiedAt: Type.String(), sha256: Type.String(),
  valid: Type.Boolean({ description: 'The mark and the bytes were checked now: false when either was altered' }),
  problem: Nullable(stringEnum(['mark_invalid', 'bytes_changed', 'file_missing'])),
}, { $id: 'TrueCopyCertification' });

const documentProperties = {
  id: Type.String({ description: 'A digitised part\'s id, or a results-registry code (KQ-…)' }),
  source: stringEnum(['digitised', 'result']),
  holderKind: stringEnum(['person', 'organisation']),
  holder: Type.String({ description: 'The holder\'s personal id or enterprise code, masked' }),
  title: Type.String(), fileName: Type.String(), contentType: Type.String(), at: Type.String(),
  certification: Nullable(CertificationSchema),
  result: Nullable(Type.Object({ code: Type.String(), number: Type.String(), status: Type.String(), agencyName: Type.String(), validUntil: Nullable(Type.String()) })),
};
export const StoreDocumentSchema = Type.Object(documentProperties, { $id: 'StoreDocument' });
export const StoreDocumentList = Type.Object({ items: Type.Array(StoreDocumentSchema) }, { $id: 'StoreDocumentList' });
export const DigitisedPartSchema = Type.Object({ ...documentProperties, partCode: Nullable(Type.String()), dossierFileId: Nullable(Type.String()) }, { $id: 'DigitisedPart' });
export const DigitisedPartList = Type.Object({ items: Type.Array(DigitisedPartSchema) }, { $id: 'DigitisedPartList' });

/**
 * The desk names the scan and the part, nothing else: a client cannot say the copy is certified
 * (the mark is made by this action only), so any other field is refused with 400.
 */
export const DigitiseBody = Type.Object({
  uploadId: Uuid,
  partCode: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' }),
}, { $id: 'DigitiseBody', additionalProperties: false });

export const ReusedUploadSchema = Type.Object({
  id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), storeDocumentId: Type.String(),
}, { $id: 'ReusedUpload' });

export const ShareBody = Type.Object({
  recipient: Type.Union([
    Type.Object({ kind: Type.Literal('person'), personalId: Type.String({ pattern: '^\\d{12}$', maxLength: 12 }) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('agency'), agencyCode: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9.]+$' }) }, { additionalProperties: false }),
  ]),
  hours: Type.Integer({ minimum: 1, maximum: MAX_SHARE_HOURS, description: 'How long the link works, in hours' }),
}, { $id: 'ShareBody', additionalProperties: false });

const shareProperties = {
  id: Type.String(), documentId: Type.String(), documentTitle: Type.String(), recipientKind: stringEnum(['person', 'agency']),
  recipientLabel: Type.String(), createdAt: Type.String(), expiresAt: Type.String(), status: stringEnum(['active', 'expired', 'revoked']), lastUsedAt: Nullable(Type.String()),
};
export const ShareSchema = Type.Object(shareProperties, { $id: 'StoreShare' });
export const ShareList = Type.Object({ items: Type.Array(ShareSchema) }, { $id: 'StoreShareList' });
export const CreatedShareSchema = Type.Object({
  ...shareProperties, token: Type.String({ description: 'Shown once: the link is /kho-du-lieu/chia-se/<token>' }),
}, { $id: 'CreatedStoreShare' });

export const DataReadSchema = Type.Object({
  at: Type.String(), readerName: Type.String(), readerKind: stringEnum(['official', 'system', 'person']), agencyName: Nullable(Type.String()),
  what: Type.String(), purpose: Type.String(), subject: Type.String({ description: 'Whose data, masked' }), subjectKind: stringEnum(['person', 'organisation']),
}, { $id: 'PersonalDataRead' });
export const DataReadPage = Type.Object({ items: Type.Array(DataReadSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { $id: 'PersonalDataReadPage' });
export const DataReadQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
}, { additionalProperties: false });
