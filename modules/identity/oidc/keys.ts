import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { asc, eq, isNull, and, sql } from 'drizzle-orm';
import type { Db } from '../../../packages/platform/index.ts';
import { keys } from '../db/schema.ts';

// Retired signing keys stay published this long so tokens they signed still verify.
const RETIRED_KEY_GRACE_DAYS = 2;
const KEYS_LOCK = 7_204_611_002n;

export interface KeyMaterial {
  /** Private JWKs for the provider: the first signs, the rest verify. */
  signing: JWK[];
  /** Cookie signing keys: the first signs, the rest verify. */
  cookies: string[];
  /** Changes whenever the set changes, so replicas know to reload. */
  fingerprint: string;
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** Creates the first keys on a new database; safe when two replicas start at once. */
export async function ensureKeys(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    const active = await tx.select({ kid: keys.kid, use: keys.use }).from(keys).where(isNull(keys.retiredAt));
    if (!active.some((k) => k.use === 'sig')) {
      const jwk = await newSigningKey();
      await tx.insert(keys).values({ kid: jwk.kid as string, use: 'sig', material: jwk });
    }
    if (!active.some((k) => k.use === 'cookie')) {
      await tx.insert(keys).values({ kid: randomUUID(), use: 'cookie', material: { secret: randomBytes(32).toString('base64url') } });
    }
  });
}

/** Adds a new signing key that signs from now on; the previous ones retire but keep verifying. */
export async function rotateSigningKey(db: Db): Promise<string> {
  const jwk = await newSigningKey();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    await tx.update(keys).set({ retiredAt: new Date() }).where(and(eq(keys.use, 'sig'), isNull(keys.retiredAt)));
    await tx.insert(keys).values({ kid: jwk.kid as string, use: 'sig', material: jwk });
  });
  return jwk.kid as string;
}

export async function loadKeys(db: Db): Promise<KeyMaterial> {
  const rows = await db
    .select()
    .from(keys)
    .where(sql`${keys.retiredAt} is null or ${keys.retiredAt} > now() - make_interval(days => ${RETIRED_KEY_GRACE_DAYS})`)
    .orderBy(asc(keys.createdAt));
  // Active (not retired) keys first, newest first, so the provider signs with the newest.
  const ordered = [...rows].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt.getTime() - a.createdAt.getTime());
  return {
    signing: ordered.filter((k) => k.use === 'sig').map((k) => k.material as JWK),
    cookies: ordered.filter((k) => k.use === 'cookie').map((k) => (k.material as { secret: string }).secret),
    fingerprint: ordered.map((k) => `${k.kid}:${k.retiredAt ? 'r' : 'a'}`).join(','),
  };
}
