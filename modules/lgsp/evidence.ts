import { and, asc, desc, eq, gt, gte, lte } from 'drizzle-orm';
import { AppError, type Db, type SecretBox } from '../../packages/platform/index.ts';
import { messageBodies, messageLog, messageLogSeals } from './db/schema.ts';
import { EVIDENCE_FORMAT, type EvidencePackage } from './evidence-verify.ts';
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
    if (stored) {
      const open = (sealed: string | null, part: 'request' | 'response') => (sealed ? box.open(sealed, bodyContext(record.messageId, record.seq, part)) : null);
      bodies = { request: open(stored.requestSealed, 'request'), response: open(stored.responseSealed, 'response') };
    }
  }

  const { mac: _mac, at, ...fields } = record;
  return {
    format: EVIDENCE_FORMAT,
    exportedAt: options.now().toISOString(),
    record: { ...fields, at: at.toISOString() },
    bodies,
    chain,
    seal: { seq: seal.seq, hash: seal.hash, sealedAt: seal.sealedAt, signature: seal.signature, certificates: seal.certificates, timeStampToken: seal.timeStampToken },
  };
}
