import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildValidatorCompiler, findNul } from '../../packages/platform/index.ts';
import { sandboxSwaggerOptions } from './openapi.ts';
import { DEFAULT_SEED, citizens } from './citizens/generator.ts';
import { Faults } from './faults.ts';
import { PAGE_SECURITY_HEADERS, html, page } from './html.ts';
import { bearerToken, safeEqual, sandboxError } from './kit.ts';
import type { Sandbox, SandboxContext, SandboxFactory } from './sandbox.ts';
import { businessRegistrySandbox } from './business/sandbox.ts';
import { caSandbox } from './ca/sandbox.ts';
import { DEFAULT_DVCQG_CLIENTS } from './dvcqg/clients.ts';
import { dvcqgSandbox } from './dvcqg/sandbox.ts';
import { mailSandbox } from './mail/sandbox.ts';
import { ndxpSandbox } from './ndxp/sandbox.ts';
import { paymentSandbox } from './payment/sandbox.ts';
import { populationSandbox } from './population/sandbox.ts';
import { smsSandbox } from './sms/sandbox.ts';
import type { VneidClient } from './vneid/provider.ts';
import { vneidSandbox } from './vneid/sandbox.ts';
import { vapexSandbox } from './vapex/sandbox.ts';
import { civilSoapSandbox } from './civil/sandbox.ts';
import { vnpostSandbox } from './vnpost/sandbox.ts';

/** Default bearer token of the admin API (faults, tester actions); override it outside a laptop. */
export const DEFAULT_ADMIN_TOKEN = 'sandbox-admin-token';

export interface SandboxOptions {
  port: number;
  /** Interface to listen on; default `localhost`. Use `0.0.0.0` in a container. */
  host?: string;
  /** Base URL browsers use to reach the sandboxes; default `http://localhost:<port>`. */
  publicUrl?: string;
  /** Seed of the synthetic population; same seed, same citizens and enterprises. */
  seed?: string;
  /** Relying parties registered with VNeID; default: the `sen-province` client. */
  clients?: VneidClient[];
  /** Sen's base URL, where the national portal pushes dossiers and its SSO returns. */
  platformUrl?: string;
  /** SMTP port of the mail sandbox; default 0 (random). */
  smtpPort?: number;
  /** Bearer token required by every `/_admin/` route. */
  adminToken?: string;
  /** The sandboxes to run; default all of them with their default settings. */
  sandboxes?: SandboxFactory[];
  logLevel?: string;
}

export interface RunningSandbox {
  /** The public base URL (no trailing slash). */
  url: string;
  /** The port actually listened on (useful with `port: 0`). */
  port: number;
  /** Each sandbox's OpenAPI document, by sandbox name. */
  openapi(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Every sandbox, in index-page order. */
export function defaultSandboxes(options: Pick<SandboxOptions, 'clients' | 'smtpPort' | 'platformUrl'>): SandboxFactory[] {
  const platform = options.platformUrl?.replace(/\/+$/, '');
  const dvcqgClients = platform
    ? DEFAULT_DVCQG_CLIENTS.map((c) => ({ ...c, receiverUrl: `${platform}/api/tthc/national-portal/dossiers`, redirectUris: [`${platform}/oidc/dvcqg/callback`] }))
    : DEFAULT_DVCQG_CLIENTS;
  return [
    vneidSandbox({ clients: options.clients }),
    populationSandbox(),
    businessRegistrySandbox(),
    ndxpSandbox(),
    dvcqgSandbox({ clients: dvcqgClients }),
    paymentSandbox(),
    vnpostSandbox(),
    mailSandbox({ smtpPort: options.smtpPort ?? 0 }),
    smsSandbox(),
    caSandbox(),
    vapexSandbox(),
    civilSoapSandbox(),
  ];
}

function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    // Query strings carry authorization codes, states and personal ids: log the path only.
    serializers: { req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }) },
  };
}

function indexPage(sandboxes: Sandbox[], seed: string): string {
  const items = sandboxes.map((s) => html`<li><h2><a href="/${s.name}/openapi.json">${s.title}</a><span class="en" lang="en">${s.titleEn}</span></h2>
<p>${s.description}</p><p>Đường dẫn / Base path: <code>/${s.name}</code> · <a href="/${s.name}/openapi.json">OpenAPI</a></p>
<ul>${s.links.map((l) => html`<li><a href="/${s.name}${l.path}">${l.label}</a></li>`)}</ul></li>`);
  return page({
    title: 'Hộp cát các hệ thống quốc gia',
    subtitle: 'Sandboxes of national systems for Sen',
    body: html`<p>Các dịch vụ dưới đây mô phỏng hệ thống quốc gia để phát triển và kiểm thử. Mọi dữ liệu công dân, doanh nghiệp đều là giả lập (hạt giống <code>${seed}</code>).
<span class="en" lang="en">These services imitate national systems for development and testing. All citizen and enterprise data is synthetic.</span></p>
<ul>${items}</ul>
<h2>Tiêm lỗi<span class="en" lang="en">Fault injection (admin token required)</span></h2>
<p><code>GET /_admin/faults</code>, <code>PUT /_admin/faults/&lt;sandbox&gt;</code> với <code>{"latencyMs", "latencyJitterMs", "errorRate", "failNext", "failStatus", "hangNext", "timeoutRate", "down"}</code>, <code>DELETE /_admin/faults/&lt;sandbox&gt;</code>.</p>`,
  });
}

