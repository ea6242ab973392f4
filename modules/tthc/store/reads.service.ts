import { desc, inArray, sql } from 'drizzle-orm';
import { maskIdNumber, queryRows, type Db, type Principal, type Queryable } from '../../../packages/platform/index.ts';
import { personalDataReads } from '../db/schema.ts';
import type { CitizenIdentity } from '../dossier/dossier.actions.ts';
import { registerSubjects } from '../dossier/dossier.register.ts';
import type { StoreKeys, Subject } from './store.keys.ts';

/** Whose data was read: the person's id and, for an organisation's dossier, its enterprise code. */
export interface DataSubjects {
  personalId?: string | null | undefined;
  enterpriseCode?: string | null | undefined;
}

/** One read of personal data by an official or a system, as `recordPersonalDataRead` takes it. */
export interface PersonalDataRead {
  subjects: DataSubjects;
  /** Who read: the signed-in official or the system client (a named system, e.g. `lgsp`, when not a principal). */
  reader: Principal | { system: string; name: string };
  /** The agency the reader read for; by default the agency of the reader's first grant. */
  agencyId?: string | null | undefined;
  /** What was read, as the person will see it (Vietnamese). */
  what: string;
  /** The API path or message that read it (for the audit trail). */
  target: string;
  /** Why (Vietnamese): shown to the person. */
  purpose: string;
}

export interface DataReadView {
  at: string;
  readerName: string;
  readerKind: 'official' | 'system' | 'person';
  agencyName: string | null;
  what: string;
  purpose: string;
  /** Whose data (masked): the person, or the organisation they represent. */
  subject: string;
  subjectKind: 'person' | 'organisation';
}

export const subjectsOf = (s: DataSubjects): Subject[] => [
  ...(s.personalId ? [{ kind: 'person' as const, id: s.personalId }] : []),
  ...(s.enterpriseCode ? [{ kind: 'organisation' as const, id: s.enterpriseCode }] : []),
];

/** The store (and read-log) keys a signed-in citizen answers for: their own and their enterprise's. */
export const ownSubjects = (identity: Pick<CitizenIdentity, 'personalId' | 'enterpriseCode'>): Subject[] =>
  subjectsOf({ personalId: identity.personalId, enterpriseCode: identity.enterpriseCode });

export interface ReadsDeps {
  db: Db;
  keys: StoreKeys;
  agencyName(id: string): Promise<string | undefined>;
  citizenIdentity(userId: string): Promise<CitizenIdentity | undefined>;
  now: () => Date;
}

/**
 * "Who read my data" (Ai đã xem dữ liệu của tôi): every read of a person's data by an official
 * or a system is one row per data subject, keyed by the subject's keyed hash; the person reads
 * their rows in the store. Reads by the person themself are not recorded.
 */
