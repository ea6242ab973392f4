import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SEED, citizens } from './citizens/generator.ts';
import { Faults } from './faults.ts';
import { PAGE_SECURITY_HEADERS, html, page } from './html.ts';
import type { Sandbox } from './sandbox.ts';
import type { VneidClient } from './vneid/provider.ts';
import { vneidSandbox } from './vneid/sandbox.ts';

export interface SandboxOptions {
  port: number;
  /** Interface to listen on; default `localhost`. Use `0.0.0.0` in a container. */
  host?: string;
  /** Base URL browsers use to reach the sandboxes; default `http://localhost:<port>`. */
  publicUrl?: string;
  /** Seed of the synthetic population; same seed, same citizens. */
  seed?: string;
  /** Relying parties registered with VNeID; default: the `sen-province` client. */
  clients?: VneidClient[];
  logLevel?: string;
}

export interface RunningSandbox {
  /** The public base URL (no trailing slash). */
  url: string;
  /** The port actually listened on (useful with `port: 0`). */
  port: number;
  close(): Promise<void>;
}

function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    // Query strings carry authorization codes and states: log the path only.
    serializers: { req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }) },
  };
}

function indexPage(sandboxes: Sandbox[], seed: string): string {
  const items = sandboxes.map((s) => html`<li><h2><a href="/${s.name}/.well-known/openid-configuration">${s.title}</a><span class="en" lang="en">${s.titleEn}</span></h2>
<p>${s.description}</p><p>Đường dẫn / Base path: <code>/${s.name}</code></p>
<ul>${s.links.map((l) => html`<li><a href="/${s.name}${l.path}">${l.label}</a></li>`)}</ul></li>`);
  return page({
    title: 'Hộp cát các hệ thống quốc gia',
    subtitle: 'Sandboxes of national systems for Sen',
    body: html`<p>Các dịch vụ dưới đây mô phỏng hệ thống quốc gia để phát triển và kiểm thử. Mọi dữ liệu công dân đều là giả lập (hạt giống <code>${seed}</code>).
<span class="en" lang="en">These services imitate national systems for development and testing. All citizen data is synthetic.</span></p>
<ul>${items}</ul>
<h2>Tiêm lỗi<span class="en" lang="en">Fault injection</span></h2>
<p><code>GET /_admin/faults</code>, <code>PUT /_admin/faults/&lt;sandbox&gt;</code> với <code>{"latencyMs", "failNext", "failStatus", "hangNext"}</code>, <code>DELETE /_admin/faults/&lt;sandbox&gt;</code>.</p>`,
  });
}

/** Starts the one sandbox HTTP server, with every sandbox under its own base path. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  const directory = citizens(seed);
  const sandboxes: Sandbox[] = [vneidSandbox({ directory, clients: options.clients })];

  const app: FastifyInstance = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info'),
    trustProxy: true,
    // Injected hangs leave requests open: close them with the server.
    forceCloseConnections: true,
  });
  app.get('/', async (_request, reply) => reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(indexPage(sandboxes, seed)));
  app.get('/health', async () => ({ status: 'ok', sandboxes: sandboxes.map((s) => s.name) }));
  const faults = new Faults(sandboxes.map((s) => s.name));
  faults.register(app);
  for (const sandbox of sandboxes) {
    await app.register(async (scope) => {
      scope.addHook('onRequest', async (_request, reply) => {
        if (await faults.intercept(sandbox.name, reply)) return reply;
      });
      await sandbox.register(scope);
    }, { prefix: `/${sandbox.name}` });
  }

  await app.listen({ port: options.port, host: options.host ?? 'localhost' });
  const { port } = app.server.address() as AddressInfo;
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    for (const sandbox of sandboxes) await sandbox.start(`${url}/${sandbox.name}`);
  } catch (error) {
    await app.close();
    throw error;
  }
  app.log.info({ url, sandboxes: sandboxes.map((s) => s.name) }, 'sandboxes listening');
  return { url, port, close: () => app.close() };
}
