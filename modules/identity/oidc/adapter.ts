import { and, eq, sql } from 'drizzle-orm';
import { sha256Hex, type Db } from '../../../packages/platform/index.ts';
import { oidcPayloads } from '../db/schema.ts';
import type { Revocation } from '../token-cache.ts';

type Payload = Record<string, unknown> & { jti?: string; grantId?: string; userCode?: string; uid?: string; consumed?: number };

/** Access tokens the API accepts: destroying one must reach every replica's token cache. */
const BEARER = new Set(['AccessToken', 'ClientCredentials']);

/** Tokens issued for a grant: revoking the grant removes them all. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * oidc-provider's storage adapter over PostgreSQL/PGlite: sessions, interactions, grants, codes
 * and tokens survive a restart and are shared by every replica.
 *
 * Records are keyed by the SHA-256 of their id and stored without it (`jti`): for tokens, codes
 * and sessions the id is the credential itself, so a copy of the table yields nothing usable.
 * The provider always looks records up by the value it was handed, which hashes to the key.
 */
export function createOidcAdapter(db: Db, revoked: (r: Revocation) => Promise<void>) {
  return class DatabaseAdapter {
    readonly type: string;

    constructor(name: string) {
      this.type = name;
    }

    async upsert(id: string, input: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const { jti: _jti, ...payload } = input;
      const row = {
        id: sha256Hex(id),
        type: this.type,
        payload,
        grantId: GRANTABLE.has(this.type) || this.type === 'Grant' ? (payload.grantId ?? null) : null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt,
      };
      await db
        .insert(oidcPayloads)
        .values(row)
        .onConflictDoUpdate({ target: [oidcPayloads.type, oidcPayloads.id], set: { payload, grantId: row.grantId, userCode: row.userCode, uid: row.uid, expiresAt } });
    }

    private async findWhere(where: ReturnType<typeof and>, jti?: string): Promise<Payload | undefined> {
      const [row] = await db
        .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.type, this.type), where, sql`(${oidcPayloads.expiresAt} is null or ${oidcPayloads.expiresAt} > now())`))
        .limit(1);
      if (!row) return undefined;
      // Records found by uid or user code carry no id the provider could use; by id, it is the one asked for.
      const payload = jti === undefined ? (row.payload as Payload) : { ...(row.payload as Payload), jti };
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }

    find(id: string) {
      return this.findWhere(eq(oidcPayloads.id, sha256Hex(id)), id);
    }

    findByUid(uid: string) {
      return this.findWhere(eq(oidcPayloads.uid, uid));
    }

    findByUserCode(userCode: string) {
      return this.findWhere(eq(oidcPayloads.userCode, userCode));
    }

    async consume(id: string): Promise<void> {
      await db.update(oidcPayloads).set({ consumedAt: new Date() }).where(and(eq(oidcPayloads.type, this.type), eq(oidcPayloads.id, sha256Hex(id))));
    }

    async destroy(id: string): Promise<void> {
      const key = sha256Hex(id);
      const [gone] = await db.delete(oidcPayloads).where(and(eq(oidcPayloads.type, this.type), eq(oidcPayloads.id, key))).returning({ payload: oidcPayloads.payload });
      if (BEARER.has(this.type)) await revoked({ token: key });
      else if (this.type === 'Grant') await revoked({ grant: id });
      // Sign-out: tokens bound to the session stop verifying; re-check the account's cached ones.
      else if (this.type === 'Session' && typeof (gone?.payload as Payload | undefined)?.accountId === 'string') {
        await revoked({ account: (gone?.payload as { accountId: string }).accountId });
      }
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
      // The provider calls this once per token model; one signal (with the access tokens') is enough.
      if (this.type === 'AccessToken') await revoked({ grant: grantId });
    }
  };
}

/** Removes expired provider records; run periodically by one replica at a time (idempotent). */
export async function purgeExpiredOidcPayloads(db: Db): Promise<void> {
  await db.delete(oidcPayloads).where(sql`${oidcPayloads.expiresAt} < now() - interval '1 hour'`);
}
