import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidEnterpriseCode } from '../citizens/enterprise-code.ts';
import { enterprises, type EnterpriseDirectory } from '../enterprises/generator.ts';
import { html } from '../html.ts';
import { sandboxError, sandboxErrorSchema, type SandboxClient } from '../kit.ts';
import {
  AccessLog, registerAdminAccessLogRoute, registerOwnAccessLogRoute, type AccessLogEntry, type AccessLogSpec,
} from '../population/access-log.ts';
import {
  ACCESS_LOGGED_ROUTE, CLIENT_AUTH_DESCRIPTION, callerOf, clientHeadersSchema, decodedHeader, registerClientApi, type Caller,
} from '../population/client-headers.ts';
import { clientHeadersHelp, registerTesterPage } from '../population/tester-page.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import { codeParamsSchema, enterpriseSchema, enterpriseSummary, enterpriseSummarySchema, searchQuerySchema } from './schemas.ts';
import { CLIENT_KEY_SCHEMES } from '../openapi.ts';

/** Registered callers: the NDXP hub, through which the province reaches the database. */
export const DEFAULT_BUSINESS_CLIENTS: readonly SandboxClient[] = [{ id: 'ndxp-hub', secret: 'sandbox-business-key-ndxp' }];

export interface BusinessRegistrySandboxOptions {
  /** Clients allowed to call (header API key); default `DEFAULT_BUSINESS_CLIENTS`. */
  clients?: SandboxClient[];
}

export type BusinessOutcome = 'found' | 'not_found' | 'invalid';

export interface BusinessAccessEntry extends AccessLogEntry<BusinessOutcome> {
  /** The code asked for (enterprise codes are public); null for a search. */
  enterpriseCode: string | null;
  /** The name searched for; null for a lookup by code. */
  query: string | null;
}

const TAG = 'business';
const LOG_SPEC: AccessLogSpec = {
  tag: TAG,
  outcomes: ['found', 'not_found', 'invalid'],
  subjectProperties: {
    enterpriseCode: { type: ['string', 'null'], description: 'The code asked for' },
    query: { type: ['string', 'null'], description: 'The name searched for' },
  },
};
const PURPOSE_NOTE = 'An optional `X-Purpose` header (UTF-8 may be percent-encoded) states why, and is recorded in the access log.';

/**
 * Business-registration sandbox: enterprise lookups of the national business registration
 * database (CSDLQG về đăng ký doanh nghiệp), behind an API key, with an access log.
 */
export function businessRegistrySandbox(options: BusinessRegistrySandboxOptions = {}): SandboxFactory {
  return (context) => createBusinessSandbox(enterprises(context.seed, context.citizens), options.clients ?? [...DEFAULT_BUSINESS_CLIENTS]);
}

