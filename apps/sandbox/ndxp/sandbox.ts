import type { FastifyInstance } from 'fastify';
import { PAGE_SECURITY_HEADERS } from '../html.ts';
import { TESTER_ROUTE, type Sandbox, type SandboxFactory } from '../sandbox.ts';
import { registerAdmin } from './admin.ts';
import { Exchanges } from './exchange.ts';
import { registerHub } from './hub.ts';
import { registerSoapEntry } from './soap.ts';
import { MessageLog } from './message-log.ts';
import { DEFAULT_NDXP_INSTANCE, DEFAULT_NDXP_MEMBERS, DEFAULT_NDXP_SERVICES, NdxpRegistry, type NdxpMember, type NdxpService } from './registry.ts';
import { renderTesterPage } from './tester-page.ts';
import { X_ROAD_SCHEMES } from '../openapi.ts';

export { DEFAULT_NDXP_INSTANCE, DEFAULT_NDXP_MEMBERS, DEFAULT_NDXP_SERVICES, NDXP_PROVINCE_LGSP_ID, type NdxpMember, type NdxpService, type NdxpServiceView } from './registry.ts';
export { CLIENT_KEY_HEADER } from './exchange.ts';
export type { MessageRecord } from './message-log.ts';

export const DEFAULT_NDXP_PROVIDER_TIMEOUT_MS = 30_000;

export interface NdxpOptions {
  /** X-Road instance of the hub; default `VN`. */
  instance?: string;
  /** Client subsystems; default DEFAULT_NDXP_MEMBERS (the province's LGSP and a member without rights). */
  members?: readonly NdxpMember[];
  /** Services and their access rights; default DEFAULT_NDXP_SERVICES (population and business registry lookups). */
  services?: readonly NdxpService[];
  /** How long the hub waits for a provider before answering `Server.ServerProxy.ServiceFailed`; default 30 s. */
  providerTimeoutMs?: number;
}

/**
 * NDXP sandbox (Nền tảng tích hợp, chia sẻ dữ liệu quốc gia): the national exchange hub,
 * speaking the X-Road message protocol for REST. A client information system calls
 * `/ndxp/r1/<service id>/<path>`; the hub authenticates it, checks its access right, relays the
 * message to the provider with the provider's credentials and hands back the answer unchanged.
 */
export function ndxpSandbox(options: NdxpOptions = {}): SandboxFactory {
  return () => createNdxpSandbox(options);
}

function createNdxpSandbox(options: NdxpOptions): Sandbox {
  const name = 'ndxp';
  const basePath = `/${name}`;
  const registry = new NdxpRegistry(options.instance ?? DEFAULT_NDXP_INSTANCE, options.members ?? DEFAULT_NDXP_MEMBERS, options.services ?? DEFAULT_NDXP_SERVICES);
  const messages = new MessageLog();
  let serverRoot: string | undefined;

  return {
    name,
    title: 'NDXP — Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
    titleEn: 'NDXP — national data exchange hub (X-Road message protocol for REST)',
    description: 'Trục chia sẻ dữ liệu quốc gia giả lập: xác thực hệ thống thành viên, kiểm tra quyền, chuyển tiếp thông điệp X-Road REST tới CSDL quốc gia và ghi nhật ký.',
    securitySchemes: X_ROAD_SCHEMES,
    links: [
      { label: 'Thành viên, dịch vụ và quyền / Members, services and access rights', path: '/' },
      { label: 'listClients', path: '/listClients' },
    ],

    async register(app: FastifyInstance): Promise<void> {
      app.get('/', {
        config: TESTER_ROUTE,
        schema: { summary: 'Trang kiểm thử / Tester page', description: 'Members, services and access rights (HTML). No authentication.', tags: ['Tester'] },
      }, async (_request, reply) => reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(renderTesterPage(registry, basePath)));
      registerAdmin(app, registry, messages);
      const hub = {
        registry,
        exchanges: new Exchanges(messages, basePath),
        providerTimeoutMs: options.providerTimeoutMs ?? DEFAULT_NDXP_PROVIDER_TIMEOUT_MS,
        serverRoot: () => serverRoot,
      };
      await registerHub(app, hub);
      // SOAP services (PR-MESS) at POST /ndxp/soap, with the same members, rights and log.
      await registerSoapEntry(app, hub, messages);
    },

    async start(baseUrl: string, localBaseUrl: string = baseUrl): Promise<void> {
      // Targets such as `/population/v1` are other sandboxes on this same server: reach them
      // on the listening socket, which works even where the public URL is not reachable from inside.
      serverRoot = localBaseUrl.endsWith(basePath) ? localBaseUrl.slice(0, -basePath.length) : localBaseUrl;
    },
  };
}
