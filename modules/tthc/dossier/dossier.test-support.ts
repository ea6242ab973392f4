// Shared by the dossier tests: a seeded province (catalog, identity with demo officials, the
// procedure catalogue), the tthc module on a real database, a clock the test moves, callers.
import { sql } from 'drizzle-orm';
import { MemoryBlobStore, loadConfig, queryRows, type Principal } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import { createCatalogModule, type CatalogService } from '../../catalog/index.ts';
import { createIdentityModule } from '../../identity/index.ts';
import { createPaymentModule, type PaymentModule } from '../../payment/index.ts';
import { createSigningModule, type SigningModule } from '../../signing/index.ts';
import { communesOfCatalog, createPostalModule, type PostalModule } from '../../postal/index.ts';
import type { Submission } from './dossier.intake.ts';
import type { Dossier } from './dossier.types.ts';
import { createTthcModule, type TthcModule } from '../index.ts';
import type { Database } from '../../../packages/platform/index.ts';

export interface World {
  database: Database;
  catalog: CatalogService;
  tthc: TthcModule;
  clock: { now: Date; set(iso: string): void };
  blobs: MemoryBlobStore;
  /** Demo officials with province-wide grants: desk, specialist, leader. */
  desk: Principal;
  specialist: Principal;
  leader: Principal;
  /** A citizen signed in through VNeID (an account exists with this personal id). */
  citizen: Principal;
  citizenId: string;
  /** An official whose only grant is another commune's desk. */
  stranger: Principal;
  /** A person signing in through VNeID with these claims (their account is created or refreshed). */
  signInWithVneid(claims: Parameters<ReturnType<typeof createIdentityModule>['service']['linkCitizen']>[0]): Promise<Principal>;
  agencyId(code: string): Promise<string>;
  /** The offering of a procedure (national code) at an agency (code). */
  offering(nationalCode: string, agencyCode: string): Promise<string>;
  count(table: string): Promise<number>;
  /** The payment module wired as tthc's fee service (`setUpWorld(…, …, { payments: true })`). */
  payment?: PaymentModule;
  /** The signing module wired as tthc's result signing (`setUpWorld(…, env with SIGNING_*, { signing: true })`). */
  signing?: SigningModule;
  /** The postal module wired as tthc's postal service (`setUpWorld(…, { VNPOST_API_URL }, { postal: true })`). */
  postal?: PostalModule;
  close(): Promise<void>;
}

export const BIRTH_FORM_DATA = {
  requester: { fullName: 'Nguyễn Văn An', idNumber: '087090001234', relationship: 'Cha' },
  // Ethnicity and nationality are codes of the shared code lists: 01 Kinh, VN Việt Nam.
  child: { fullName: 'Nguyễn Thị Sen', dateOfBirth: '2026-11-20', sex: 'Nữ', ethnicity: '01', nationality: 'VN', placeOfBirth: 'Bệnh viện Đa khoa Đồng Tháp' },
  mother: { fullName: 'Trần Thị Hoa', dateOfBirth: '1995-04-02', ethnicity: '01', nationality: 'VN', residence: 'Phường Cao Lãnh, Tỉnh Đồng Tháp' },
};

