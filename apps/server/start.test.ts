// The random ports the journeys, the benchmarks and the HTTP tests start on, and a start that
// finds its port taken: it fails with EADDRINUSE (which startEphemeralPlatform answers with new
// ports) and leaves nothing listening behind it. Run: node --test apps/server/start.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { loadConfig } from '../../packages/platform/index.ts';
import { startSandbox } from '../sandbox/index.ts';
import { freePort, startPlatform } from './start.ts';

async function occupy(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return server;
}

const release = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

async function isFree(port: number): Promise<boolean> {
  const server = await occupy(port).catch(() => undefined);
  if (server) await release(server);
  return server !== undefined;
}

describe('random ports', () => {
  it('are below the ephemeral range an outgoing connection takes its local port from, and free', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      assert.ok(port >= 1024 && port < 32_768, `${port} is outside 32768–60999 (Linux) and 49152–65535`);
      assert.ok(await isFree(port));
    }
  });

  it('a sandbox whose SMTP port is taken fails with EADDRINUSE and frees its HTTP port', async () => {
    const [port, smtpPort] = [await freePort(), await freePort()];
    const taken = await occupy(smtpPort);
    try {
      await assert.rejects(startSandbox({ port, smtpPort, host: '127.0.0.1', logLevel: 'silent' }), { code: 'EADDRINUSE' });
      assert.ok(await isFree(port), 'the HTTP listener is closed again');
    } finally {
      await release(taken);
    }
  });

  it('a platform whose port is taken fails with EADDRINUSE and leaves its sandboxes stopped', async () => {
    const [port, sandboxPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
    const taken = await occupy(port);
    try {
      const config = loadConfig({ PORT: String(port), SANDBOX_PORT: String(sandboxPort), SANDBOX_SMTP_PORT: String(smtpPort), HOST: '127.0.0.1', SEN_DATA_DIR: 'memory://', LOG_LEVEL: 'silent', DEMO: 'true' });
      await assert.rejects(startPlatform(config), { code: 'EADDRINUSE' });
      assert.ok(await isFree(sandboxPort), 'the sandboxes are closed');
      assert.ok(await isFree(smtpPort), 'the mail sandbox is closed');
    } finally {
      await release(taken);
    }
  });
});
