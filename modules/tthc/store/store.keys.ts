import { createHmac, timingSafeEqual, type KeyObject, createSecretKey } from 'node:crypto';
import { canonicalJson, createSecretBox } from '../../../packages/platform/index.ts';

/** Whose data or document: a person (12-digit personal id) or an organisation (enterprise code). */
export interface Subject {
  kind: 'person' | 'organisation';
  id: string;
}

export interface StoreKeys {
  /** The keyed hash of a subject: what the store and the read log keep instead of the id. */
  subject(subject: Subject): string;
  /** The certified-true-copy mark: a MAC over every field of the certification. */
  mark(fields: CertificationFields): string;
  markMatches(fields: CertificationFields, mark: string): boolean;
}

/** What a desk's certification binds together; changing any of them breaks the mark. */
export interface CertificationFields {
  documentId: string;
  holderKey: string;
  fileSha256: string;
  dossierId: string | null;
  partCode: string | null;
  certifiedBy: string;
  certifiedByName: string;
  agencyId: string;
  certifiedAt: Date;
}

/**
 * Both keys are derived from SEN_MASTER_KEY (outside the database): whoever can only write to
 * the database can neither forge a mark nor turn a hashed subject back into an id by hashing
 * guesses (12-digit ids are few enough to enumerate against an unkeyed hash).
 */
export function storeKeys(masterKey: string): StoreKeys {
  const box = createSecretBox(masterKey);
  const subjectKey: KeyObject = createSecretKey(box.deriveKey('tthc-data-subject'));
  const markKey: KeyObject = createSecretKey(box.deriveKey('tthc-true-copy-mark'));
  const mark = (f: CertificationFields) => createHmac('sha256', markKey)
    .update(canonicalJson([f.documentId, f.holderKey, f.fileSha256, f.dossierId, f.partCode, f.certifiedBy, f.certifiedByName, f.agencyId, f.certifiedAt.toISOString()]))
    .digest('hex');
  return {
    subject: (s) => createHmac('sha256', subjectKey).update(`${s.kind}:${s.id}`).digest('hex'),
    mark,
    markMatches(fields, given) {
      const expected = Buffer.from(mark(fields), 'hex');
      const actual = Buffer.from(given, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
