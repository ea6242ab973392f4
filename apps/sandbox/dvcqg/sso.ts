import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { CitizenDirectory } from '../citizens/generator.ts';
import { PAGE_SECURITY_HEADERS } from '../html.ts';
import type { TokenIssuer } from '../kit.ts';
import { TESTER_ROUTE } from '../sandbox.ts';
import { authenticateClient, oauthError, type DvcqgClient } from './clients.ts';
import { renderSignIn, renderSsoError } from './pages.ts';
import { errorResponse } from './schemas.ts';

/**
 * National SSO by redirect: an authorization-code flow without OpenID Connect. The relying
 * party sends the browser to `/sso/authorize`, the tester picks a synthetic citizen, and the
 * code that comes back is exchanged at `/sso/token` for the citizen's profile.
 */

export interface SsoDependencies {
  clients: readonly DvcqgClient[];
  directory: CitizenDirectory;
  /** Tokens of signed-in citizens; kept apart from the API's, so they open nothing else. */
  tokens: TokenIssuer;
  now: () => number;
  /** Public path of the sandbox (`/dvcqg`), for form actions and redirects. */
  basePath: () => string;
}

const REQUEST_TTL_MS = 10 * 60 * 1000;
const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_PENDING = 10_000;
const LIST_SIZE = 20;

/** Entries that lapse; bounded, the oldest going first. */
class Expiring<T> {
  readonly #entries = new Map<string, { value: T; expiresAt: number }>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }
  add(value: T, ttlMs: number): string {
    const key = randomBytes(24).toString('base64url');
    if (this.#entries.size >= MAX_PENDING) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    return key;
  }
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) this.#entries.delete(key);
    return entry && entry.expiresAt > this.#now() ? entry.value : undefined;
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

interface PendingSignIn { clientId: string; redirectUri: string; state?: string }
interface IssuedCode { clientId: string; redirectUri: string; personalId: string }

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(body);
}

function backToClient(reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>): FastifyReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return reply.header('cache-control', 'no-store').redirect(url.href, 303);
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const requestParams = { type: 'object', required: ['signInId'], additionalProperties: false, properties: { signInId: { type: 'string', pattern: '^[A-Za-z0-9_-]{32}$' } } } as const;
const TAGS = ['National SSO'];
/** Typed routes need the config type spelled out for `config: TESTER_ROUTE`. */
type TesterConfig = typeof TESTER_ROUTE;
const pageResponse = { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } as const;

const profile = {
  type: 'object',
  properties: {
    personalId: { type: 'string' }, fullName: { type: 'string' }, dateOfBirth: { type: 'string' }, sex: { type: 'string', enum: ['male', 'female'] },
    phone: { type: ['string', 'null'] }, email: { type: ['string', 'null'] }, address: { type: 'string', description: 'Permanent address (nơi thường trú), one line' },
  },
} as const;

