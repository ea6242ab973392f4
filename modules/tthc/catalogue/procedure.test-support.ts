// Shared by the procedure catalogue's database tests: a seeded catalog, the catalogue under test and callers.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { anonymous, auditKeys, createHttpApp, ErrorSchema, loadConfig, queryRows, type App, type Database, type Principal } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import { createCatalogModule, type CatalogService } from '../../catalog/index.ts';
import type { NewProcedure } from './procedure.inputs.ts';
import { createProcedureCatalog, type ProcedureCatalog } from './procedure.service.ts';
import { seedProcedureCatalog } from '../seed/index.ts';

export interface TestCatalogue {
  database: Database;
  catalog: CatalogService;
  procedures: ProcedureCatalog;
  rootId: string;
  /** `procedure.edit` on the whole province. */
  editor: Principal;
  agencyId(code: string): Promise<string>;
  count(table: 'procedures' | 'offerings' | 'forms' | 'processes'): Promise<number>;
}

export const principalWith = (agencyId: string, permissions: string[], scope: 'agency' | 'subtree' = 'subtree'): Principal => ({
  kind: 'user',
  userId: `official-${agencyId}-${permissions.join('+')}`,
  userType: 'official',
  displayName: 'Cán bộ thử nghiệm',
  grants: [{ agencyId, scope, permissions }],
});

export const citizen: Principal = { kind: 'user', userId: 'citizen-1', userType: 'citizen', displayName: 'Nguyễn Văn An', grants: [] };

/** A fresh database with the catalog seeded and, unless asked otherwise, the procedure catalogue too. */
export async function setUpCatalogue(options: { seedProcedures?: boolean } = {}): Promise<TestCatalogue> {
  const database = await createTestDatabase();
  const catalogModule = createCatalogModule({ db: database.db, config: loadConfig({}) });
  await catalogModule.seed();
  const catalog = catalogModule.service;
  const procedures = createProcedureCatalog(database.db, catalog);
  if (options.seedProcedures ?? true) await seedProcedureCatalog(database.db, catalog);
  const rootId = (await catalog.rootAgency()).id;
  return {
    database,
    catalog,
    procedures,
    rootId,
    editor: principalWith(rootId, ['procedure.edit']),
    async agencyId(code) {
      const agency = await catalog.findAgencyByCode(code);
      if (!agency) throw new Error(`no agency ${code}`);
      return agency.id;
    },
    async count(table) {
      const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from tthc.${table}`));
      return row?.n ?? 0;
    },
  };
}

/** A valid procedure to create; tests override what they are about. */
export function sampleProcedure(overrides: Partial<NewProcedure> = {}): NewProcedure {
  return {
    nationalCode: '1.999001',
    name: 'Cấp giấy phép thử nghiệm',
    fieldCode: 'thuong-mai',
    level: 'province',
    implementingAgencies: ['Sở Công thương'],
    applicantTypes: ['organisation'],
    methods: ['online', 'counter'],
    processingDays: 10,
    fees: [{ kind: 'fee', name: 'Phí thẩm định', amountVnd: 500_000 }],
    parts: [{ code: 'don-de-nghi', name: 'Đơn đề nghị', required: true, originals: 1, copies: 0 }],
    legalBases: [{ number: '01/2026/NĐ-CP', title: 'Nghị định thử nghiệm', issuedOn: '2026-01-05' }],
    resultType: 'Giấy phép',
    ...overrides,
  };
}

/**
 * Test-only wiring: an HTTP app whose caller is chosen by the `x-test-principal` header (one of
 * `principals`, each given the `api` scope) instead of a bearer token.
 */
export function appWithHeaderPrincipals(db: Database['db'], principals: Record<string, Principal>): App {
  const scoped = Object.fromEntries(Object.entries(principals).map(([key, principal]) => [key, { ...principal, scopes: ['api'] } as Principal]));
  const app = createHttpApp({
    db,
    auditKeys: auditKeys(randomBytes(32).toString('hex')),
    logLevel: 'silent',
    bodyLimitBytes: 1_048_576,
    authenticate: async (request) => scoped[request.headers['x-test-principal'] as string] ?? anonymous,
  });
  app.addSchema(ErrorSchema);
  return app;
}
