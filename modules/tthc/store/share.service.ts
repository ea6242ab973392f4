import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, canActOn, forbidden, maskIdNumber, newId, notFound, randomToken, sha256Hex, unauthorized, unprocessable, type Db, type Principal } from '../../../packages/platform/index.ts';
import { storeShares } from '../db/schema.ts';
import type { AgencyCalendar } from '../dossier/dossier.deps.ts';
import type { DataReads } from './reads.service.ts';
import type { StoreKeys } from './store.keys.ts';
import type { StoreService } from './store.service.ts';

/** The longest a share link lives: 30 days. */
export const MAX_SHARE_HOURS = 720;

export type ShareRecipient = { kind: 'person'; personalId: string } | { kind: 'agency'; agencyCode: string };

export interface ShareView {
  id: string;
  documentId: string;
  documentTitle: string;
  recipientKind: 'person' | 'agency';
  recipientLabel: string;
  createdAt: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  lastUsedAt: string | null;
}

/** Officials read a shared document for the agency the link names when they hold any dossier permission there. */
const AGENCY_READ = ['dossier.read', 'dossier.receive', 'dossier.process', 'dossier.approve'];

type Row = typeof storeShares.$inferSelect;

export interface ShareDeps {
  db: Db;
  keys: StoreKeys;
  store: StoreService;
  reads: DataReads;
  catalog: Pick<AgencyCalendar, 'findAgencyByCode' | 'agencyAncestors'>;
  now: () => Date;
}

const shareNotFound = () => notFound('store.share_not_found', 'Không tìm thấy chia sẻ / No such share');

/**
 * Sharing a store document by a time-limited link bound to one recipient: a person (their
 * personal id, kept as its keyed hash) or an agency. The link's token is shown once and kept
 * hashed; the holder can revoke it. A link used after expiry or revocation, or by anyone but its
 * recipient, is refused and changes nothing.
 */
export function createShareService(deps: ShareDeps) {
  const { db, keys, store } = deps;

  const view = (row: Row, now: Date): ShareView => ({
    id: row.id, documentId: row.documentRef, documentTitle: row.documentTitle, recipientKind: row.recipientKind as ShareView['recipientKind'],
    recipientLabel: row.recipientLabel, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active', lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  });

  async function ownKeys(principal: Principal): Promise<string[]> {
    return (await store.subjectsOf(principal)).map(keys.subject);
  }

  return {
    async share(principal: Principal, ref: string, input: { recipient: ShareRecipient; hours: number }): Promise<ShareView & { token: string }> {
      const doc = await store.resolve(principal, ref);
      if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > MAX_SHARE_HOURS) {
        throw unprocessable('store.share_hours_out_of_range', `Thời hạn chia sẻ từ 1 đến ${MAX_SHARE_HOURS} giờ / A share lasts 1 to ${MAX_SHARE_HOURS} hours`);
      }
      let recipientKey: string;
      let recipientLabel: string;
      if (input.recipient.kind === 'person') {
        recipientKey = keys.subject({ kind: 'person', id: input.recipient.personalId });
        recipientLabel = maskIdNumber(input.recipient.personalId);
      } else {
        const agency = await deps.catalog.findAgencyByCode(input.recipient.agencyCode);
        if (!agency) throw unprocessable('store.share_unknown_agency', 'Không có cơ quan với mã này / No agency has this code', { agencyCode: input.recipient.agencyCode });
        recipientKey = agency.id;
        recipientLabel = agency.name;
      }
      const token = randomToken(32);
      const now = deps.now();
      const row: Row = {
        id: newId(), tokenHash: sha256Hex(token), documentRef: ref, documentTitle: doc.title, holderKey: doc.holderKey, holderMasked: maskIdNumber(doc.holder.id),
        recipientKind: input.recipient.kind, recipientKey, recipientLabel, createdBy: principal.kind === 'user' ? `user:${principal.userId}` : 'unknown',
        createdAt: now, expiresAt: new Date(now.getTime() + input.hours * 3_600_000), revokedAt: null, lastUsedAt: null,
      };
      await db.insert(storeShares).values(row);
      return { ...view(row, now), token };
    },

    async list(principal: Principal): Promise<ShareView[]> {
      const rows = await db.select().from(storeShares).where(inArray(storeShares.holderKey, await ownKeys(principal))).orderBy(desc(storeShares.createdAt)).limit(200);
      const now = deps.now();
      return rows.map((r) => view(r, now));
    },

    async revoke(principal: Principal, id: string): Promise<void> {
      const updated = await db.update(storeShares).set({ revokedAt: deps.now() })
        .where(and(eq(storeShares.id, id), inArray(storeShares.holderKey, await ownKeys(principal)), isNull(storeShares.revokedAt))).returning({ id: storeShares.id });
      if (updated.length === 0) throw shareNotFound();
    },

    /**
     * The recipient opens the link. Refusals carry stable codes (the route logs them): unknown
     * token 404, revoked or expired 410, someone else 403. An official's read is recorded in the
     * holder's "who read my data".
     */
    async open(principal: Principal, token: string): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
      if (principal.kind === 'anonymous') throw unauthorized();
      const [row] = await db.select().from(storeShares).where(eq(storeShares.tokenHash, sha256Hex(token)));
      if (!row) throw shareNotFound();
      const now = deps.now();
      if (row.revokedAt) throw new AppError(410, 'store.share_revoked', 'Chia sẻ đã bị thu hồi / The share was revoked');
      if (row.expiresAt <= now) throw new AppError(410, 'store.share_expired', 'Liên kết chia sẻ đã hết hạn / The share link has expired');
      let allowed: boolean;
      if (row.recipientKind === 'person') {
        allowed = principal.kind === 'user' && principal.userType === 'citizen' && (await ownKeys(principal).catch((): string[] => [])).includes(row.recipientKey);
      } else {
        const ancestors = await deps.catalog.agencyAncestors(row.recipientKey);
        allowed = AGENCY_READ.some((p) => canActOn(principal, p, row.recipientKey, ancestors));
      }
      if (!allowed) throw forbidden('store.share_wrong_recipient', 'Liên kết này được chia sẻ cho người hoặc cơ quan khác / This link was shared with someone else');
      const file = await store.fileForShare(row.documentRef, row.holderKey);
      await db.update(storeShares).set({ lastUsedAt: now }).where(eq(storeShares.id, row.id));
      await deps.reads.recordKeyed({
        subjectKey: row.holderKey, subjectMasked: row.holderMasked, reader: principal, agencyId: row.recipientKind === 'agency' ? row.recipientKey : null,
        what: `Tài liệu trong kho: ${row.documentTitle}`, target: `/api/tthc/store/shared/${row.id}`, purpose: 'Xem tài liệu được chủ dữ liệu chia sẻ',
      });
      return file;
    },
  };
}

export type ShareService = ReturnType<typeof createShareService>;
