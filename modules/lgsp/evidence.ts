import { and, asc, desc, eq, gt, gte, lte } from 'drizzle-orm';
import { AppError, type Db, type SecretBox } from '../../packages/platform/index.ts';
import { messageBodies, messageLog, messageLogSeals } from './db/schema.ts';
import { EVIDENCE_FORMAT, type EvidencePackage } from './evidence-verify.ts';
import { chainFields, type LogArchive } from './log-archive-format.ts';
import { recordDigest } from './log-chain.ts';
import { bodyContext } from './message-log.ts';
import type { Sealer } from './seals.ts';

/** Builds the evidence package of one exchange from the database (verification needs none: evidence-verify.ts). */

const CHAIN_PAGE = 1000;

export interface ExportOptions {
  /** Decrypt and include the bodies (services logging in full). */
  includeBodies: boolean;
  now: () => Date;
}

export type LoggedMessage = typeof messageLog.$inferSelect;

/** The newest record of a message id (an X-Road-Id a client reused names several; the newest is the one it asks about). */
export async function findMessage(db: Db, messageId: string): Promise<LoggedMessage | undefined> {
  const [row] = await db.select().from(messageLog).where(eq(messageLog.messageId, messageId)).orderBy(desc(messageLog.seq)).limit(1);
  return row;
}

export async function exportEvidence(db: Db, box: SecretBox, sealer: Sealer, record: LoggedMessage, options: ExportOptions): Promise<EvidencePackage> {
  if (record.mac === null) throw new AppError(409, 'lgsp.legacy_record', 'Bản ghi có trước khi niêm phong / The record predates the sealed log; lgsp:verify-log checks it');
  const firstSeal = () => db.select().from(messageLogSeals).where(gte(messageLogSeals.seq, record.seq)).orderBy(asc(messageLogSeals.seq)).limit(1);
  let [seal] = await firstSeal();
  if (!seal) {
    // Not sealed yet: seal now rather than make the caller wait for the next interval.
    await sealer.sealNow();
    [seal] = await firstSeal();
  }
  if (!seal) throw new AppError(409, 'lgsp.not_sealed', 'Bản ghi chưa được niêm phong / The record is not sealed yet; try again shortly');

  const chain: EvidencePackage['chain'] = [];
  for (let after = record.seq; after < seal.seq;) {
    const page = await db.select().from(messageLog).where(and(gt(messageLog.seq, after), lte(messageLog.seq, seal.seq))).orderBy(asc(messageLog.seq)).limit(CHAIN_PAGE);
    if (page.length === 0) break;
    for (const row of page) chain.push({ seq: row.seq, digest: recordDigest(row), hash: row.hash });
    after = page.at(-1)!.seq;
  }

  let bodies: EvidencePackage['bodies'] = null;
  if (options.includeBodies) {
    const [stored] = await db.select().from(messageBodies).where(eq(messageBodies.seq, record.seq));
    if (stored) bodies = openBodies(box, record, stored);
  }
  const { mac: _mac, at, ...fields } = record;
  return packageOf({ ...fields, at: at.toISOString() }, bodies, chain, seal, options.now());
}

type StoredBodies = { requestSealed: string | null; responseSealed: string | null };

const openBodies = (box: SecretBox, record: { messageId: string; seq: number }, stored: StoredBodies): EvidencePackage['bodies'] => {
  const open = (sealed: string | null, part: 'request' | 'response') => (sealed ? box.open(sealed, bodyContext(record.messageId, record.seq, part)) : null);
  return { request: open(stored.requestSealed, 'request'), response: open(stored.responseSealed, 'response') };
};

const packageOf = (record: EvidencePackage['record'], bodies: EvidencePackage['bodies'], chain: EvidencePackage['chain'], seal: EvidencePackage['seal'], now: Date): EvidencePackage => ({
  format: EVIDENCE_FORMAT,
  exportedAt: now.toISOString(),
  record,
  bodies,
  chain,
  seal: { seq: seal.seq, hash: seal.hash, sealedAt: seal.sealedAt, signature: seal.signature, certificates: seal.certificates, timeStampToken: seal.timeStampToken },
});

/** The same package from an archive file (decision 0049): an archive ends at a seal, so the record's seal and the chain to it are in it. */
export function exportArchivedEvidence(box: SecretBox, archive: LogArchive, seq: number, options: ExportOptions): EvidencePackage {
  const at = archive.records.findIndex((r) => r.seq === seq);
  const record = archive.records[at];
  const seal = archive.seals.find((s) => s.seq >= seq);
  if (!record || !seal) throw new AppError(409, 'lgsp.archive_incomplete', 'Tệp lưu trữ thiếu bản ghi hoặc niêm phong / The archive lacks the record or its seal; lgsp:verify-log checks the archives');
  if (record.mac === null) throw new AppError(409, 'lgsp.legacy_record', 'Bản ghi có trước khi niêm phong / The record predates the sealed log; lgsp:verify-log checks it');
  const chain = archive.records.slice(at + 1).filter((r) => r.seq <= seal.seq).map((r) => ({ seq: r.seq, digest: recordDigest(chainFields(r)), hash: r.hash }));
  const stored = options.includeBodies ? archive.bodies.find((b) => b.seq === seq) : undefined;
  const { mac: _mac, ...fields } = record;
  return packageOf(fields, stored ? openBodies(box, record, stored) : null, chain, seal, options.now());
}