const isAdminPath = (url: string): boolean => /(^|\/)_admin(\/|$|\?)/.test(url);

function isTesterRoute(request: FastifyRequest): boolean {
  return isAdminPath(request.url) || (request.routeOptions.config as { tester?: boolean } | undefined)?.tester === true;
}

/** Starts the one sandbox HTTP server, with every sandbox under its own base path. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  const adminToken = options.adminToken ?? DEFAULT_ADMIN_TOKEN;
  const host = options.host ?? 'localhost';
  const app: FastifyInstance = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info'),
    trustProxy: true,
    // Injected hangs leave requests open: close them with the server.
    forceCloseConnections: true,
    bodyLimit: 25 * 1024 * 1024,
    // Like the real systems' strict validators (and like Sen): an unknown field is refused, not
    // dropped, and a JSON body keeps its types (a number where a string is expected is a 400).
    schemaController: { compilersFactory: { buildValidator: (externalSchemas: Record<string, unknown>) => buildValidatorCompiler(externalSchemas) } },
  });
  // A NUL character anywhere in a request is refused before any sandbox sees it (real systems
  // refuse it too; a sandbox that stored it would hand it back to Sen). Answered here rather
  // than thrown, so every sandbox gives the same 400 whatever its own error shape.
  app.addHook('preValidation', async (request, reply) => {
    const where = (['params', 'query', 'headers', 'body'] as const).map((part) => findNul(request[part], part)).find(Boolean);
    if (where) return sandboxError(reply, 400, 'sandbox.nul_character', `A NUL character is not allowed (${where})`);
  });
  // Sandboxes with their own error shapes set their own handlers; this is the default for the rest.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return sandboxError(reply, 400, 'sandbox.invalid_request', `Invalid request: ${error.message}`, error.validation);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'sandbox error');
    return sandboxError(reply, status, status === 500 ? 'sandbox.internal_error' : 'sandbox.bad_request', status === 500 ? 'Internal error in the sandbox' : error.message);
  });
  const factories = options.sandboxes ?? defaultSandboxes(options);
  const names: string[] = [];
  const faults = new Faults(names);
  const context: SandboxContext = { seed, citizens: citizens(seed), faults, host, log: app.log };
  const sandboxes = factories.map((factory) => factory(context));
  names.push(...sandboxes.map((s) => s.name));

  // Deny by default on the admin surface: faults and tester actions need the admin token.
  app.addHook('onRequest', async (request, reply) => {
    if (!isAdminPath(request.url)) return;
    const token = bearerToken(request);
    if (!token || !safeEqual(token, adminToken)) {
      return sandboxError(reply.header('www-authenticate', 'Bearer realm="sandbox-admin"'), 401, 'sandbox.admin_unauthorized', 'The admin API needs the sandbox admin token');
    }
  });
  app.get('/', async (_request, reply) => reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(indexPage(sandboxes, seed)));
  app.get('/health', async () => ({ status: 'ok', sandboxes: names }));
  faults.register(app);

  const documents: Record<string, () => unknown> = {};
  for (const sandbox of sandboxes) {
    await app.register(async (scope) => {
      await scope.register(swagger, sandboxSwaggerOptions(sandbox));
      scope.addHook('onRequest', async (request, reply) => {
        if (isTesterRoute(request)) return;
        if (await faults.intercept(sandbox.name, request, reply)) return reply;
      });
      await sandbox.register(scope);
      scope.get('/openapi.json', { schema: { hide: true }, config: { tester: true } }, async () => scope.swagger());
      documents[sandbox.name] = () => scope.swagger();
    }, { prefix: `/${sandbox.name}` });
  }
  app.addHook('onClose', async () => {
    for (const sandbox of sandboxes) await sandbox.stop?.();
  });

  let port: number;
  let url: string;
  try {
    await app.listen({ port: options.port, host });
    port = (app.server.address() as AddressInfo).port;
    url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
    const local = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
    for (const sandbox of sandboxes) await sandbox.start?.(`${url}/${sandbox.name}`, `${local}/${sandbox.name}`);
  } catch (error) {
    await app.close();
    throw error;
  }
  app.log.info({ url, sandboxes: names }, 'sandboxes listening');
  return {
    url,
    port,
    openapi: () => Object.fromEntries(Object.entries(documents).map(([name, doc]) => [name, doc()])),
    close: () => app.close(),
  };
}
