// `npm run bench -- stats`: the one-stop statistics on PostgreSQL (skeleton). Loads dossiers in
// bulk as the tthc benchmark does, writes their facts through the real change hook (the
// backfill), then measures p50/p95 of the province's figures, of one agency's and of a
// drill-down, against the baseline of one plain count over all dossiers in the same run.
// BENCH_DOSSIERS changes the volume (default 20,000: about a minute on a small machine; issue 12
// asks for 2,000,000, which needs a bulk fact load instead of the per-dossier backfill).
import { sql } from 'drizzle-orm';
import { loadConfig, migrate, vietnamDate, type Principal } from '../packages/platform/index.ts';
import { buildApp } from '../apps/server/app.ts';
import { freshDatabase, load, percentile } from './tthc.ts';

const TOTAL = Number(process.env.BENCH_DOSSIERS ?? 20_000);
const RUNS = 20;

async function timed(task: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function run(): Promise<void> {
  const { database, drop } = await freshDatabase();
  try {
    await migrate(database.db);
    const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', DATABASE_URL: 'postgres://bench' });
    const platform = await buildApp(config, database);
    await platform.seed();
    const { analytics, catalog } = platform.modules;
    console.log(`stats (PostgreSQL, ${TOTAL.toLocaleString('en')} dossiers)`);
    await load(database, TOTAL);
    const started = performance.now();
    const written = await analytics.backfill();
    const backfillSeconds = (performance.now() - started) / 1000;
    await database.db.execute(sql`analyze analytics.dossier_facts`);

    const root = await catalog.service.rootAgency();
    const leader: Principal = { kind: 'user', userId: 'bench', userType: 'official', displayName: 'bench', grants: [{ agencyId: root.id, scope: 'subtree', permissions: ['report.read'] }] };
    const [busiest] = (await analytics.oneStop.report(leader, { period: vietnamDate().slice(0, 4) })).rows;
    const year = vietnamDate().slice(0, 4);
    const baseline = await timed(() => database.db.execute(sql`select count(*) from tthc.dossiers where received_at is not null`));
    const province = await timed(() => analytics.oneStop.report(leader, { period: year }));
    const agency = await timed(() => analytics.oneStop.report(leader, { period: year, agency: busiest!.key, groupBy: 'procedure' }));
    const drill = await timed(() => analytics.oneStop.dossiers(leader, { period: year, figure: 'overdue', limit: 50, offset: 0 }));
    const row = (name: string, t: { p50: number; p95: number }) =>
      console.log(`  ${name.padEnd(40)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  (${(t.p95 / baseline.p95).toFixed(1)}× the plain count)`);
    console.log(`  backfill through the change hook         ${written.toLocaleString('en')} dossiers in ${backfillSeconds.toFixed(1)} s (${(written / backfillSeconds).toFixed(0)}/s)`);
    row('baseline: count(*) over the dossiers', baseline);
    row('province, by agency, with last year', province);
    row('one agency, by procedure, with last year', agency);
    row('drill-down: overdue dossiers, first page', drill);
    await platform.app.close();
  } finally {
    await drop();
  }
}
