// `npm run bench -- dvcqg-sync`: how long a dossier change takes to be acknowledged by the
// national portal (DVCQG sandbox over real HTTP) when the portal is flaky and slow. Files
// BENCH_SYNC_DOSSIERS dossiers (default 40) and takes each through its whole life (filed,
// received, processing, result, returned: five national statuses), while two workers sync in
// the background. Fault injection: BENCH_SYNC_ERROR_RATE (default 0.3) of the portal's answers
// are 503, each answer is delayed BENCH_SYNC_LATENCY_MS (default 50) plus up to 100 ms.
// Lag = acknowledged by the portal − committed in Sen (both read from the database clock).
// Backoff: base BENCH_SYNC_BACKOFF_S (default 1 s) doubling, capped at 30 s, so the run ends in
// minutes; production uses the job platform's 5 s × 4ⁿ (the printed model gives its figures).
// Database: PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
import { sql } from 'drizzle-orm';
import { DEFAULT_ADMIN_TOKEN, dvcqgSandbox, startSandbox } from '../apps/sandbox/index.ts';
import { createDvcqgPortal, createMailer, createSmsSender } from '../packages/national/index.ts';
import { JobRunner, queryRows, retryDelaySeconds } from '../packages/platform/index.ts';
import { NATIONAL_SYNC_QUEUE } from '../modules/tthc/index.ts';
import { createTestPlatform } from '../apps/server/testing.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const BIRTH = {
  requester: { fullName: 'Nguyễn Văn An', idNumber: '087090001234', relationship: 'Cha' },
  child: { fullName: 'Nguyễn Thị Sen', dateOfBirth: '2026-11-20', sex: 'Nữ', ethnicity: 'Kinh', nationality: 'Việt Nam', placeOfBirth: 'Bệnh viện Đa khoa Đồng Tháp' },
  mother: { fullName: 'Trần Thị Hoa', dateOfBirth: '1995-04-02', ethnicity: 'Kinh', nationality: 'Việt Nam', residence: 'Phường Cao Lãnh, Tỉnh Đồng Tháp' },
};

const DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 40);
const ERROR_RATE = Number(process.env.BENCH_SYNC_ERROR_RATE ?? 0.3);
const LATENCY_MS = Number(process.env.BENCH_SYNC_LATENCY_MS ?? 50);
const BACKOFF_S = Number(process.env.BENCH_SYNC_BACKOFF_S ?? 1);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Expected wait before success with failure probability q and a delay schedule, by simulation (no network). */
function modelLag(q: number, delay: (attempt: number) => number, trials = 100_000): { p50: number; p95: number; p99: number } {
  const waits: number[] = [];
  for (let t = 0; t < trials; t++) {
    let wait = 0;
    for (let attempt = 1; attempt <= 10 && Math.random() < q; attempt++) wait += delay(attempt);
    waits.push(wait);
  }
  return { p50: percentile(waits, 50), p95: percentile(waits, 95), p99: percentile(waits, 99) };
}

