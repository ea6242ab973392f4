// Shared by the analytics tests: the whole platform on a real database with a clock the test
// moves, a caller holding every dossier permission, and dossiers driven through their life.
import { sql } from 'drizzle-orm';
import { loadConfig, queryRows, vietnamDate, type Database, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase } from '../../packages/platform/testing.ts';
import { buildApp, type Platform } from '../../apps/server/app.ts';
import { officialToken, type TestPlatform } from '../../apps/server/testing.ts';
import type { Dossier } from '../tthc/index.ts';
import { hashClientSecret } from '../identity/index.ts';

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PERMISSIONS = ['dossier.receive', 'dossier.process', 'dossier.approve', 'dossier.read', 'report.read'];

export interface StatsWorld {
  platform: Platform;
  database: Database;
  clock: { now: Date; set(iso: string): void };
  /** An official holding every dossier permission and report.read over the whole province. */
  official: Principal;
  agencyId(code: string): Promise<string>;
  /** Files at the counter (accepted unless `accept: false`) or from the national portal (then accepted by the desk unless `accept: false`). */
  file(nationalCode: string, agencyCode: string, options?: { channel?: 'counter' | 'dvcqg'; accept?: boolean }): Promise<Dossier>;
  act(dossier: Dossier, command: Record<string, unknown>, principal?: Principal): Promise<Dossier>;
  /** Through the process steps (approving) to ready_to_return. */
  decide(dossier: Dossier): Promise<Dossier>;
  /** The payment service reporting the fee paid (`online` or `counter`). */
  paid(dossier: Dossier, method: 'online' | 'counter'): Promise<Dossier>;
  rate(dossier: Dossier, score: number): Promise<void>;
  close(): Promise<void>;
}

export async function setUpStatsWorld(startAt: string): Promise<StatsWorld> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', PORT: '8080' });
  const clock = { now: new Date(startAt), set(iso: string) { this.now = new Date(iso); } };
  const platform = await buildApp(config, database, { now: () => clock.now });
  await platform.seed();
  await platform.app.ready();
  const { tthc, catalog } = platform.modules;
  const root = await catalog.service.rootAgency();
  const official: Principal = { kind: 'user', userId: 'stats-official', userType: 'official', displayName: 'Cán bộ thống kê', grants: [{ agencyId: root.id, scope: 'subtree', permissions: PERMISSIONS }] };
  const payment: Principal = { kind: 'system', clientId: 'payment', grants: [{ agencyId: root.id, scope: 'subtree', permissions: ['dossier.read'] }] };
  const agencyId = async (code: string) => (await catalog.service.findAgencyByCode(code))!.id;
  let external = 0;

  const act = (dossier: Dossier, command: Record<string, unknown>, principal: Principal = official) =>
    tthc.dossiers.act(principal, dossier.id, { ...command, expectedVersion: dossier.version } as never);

  return {
    platform, database, clock, official, agencyId, act,
    async file(nationalCode, agencyCode, options = {}) {
      const procedure = await tthc.procedures.getByCode(nationalCode);
      const [offering] = await tthc.procedures.listOfferings({ agencyId: await agencyId(agencyCode), procedureId: procedure.id });
      const portal: Principal = { kind: 'system', clientId: 'dvcqg', grants: [{ agencyId: root.id, scope: 'subtree', permissions: ['dossier.receive'] }] };
      const uploader = options.channel === 'dvcqg' ? portal : official;
      const files = [];
      for (const part of procedure.parts.filter((p) => p.required !== false)) {
        files.push({ uploadId: (await tthc.uploads.accept(uploader, { fileName: `${part.code}.pdf`, declaredType: 'application/pdf', bytes: PDF_BYTES })).id, partCode: part.code });
      }
      const submission = { applicant: { kind: 'citizen' as const, fullName: 'Nguyễn Văn An' }, formData: {}, files };
      if (options.channel === 'dvcqg') {
        external += 1;
        const { dossier } = await tthc.dossiers.receiveFromNationalPortal(portal, { externalCode: `G22.99.${String(external).padStart(6, '0')}`, offeringId: offering!.id, submission });
        return options.accept === false ? dossier : act(dossier, { action: 'accept' });
      }
      return (await tthc.dossiers.receiveAtCounter(official, { offeringId: offering!.id, submission, accept: options.accept !== false })).dossier;
    },
    async decide(dossier) {
      let current = dossier;
      while (current.status === 'processing') {
        const view = await tthc.dossiers.get(official, current.id);
        const step = view.allowed.steps[0]!;
        const transition = step.actions.find((a) => a.action === 'approve') ?? step.actions[0]!;
        current = await act(view, { action: 'transition', stepId: step.stepId, transition: transition.action, comment: 'Đồng ý' });
      }
      return current;
    },
    paid: (dossier, method) => act(dossier, { action: 'payment_received', purpose: 'intake', method }, payment),
    async rate(dossier, score) {
      const { lookupSecret } = await tthc.dossiers.secretFor(official, dossier.id);
      await tthc.ratings.rateByLookup(dossier.code, lookupSecret, { score });
    },
    async close() {
      await platform.app.close();
      await database.close();
    },
  };
}

