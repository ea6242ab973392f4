import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { CitizenDirectory } from '../citizens/generator.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import { registerInteractions } from './interactions.ts';
import { DEFAULT_VNEID_CLIENT, Representations, createVneidProvider, type VneidClient } from './provider.ts';

export interface VneidSandboxOptions {
  /** Relying parties; default: the `sen-province` client. */
  clients?: VneidClient[];
}

/**
 * VNeID sandbox: an OpenID Connect provider (oidc-provider, a Koa app) mounted under
 * `/vneid`, plus the sign-in pages rendered by Fastify. The provider is created once the
 * server listens, because its issuer contains the public URL (and the port may be random).
 */
export function vneidSandbox(options: VneidSandboxOptions = {}): SandboxFactory {
  return (context) => createVneidSandbox({ directory: context.citizens, clients: options.clients });
}

function createVneidSandbox(options: { directory: CitizenDirectory; clients?: VneidClient[] }): Sandbox {
  const name = 'vneid';
  const basePath = `/${name}`;
  const interactionPath = `${basePath}/interaction`;
  const representations = new Representations();
  let provider: Provider | undefined;
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let log: FastifyBaseLogger | undefined;
  let forwarded: { host: string; proto: string } | undefined;

  const current = (): Provider => {
    if (!provider) throw new Error('the VNeID sandbox has not started');
    return provider;
  };

  return {
    name,
    title: 'VNeID — Định danh và xác thực điện tử',
    titleEn: 'VNeID — national electronic identification (OpenID Connect provider)',
    description: 'Đăng nhập một cửa bằng công dân giả lập; cấp ID token chứa số định danh cá nhân.',
    links: [
      { label: 'OpenID Connect discovery', path: '/.well-known/openid-configuration' },
      { label: 'JWKS', path: '/jwks' },
    ],

    async register(app: FastifyInstance): Promise<void> {
      log = app.log;
      // Interaction pages: their own scope, with a form parser.
      await app.register(async (pages) => {
        await registerInteractions(pages, {
          routePath: '/interaction', publicPath: interactionPath, provider: current, directory: options.directory, representations,
        });
      });

      // Everything else under /vneid belongs to oidc-provider, which reads the raw body itself.
      await app.register(async (oidc) => {
        oidc.removeAllContentTypeParsers();
        oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
        oidc.all('/*', { schema: { hide: true } }, async (request, reply) => {
          if (!handle || !forwarded) return reply.code(503).send({ code: 'sandbox.starting', message: 'VNeID sandbox is starting' });
          reply.hijack();
          const raw = request.raw as IncomingMessage & { originalUrl?: string };
          // Mount under the base path: the provider routes on the remainder and builds its
          // URLs from originalUrl; host and scheme come from the public URL, not the socket.
          raw.originalUrl = raw.url;
          raw.url = raw.url!.slice(basePath.length) || '/';
          raw.headers['x-forwarded-host'] = forwarded.host;
          raw.headers['x-forwarded-proto'] = forwarded.proto;
          await handle(raw, reply.raw);
        });
      });
    },

    async start(baseUrl: string): Promise<void> {
      const url = new URL(baseUrl);
      forwarded = { host: url.host, proto: url.protocol.replace(':', '') };
      provider = await createVneidProvider({
        issuer: baseUrl,
        interactionPath,
        clients: options.clients ?? [DEFAULT_VNEID_CLIENT],
        directory: options.directory,
        representations,
      });
      provider.on('server_error', (_ctx, error) => {
        log?.error({ err: error }, 'vneid sandbox: oidc-provider server error');
      });
      handle = provider.callback();
    },
  };
}
