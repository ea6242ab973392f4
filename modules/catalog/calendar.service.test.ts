import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, queryRows, type Principal } from '../../packages/platform/index.ts';
import { createTestDatabase, rejectsWith } from '../../packages/platform/testing.ts';
import type { Database } from '../../packages/platform/index.ts';
import { sql } from 'drizzle-orm';
import { createCatalogModule, type CatalogModule } from './index.ts';
import { editorOn } from './test-support.ts';



describe('working calendar (database)', () => {
  let database: Database;
  let catalog: CatalogModule;
  let admin: Principal;
  let communeId: string;

  before(async () => {
    database = await createTestDatabase();
    catalog = createCatalogModule({ db: database.db, config: loadConfig({}) });
    await catalog.seed();
    admin = editorOn((await catalog.service.rootAgency()).id);
    communeId = (await catalog.service.findAgencyByCode('TAM.H19.X007'))!.id;
  });
  after(async () => database.close());

  it('counts working days across Tết and weekends', async () => {
    assert.equal(await catalog.service.addWorkingDays('2026-02-12', 2), '2026-02-23');
    assert.equal(await catalog.service.workingDaysBetween('2026-02-12', '2026-02-23'), 2);
    assert.equal(await catalog.service.isWorkingDay('2026-02-17'), false);
    assert.equal(await catalog.service.addWorkingDays(new Date('2026-02-12T20:00:00Z'), 1), '2026-02-23'); // already 13/2 in Vietnam
  });

  it('applies province-wide exceptions, and agency overrides to that agency only', async () => {
    const bridge = await catalog.service.addException(admin, { date: '2026-02-23', kind: 'day_off', name: 'Nghỉ bắc cầu' });
    assert.equal(await catalog.service.addWorkingDays('2026-02-12', 2), '2026-02-24');
    await catalog.service.addException(admin, { date: '2026-02-23', kind: 'working_day', name: 'Trực tiếp nhận hồ sơ', agencyId: communeId });
    assert.equal(await catalog.service.addWorkingDays('2026-02-12', 2, communeId), '2026-02-23');
    assert.equal(await catalog.service.addWorkingDays('2026-02-12', 2), '2026-02-24');
    await assert.rejects(catalog.service.addException(admin, { date: '2026-02-23', kind: 'day_off', name: 'again' }), rejectsWith(409, 'catalog.exception_exists'));
    const communeEditor = editorOn(communeId);
    await assert.rejects(catalog.service.removeException(communeEditor, bridge.id), rejectsWith(403, 'auth.out_of_scope'));
    await catalog.service.removeException(admin, bridge.id);
    assert.equal(await catalog.service.addWorkingDays('2026-02-12', 2), '2026-02-23');
  });

  it('seeds the 2025 and 2026 decisions once, even with two seeders at once', async () => {
    await Promise.all([catalog.seed(), catalog.seed()]);
    const rows = await queryRows<{ year: number; n: number }>(database.db, sql`select year, count(*)::int as n from catalog.calendar_decisions group by year order by year`);
    assert.deepEqual(rows.map((r) => [r.year, r.n]), [[2025, 13], [2026, 16]]);
  });

  it('counts across the 2025 and 2026 decisions: Tết, swapped Saturdays, National Day', async () => {
    const s = catalog.service;
    assert.equal(await s.addWorkingDays('2025-01-24', 1), '2025-02-03'); // Tết 27–31/1/2025, no make-up day
    assert.equal(await s.isWorkingDay('2025-04-26'), true); // worked for Friday 2 May
    assert.equal(await s.isWorkingDay('2025-05-02'), false);
    assert.equal(await s.addWorkingDays('2025-04-29', 1), '2025-05-05');
    assert.equal(await s.isWorkingDay('2026-01-02'), false); // off for Saturday 10 January
    assert.equal(await s.addWorkingDays('2026-01-09', 1), '2026-01-10');
    assert.equal(await s.addWorkingDays('2026-02-13', 1), '2026-02-23'); // Tết 16–20/2/2026
    assert.equal(await s.addWorkingDays('2026-08-21', 1), '2026-08-22'); // Saturday 22/8 worked
    assert.equal(await s.addWorkingDays('2026-08-28', 1), '2026-09-03'); // 31/8 swapped, 1–2/9 National Day
    assert.equal(await s.addWorkingDays('2026-12-05', 0), '2026-12-07'); // same day, received on a Saturday
    const y2025 = await s.yearCalendar(2025);
    assert.equal(y2025.decided, true);
    assert.equal(y2025.daysOff.filter((d) => d.kind !== 'weekend').length, 12, '11 statutory days + Friday 2/5 swapped');
    assert.ok(y2025.daysOff.every((d) => d.source === 'decision' && !d.provisional && d.document));
  });

  it('lists a year with reasons and honours the National Day choice', async () => {
    const year = await catalog.service.yearCalendar(2027);
    assert.ok(year.daysOff.some((d) => d.date === '2027-02-06' && d.name === 'Tết Nguyên đán'));
    assert.ok(year.daysOff.some((d) => d.date === '2027-09-01'));
    await catalog.service.setYearRules(admin, 2027, { nationalDayAdjacent: 'after' });
    const after = await catalog.service.yearCalendar(2027);
    assert.equal(after.nationalDayAdjacent, 'after');
    assert.ok(after.daysOff.some((d) => d.date === '2027-09-03') && !after.daysOff.some((d) => d.date === '2027-09-01'));
    assert.equal(await catalog.service.isWorkingDay('2027-09-01'), true);
  });
});
