import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance } from 'fastify';
import { PAGE_SECURITY_HEADERS } from '../html.ts';
import { sandboxError, TokenIssuer } from '../kit.ts';
import { TESTER_ROUTE, type Sandbox, type SandboxFactory } from '../sandbox.ts';
import { summarizeDossier, registerAdmin } from './admin.ts';
import { registerApi } from './api.ts';
import { DEFAULT_DVCQG_CLIENTS, type DvcqgClient } from './clients.ts';
import { DossierStore } from './dossiers.ts';
import { renderOverview } from './pages.ts';
import { PushService } from './pushes.ts';
import { registerSso } from './sso.ts';
import { clientCredentials } from '../openapi.ts';

export interface DvcqgOptions {
  /** Provincial systems registered with the portal; default `DEFAULT_DVCQG_CLIENTS` (Sen for Đồng Tháp). */
  clients?: readonly DvcqgClient[];
  /** Delays of the automatic redeliveries after a failed push; default [1000, 5000, 30000]; [] turns them off. */
  retryDelaysMs?: readonly number[];
  /** Timeout of one push delivery; default 10 s. */
  deliveryTimeoutMs?: number;
  /** Lifetime of API and SSO access tokens; default 3600 s. */
  tokenTtlSeconds?: number;
  /** Dossiers and pushes kept in memory (each); default 10,000. */
  maxRecords?: number;
  /** Clock in epoch milliseconds, for tests of expiry; default `Date.now`. */
  now?: () => number;
}

/** Fastify's own refusals (parsing, size, media type) in the sandbox's error shape. */
const REFUSAL_CODES: Record<number, string> = { 400: 'dvcqg.bad_request', 413: 'dvcqg.payload_too_large', 415: 'dvcqg.unsupported_media_type' };

export const DEFAULT_DVCQG_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 30_000];

/**
 * DVCQG sandbox (Cổng Dịch vụ công quốc gia): receives dossier synchronisation and status
 * updates from provincial systems, pushes centrally filed dossiers to them (signed webhooks),
 * and signs citizens in by redirect (national SSO).
 */
export function dvcqgSandbox(options: DvcqgOptions = {}): SandboxFactory {
  return (context) => {
    const name = 'dvcqg';
    const clients = options.clients ?? DEFAULT_DVCQG_CLIENTS;
    const nowMs = options.now ?? Date.now;
    const now = () => new Date(nowMs());
    const store = new DossierStore(options.maxRecords ?? 10_000);
    const pushes = new PushService({
      clients, directory: context.citizens, now, log: context.log,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_DVCQG_RETRY_DELAYS_MS,
      deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
      maxRecords: options.maxRecords ?? 10_000,
    });
    let basePath = `/${name}`;

    const sandbox: Sandbox = {
      name,
      title: 'Cổng Dịch vụ công quốc gia',
      titleEn: 'National Public Service Portal (DVCQG): dossier synchronisation, central filing, national SSO',
      description: 'Nhận đồng bộ hồ sơ và trạng thái từ hệ thống cấp tỉnh (OAuth 2.0), đẩy hồ sơ nộp tập trung về tỉnh (webhook có chữ ký), đăng nhập một lần.',
      securitySchemes: clientCredentials('/dvcqg/oauth/token'),
      apiSecurity: [{ oauth2: [] }],
      links: [{ label: 'Trang kiểm thử / Tester page', path: '/' }],

      async register(app: FastifyInstance): Promise<void> {
        await app.register(async (scope) => {
          await scope.register(formbody, { bodyLimit: 16 * 1024 });
          scope.setErrorHandler((error: FastifyError, request, reply) => {
            if (error.validation) return sandboxError(reply, 400, 'dvcqg.bad_request', error.message, error.validation);
            const status = error.statusCode ?? 500;
            if (status < 500) return sandboxError(reply, status, REFUSAL_CODES[status] ?? 'dvcqg.request_refused', error.message);
            request.log.error({ err: error }, 'dvcqg sandbox error');
            return sandboxError(reply, 500, 'dvcqg.internal_error', 'Internal error');
          });
          registerApi(scope, { clients, tokens: new TokenIssuer(options.tokenTtlSeconds), store, now });
          registerAdmin(scope, { store, pushes });
          registerSso(scope, {
            clients, directory: context.citizens, tokens: new TokenIssuer(options.tokenTtlSeconds), now: nowMs, basePath: () => basePath,
          });
          scope.get('/', {
            config: TESTER_ROUTE,
            schema: {
              summary: 'Tester page', description: 'Received dossiers and pushes (no authentication; personal ids are masked).', tags: ['Tester'],
              response: { 200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
            },
          }, async (_request, reply) => reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(renderOverview({
            basePath,
            dossiers: store.list({ limit: 50 }).items.map(summarizeDossier),
            pushes: pushes.list(50).items.map((push) => ({
              id: push.id, nationalDossierCode: push.nationalDossierCode, receiverUrl: push.receiverUrl, state: push.state, createdAt: push.createdAt,
              attempts: push.attempts.length, lastStatus: push.attempts.at(-1)?.status ?? null,
              applicantId: (JSON.parse(push.rawBody) as { applicant: { personalId: string } }).applicant.personalId,
            })),
          })));
        });
      },

      async start(baseUrl: string): Promise<void> {
        basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
      },

      async stop(): Promise<void> {
        pushes.stop();
      },
    };
    return sandbox;
  };
}
