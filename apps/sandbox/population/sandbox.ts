import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CitizenDirectory } from '../citizens/generator.ts';
import { html } from '../html.ts';
import { sandboxError, sandboxErrorSchema, type SandboxClient } from '../kit.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import {
  AccessLog, maskPersonalId, registerAdminAccessLogRoute, registerOwnAccessLogRoute, type AccessLogEntry, type AccessLogSpec,
} from './access-log.ts';
import { ACCESS_LOGGED_ROUTE, CLIENT_AUTH_DESCRIPTION, callerOf, clientHeadersSchema, registerClientApi, type Caller } from './client-headers.ts';
import { POPULATION_SIZE, citizenRecord, citizenRecordSchema, lookupBodySchema, matchCitizen, type LookupRequest } from './lookup.ts';
import { clientHeadersHelp, registerTesterPage } from './tester-page.ts';
import { CLIENT_KEY_SCHEMES } from '../openapi.ts';

/** Registered callers: the NDXP hub, through which the province reaches the database. */
export const DEFAULT_POPULATION_CLIENTS: readonly SandboxClient[] = [{ id: 'ndxp-hub', secret: 'sandbox-population-key-ndxp' }];

export interface PopulationSandboxOptions {
  /** Clients allowed to call (header API key); default `DEFAULT_POPULATION_CLIENTS`. */
  clients?: SandboxClient[];
}

export type PopulationOutcome = 'found' | 'no_match' | 'invalid';

export interface PopulationAccessEntry extends AccessLogEntry<PopulationOutcome> {
  /** First three and last three digits of the id asked about; null when none was sent. */
  personalIdMasked: string | null;
}

const TAG = 'population';
const LOG_SPEC: AccessLogSpec = {
  tag: TAG,
  outcomes: ['found', 'no_match', 'invalid'],
  subjectProperties: { personalIdMasked: { type: ['string', 'null'], description: 'The id asked about, masked: 087******234' } },
};

/**
 * Population sandbox: the citizen lookup of the national population database (CSDLQG về dân
 * cư) for other systems, behind an API key, with an access log of every call.
 */
export function populationSandbox(options: PopulationSandboxOptions = {}): SandboxFactory {
  return (context) => createPopulationSandbox(context.citizens, options.clients ?? [...DEFAULT_POPULATION_CLIENTS]);
}