export async function run(): Promise<void> {
  const t = await createTestPlatform({ PUBLIC_URL: 'https://dichvucong.dongthap.example' });
  const { tthc, identity } = t.modules;
  const official = async (username: string) => identity.service.principalForUser((await identity.service.repo.userByUsername(username))!.id);
  const [desk, specialist, leader] = await Promise.all(['motcua', 'chuyenvien', 'lanhdao'].map(official));
  const citizen = await identity.service.principalForUser((await identity.service.linkCitizen({ personalId: '087090001234', fullName: 'Nguyễn Văn An' })).id);
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [dvcqgSandbox()] });
  const headers = { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, 'content-type': 'application/json' };
  await fetch(`${sandbox.url}/_admin/faults/dvcqg`, { method: 'PUT', headers, body: JSON.stringify({ errorRate: ERROR_RATE, failStatus: 503, latencyMs: LATENCY_MS, latencyJitterMs: 100 }) });
  const portal = createDvcqgPortal({ apiUrl: `${sandbox.url}/dvcqg`, clientId: 'sen-dongthap', clientSecret: 'sandbox-dvcqg-secret-h19', timeoutMs: 5000 });
  const handlers = tthc.jobHandlers({
    mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'x@example.com' }), sms: createSmsSender({ apiUrl: 'http://127.0.0.1:9', clientId: 'x', apiKey: 'x', brandname: 'X' }),
    dvcqg: portal, dvcqgSync: { retryDelaySeconds: (n) => Math.min(30, BACKOFF_S * 2 ** (n - 1)) },
  });
  const workers = [1, 2].map(() => new JobRunner(t.database.db, { handlers: { [NATIONAL_SYNC_QUEUE]: handlers[NATIONAL_SYNC_QUEUE]! }, pollIntervalMs: 100 }));
  workers.forEach((r) => r.start());

  const procedure = await tthc.procedures.getByCode('1.001193');
  const agency = (await t.modules.catalog.service.findAgencyByCode('TAM.H19.X001'))!;
  const offeringId = (await tthc.procedures.listOfferings({ agencyId: agency.id, procedureId: procedure.id }))[0]!.id;
  type Step = { id: string; version: number };
  const act = (principal: typeof desk, dossier: Step, command: Record<string, unknown>) =>
    tthc.dossiers.act(principal!, dossier.id, { ...command, expectedVersion: dossier.version } as never);
  const started = performance.now();
  const codes: string[] = [];
  for (let i = 0; i < DOSSIERS; i++) {
    const file = await tthc.uploads.accept(citizen, { fileName: 'giay-chung-sinh.pdf', declaredType: 'application/pdf', bytes: PDF });
    const submission = {
      applicant: { kind: 'citizen' as const, fullName: 'Nguyễn Văn An', phone: '0912345678', email: 'nguyen.an@example.com' },
      formData: { 'to-khai': BIRTH }, files: [{ uploadId: file.id, partCode: 'giay-chung-sinh' }],
    };
    let dossier: Step = (await tthc.dossiers.submitOnline(citizen, { offeringId, submission })).dossier;
    codes.push((dossier as Step & { code: string }).code);
    dossier = await act(desk, dossier, { action: 'accept' });
    dossier = await act(desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    dossier = await act(specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
    dossier = await act(leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });
    await act(desk, dossier, { action: 'return', method: 'desk' });
  }
  const filedIn = (performance.now() - started) / 1000;
  for (;;) {
    const [open] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from tthc.national_syncs where state <> 'sent'`);
    if (open!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await Promise.all(workers.map((r) => r.stop()));
  const rows = await queryRows<{ lag: number; attempts: number }>(t.database.db, sql`
    select extract(epoch from sent_at - created_at)::float8 as lag, attempts from tthc.national_syncs`);
  const lags = rows.map((r) => Number(r.lag));
  let inOrder = 0;
  let entries = 0;
  for (const code of codes) {
    const copy = (await (await fetch(`${sandbox.url}/dvcqg/_admin/dossiers/${code}`, { headers })).json()) as { history: { status: number }[] };
    entries += copy.history.length;
    if (copy.history.map((h) => h.status).join() === '1,2,4,9,10') inOrder += 1;
  }
  const production = modelLag(ERROR_RATE, retryDelaySeconds);
  console.log(JSON.stringify({
    database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    faults: { errorRate: ERROR_RATE, latencyMs: `${LATENCY_MS}+0..100` },
    backoff: `${BACKOFF_S}s doubling, cap 30s`,
    dossiers: DOSSIERS, syncs: rows.length, attempts: rows.reduce((s, r) => s + r.attempts, 0), changesMadeInSeconds: Number(filedIn.toFixed(1)),
    lagSeconds: { p50: Number(percentile(lags, 50).toFixed(2)), p95: Number(percentile(lags, 95).toFixed(2)), max: Number(Math.max(...lags).toFixed(2)) },
    portal: { dossiersWithEveryStatusInOrder: `${inOrder}/${DOSSIERS}`, historyEntries: entries, duplicates: entries - DOSSIERS * 5 },
    productionBackoffModelSeconds: production,
  }, null, 2));
  await sandbox.close();
  await t.close();
}
