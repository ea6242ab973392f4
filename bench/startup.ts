// Seconds from `npm start` (the server process) to /ready, on a fresh and on an existing PGlite
// database, against a baseline: a bare Node process that serves one HTTP response.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/server/start.ts';

const root = path.resolve(import.meta.dirname, '..');

async function timeToReady(args: string[], env: Record<string, string>, url: (port: number) => string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const response = await fetch(url(port));
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error('did not become ready within 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function run(): Promise<void> {
  const bare = await timeToReady(['-e', "require('node:http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT)"], {}, (p) => `http://127.0.0.1:${p}/`);
  const dir = mkdtempSync(path.join(tmpdir(), 'sen-bench-'));
  try {
    const env = { SEN_DATA_DIR: dir, SANDBOX_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const fresh = await timeToReady(['apps/server/main.ts', 'start'], env, (p) => `http://127.0.0.1:${p}/ready`);
    const warm = await timeToReady(['apps/server/main.ts', 'start'], env, (p) => `http://127.0.0.1:${p}/ready`);
    console.log('startup (PGlite, sandboxes on, web app already built)');
    console.log(`  baseline: bare node HTTP server   ${bare.toFixed(2)} s`);
    console.log(`  fresh database (migrate + seed)   ${fresh.toFixed(2)} s   ×${(fresh / bare).toFixed(1)} baseline   target < 15 s`);
    console.log(`  existing database                 ${warm.toFixed(2)} s   ×${(warm / bare).toFixed(1)} baseline`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
