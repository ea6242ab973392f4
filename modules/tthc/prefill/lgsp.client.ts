import { randomUUID } from 'node:crypto';
import { AppError } from '../../../packages/platform/index.ts';
import type { CitizenRecord, EnterpriseRecord, PopulationPart } from './bindings.ts';

/**
 * The one-stop system as an LGSP consumer: it calls the national population and
 * business-registration databases through the provincial gateway (`/lgsp/r1/…`, which forwards
 * through NDXP), over real HTTP, as its own client subsystem. Each call carries a
 * client-credentials token whose audience is the gateway, the purpose (`X-Purpose`), the citizen
 * or official on whose behalf it is made (`X-Road-UserId`) and a fresh `X-Road-Id`, which is the
 * provenance the applicant and the official see.
 */
/** The one-stop system's client subsystem at LGSP, under the province's member. */
export const TTHC_SUBSYSTEM = 'TTHC';
/** The province's subsystem under which LGSP registers the national services reached through NDXP (docs/lgsp.md). */
export const NATIONAL_SUBSYSTEM = 'NDXP';

export interface LgspClientOptions {
  /** The gateway's base, e.g. `http://localhost:3000/lgsp`. */
  gatewayUrl: string;
  /** The token endpoint of the platform's OpenID provider. */
  tokenUrl: string;
  /** The token's resource (audience): `$PUBLIC_URL/lgsp`. */
  audience: string;
  clientId: string;
  clientSecret: string;
  /** The tthc subsystem's X-Road id, `VN/GOV/{province}/TTHC`. */
  client: string;
  /** The province's subsystem under which the national services are registered, `VN/GOV/{province}/NDXP`. */
  nationalSubsystem: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Exchange<T> {
  /** Null when the national database has no such person or enterprise (its own 404). */
  record: T | null;
  messageId: string;
  fetchedAt: string;
}

export interface CallContext {
  /** Mục đích: why the data is read (sent as `X-Purpose` and in the lookup body). */
  purpose: string;
  /** `X-Road-UserId`: the person on whose behalf the call is made. */
  userId: string;
}

export interface NationalGateway {
  /** `include`: the parts of the record beyond the core to answer (only what the form binds). */
  citizen(query: { personalId: string; fullName: string; include?: PopulationPart[] }, context: CallContext): Promise<Exchange<CitizenRecord>>;
  enterprise(code: string, context: CallContext): Promise<Exchange<EnterpriseRecord>>;
}

const unavailable = (detail: string) => new AppError(503, 'prefill.gateway_unavailable', `Không kết nối được CSDL quốc gia qua LGSP; vẫn có thể tự nhập và nộp hồ sơ / The national databases cannot be reached through LGSP; the form can still be filled in and filed (${detail})`);
const fault = (detail: string) => new AppError(502, 'prefill.gateway_fault', `LGSP báo lỗi khi tra cứu CSDL quốc gia; vẫn có thể tự nhập và nộp hồ sơ / LGSP answered the national lookup with a fault; the form can still be filled in and filed (${detail})`);

/** ASCII only in a header: the purpose in Vietnamese goes in the body; the header keeps its unaccented form. */
const headerSafe = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '');

export function createLgspClient(options: LgspClientOptions): NationalGateway {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // A cache of the short-lived token, not state: another replica simply asks for its own.
  let token: { value: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    let response: Response;
    try {
      response = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'lgsp', resource: options.audience }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unavailable(`token: ${(error as Error).name}`);
    }
    if (response.status !== 200) throw fault(`token: HTTP ${response.status}`);
    const body = await response.json() as { access_token: string; expires_in?: number };
    token = { value: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 30) * 1000 };
    return token.value;
  }

  async function call<T>(method: 'GET' | 'POST', service: string, path: string, context: CallContext, body?: unknown): Promise<Exchange<T>> {
    const messageId = randomUUID();
    const headers: Record<string, string> = {
      authorization: `Bearer ${await accessToken()}`,
      'x-road-client': options.client,
      'x-road-id': messageId,
      'x-road-userid': context.userId,
      'x-purpose': headerSafe(context.purpose),
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    let response: Response;
    try {
      response = await doFetch(`${options.gatewayUrl}/r1/${options.nationalSubsystem}/${service}${path}`, {
        method, headers, signal: AbortSignal.timeout(timeoutMs), ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw unavailable(`${service}: ${(error as Error).name}`);
    }
    const fetchedAt = new Date().toISOString();
    const xroadFault = response.headers.get('x-road-error');
    if (xroadFault) {
      await response.body?.cancel();
      // The national side down or slow is "unavailable"; anything else (no right, unknown service) is a fault of the set-up.
      if (/NetworkError|ServiceFailed|Timeout/.test(xroadFault)) throw unavailable(`${service}: ${xroadFault}`);
      throw fault(`${service}: ${xroadFault}`);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { record: null, messageId, fetchedAt };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw response.status >= 500 ? unavailable(`${service}: HTTP ${response.status}`) : fault(`${service}: HTTP ${response.status}`);
    }
    try {
      return { record: await response.json() as T, messageId, fetchedAt };
    } catch {
      throw fault(`${service}: not JSON`);
    }
  }

  return {
    citizen: (query, context) => call<CitizenRecord>('POST', 'population', '/citizens/lookup', context, { ...query, purpose: context.purpose, ...(query.include?.length ? { include: query.include } : {}) }),
    enterprise: (code, context) => call<EnterpriseRecord>('GET', 'business', `/enterprises/${encodeURIComponent(code)}`, context),
  };
}