export function createDataReads(deps: ReadsDeps) {
  const { db, keys } = deps;

  async function readerOf(reader: PersonalDataRead['reader']): Promise<{ actor: string; name: string; kind: DataReadView['readerKind']; own: Set<string> }> {
    if ('system' in reader) return { actor: `client:${reader.system}`, name: reader.name, kind: 'system', own: new Set() };
    if (reader.kind === 'system') return { actor: `client:${reader.clientId}`, name: reader.clientId, kind: 'system', own: new Set() };
    if (reader.kind === 'anonymous') return { actor: 'anonymous', name: 'anonymous', kind: 'system', own: new Set() };
    if (reader.userType === 'official') return { actor: `user:${reader.userId}`, name: reader.displayName, kind: 'official', own: new Set() };
    const identity = await deps.citizenIdentity(reader.userId);
    return { actor: `user:${reader.userId}`, name: reader.displayName, kind: 'person', own: new Set(identity ? ownSubjects(identity).map(keys.subject) : []) };
  }

  /** Subjects may name what was read of each (the register's rows); `read.what` otherwise. */
  async function insert(read: Omit<PersonalDataRead, 'subjects'>, subjects: { key: string; masked: string; what?: string }[], q: Queryable): Promise<number> {
    const reader = await readerOf(read.reader);
    const others = subjects.filter((s) => !reader.own.has(s.key));
    if (others.length === 0) return 0;
    const grantAgency = 'system' in read.reader || read.reader.kind === 'anonymous' ? undefined : read.reader.grants[0]?.agencyId;
    const agencyId = read.agencyId ?? grantAgency ?? null;
    const agencyName = agencyId ? (await deps.agencyName(agencyId)) ?? null : null;
    await (q as Db).insert(personalDataReads).values(others.map((s) => ({
      subjectKey: s.key, subjectMasked: s.masked, reader: `${reader.kind}|${reader.actor}`, readerName: reader.name,
      agencyId, agencyName, what: (s.what ?? read.what).slice(0, 300), target: read.target.slice(0, 500), purpose: read.purpose.slice(0, 300), at: deps.now(),
    })));
    return others.length;
  }

  /** Records one read (one row per data subject); answers how many rows were written (0 for the person's own read). */
  const record = (read: PersonalDataRead, q: Queryable = db): Promise<number> =>
    insert(read, subjectsOf(read.subjects).map((s) => ({ key: keys.subject(s), masked: maskIdNumber(s.id) })), q);

  return {
    record,
    /** A read of a subject known only by its keyed hash (a shared store document). */
    recordKeyed: (read: Omit<PersonalDataRead, 'subjects'> & { subjectKey: string; subjectMasked: string }): Promise<number> =>
      insert(read, [{ key: read.subjectKey, masked: read.subjectMasked }], db),

    /**
     * A read of a dossier (its view, a file, a printed form) by whoever is not its applicant: the
     * agency recorded is the one of the reader's grants that holds the dossier, else its owner.
     */
    async dossierRead(principal: Principal, dossierId: string, what: (code: string) => string, target: string, purpose: string): Promise<void> {
      if (principal.kind === 'anonymous') return;
      const [row] = await queryRows<{ code: string; applicant: DataSubjects; applicant_subject: string | null; agency_id: string; agency_scope: string[] }>(db, sql`
        select code, applicant, applicant_subject, agency_id, agency_scope from tthc.dossiers where id = ${dossierId}`);
      if (!row) return;
      if (principal.kind === 'user' && principal.userType === 'citizen' && row.applicant_subject === principal.userId) return;
      const held = principal.grants.find((g) => row.agency_scope.includes(g.agencyId))?.agencyId;
      await record({ subjects: row.applicant, reader: principal, agencyId: held ?? row.agency_id, what: what(row.code), target, purpose });
    },

    /** The tracking register of a desk for a period was read: every dossier on it is a read of its applicant's name and contact. */
    async registerRead(principal: Principal, deskAgencyId: string, from: string, to: string): Promise<void> {
      const rows = await registerSubjects(db, deskAgencyId, from, to);
      const subjects = rows.flatMap((row) => subjectsOf(row.applicant).map((s) => ({
        key: keys.subject(s), masked: maskIdNumber(s.id), what: `Dòng của hồ sơ ${row.code} trong sổ theo dõi hồ sơ (${from} – ${to})`,
      })));
      // One statement per thousand rows: a year's register is a few thousand reads.
      for (let i = 0; i < subjects.length; i += 1000) {
        await insert({ reader: principal, agencyId: deskAgencyId, what: 'Sổ theo dõi hồ sơ', target: `/api/tthc/desks/${deskAgencyId}/register`, purpose: 'Theo dõi, báo cáo việc tiếp nhận và trả kết quả hồ sơ' }, subjects.slice(i, i + 1000), db);
      }
    },

    /** The reads of the signed-in person's data (and of the enterprise they represent), newest first. */
    async mine(subjects: Subject[], page: { limit: number; offset: number }): Promise<{ total: number; items: DataReadView[] }> {
      const byKey = new Map(subjects.map((s) => [keys.subject(s), s.kind]));
      if (byKey.size === 0) return { total: 0, items: [] };
      const where = inArray(personalDataReads.subjectKey, [...byKey.keys()]);
      const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(personalDataReads).where(where)) as [{ total: number }];
      const rows = await db.select().from(personalDataReads).where(where).orderBy(desc(personalDataReads.at), desc(personalDataReads.id)).limit(page.limit).offset(page.offset);
      return {
        total,
        items: rows.map((r) => ({
          at: r.at.toISOString(), readerName: r.readerName, readerKind: r.reader.split('|')[0] as DataReadView['readerKind'], agencyName: r.agencyName,
          what: r.what, purpose: r.purpose, subject: r.subjectMasked, subjectKind: byKey.get(r.subjectKey) ?? 'person',
        })),
      };
    },
  };
}

export type DataReads = ReturnType<typeof createDataReads>;
