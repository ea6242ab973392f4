import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError, badRequest, foldVietnamese, forbidden, newId, queryRows, type Db, type Principal, type Queryable } from '../../../packages/platform/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { prefills } from '../db/schema.ts';
import type { PeopleDirectory } from '../dossier/dossier.actions.ts';
import type { Dossier } from '../dossier/dossier.types.ts';
import type { FormVersion } from '../catalogue/procedure.types.ts';
import { bindingsOf, conditionHolds, populationParts, readBinding, valueAt, type Binding, type CitizenRecord, type EnterpriseRecord, type NationalSource } from './bindings.ts';
import type { Exchange, NationalGateway } from './lgsp.client.ts';
import type { DataSubjects, PersonalDataRead } from '../store/reads.service.ts';

/**
 * Once-only data: the fields of an e-form that the national population or business-registration
 * database holds, fetched through LGSP → NDXP for the signed-in citizen (their own VNeID personal
 * id, and their enterprise when they signed in as its representative) or, for an official, for the
 * applicant of a dossier in the official's scope. Every value carries its provenance; what was
 * fetched is kept, and at filing attached to the dossier with whether the applicant changed it.
 */

/** Names shown to people for each source. */
export const SOURCE_NAMES: Record<NationalSource, string> = {
  population: 'CSDL quốc gia về dân cư',
  business: 'CSDL quốc gia về đăng ký doanh nghiệp',
};

export interface PrefilledField {
  pointer: string;
  value: string | number;
  source: NationalSource;
  fetchedAt: string;
  messageId: string;
}

export interface PrefillAnswer {
  /** Give it with the filing (`submission.prefills[partCode]`) to keep the provenance with the dossier. */
  id: string;
  formKey: string;
  fields: PrefilledField[];
  /**
   * Bound fields that stay empty, and why: `not_found` (no such record), `no_enterprise` (not signed
   * in for one), `no_value`, `other_party` (a conditional group, `x-national-if`, that describes
   * someone else: the other party of a marriage).
   */
  missing: { pointer: string; source: NationalSource; reason: 'not_found' | 'no_enterprise' | 'no_value' | 'other_party' }[];
}

export interface FieldProvenance {
  pointer: string;
  source: NationalSource;
  fetchedAt: string;
  messageId: string;
  /** The value as fetched. */
  value: string | number;
  /** The applicant filed another value than the national database's. */
  changed: boolean;
}

export interface DossierProvenance {
  parts: { partCode: string; formKey: string; requestedBy: 'applicant' | 'official'; fields: FieldProvenance[] }[];
}

export interface PrefillDeps {
  db: Db;
  people: PeopleDirectory;
  catalog: Pick<CatalogService, 'readCodeList'>;
  publishedForm(key: string): Promise<FormVersion | undefined>;
  /** The dossier as the principal may see it (throws 404 otherwise). */
  visibleDossier(principal: Principal, id: string): Promise<Dossier>;
  /** The LGSP consumer; absent when once-only lookups are not configured. */
  gateway: NationalGateway | undefined;
  /** "Who read my data" (the store's read log): each lookup for an official is shown to the person. */
  recordRead(read: PersonalDataRead): Promise<number>;
}

const noDossier = () => forbidden('prefill.no_dossier', 'Bạn không có hồ sơ nào của người này trong phạm vi xử lý / You have no dossier of this person in your scope');
const notConfigured = () => new AppError(503, 'prefill.not_configured', 'Chưa cấu hình kết nối CSDL quốc gia qua LGSP / Once-only lookups through LGSP are not configured');