function createBusinessSandbox(directory: EnterpriseDirectory, clients: readonly SandboxClient[]): Sandbox {
  const name = 'business';
  const log = new AccessLog<BusinessAccessEntry>();
  const headers = clientHeadersSchema({ 'x-purpose': { type: 'string', maxLength: 4500, description: 'Why the data is needed (recorded)' } });

  const record = (request: FastifyRequest, caller: Caller, subject: Pick<BusinessAccessEntry, 'enterpriseCode' | 'query'>, outcome: BusinessOutcome) => log.record({
    clientId: caller.clientId,
    requester: caller.requester,
    userId: caller.userId,
    purpose: decodedHeader(request, 'x-purpose')?.slice(0, 500) ?? null,
    ...subject,
    outcome,
  });
  /** What a refused request was about, as far as it can be read. */
  const subjectOf = (request: FastifyRequest) => {
    const params = request.params as { code?: unknown } | undefined;
    const query = request.query as { name?: unknown } | undefined;
    return {
      enterpriseCode: typeof params?.code === 'string' ? params.code.slice(0, 32) : null,
      query: typeof query?.name === 'string' ? query.name.slice(0, 200) : null,
    };
  };

  function registerLookups(api: FastifyInstance): void {
    api.get<{ Params: { code: string } }, typeof ACCESS_LOGGED_ROUTE>('/v1/enterprises/:code', {
      config: ACCESS_LOGGED_ROUTE,
      schema: {
        summary: 'Enterprise by code',
        description: 'The registered record of an enterprise: names, form, business lines, locations, seat, owner or members, '
          + `charter capital, legal representative, status. 400 \`business.invalid_code\` for a malformed code or wrong check digit. ${PURPOSE_NOTE} ${CLIENT_AUTH_DESCRIPTION}`,
        tags: [TAG],
        headers,
        params: codeParamsSchema,
        response: { 200: enterpriseSchema, 400: sandboxErrorSchema, 401: sandboxErrorSchema, 404: sandboxErrorSchema },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const { code } = request.params;
      if (!isValidEnterpriseCode(code)) {
        record(request, caller, { enterpriseCode: code, query: null }, 'invalid');
        return sandboxError(reply, 400, 'business.invalid_code', 'The enterprise code must be 10 digits with a valid check digit');
      }
      const enterprise = directory.byCode(code);
      record(request, caller, { enterpriseCode: code, query: null }, enterprise ? 'found' : 'not_found');
      return enterprise ?? sandboxError(reply, 404, 'business.not_found', 'No enterprise is registered with this code');
    });

    api.get<{ Querystring: { name?: string; limit: number; offset: number } }, typeof ACCESS_LOGGED_ROUTE>('/v1/enterprises', {
      config: ACCESS_LOGGED_ROUTE,
      schema: {
        summary: 'Search enterprises by name',
        description: `Enterprises whose Vietnamese, international or short name contains \`name\` (diacritics and case ignored), with the total. ${PURPOSE_NOTE} ${CLIENT_AUTH_DESCRIPTION}`,
        tags: [TAG],
        headers,
        querystring: searchQuerySchema,
        response: {
          200: { type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: enterpriseSummarySchema } } },
          400: sandboxErrorSchema,
          401: sandboxErrorSchema,
        },
      },
    }, async (request) => {
      const { name: query, limit, offset } = request.query;
      const matching = directory.search(query ?? '', directory.count);
      record(request, callerOf(request), { enterpriseCode: null, query: query ?? null }, matching.length > 0 ? 'found' : 'not_found');
      return { total: matching.length, items: matching.slice(offset, offset + limit).map(enterpriseSummary) };
    });
  }

  const testerBody = () => {
    const all = directory.list(0, directory.count);
    const samples = [...all.slice(0, 8), all.find((e) => e.status === 'suspended'), all.find((e) => e.status === 'dissolved')]
      .filter((e) => e !== undefined);
    const rows = samples.map((e) => html`<tr><td><code>${e.code}</code></td><td>${e.name}</td><td>${e.typeName}</td><td>${e.statusName}</td><td>${e.legalRepresentative.fullName}</td></tr>`);
    return html`<p>Mô phỏng dịch vụ tra cứu của Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp: ${directory.count.toLocaleString('vi-VN')} doanh nghiệp giả lập tại Đồng Tháp.
<span class="en" lang="en">Imitates the lookup service of the national business registration database: ${directory.count} synthetic enterprises of Đồng Tháp.</span></p>
<h2>Tra cứu<span class="en" lang="en">Lookups</span></h2>
<p><code>GET /${name}/v1/enterprises/{mã số doanh nghiệp}</code> · <code>GET /${name}/v1/enterprises?name=phu hung&amp;limit=20&amp;offset=0</code> · header <code>X-Purpose</code> (tùy chọn / optional).</p>
${clientHeadersHelp(clients, `/${name}`)}
<h2>Doanh nghiệp mẫu<span class="en" lang="en">Sample enterprises (synthetic)</span></h2>
<table><thead><tr><th scope="col">Mã số</th><th scope="col">Tên</th><th scope="col">Loại hình</th><th scope="col">Tình trạng</th><th scope="col">Người đại diện</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  };

  return {
    name,
    title: 'CSDLQG về đăng ký doanh nghiệp — tra cứu doanh nghiệp',
    titleEn: 'National business registration database — enterprise lookup',
    description: 'Tra cứu doanh nghiệp theo mã số hoặc tên (không dấu cũng được); ghi nhật ký mọi lượt khai thác.',
    securitySchemes: CLIENT_KEY_SCHEMES,
    links: [{ label: 'Trang thử nghiệm / tester page', path: '/' }],

    async register(app: FastifyInstance): Promise<void> {
      registerTesterPage(app, { tag: TAG, title: 'CSDLQG về đăng ký doanh nghiệp', subtitle: 'National business registration database sandbox', body: testerBody });
      registerAdminAccessLogRoute(app, log, LOG_SPEC);
      await registerClientApi(app, {
        clients,
        errorPrefix: 'business',
        fieldErrors: { code: 'business.invalid_code' },
        onInvalid: (request, caller) => record(request, caller, subjectOf(request), 'invalid'),
      }, (api) => {
        registerLookups(api);
        registerOwnAccessLogRoute(api, log, LOG_SPEC);
      });
    },
  };
}
