import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../packages/platform/index.ts';
import { signInThrough, type SentResponse } from './testing.ts';
import { counterFilingBody, nginx, refile, send, startTwoReplicas, transportVia, uploadDeclaration, type LoadBalancer, type Replica, type ReplicaPair } from './replicas.testing.ts';
import { freePort } from './start.ts';

/**
 * A rolling restart under load: a steady stream of filings and reads goes through nginx to two
 * replicas while each in turn is stopped with SIGTERM and started again. No request may fail and
 * no filing may be lost or made twice. Figures are printed (and kept in docs/operations.md).
 */
const OPERATIONS_PER_SECOND = 10; // a third are filings (two requests each), the rest reads
// More in flight than this means the replicas are saturated (a shared CI machine): the generator
// waits rather than queue without bound, so latencies measure the restart, not a backlog.
const MAX_IN_FLIGHT = 12;
const SETTLE_MS = 3000;
// However fast the replicas restart, the stream runs at least this long.
const MIN_LOAD_MS = 30_000;

interface Sample {
  kind: 'upload' | 'filing' | 'read';
  startedAt: number;
  ms: number;
  status: number;
  error?: string;
}

describe('rolling restart of two replicas behind nginx', () => {
  let pair: ReplicaPair;
  let database: Database;
  let lb: LoadBalancer;
  let a: Replica;
  let b: Replica;

  before(async () => {
    const lbPort = await freePort();
    pair = await startTwoReplicas(`http://127.0.0.1:${lbPort}`);
    ({ database, a, b } = pair);
    lb = await nginx([a.url, b.url], lbPort);
  });

  after(async () => {
    await lb?.stop();
    await pair?.dispose();
  });

  it('each replica stopped with SIGTERM and started again in turn: no request fails, nothing is lost or duplicated', async () => {
    const { tokens } = await signInThrough(transportVia(() => lb.url), 'motcua', 'Motcua@2026!', undefined, lb.url);
    const token = tokens!.access_token;
    const auth = { authorization: `Bearer ${token}` };
    const procedure = JSON.parse((await send(`${lb.url}/api/tthc/procedures?q=xac nhan tinh trang hon nhan`)).body).items[0];
    const offeringId = JSON.parse((await send(`${lb.url}/api/tthc/procedures/${procedure.id}/offerings`)).body).items[0].id as string;

    const samples: Sample[] = [];
    const filed = new Map<string, string | undefined>(); // Idempotency-Key → dossier id
    const timed = async (kind: Sample['kind'], request: () => Promise<SentResponse>, ok: number): Promise<SentResponse | undefined> => {
      const startedAt = performance.now();
      try {
        const response = await request();
        samples.push({ kind, startedAt, ms: performance.now() - startedAt, status: response.statusCode, ...(response.statusCode === ok ? {} : { error: response.body.slice(0, 300) }) });
        return response;
      } catch (error) {
        samples.push({ kind, startedAt, ms: performance.now() - startedAt, status: 0, error: String(error) });
        return undefined;
      }
    };
    // Filing in two timed steps: the upload, then the filing that names it.
    const fileTimed = async () => {
      const key = `rolling-${randomUUID()}`;
      filed.set(key, undefined);
      const upload = await timed('upload', () => uploadDeclaration(lb.url, token), 201);
      if (upload?.statusCode !== 201) return;
      const filing = await timed('filing', () => refile(lb.url, { token, key }, counterFilingBody(offeringId, JSON.parse(upload.body).id)), 201);
      if (filing?.statusCode === 201) filed.set(key, JSON.parse(filing.body).dossier.id);
    };
    const read = async (i: number) => {
      const ids = [...filed.values()].filter((id) => id !== undefined);
      const url = i % 2 && ids.length ? `${lb.url}/api/tthc/dossiers/${ids[i % ids.length]}` : `${lb.url}/api/tthc/procedures?q=ho tich`;
      await timed('read', () => send(url, { headers: auth }), 200);
    };

    let stopping = false;
    const inFlight = new Set<Promise<void>>();
    const generator = (async () => {
      for (let i = 0; !stopping; i++) {
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const operation = i % 3 === 0 ? fileTimed() : read(i);
        inFlight.add(operation);
        void operation.finally(() => inFlight.delete(operation));
        await sleep(1000 / OPERATIONS_PER_SECOND);
      }
      await Promise.all(inFlight);
    })();

    const loadStarted = performance.now();
    await sleep(SETTLE_MS);
    const restartStarted = performance.now();
    const restarts: { replica: string; exitCode: number | null; signalledAt: number; stopMs: number; startMs: number }[] = [];
    for (const r of [a, b]) {
      const t0 = performance.now();
      const exitCode = await r.stop('SIGTERM');
      const stopMs = performance.now() - t0;
      r.start();
      const startMs = await r.ready();
      restarts.push({ replica: r.name, exitCode, signalledAt: Math.round(t0 - restartStarted), stopMs: Math.round(stopMs), startMs });
      await sleep(SETTLE_MS);
    }
    const restartEnded = performance.now();
    await sleep(Math.max(0, MIN_LOAD_MS - (restartEnded - loadStarted)));
    stopping = true;
    await generator;

    const failures = samples.filter((s) => s.error !== undefined);
    const during = samples.filter((s) => s.startedAt >= restartStarted && s.startedAt <= restartEnded);
    const longest = samples.reduce((m, s) => Math.max(m, s.ms), 0);
    const sortedMs = samples.map((s) => s.ms).sort((x, y) => x - y);
    // The longest time in which no response at all came back.
    const finishes = samples.map((s) => s.startedAt + s.ms).sort((x, y) => x - y);
    const longestGap = finishes.reduce((m, t, i) => (i ? Math.max(m, t - finishes[i - 1]!) : m), 0);
    const percentile = (p: number) => Math.round(sortedMs[Math.min(sortedMs.length - 1, Math.floor(p * sortedMs.length))] ?? 0);
    const dossierIds = [...filed.values()];
    const [stored] = await queryRows<{ n: number; distinct_keys: number }>(database.db, sql`
      select (select count(*)::int from tthc.dossiers) as n, (select count(*)::int from platform.idempotency_keys) as distinct_keys`);
    const found = await queryRows<{ id: string }>(database.db, sql`select id from tthc.dossiers`);
    const foundIds = new Set(found.map((r) => r.id));
    const log = lb.accessLog();
    const perUpstream = (u: Replica) => log.filter((line) => line.includes(new URL(u.url).host)).length;
    const retried = log.filter((line) => line.split(' ')[2]?.endsWith(',')).length;

    const seconds = (performance.now() - (samples[0]?.startedAt ?? 0)) / 1000;
    const figures = {
      requests: samples.length,
      requestsPerSecond: Math.round((samples.length / seconds) * 10) / 10,
      requestsDuringRestart: during.length,
      filings: dossierIds.length,
      failures: failures.length,
      lost: dossierIds.filter((id) => id === undefined || !foundIds.has(id)).length,
      duplicated: stored!.n - dossierIds.length,
      longestStallMs: Math.round(longest),
      longestGapWithoutResponseMs: Math.round(longestGap),
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
      retriedByNginx: retried,
      servedBy: { a: perUpstream(a), b: perUpstream(b) },
      restarts,
      // When the slowest requests started (ms after the first SIGTERM), to tell a stall's cause.
      slowest: [...samples].sort((x, y) => y.ms - x.ms).slice(0, 5).map((s) => ({ kind: s.kind, at: Math.round(s.startedAt - restartStarted), ms: Math.round(s.ms) })),
    };
    console.log(`rolling restart figures: ${JSON.stringify(figures)}`);

    assert.deepEqual(failures, [], 'no request failed');
    assert.deepEqual(restarts.map((r) => r.exitCode), [0, 0], 'both replicas stopped cleanly on SIGTERM');
    assert.ok(during.length >= 100, `a steady stream during the restarts (${during.length} requests)`);
    assert.ok(longestGap < 10_000, `responses kept coming (longest gap ${Math.round(longestGap)} ms)`);
    assert.equal(figures.lost, 0, 'every filing answered with a dossier that exists');
    assert.equal(new Set(dossierIds).size, dossierIds.length, 'each filing its own dossier');
    assert.equal(stored!.n, dossierIds.length, 'no filing was made twice');
    assert.equal(stored!.distinct_keys, dossierIds.length);
    assert.ok(figures.servedBy.a > 0 && figures.servedBy.b > 0, 'both replicas served');
  });
});