/** The raw dossiers as tthc stores them, for recounting without the facts. */
export interface RawDossier {
  id: string;
  agencyId: string;
  procedureId: string;
  fieldCode: string;
  procedureFullyOnline: boolean;
  channel: string;
  status: string;
  receivedOn: string | null;
  finishedOn: string | null;
  dueDate: string | null;
  originalDueDate: string | null;
  apologised: boolean;
  flags: Record<string, boolean>;
  rating: number | null;
  inputFiles: number;
  resultFiles: number;
}

export async function rawDossiers(database: Database): Promise<RawDossier[]> {
  const rows = await queryRows<Omit<RawDossier, 'receivedOn' | 'finishedOn'> & { receivedAt: string | null; finishedAt: string | null }>(database.db, sql`
    select d.id, d.agency_id as "agencyId", d.procedure_id as "procedureId", p.field_code as "fieldCode", p.fully_online as "procedureFullyOnline",
      d.channel, d.status, d.received_at as "receivedAt", d.finished_at as "finishedAt", d.due_date::text as "dueDate", d.original_due_date::text as "originalDueDate",
      d.apologised, d.flags, r.score as rating,
      (select count(*)::int from tthc.dossier_files f where f.dossier_id = d.id and f.kind in ('input', 'supplement')) as "inputFiles",
      (select count(*)::int from tthc.dossier_files f where f.dossier_id = d.id and f.kind = 'result') as "resultFiles"
    from tthc.dossiers d join tthc.procedures p on p.id = d.procedure_id left join tthc.ratings r on r.dossier_id = d.id`);
  const day = (at: string | null) => (at ? vietnamDate(new Date(at)) : null);
  return rows.map(({ receivedAt, finishedAt, ...r }) => ({ ...r, receivedOn: day(receivedAt), finishedOn: day(finishedAt), rating: r.rating === null ? null : Number(r.rating) }));
}

/** A bearer token of a service client holding `permissions` at the agency (and its subtree). */
export async function clientToken(w: StatsWorld, agencyId: string, permissions: string[]): Promise<string> {
  const { identity } = w.platform.modules;
  const clientId = `stats-${Math.random().toString(36).slice(2, 8)}`;
  await identity.service.repo.insertServiceClient({ clientId, name: 'statistics test', secretHash: hashClientSecret('stats-secret'), agencyId, permissions });
  const response = await w.platform.app.inject({
    method: 'POST', url: '/oidc/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:stats-secret`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }).toString(),
  });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { access_token: string }).access_token;
}

/** The demo leader (province-wide report.read) signed in through the platform's own SSO. */
export const leaderToken = (w: StatsWorld): Promise<string> => officialToken({ app: w.platform.app } as TestPlatform, 'lanhdao', 'Lanhdao@2026!');

/** The pre-aggregates' rows that count (a bucket's all-zero row is the same as none), in a stable order. */
export async function aggregates(database: Database): Promise<{ buckets: Record<string, unknown>[]; pairs: Record<string, unknown>[] }> {
  const buckets = await queryRows<Record<string, unknown>>(database.db, sql`select * from analytics.figure_buckets order by grain, day, agency_id, procedure_id, field_code`);
  const pairs = await queryRows<Record<string, unknown>>(database.db, sql`select * from analytics.duration_pairs where n <> 0 order by finished_on, received_on, agency_id, procedure_id, field_code`);
  const counts = (row: Record<string, unknown>) => Object.entries(row).filter(([k, v]) => typeof v === 'number' && k !== 'procedure_name');
  return { buckets: buckets.filter((b) => counts(b).some(([, v]) => v !== 0)).map(({ procedure_name: _name, ...b }) => b), pairs };
}
