import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, type App } from '../../../packages/platform/index.ts';
import { appWithHeaderPrincipals, citizen, principalWith, setUpCatalogue, type TestCatalogue } from '../catalogue/procedure.test-support.ts';
import { createFeeScheduleAdmin } from './fee.admin.ts';
import { feeRoutes } from './fee.routes.ts';

describe('fee schedules: administrators keep them as dated data per offering', () => {
  let t: TestCatalogue;
  let app: App;
  let offeringId: string;
  let today = '2026-03-02T02:00:00.000Z';
  const as = (who: string) => ({ 'x-test-principal': who });
  const url = (validFrom = '2026-01-01', id = offeringId) => `/api/tthc/offerings/${id}/fee-schedules/${validFrom}`;
  const schedule = (overrides: Record<string, unknown> = {}) => ({
    stage: 'intake', stopsClock: true, verified: false, sourceDocument: 'Nghị quyết 10/2025/NQ-HĐND',
    lines: [
      { code: 'LP-A', name: 'Lệ phí (miễn cho hộ nghèo)', amount: 0, kind: 'charge', when: { field: 'to-khai.doiTuong', in: ['ho-ngheo'] } },
      { code: 'LP-A', name: 'Lệ phí', amount: 15_000, kind: 'charge' },
    ],
    ...overrides,
  });
  const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from tthc.fee_schedules where offering_id = ${offeringId}`))[0]!.n;

  before(async () => {
    t = await setUpCatalogue();
    const [offering] = await t.procedures.listOfferings({});
    offeringId = offering!.id;
    const elsewhere = (await t.catalog.listAgencies()).find((a) => a.id !== offering!.agencyId && a.parentId !== null && a.id !== t.rootId)!;
    app = appWithHeaderPrincipals(t.database.db, { editor: t.editor, citizen, other: principalWith(elsewhere.id, ['procedure.edit'], 'agency') });
    const admin = createFeeScheduleAdmin(t.database.db, (id) => t.catalog.agencyAncestors(id));
    await app.register(feeRoutes(t.database.db, () => new Date(today), admin), { prefix: '/api/tthc' });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await t.database.close();
  });

  it('a schedule from a date; a later one ends it; the public page shows the one in force; a correction replaces its date', async () => {
    const first = await app.inject({ method: 'PUT', url: url('2026-01-01'), payload: schedule(), headers: as('editor') });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual([first.json().validFrom, first.json().validTo, first.json().lines.length], ['2026-01-01', null, 2]);
    const later = await app.inject({ method: 'PUT', url: url('2026-07-01'), payload: schedule({ lines: [{ code: 'LP-A', name: 'Lệ phí mới', amount: 20_000, kind: 'charge' }] }), headers: as('editor') });
    assert.equal(later.statusCode, 200);

    const list = await app.inject({ url: `/api/tthc/offerings/${offeringId}/fee-schedules`, headers: as('editor') });
    assert.deepEqual(list.json().items.map((s: { validFrom: string; validTo: string | null }) => [s.validFrom, s.validTo]), [['2026-01-01', '2026-07-01'], ['2026-07-01', null]]);

    assert.equal((await app.inject({ url: `/api/tthc/offerings/${offeringId}/fees` })).json().schedule.lines[1].amount, 15_000);
    today = '2026-07-01T02:00:00.000Z';
    assert.equal((await app.inject({ url: `/api/tthc/offerings/${offeringId}/fees` })).json().schedule.lines[0].amount, 20_000);

    const corrected = await app.inject({ method: 'PUT', url: url('2026-01-01'), payload: schedule({ verified: true, sourceDocument: '  Nghị quyết 12/2025/NQ-HĐND ' }), headers: as('editor') });
    assert.deepEqual([corrected.json().verified, corrected.json().sourceDocument, corrected.json().validTo], [true, 'Nghị quyết 12/2025/NQ-HĐND', '2026-07-01']);
    assert.equal(await count(), 2);

    const [audit] = await queryRows<{ action: string; outcome: number }>(t.database.db, sql`select action, outcome from platform.audit_log where target like ${`%${offeringId}/fee-schedules/2026-01-01`} order by seq desc limit 1`);
    assert.deepEqual(audit, { action: 'PUT /api/tthc/offerings/:id/fee-schedules/:validFrom', outcome: 200 });
  });

  it('refuses callers without procedure.edit on the offering’s agency, and writes nothing', async () => {
    const before = await count();
    assert.equal((await app.inject({ method: 'PUT', url: url('2026-09-01'), payload: schedule() })).statusCode, 401);
    const citizenPut = await app.inject({ method: 'PUT', url: url('2026-09-01'), payload: schedule(), headers: as('citizen') });
    assert.equal(citizenPut.statusCode, 403);
    const outOfScope = await app.inject({ method: 'PUT', url: url('2026-09-01'), payload: schedule(), headers: as('other') });
    assert.deepEqual([outOfScope.statusCode, outOfScope.json().code], [403, 'auth.out_of_scope']);
    assert.equal((await app.inject({ url: `/api/tthc/offerings/${offeringId}/fee-schedules`, headers: as('citizen') })).statusCode, 403);
    const missing = await app.inject({ method: 'PUT', url: url('2026-09-01', '00000000-0000-4000-8000-000000000000'), payload: schedule(), headers: as('editor') });
    assert.deepEqual([missing.statusCode, missing.json().code], [404, 'tthc.offering_not_found']);
    assert.equal(await count(), before);
  });

  it('bad input: 400 for the shape, 422 tthc.fee_schedule_invalid for the rules, nothing written', async () => {
    const before = await count();
    const refuse = async (validFrom: string, payload: unknown, status: number, code: string) => {
      const res = await app.inject({ method: 'PUT', url: url(validFrom), payload: payload as object, headers: as('editor') });
      assert.deepEqual([res.statusCode, res.json().code], [status, code], res.body);
      return res.json();
    };
    await refuse('2026-09-01', { ...schedule(), admin: true }, 400, 'request.invalid');
    await refuse('2026-09-01', schedule({ lines: [] }), 400, 'request.invalid');
    await refuse('2026-09-01', schedule({ lines: [{ code: 'LP-A', name: 'x', amount: -1, kind: 'charge' }] }), 400, 'request.invalid');
    await refuse('2026-09-01', schedule({ stage: 'whenever' }), 400, 'request.invalid');
    await refuse('2026-09-01', schedule({ sourceDocument: '' }), 400, 'request.invalid');
    await refuse('26-9-1', schedule(), 400, 'request.invalid');
    const badDate = await refuse('2026-02-30', schedule(), 422, 'tthc.fee_schedule_invalid');
    assert.equal(badDate.details[0].field, 'validFrom');
    const hidden = await refuse('2026-09-01', schedule({ lines: [{ code: 'LP-A', name: 'chung', amount: 1, kind: 'charge' }, { code: 'LP-A', name: 'riêng', amount: 2, kind: 'charge', when: { field: 'a.b', in: ['x'] } }] }), 422, 'tthc.fee_schedule_invalid');
    assert.equal(hidden.details[0].field, 'lines[1]');
    assert.equal(await count(), before);
  });
});