/** Applicants of dossiers with this personal id (newest first), to find one the official sees. */
async function dossiersOfPerson(db: Queryable, personalId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from tthc.dossiers where applicant->>'personalId' = ${personalId} order by submitted_at desc limit 50`);
  return rows.map((r) => r.id);
}

export function createPrefillService(deps: PrefillDeps) {
  const { db } = deps;

  /** Item code of a shared code list by its code or its name (diacritics and case ignored). */
  async function codeIndex(lists: string[]): Promise<(list: string, name: string) => string | undefined> {
    const index = new Map<string, Map<string, string>>();
    for (const list of new Set(lists)) {
      const read = await deps.catalog.readCodeList(list, { limit: 10_000 }).catch(() => undefined);
      const byName = new Map<string, string>();
      if (read && !read.notModified) for (const item of read.items) { byName.set(item.code, item.code); byName.set(foldVietnamese(item.name), item.code); }
      index.set(list, byName);
    }
    return (list, name) => index.get(list)?.get(name) ?? index.get(list)?.get(foldVietnamese(name));
  }

  /** Whose data, for this principal: the citizen themself, or the applicant of a dossier the official sees. */
  async function subjectFor(principal: Principal, personalId: string | undefined): Promise<{ personalId: string; fullName: string; enterpriseCode: string | null; userId: string; official: boolean }> {
    if (principal.kind !== 'user') throw forbidden('prefill.forbidden', 'Chỉ người dùng đã đăng nhập / Signed-in people only');
    if (principal.userType === 'citizen') {
      const identity = await deps.people.citizenIdentity(principal.userId);
      if (!identity) throw forbidden('prefill.identity_required', 'Cần đăng nhập bằng VNeID / Sign in with VNeID');
      if (personalId !== undefined && personalId !== identity.personalId) throw forbidden('prefill.not_own', 'Chỉ được lấy dữ liệu của chính mình / Only your own data');
      return { personalId: identity.personalId, fullName: identity.fullName, enterpriseCode: identity.enterpriseCode, userId: `VN${identity.personalId}`, official: false };
    }
    if (personalId === undefined) throw badRequest('prefill.subject_required', 'Cần số định danh của người nộp hồ sơ / The applicant\'s personal id is required');
    // Only a person with whom the official has a dossier: nothing is fetched otherwise.
    for (const id of await dossiersOfPerson(db, personalId)) {
      const dossier = await deps.visibleDossier(principal, id).catch(() => undefined);
      if (dossier) {
        return {
          personalId, fullName: dossier.applicant.fullName, enterpriseCode: dossier.applicant.kind === 'organisation' ? dossier.applicant.enterpriseCode ?? null : null,
          userId: `VN${principal.userId}`, official: true,
        };
      }
    }
    throw noDossier();
  }

  return {
    async prefill(principal: Principal, input: { formKey: string; personalId?: string | undefined }): Promise<PrefillAnswer> {
      const subject = await subjectFor(principal, input.personalId);
      const form = await deps.publishedForm(input.formKey);
      if (!form) throw new AppError(404, 'prefill.form_not_found', 'Không có biểu mẫu này / No such published form');
      const bindings = bindingsOf(form.schema);
      const needs = new Set(bindings.map((b) => b.source));
      if (needs.size > 0 && !deps.gateway) throw notConfigured();
      const purpose = `Điền sẵn biểu mẫu ${form.title} để giải quyết thủ tục hành chính`.slice(0, 500);
      const context = { purpose, userId: subject.userId };
      const exchanges: { population?: Exchange<CitizenRecord>; business?: Exchange<EnterpriseRecord> } = {};
      // A person's own lookups are not listed in their read log (recordRead writes nothing for them).
      const logRead = (source: NationalSource, subjects: DataSubjects, messageId: string) => deps.recordRead({
        subjects, reader: principal, what: `${SOURCE_NAMES[source]}: ${form.title}`, target: `lgsp:${messageId}`, purpose,
      });
      if (needs.has('population')) {
        // Only the parts of the record this form binds (data minimisation).
        const include = populationParts(bindings);
        exchanges.population = await deps.gateway!.citizen({ personalId: subject.personalId, fullName: subject.fullName, ...(include.length ? { include } : {}) }, context);
        await logRead('population', { personalId: subject.personalId }, exchanges.population.messageId);
      }
      if (needs.has('business') && subject.enterpriseCode) {
        exchanges.business = await deps.gateway!.enterprise(subject.enterpriseCode, context);
        await logRead('business', { enterpriseCode: subject.enterpriseCode }, exchanges.business.messageId);
      }

      const codeOf = await codeIndex(bindings.flatMap((b) => (b.catalog ? [b.catalog] : [])));
      const records = {
        ...(exchanges.population?.record ? { population: exchanges.population.record } : {}),
        ...(exchanges.business?.record ? { business: exchanges.business.record } : {}),
      };
      const fields: PrefilledField[] = [];
      const missing: PrefillAnswer['missing'] = [];
      for (const binding of bindings) {
        const exchange = exchanges[binding.source];
        if (!exchange) { missing.push({ pointer: binding.pointer, source: binding.source, reason: 'no_enterprise' }); continue; }
        if (!exchange.record) { missing.push({ pointer: binding.pointer, source: binding.source, reason: 'not_found' }); continue; }
        if (binding.when && !binding.otherwise && !conditionHolds(binding.when, records)) { missing.push({ pointer: binding.pointer, source: binding.source, reason: 'other_party' }); continue; }
        const value = readBinding(binding, records, codeOf);
        if (value === null) missing.push({ pointer: binding.pointer, source: binding.source, reason: 'no_value' });
        else fields.push({ pointer: binding.pointer, value, source: binding.source, fetchedAt: exchange.fetchedAt, messageId: exchange.messageId });
      }
      const id = newId();
      await db.insert(prefills).values({
        id, requestedBy: principal.kind === 'user' ? principal.userId : 'unknown', subjectPersonalId: subject.personalId,
        enterpriseCode: exchanges.business ? subject.enterpriseCode : null, formKey: form.key, fields,
      });
      return { id, formKey: form.key, fields, missing };
    },

    /** Provenance of a dossier's prefilled values, for whoever sees the dossier. */
    async provenance(principal: Principal, dossierId: string): Promise<DossierProvenance> {
      const dossier = await deps.visibleDossier(principal, dossierId);
      const rows = await db.select().from(prefills).where(eq(prefills.dossierId, dossierId)).orderBy(desc(prefills.createdAt));
      return {
        parts: rows.map((r) => ({
          partCode: r.partCode ?? '', formKey: r.formKey, requestedBy: r.requestedBy === dossier.applicantSubject ? 'applicant' as const : 'official' as const,
          fields: (r.provenance ?? []) as FieldProvenance[],
        })),
      };
    },
  };
}

export type PrefillService = ReturnType<typeof createPrefillService>;

/**
 * At filing, in the filing's transaction: each `prefills[partCode]` answer (asked by the same
 * person, for this applicant, not yet used) is attached to the dossier with, per value, whether the
 * filed form holds another value. Unknown or foreign ids are ignored (the filing never fails for them).
 */
export async function attachPrefills(tx: Queryable & Db, dossier: Pick<Dossier, 'id' | 'applicant' | 'formData'>, chosen: Record<string, string> | undefined, requestedBy: string): Promise<void> {
  const entries = Object.entries(chosen ?? {});
  if (entries.length === 0 || !dossier.applicant.personalId) return;
  const rows = await tx.select().from(prefills).where(and(
    inArray(prefills.id, entries.map(([, id]) => id)), eq(prefills.requestedBy, requestedBy),
    eq(prefills.subjectPersonalId, dossier.applicant.personalId), isNull(prefills.dossierId),
  ));
  for (const [partCode, id] of entries) {
    const row = rows.find((r) => r.id === id);
    if (!row) continue;
    const data = (dossier.formData as Record<string, unknown>)[partCode];
    const provenance: FieldProvenance[] = (row.fields as PrefilledField[]).map((f) => ({
      pointer: f.pointer, source: f.source, fetchedAt: f.fetchedAt, messageId: f.messageId, value: f.value,
      changed: !isDeepStrictEqual(valueAt(data, pathOf(f.pointer)), f.value),
    }));
    await tx.update(prefills).set({ dossierId: dossier.id, partCode, provenance }).where(eq(prefills.id, id));
  }
}

const pathOf = (pointer: string) => pointer.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));

export type { Binding };
