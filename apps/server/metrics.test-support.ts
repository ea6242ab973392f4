// Puts traffic through a test platform so that every metric family has samples: OIDC calls,
// refused and unmatched requests, jobs that succeed, fail for good and wait, and outbound SMS
// calls that succeed and fail. Shared by the metrics test and `scripts/check-metrics.ts`.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmsSender } from '../../packages/national/index.ts';
import { JobRunner, enqueueJob } from '../../packages/platform/index.ts';
import type { TestPlatform } from './testing.ts';

/** A loopback SMS gateway: accepts a message, answers 503 to the phone number 0900000503. */
async function smsGateway(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const failing = body.includes('0900000503');
      response.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(failing ? { code: 'gateway.down' } : { messageId: 'sms-1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function exercisePlatform(t: TestPlatform): Promise<void> {
  const discovery = await t.app.inject({ url: '/oidc/.well-known/openid-configuration' });
  if (discovery.statusCode !== 200) throw new Error(`OIDC discovery answered ${discovery.statusCode}`);
  await t.clientToken(); // POST /oidc/token
  await t.app.inject({ url: '/oidc/jwks' });
  await t.app.inject({ url: '/api/identity/me' }); // 401: a failing call
  await t.app.inject({ url: '/api/no/such/route' }); // 404, labelled "unmatched" (outside /api the web app answers when it is built)

  const { db } = t.database;
  await enqueueJob(db, { queue: 'check.ok', payload: {} });
  await enqueueJob(db, { queue: 'check.failing', payload: {}, maxAttempts: 1 });
  await enqueueJob(db, { queue: 'check.ok', payload: {}, runAt: new Date(Date.now() + 3_600_000) });
  const runner = new JobRunner(db, {
    handlers: { 'check.ok': async () => {}, 'check.failing': async () => { throw new Error('receiver down'); } },
    metrics: t.metrics,
  });
  await runner.drain();

  const gateway = await smsGateway();
  try {
    const sms = createSmsSender({ apiUrl: gateway.url, clientId: 'check', apiKey: 'check-key', brandname: 'DONGTHAP', outbound: t.metrics.outbound });
    await sms.send({ phone: '0900000001', text: 'ok', requestId: 'check-1' });
    await sms.send({ phone: '0900000503', text: 'fails', requestId: 'check-2' }).catch(() => undefined);
  } finally {
    await new Promise((resolve) => gateway.server.close(resolve));
  }
}

/** Runs `promtool check metrics` on an exposition; undefined when promtool is not installed. */
export function promtoolCheck(exposition: string): { ok: boolean; output: string } | undefined {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() };
}