export function registerSso(app: FastifyInstance, deps: SsoDependencies): void {
  const pending = new Expiring<PendingSignIn>(deps.now);
  const codes = new Expiring<IssuedCode>(deps.now);
  const requestPath = (id: string) => `${deps.basePath()}/sso/requests/${id}`;
  const expired = (reply: FastifyReply) => sendPage(reply, 400, renderSsoError(
    'Phiên đăng nhập không còn hiệu lực. Vui lòng quay lại ứng dụng và đăng nhập lại.', 'The sign-in session has expired or is unknown. Go back to the application and start again.'));

  app.get<{ Querystring: { client_id?: string; redirect_uri?: string; state?: string; response_type?: string } }, TesterConfig>('/sso/authorize', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Start a national SSO sign-in (browser redirect)',
      description: 'Validates the client and its registered redirect URI (exact match; otherwise an error page, never a redirect), then sends the browser (303) '
        + 'to the sign-in page. `response_type` other than `code` → redirect with `error=unsupported_response_type`. Afterwards the browser is sent (303) to '
        + '`redirect_uri?code=…&state=…`, or `?error=access_denied&state=…` when the tester cancels.',
      tags: TAGS,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { client_id: text(100), redirect_uri: text(2000), state: text(500), response_type: text(50) },
      },
      response: { 303: { description: 'To the sign-in page or back to the client (Location header)', type: 'null' }, 400: pageResponse },
    },
  }, async (request, reply) => {
    const { client_id: clientId, redirect_uri: redirectUri, state, response_type: responseType } = request.query;
    const client = deps.clients.find((c) => c.id === clientId);
    if (!client) return sendPage(reply, 400, renderSsoError('Ứng dụng không được đăng ký với Cổng.', 'Unknown client_id.'));
    if (!redirectUri || !(client.redirectUris ?? []).includes(redirectUri)) {
      return sendPage(reply, 400, renderSsoError('Địa chỉ trả về (redirect_uri) chưa được đăng ký cho ứng dụng này.', 'The redirect_uri is not registered for this client.'));
    }
    if (responseType !== 'code') return backToClient(reply, redirectUri, { error: 'unsupported_response_type', state });
    const id = pending.add({ clientId: client.id, redirectUri, state }, REQUEST_TTL_MS);
    return reply.header('cache-control', 'no-store').redirect(requestPath(id), 303);
  });

  app.get<{ Params: { signInId: string }; Querystring: { q?: string } }, TesterConfig>('/sso/requests/:signInId', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Sign-in page', description: 'Pick a synthetic citizen (search is diacritic-insensitive) or type a personal id; or cancel.', tags: TAGS,
      params: requestParams,
      querystring: { type: 'object', additionalProperties: false, properties: { q: text(100) } },
      response: { 200: pageResponse, 400: pageResponse },
    },
  }, async (request, reply) => {
    const signIn = pending.get(request.params.signInId);
    if (!signIn) return expired(reply);
    const client = deps.clients.find((c) => c.id === signIn.clientId)!;
    const query = (request.query.q ?? '').trim();
    return sendPage(reply, 200, renderSignIn({
      action: requestPath(request.params.signInId), clientName: client.name ?? client.id, query, citizens: deps.directory.search(query, LIST_SIZE),
    }));
  });

  app.post<{ Params: { signInId: string }; Body: { citizen?: string; personalId?: string } }, TesterConfig>('/sso/requests/:signInId/login', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Sign in as the chosen citizen', description: 'Form post of the sign-in page; 303 back to the client with a single-use code valid 5 minutes.', tags: TAGS,
      params: requestParams,
      body: { type: 'object', additionalProperties: false, properties: { citizen: text(20), personalId: text(20) } },
      response: { 303: { description: 'Back to the client (Location header)', type: 'null' }, 400: pageResponse },
    },
  }, async (request, reply) => {
    const signIn = pending.get(request.params.signInId);
    if (!signIn) return expired(reply);
    const typedId = (request.body?.personalId ?? '').replace(/\s+/g, '');
    const chosenId = (request.body?.citizen ?? '').trim();
    const citizen = (typedId || chosenId) ? deps.directory.byId(typedId || chosenId) : undefined;
    if (!citizen) {
      const client = deps.clients.find((c) => c.id === signIn.clientId)!;
      return sendPage(reply, 400, renderSignIn({
        action: requestPath(request.params.signInId), clientName: client.name ?? client.id, query: '', citizens: deps.directory.search('', LIST_SIZE),
        chosenId, typedId,
        error: typedId || chosenId
          ? 'Số định danh cá nhân không hợp lệ. / Not a valid personal id number.'
          : 'Hãy chọn một công dân hoặc nhập số định danh cá nhân. / Choose a citizen or type a personal id.',
      }));
    }
    pending.delete(request.params.signInId);
    const code = codes.add({ clientId: signIn.clientId, redirectUri: signIn.redirectUri, personalId: citizen.personalId }, CODE_TTL_MS);
    request.log.info({ client: signIn.clientId, citizen: `***${citizen.personalId.slice(-3)}` }, 'dvcqg sso sign-in');
    return backToClient(reply, signIn.redirectUri, { code, state: signIn.state });
  });

  app.post<{ Params: { signInId: string } }, TesterConfig>('/sso/requests/:signInId/cancel', {
    config: TESTER_ROUTE,
    schema: {
      summary: 'Cancel the sign-in', description: 'Form post of the sign-in page; 303 back to the client with `error=access_denied`.', tags: TAGS,
      params: requestParams,
      response: { 303: { description: 'Back to the client (Location header)', type: 'null' }, 400: pageResponse },
    },
  }, async (request, reply) => {
    const signIn = pending.get(request.params.signInId);
    if (!signIn) return expired(reply);
    pending.delete(request.params.signInId);
    return backToClient(reply, signIn.redirectUri, { error: 'access_denied', state: signIn.state });
  });

  app.post<{ Body: { grant_type?: string; code?: string; redirect_uri?: string; client_id?: string; client_secret?: string } }>('/sso/token', {
    schema: {
      summary: 'Exchange an SSO authorization code for the citizen\'s profile',
      description: 'Client authentication by HTTP Basic or form `client_id`/`client_secret` (401 `dvcqg.invalid_client`). `grant_type=authorization_code` '
        + '(else 400 `dvcqg.unsupported_grant_type`), `code`, and the same `redirect_uri` as at /sso/authorize. Codes are single-use, bound to the client and '
        + 'expire after 5 minutes (400 `dvcqg.invalid_grant`). Body `application/x-www-form-urlencoded` or JSON.',
      tags: TAGS,
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      body: {
        type: 'object', additionalProperties: false,
        properties: { grant_type: text(50), code: text(200), redirect_uri: text(2000), client_id: text(100), client_secret: text(200) },
      },
      response: {
        200: {
          type: 'object', required: ['access_token', 'token_type', 'expires_in', 'profile'],
          properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' }, profile },
        },
        400: errorResponse, 401: errorResponse,
      },
    },
  }, async (request, reply) => {
    const form = request.body ?? {};
    const client = authenticateClient(deps.clients, request, form);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'Unknown client or wrong secret');
    if (form.grant_type !== 'authorization_code') return oauthError(reply, 400, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported here');
    const issued = form.code ? codes.get(form.code) : undefined;
    // A code presented by the wrong client or with another redirect_uri is refused and stays usable by its rightful owner.
    if (!issued || issued.clientId !== client.id || issued.redirectUri !== form.redirect_uri) {
      return oauthError(reply, 400, 'invalid_grant', 'The code is unknown, expired, already used, or was issued to another client or redirect_uri');
    }
    codes.delete(form.code!);
    const citizen = deps.directory.byId(issued.personalId)!;
    return reply.header('cache-control', 'no-store').send({
      ...deps.tokens.issue(client.id),
      profile: {
        personalId: citizen.personalId, fullName: citizen.fullName, dateOfBirth: citizen.dateOfBirth, sex: citizen.sex,
        phone: citizen.phoneNumber, email: citizen.email, address: citizen.permanentAddress.text,
      },
    });
  });
}
