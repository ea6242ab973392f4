// `npm run bench -- tthc`: the one-stop system at provincial scale, on PostgreSQL. Loads
// 1,000,000 dossiers spread over agencies, procedures and states, then measures in the same run:
//   - filing a dossier (the real service: checks, code allocation, row, files, first event) per
//     second, as a ratio of plain single-row INSERTs per second on the same database;
//   - p50/p95 of an official's queue page and of the public look-up by code.
// Targets (issue 4): filing ≥ 30 % of the plain-insert rate; queue page and look-up p95 ≤ 50 ms.
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the server; a fresh database is made and dropped.
// BENCH_DOSSIERS changes the volume (default 1,000,000).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig, migrate, openDatabase, queryRows, type Database, type Principal } from '../packages/platform/index.ts';
import { buildApp } from '../apps/server/app.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const BATCH = 100_000;

export async function freshDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const name = `sen_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  return {
    database,
    async drop() {
      await database.close();
      const dropper = new pg.Client({ connectionString: SERVER });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * A database kept between runs (`name`, made when missing): a bench that loads millions of rows
 * loads them once and later runs reuse them (bench/stats.ts, BENCH_STATS_DATABASE).
 */
export async function keptDatabase(name: string): Promise<{ database: Database; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  return { database, drop: () => database.close() };
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function rate(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < n; i = next++) await task(i);
  }));
  return n / ((performance.now() - started) / 1000);
}

/**
 * Historic dossiers in bulk, straight into the tables (what an import from OpenCPS would leave),
 * submitted over the two years before now. With `history`, each batch's statement also writes
 * their events (submit, accept, the final one), their files (an input file for 8 in 10, a result
 * file for 7 in 10 returned), ratings (3 in 10 returned) and fees paid (online or at the desk).
 */
export async function load(database: Database, total = TOTAL, options: { history?: boolean } = {}): Promise<void> {
  const offerings = await queryRows<{ id: string; agency_id: string; desk_agency_id: string; procedure_id: string; process_key: string; code: string; name: string }>(database.db, sql`
    select o.id, o.agency_id, o.desk_agency_id, o.procedure_id, o.process_key, a.code, p.name
    from tthc.offerings o join catalog.agencies a on a.id = o.agency_id join tthc.procedures p on p.id = o.procedure_id order by o.id`);
  const rows = sql.join(offerings.map((o, i) =>
    sql`(${o.id}::uuid, ${o.agency_id}::uuid, ${o.desk_agency_id}::uuid, ${o.procedure_id}::uuid, ${o.process_key}, ${o.code}, ${o.name}, ${i + 1}::int)`), sql`, `);
  const started = performance.now();
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    const insert = sql`
      insert into tthc.dossiers (id, code, agency_id, desk_agency_id, procedure_id, offering_id, process_key, process_version, channel, status,
        agency_scope, applicant, applicant_subject, form_data, flags, submitted_at, received_at, due_date, original_due_date, lookup_secret_hash, search, result, finished_at)
      select gen_random_uuid(),
             o.agency_code || '-' || to_char(g.submitted_at, 'YYMMDD') || '-H' || lpad(g.i::text, 7, '0'),
             o.agency_id, o.desk_agency_id, o.procedure_id, o.id, o.process_key, 1,
             (array['online','online','counter','counter','dvcqg'])[1 + g.i % 5],
             case when g.s < 820 then 'completed' when g.s < 840 then 'rejected' when g.s < 850 then 'withdrawn' when g.s < 855 then 'cancelled'
                  when g.s < 925 then 'processing' when g.s < 955 then 'submitted' when g.s < 975 then 'supplement_requested'
                  when g.s < 980 then 'paused' else 'ready_to_return' end,
             jsonb_build_array(o.agency_id),
             jsonb_build_object('kind', 'citizen', 'fullName', (array['Nguyễn','Trần','Lê','Phạm','Huỳnh','Võ'])[1 + g.i % 6] || ' ' ||
                (array['Văn','Thị','Minh','Ngọc'])[1 + g.i % 4] || ' ' || (array['An','Bình','Hoa','Lan','Phúc','Sen','Tâm','Đức'])[1 + g.i % 8],
                'personalId', '087' || lpad((g.i % 1000000000)::text, 9, '0')),
             case when g.i % 5 < 2 then 'citizen-' || (g.i % 50000) end,
             '{}'::jsonb,
             ${options.history ? sql`case g.i % 7 when 0 then '{"feePaid": true, "feePaidOnline": true}'::jsonb when 1 then '{"feePaid": true, "feePaidOnline": false}'::jsonb else '{}'::jsonb end` : sql`'{}'::jsonb`},
             g.submitted_at,
             case when g.s >= 925 and g.s < 975 then null else g.submitted_at + interval '2 hours' end,
             (g.submitted_at + make_interval(days => 1 + g.i % 20))::date, (g.submitted_at + make_interval(days => 1 + g.i % 20))::date,
             md5(g.i::text), public.sen_fold(o.agency_code || ' ' || o.procedure_name),
             case when g.s < 820 then 'approved' end,
             case when g.s < 855 then g.submitted_at + make_interval(days => g.i % 20) end
      from g join o on o.n = g.pick`;
    const history = sql`,
      d as (${insert} returning id, code, agency_id, desk_agency_id, procedure_id, status, submitted_at, received_at, finished_at),
      events as (
        insert into tthc.dossier_events (dossier_id, at, actor, actor_name, action, from_status, to_status, visible_to_applicant, details)
        select id, submitted_at, 'bench', 'bench', 'submit', null, 'submitted', true, '{}'::jsonb from d
        union all select id, received_at, 'bench', 'bench', 'accept', 'submitted', 'processing', true, '{}'::jsonb from d where received_at is not null
        union all select id, finished_at, 'bench', 'bench', 'finish', 'processing', status, true, '{}'::jsonb from d where finished_at is not null),
      files as (
        insert into tthc.dossier_files (id, dossier_id, part_code, kind, blob_key, file_name, content_type, size, uploaded_by, uploaded_at)
        select gen_random_uuid(), id, 'don', 'input', 'bench/' || id, 'don.pdf', 'application/pdf', 1000, 'bench', submitted_at from d where right(code, 1) < '8'
        union all select gen_random_uuid(), id, null, 'result', 'bench/r/' || id, 'ket-qua.pdf', 'application/pdf', 1000, 'bench', finished_at
        from d where status = 'completed' and right(code, 2) < '70'),
      rated as (
        insert into tthc.ratings (dossier_id, agency_id, desk_agency_id, procedure_id, score, via, rated_at)
        select id, agency_id, desk_agency_id, procedure_id, 1 + ascii(right(code, 1)) % 5, 'lookup', finished_at from d
        where status = 'completed' and right(code, 2) between '40' and '69')
      select count(*) from d`;
    await database.db.execute(sql`
      with o(id, agency_id, desk_agency_id, procedure_id, process_key, agency_code, procedure_name, n) as (values ${rows}), g as (
        select i, (i::bigint * 7919) % ${offerings.length} + 1 as pick, i % 1000 as s,
               now() - make_interval(days => (i * 31) % 730, secs => (i * 13) % 86400) as submitted_at
        from generate_series(${from}::int, ${to}::int) i
      )${options.history ? history : insert}`);
    process.stdout.write(`\r  loaded ${to.toLocaleString('en')} dossiers (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await database.db.execute(sql`
    insert into tthc.tasks (dossier_id, step_id, agency_id, since, due_date)
    select id, 'tham_dinh', agency_id, submitted_at, due_date from tthc.dossiers where status = 'processing'`);
  await database.db.execute(sql`analyze`);
  process.stdout.write(`\r  loaded ${total.toLocaleString('en')} dossiers${options.history ? ' with their events, files and ratings' : ''} and their tasks in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

export async function run(): Promise<void> {
  const { database, drop } = await freshDatabase();
  try {
    await migrate(database.db);
    const config = loadConfig({ LOG_LEVEL: 'silent', SANDBOX: 'false', DEMO: 'true', DATABASE_URL: SERVER });
    const platform = await buildApp(config, database);
    await platform.seed();
    const { tthc, identity, catalog } = platform.modules;
    console.log(`tthc (PostgreSQL, ${TOTAL.toLocaleString('en')} dossiers)`);
    await load(database);

    // Baseline: the simplest write this database can do, one row per statement.
    await database.db.execute(sql`create table public.bench_plain (id bigserial primary key, payload text not null)`);
    const plain = await rate(4000, 8, async (i) => void (await database.db.execute(sql`insert into public.bench_plain (payload) values (${`row ${i}`})`)));

    const desk = await identity.service.principalForUser((await identity.service.repo.userByUsername('motcua'))!.id);
    // Filings arrive at many desks at once: every offering whose required parts are files (no e-form), in turn.
    const targets: { offeringId: string; parts: string[]; agencyId: string }[] = [];
    for (const offering of await tthc.procedures.listOfferings({})) {
      const context = await tthc.procedures.offeringContext(offering.id);
      const required = context?.procedure.parts.filter((p) => p.required) ?? [];
      if (context && offering.active && required.every((p) => !p.formKey)) targets.push({ offeringId: offering.id, parts: required.map((p) => p.code), agencyId: offering.agencyId });
    }
    const N = 2000;
    const filings: Parameters<typeof tthc.dossiers.receiveAtCounter>[1][] = [];
    for (let i = 0; i < N; i++) {
      const target = targets[i % targets.length]!;
      const files: { uploadId: string; partCode: string }[] = [];
      for (const partCode of target.parts) {
        const upload = await tthc.uploads.accept(desk, { fileName: `${partCode}.pdf`, declaredType: 'application/pdf', bytes: Buffer.from(`%PDF-1.4\n% ${i} ${partCode}\n%%EOF\n`) });
        files.push({ uploadId: upload.id, partCode });
      }
      filings.push({ offeringId: target.offeringId, accept: false, submission: { applicant: { kind: 'citizen' as const, fullName: 'Lê Thị Mai', personalId: '087190004321' }, formData: {}, files } });
    }
    const filed: { code: string; secret: string }[] = [];
    const submissions = await rate(N, Number(process.env.BENCH_CONCURRENCY ?? 8), async (i) => {
      const result = await tthc.dossiers.receiveAtCounter(desk, filings[i]!);
      filed.push({ code: result.dossier.code, secret: result.lookupSecret });
    });

    const agencies = (await catalog.service.listAgencies()).filter((a) => a.kind === 'commune' || a.kind === 'department' || a.kind === 'central');
    const queues = ['to_receive', 'to_process', 'waiting_supplement', 'due_soon', 'overdue', 'ready_to_return', 'all'] as const;
    const timed = async (n: number, task: (i: number) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) await task(i); // warm-up
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await task(i);
        times.push(performance.now() - started);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const official: Principal = desk;
    const queue = await timed(400, (i) => tthc.dossiers.queue(official, { queue: queues[i % queues.length]!, agencyId: agencies[(i * 7) % agencies.length]!.id, limit: 20, offset: 0 }));
    const lookup = await timed(400, (i) => tthc.dossiers.lookup(filed[(i * 37) % filed.length]!.code, filed[(i * 37) % filed.length]!.secret));
    const [{ n: total }] = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from tthc.dossiers`) as [{ n: string }];

    console.log(`  dossiers in the database                ${Number(total).toLocaleString('en')}`);
    console.log(`  baseline: plain single-row INSERT       ${plain.toFixed(0)}/s`);
    console.log(`  filing a dossier (${targets.length} desks, service) ${submissions.toFixed(0)}/s   ${((submissions / plain) * 100).toFixed(1)} % of baseline (target ≥ 30 %)`);
    console.log(`  official's queue page (20 rows)         p50 ${queue.p50.toFixed(1)} ms   p95 ${queue.p95.toFixed(1)} ms (target p95 ≤ 50 ms)`);
    console.log(`  public look-up by code                  p50 ${lookup.p50.toFixed(1)} ms   p95 ${lookup.p95.toFixed(1)} ms (target p95 ≤ 50 ms)`);
    await platform.app.close();
  } finally {
    await drop();
  }
}
