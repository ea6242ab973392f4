import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { asc, eq, isNull, and, sql } from 'drizzle-orm';
import { isSealed, type Db, type SecretBox, type Tx } from '../../../packages/platform/index.ts';
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

// Key material is stored sealed with the master key, bound to its row (`identity.keys:<kid>`).
type StoredMaterial = { sealed: string };
const contextOf = (kid: string) => `identity.keys:${kid}`;
const sealMaterial = (box: SecretBox, kid: string, material: object): StoredMaterial => ({ sealed: box.seal(JSON.stringify(material), contextOf(kid)) });
const isStoredSealed = (m: unknown): m is StoredMaterial => typeof (m as StoredMaterial | null)?.sealed === 'string' && isSealed((m as StoredMaterial).sealed);

/** Rows written before key material was sealed are sealed in place (under the keys lock). */
async function sealPlaintextKeys(tx: Tx, box: SecretBox): Promise<void> {
  const rows = await tx.select({ kid: keys.kid, material: keys.material }).from(keys);
  for (const row of rows) {
    if (!isStoredSealed(row.material)) await tx.update(keys).set({ material: sealMaterial(box, row.kid, row.material as object) }).where(eq(keys.kid, row.kid));
  }
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** Creates the first keys on a new database; safe when two replicas start at once. */
export async function ensureKeys(db: Db, box: SecretBox): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    await sealPlaintextKeys(tx, box);
    const active = await tx.select({ kid: keys.kid, use: keys.use }).from(keys).where(isNull(keys.retiredAt));
    if (!active.some((k) => k.use === 'sig')) {
      const jwk = await newSigningKey();
      await tx.insert(keys).values({ kid: jwk.kid as string, use: 'sig', material: sealMaterial(box, jwk.kid as string, jwk) });
    }
    if (!active.some((k) => k.use === 'cookie')) {
      const kid = randomUUID();
      await tx.insert(keys).values({ kid, use: 'cookie', material: sealMaterial(box, kid, { secret: randomBytes(32).toString('base64url') }) });
    }
  });
}

/** Adds a new signing key that signs from now on; the previous ones retire but keep verifying. */
export async function rotateSigningKey(db: Db, box: SecretBox): Promise<string> {
  const jwk = await newSigningKey();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    await tx.update(keys).set({ retiredAt: new Date() }).where(and(eq(keys.use, 'sig'), isNull(keys.retiredAt)));
    await tx.insert(keys).values({ kid: jwk.kid as string, use: 'sig', material: sealMaterial(box, jwk.kid as string, jwk) });
  });
  return jwk.kid as string;
}

export async function loadKeys(db: Db, box: SecretBox): Promise<KeyMaterial> {
  const rows = await db
    .select()
    .from(keys)
    .where(sql`${keys.retiredAt} is null or ${keys.retiredAt} > now() - make_interval(days => ${RETIRED_KEY_GRACE_DAYS})`)
    .orderBy(asc(keys.createdAt));
  // Active (not retired) keys first, newest first, so the provider signs with the newest.
  const ordered = [...rows].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt.getTime() - a.createdAt.getTime());
  const open = (k: (typeof rows)[number]): unknown => (isStoredSealed(k.material) ? JSON.parse(box.open(k.material.sealed, contextOf(k.kid))) : k.material);
  return {
    signing: ordered.filter((k) => k.use === 'sig').map((k) => open(k) as JWK),
    cookies: ordered.filter((k) => k.use === 'cookie').map((k) => (open(k) as { secret: string }).secret),
    fingerprint: ordered.map((k) => `${k.kid}:${k.retiredAt ? 'r' : 'a'}`).join(','),
  };
}
