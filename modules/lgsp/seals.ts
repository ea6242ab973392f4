import { desc, eq } from 'drizzle-orm';
import { verifyTimeStamp, type Db } from '../../packages/platform/index.ts';
import { messageLogHead, messageLogSeals } from './db/schema.ts';
import { sealBytes } from './log-chain.ts';

/**
 * Seals of the message log (decision 0032): at intervals, the hash of the newest record is
 * signed with the LGSP's key (certified by the CA like an agency's signing key, through the
 * signing module) and the signature time-stamped by an RFC 3161 TSA. A seal fixes every record
 * up to it: rewriting one would need the LGSP's private key and a new time stamp from the past.
 */
export interface SealSigner {
  /** DER certificates: the signer's first, then the issuing CAs up to the root. */
  certificates(): Promise<Uint8Array[]>;
  /** RSASSA-PKCS1-v1_5 SHA-256 of `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SealingDependencies {
  /** The LGSP's signer (enrolled at the CA on first use). */
  signer: () => Promise<SealSigner>;
  /** An RFC 3161 client: the TimeStampToken DER over `data`. */
  timeStamp: (data: Uint8Array) => Promise<Uint8Array>;
  now?: () => Date;
}

export type Seal = typeof messageLogSeals.$inferSelect;

export function createSealer(db: Db, deps: SealingDependencies) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Seals the chain up to its head unless that record is sealed already; answers the new seal, or undefined. */
    async sealNow(): Promise<Seal | undefined> {
      const [head] = await db.select().from(messageLogHead).where(eq(messageLogHead.id, 1));
      if (!head || head.seq === 0) return undefined;
      const [last] = await db.select({ seq: messageLogSeals.seq }).from(messageLogSeals).orderBy(desc(messageLogSeals.seq)).limit(1);
      if (last && last.seq >= head.seq) return undefined;
      const sealedAt = now().toISOString();
      const signer = await deps.signer();
      const signature = await signer.sign(sealBytes({ seq: head.seq, hash: head.hash, sealedAt }));
      const token = await deps.timeStamp(signature);
      const stamped = await verifyTimeStamp(Buffer.from(token).toString('base64'), signature);
      if (!stamped.ok) throw new Error(`the TSA token does not verify: ${stamped.reason}`);
      const [seal] = await db.insert(messageLogSeals).values({
        seq: head.seq, hash: head.hash, sealedAt, signature: Buffer.from(signature).toString('base64'),
        certificates: (await signer.certificates()).map((der) => Buffer.from(der).toString('base64')),
        timeStampToken: Buffer.from(token).toString('base64'), genTime: stamped.genTime,
      }).onConflictDoNothing().returning();
      return seal;
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;

/** Queue and recurring job of the sealing (decision 0021: once per period across replicas). */
export const SEAL_QUEUE = 'lgsp.seal';