/** `env` adds configuration (e.g. `PUBLIC_URL`) to the test defaults. */
export async function setUpWorld(startAt = '2026-11-23T02:00:00.000Z', env: Record<string, string> = {}, options: { payments?: boolean; signing?: boolean; postal?: boolean } = {}): Promise<World> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', ...env });
  const ctx = { db: database.db, config, listen: database.listen };
  const catalogModule = createCatalogModule(ctx);
  await catalogModule.seed();
  const catalog = catalogModule.service;
  const identity = createIdentityModule(ctx, catalog);
  await identity.service.seedRoles();
  const root = await catalog.rootAgency();
  await identity.seedDemo({ root: root.id, desk: root.id });
  const clock = { now: new Date(startAt), set(iso: string) { this.now = new Date(iso); } };
  const blobs = new MemoryBlobStore();
  const payment = options.payments ? createPaymentModule(ctx, { agencies: catalog, now: () => clock.now }) : undefined;
  const signing = options.signing ? createSigningModule(ctx, { blobs, agencies: catalog, now: () => clock.now }) : undefined;
  const postal = options.postal ? createPostalModule(ctx, { communes: communesOfCatalog(catalog), now: () => clock.now }) : undefined;
  const tthc = createTthcModule(ctx, {
    catalog, people: identity.people, blobs, now: () => clock.now, referenceTtlMs: 0, ...(payment ? { payments: payment.service } : {}), ...(signing ? { results: signing } : {}),
    ...(postal ? { postal: postal.service } : {}),
  });
  await tthc.seed();

  const user = async (username: string) => {
    const row = await identity.service.repo.userByUsername(username);
    return identity.service.principalForUser(row!.id);
  };
  const account = await identity.service.linkCitizen({ personalId: '087090001234', fullName: 'Nguyễn Văn An' });
  const agencyId = async (code: string) => (await catalog.findAgencyByCode(code))!.id;
  const x003 = await agencyId('TAM.H19.X003');
  return {
    database, catalog, tthc, clock, blobs, ...(payment ? { payment } : {}), ...(signing ? { signing } : {}), ...(postal ? { postal } : {}),
    desk: await user('motcua'), specialist: await user('chuyenvien'), leader: await user('lanhdao'),
    citizen: await identity.service.principalForUser(account.id), citizenId: account.id,
    stranger: { kind: 'user', userId: 'stranger', userType: 'official', displayName: 'Cán bộ xã khác', grants: [{ agencyId: x003, scope: 'agency', permissions: ['dossier.receive', 'dossier.process', 'dossier.approve', 'dossier.read'] }] },
    agencyId,
    signInWithVneid: async (claims) => identity.service.principalForUser((await identity.service.linkCitizen(claims)).id),
    async offering(nationalCode, agencyCode) {
      const procedure = await tthc.procedures.getByCode(nationalCode);
      const offerings = await tthc.procedures.listOfferings({ agencyId: await agencyId(agencyCode), procedureId: procedure.id });
      return offerings[0]!.id;
    },
    async count(table) {
      const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`));
      return row!.n;
    },
    close: () => database.close(),
  };
}

export const birthSubmission = (formData: Record<string, unknown> = BIRTH_FORM_DATA): Submission => ({
  applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', phone: '0912345678', email: 'nguyen.an@example.com', address: { line: 'Số 12, Khóm 2', commune: 'Phường Cao Lãnh', province: 'Tỉnh Đồng Tháp' } },
  formData: { 'to-khai': formData },
  files: [],
});

/** Every dossier table's row count: a refused call must leave them all unchanged. */
export async function footprint(world: World): Promise<string> {
  const tables = ['tthc.dossiers', 'tthc.dossier_events', 'tthc.tasks', 'tthc.handovers', 'tthc.dossier_files', 'tthc.notifications', 'platform.jobs', 'tthc.code_counters'];
  const counts = await Promise.all(tables.map((t) => world.count(t)));
  const versions = await queryRows<{ v: string }>(world.database.db, sql`select coalesce(sum(version), 0)::text as v from tthc.dossiers`);
  return `${tables.map((t, i) => `${t}=${counts[i]}`).join(' ')} versions=${versions[0]!.v}`;
}

export const act = (world: World, principal: Principal, dossier: Pick<Dossier, 'id' | 'version'>, command: Record<string, unknown>, key?: string) =>
  world.tthc.dossiers.act(principal, dossier.id, { ...command, expectedVersion: dossier.version } as never, key);

/** The smallest file the content check recognises as a PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function upload(world: World, principal: Principal, partCode: string): Promise<{ uploadId: string; partCode: string }> {
  const view = await world.tthc.uploads.accept(principal, { fileName: `${partCode}.pdf`, declaredType: 'application/pdf', bytes: PDF_BYTES });
  return { uploadId: view.id, partCode };
}