function createPopulationSandbox(directory: CitizenDirectory, clients: readonly SandboxClient[]): Sandbox {
  const name = 'population';
  const log = new AccessLog<PopulationAccessEntry>();

  const record = (caller: Caller, body: Partial<Record<keyof LookupRequest, unknown>> | undefined, outcome: PopulationOutcome) => log.record({
    clientId: caller.clientId,
    requester: caller.requester,
    userId: caller.userId,
    purpose: typeof body?.purpose === 'string' ? body.purpose.slice(0, 500) : null,
    personalIdMasked: maskPersonalId(body?.personalId),
    outcome,
  });

  function registerLookup(api: FastifyInstance): void {
    api.post<{ Body: LookupRequest }, typeof ACCESS_LOGGED_ROUTE>('/v1/citizens/lookup', {
      config: ACCESS_LOGGED_ROUTE,
      schema: {
        summary: 'Look up a citizen',
        description: 'Returns the core record of a citizen when the personal id and exactly one more field (full name or date of birth) '
          + 'match; the further parts named in `include` (relatives, temporary residence, contact, id card, place of birth: Luật Căn cước 2023 art. 9(1)) only when asked for. '
          + 'An unknown id and a mismatch both answer 404 `population.no_match`. A purpose of 10–500 characters is required. '
          + `Every call is recorded in the access log. ${CLIENT_AUTH_DESCRIPTION}`,
        tags: [TAG],
        headers: clientHeadersSchema(),
        body: lookupBodySchema,
        response: {
          200: citizenRecordSchema, 400: sandboxErrorSchema, 401: sandboxErrorSchema, 404: sandboxErrorSchema,
        },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const body = request.body;
      if (body.purpose.trim().length < 10) {
        record(caller, body, 'invalid');
        return sandboxError(reply, 400, 'population.purpose_required', 'State the purpose of the lookup (10 to 500 characters)');
      }
      if ((body.fullName === undefined) === (body.dateOfBirth === undefined)) {
        record(caller, body, 'invalid');
        return sandboxError(reply, 400, 'population.match_field_required', 'Send exactly one of fullName and dateOfBirth with the personal id');
      }
      const citizen = matchCitizen(directory, body);
      if (!citizen) {
        record(caller, body, 'no_match');
        return sandboxError(reply, 404, 'population.no_match', 'No citizen matches this personal id and field');
      }
      record(caller, body, 'found');
      return citizenRecord(citizen, body.include);
    });
  }

  const testerBody = () => {
    const rows = directory.list(0, 10).map((c) => html`<tr><td><code>${c.personalId}</code></td><td>${c.fullName}</td><td>${c.dateOfBirth}</td><td>${c.permanentAddress.commune}</td></tr>`);
    return html`<p>Mô phỏng dịch vụ tra cứu của Cơ sở dữ liệu quốc gia về dân cư. Chỉ ${POPULATION_SIZE.toLocaleString('vi-VN')} công dân đầu danh sách có trong cơ sở dữ liệu.
<span class="en" lang="en">Imitates the lookup service of the national population database. Only the first ${POPULATION_SIZE} listed citizens exist here.</span></p>
<h2>Tra cứu<span class="en" lang="en">Lookup</span></h2>
<p><code>POST /${name}/v1/citizens/lookup</code> với / with
<code>{"personalId": "…", "fullName": "…" | "dateOfBirth": "YYYY-MM-DD", "purpose": "Giải quyết hồ sơ …"}</code> — đúng một trường đối chiếu / exactly one matching field.</p>
<p>Thêm <code>"include": ["relatives", "temporaryResidence", "contact", "idCard", "placeOfBirth"]</code> để lấy cha, mẹ, vợ/chồng, nơi tạm trú, số điện thoại và thư điện tử, ngày và nơi cấp thẻ, nơi sinh (khoản 1 Điều 9 Luật Căn cước 2023); chỉ trả về phần được yêu cầu.
<span class="en" lang="en">Add <code>include</code> for the parents, spouse, temporary residence, contact, card issue and place of birth (Identity Law 2023, art. 9(1)); only the parts asked for are answered.</span></p>
${clientHeadersHelp(clients, `/${name}`)}
<h2>Công dân mẫu<span class="en" lang="en">Sample citizens (synthetic)</span></h2>
<table><thead><tr><th scope="col">Số định danh</th><th scope="col">Họ và tên</th><th scope="col">Ngày sinh</th><th scope="col">Thường trú</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  };

  return {
    name,
    title: 'CSDLQG về dân cư — tra cứu công dân',
    titleEn: 'National population database — citizen lookup',
    description: 'Tra cứu thông tin công dân theo số định danh cá nhân kèm họ tên hoặc ngày sinh; ghi nhật ký mọi lượt khai thác.',
    securitySchemes: CLIENT_KEY_SCHEMES,
    links: [{ label: 'Trang thử nghiệm / tester page', path: '/' }],

    async register(app: FastifyInstance): Promise<void> {
      registerTesterPage(app, { tag: TAG, title: 'CSDLQG về dân cư', subtitle: 'National population database sandbox', body: testerBody });
      registerAdminAccessLogRoute(app, log, LOG_SPEC);
      await registerClientApi(app, {
        clients,
        errorPrefix: 'population',
        fieldErrors: { purpose: 'population.purpose_required' },
        onInvalid: (request: FastifyRequest, caller) => record(caller, request.body as Record<string, unknown> | undefined, 'invalid'),
      }, (api) => {
        registerLookup(api);
        registerOwnAccessLogRoute(api, log, LOG_SPEC);
      });
    },
  };
}
