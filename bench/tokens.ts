// Client-credentials token issue and bearer verification per second, in process over inject(),
// against a baseline of an unauthenticated GET /health through the same stack. The same token
// is presented again and again, as a gateway's caller does: after its first check it is served
// from the replica's verified-token cache (docs/decisions/0008-api-tokens.md).
import { createTestPlatform } from '../apps/server/testing.ts';

async function rate(n: number, concurrency: number, task: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await task();
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

export async function run(): Promise<void> {
  const t = await createTestPlatform();
  try {
    const token = await t.clientToken();
    const check = (status: number) => {
      if (status !== 200) throw new Error(`unexpected status ${status}`);
    };
    const health = async () => check((await t.app.inject({ url: '/health' })).statusCode);
    const verified = async () => check((await t.app.inject({ url: '/api/identity/permissions', headers: { authorization: `Bearer ${token}` } })).statusCode);
    // Warm up the JIT and connection paths, then alternate the two measures (three rounds each,
    // the median of each) so that neither profits from running later in a warmer process.
    for (let i = 0; i < 300; i++) {
      await health();
      await verified();
    }
    const baselines: number[] = [];
    const verifies: number[] = [];
    for (let round = 0; round < 3; round++) {
      baselines.push(await rate(2000, 8, health));
      verifies.push(await rate(2000, 8, verified));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const baseline = median(baselines);
    const verify = median(verifies);
    const issue = await rate(300, 4, async () => void (await t.clientToken()));
    console.log(`tokens (${t.database.kind}, in process)`);
    console.log(`  baseline: GET /health                 ${baseline.toFixed(0)}/s`);
    console.log(`  bearer verification (GET, cached)     ${verify.toFixed(0)}/s   ${((verify / baseline) * 100).toFixed(1)} % of baseline`);
    console.log(`  client-credentials token issue        ${issue.toFixed(0)}/s   ${((issue / baseline) * 100).toFixed(1)} % of baseline`);
  } finally {
    await t.close();
  }
}
