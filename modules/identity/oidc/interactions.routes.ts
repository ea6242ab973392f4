import { setTimeout as sleep } from 'node:timers/promises';
import formbody from '@fastify/formbody';
import { Type } from 'typebox';
import QRCode from 'qrcode';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { takeRateLimit, type App, type Db } from '../../../packages/platform/index.ts';
import type { AccountService } from '../account.service.ts';
import type { Oidc } from './provider.ts';
import { createOidcAdapter } from './adapter.ts';
import { resourceServers } from './resources.ts';
import { langOf, loginPage, messagePage, totpPage, type Lang } from './pages.ts';
import { createSignInThrottle, type SignInLimits } from './sign-in-throttle.ts';
import type { VneidClient } from './upstream.ts';

interface Challenge {
  userId: string;
  stage: 'totp' | 'enrol';
  [key: string]: unknown;
}
interface UpstreamState {
  uid: string;
  verifier: string;
  nonce: string;
  userId?: string;
  [key: string]: unknown;
}

/** The provider's endpoints in use (oidc-provider's default paths for the features enabled in provider.ts). */
export const PROVIDER_ENDPOINTS = [
  '/.well-known/openid-configuration', '/auth', '/auth/:uid', '/token', '/jwks', '/me',
  '/token/introspection', '/token/revocation', '/session/end', '/session/end/confirm', '/session/end/success',
] as const;
// Codes tried per account per minute at the TOTP step (wrong codes also count toward the lockout).
const TOTP_ATTEMPTS_PER_MINUTE = 10;

const UID = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }) }, { additionalProperties: false });
const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/** The sign-in pages behind the provider's interactions: officials (password + TOTP) and citizens (VNeID). */
export function interactionRoutes(deps: { db: Db; publicUrl: string; oidc: Oidc; accounts: AccountService; vneid: VneidClient; signInLimits: SignInLimits }) {
  const { db, oidc, accounts, vneid } = deps;
  const throttle = createSignInThrottle(db, deps.signInLimits);
  const resources = resourceServers(deps.publicUrl);
  // Sign-in challenges and upstream states are not bearer tokens: nothing to signal when they go.
  const Adapter = createOidcAdapter(db, async () => {});
  const challenges = new Adapter('SenSignInChallenge');
  const upstream = new Adapter('SenUpstreamState');

  async function details(provider: Provider, request: FastifyRequest, reply: FastifyReply) {
    return provider.interactionDetails(request.raw, reply.raw);
  }

  async function audit(request: FastifyRequest, actor: string, action: string, outcome: number, details: Record<string, unknown> = {}) {
    await request.audit({ actor, action, target: 'identity/sign-in', outcome, purpose: 'authentication', details });
  }

  /** Completes sign-in: first-party client, so consent to the requested scopes is granted here. */
  async function finish(provider: Provider, request: FastifyRequest, reply: FastifyReply, accountId: string) {
    const interaction = await details(provider, request, reply);
    const clientId = String(interaction.params.client_id);
    const grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : new provider.Grant({ accountId, clientId });
    if (!grant) throw new Error('grant vanished during sign-in');
    const requested = String(interaction.params.scope ?? 'openid');
    grant.addOIDCScope(requested);
    // RFC 8707: the access token is for one resource (the API unless the client named another).
    const resource = resources.get(String(interaction.params.resource ?? resources.api.audience));
    const resourceScopes = requested.split(' ').filter((s) => resource?.scope.split(' ').includes(s));
    if (resource && resourceScopes.length) grant.addResourceScope(resource.audience, resourceScopes.join(' '));
    const grantId = await grant.save();
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  async function enrolPage(lang: Lang, uid: string, userId: string, error?: string) {
    const { secret, otpauthUrl } = await accounts.beginTotpEnrolment(userId);
    return totpPage(lang, uid, { ...(error ? { error } : {}), enrol: { secret, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { width: 200, margin: 1 }) } });
  }

  return async function routes(app: App) {
    await app.register(formbody, { bodyLimit: 8 * 1024 });
    const common = { config: { access: 'public', auditedByHandler: true }, schema: { hide: true, params: UID } } as const;

    app.get('/oidc/interaction/:uid', common, async (request, reply) => {
      const provider = await oidc.provider();
      const interaction = await details(provider, request, reply);
      const lang = langOf(interaction.params.ui_locales);
      if (interaction.prompt.name === 'login') return html(reply, 200, loginPage(lang, interaction.uid, { vneid: true }));
      // Consent only: an existing session signing in to our own client.
      return finish(provider, request, reply, String(interaction.session?.accountId));
    });

    app.post(
      '/oidc/interaction/:uid/login',
      { ...common, schema: { ...common.schema, body: Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 256 }) }, { additionalProperties: false }) } },
      async (request, reply) => {
        const provider = await oidc.provider();
        const interaction = await details(provider, request, reply);
        const lang = langOf(interaction.params.ui_locales);
        const { username, password } = request.body as { username: string; password: string };
        const again = (status: number, error: string) => html(reply, status, loginPage(lang, interaction.uid, { vneid: true, error, username }));
        if (!(await throttle.admit(request.ip))) {
          reply.header('retry-after', '60');
          return again(429, lang === 'vi' ? 'Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau ít phút.' : 'Too many sign-in attempts from this address. Try again in a few minutes.');
        }
        const result = await accounts.signInOfficial(username, password);
        await audit(request, result.status === 'invalid' ? `username:${username.slice(0, 64)}` : `user:${'userId' in result ? result.userId : username}`, 'sign-in.password', result.status === 'invalid' || result.status === 'locked' ? 401 : 200, { result: result.status });
        if (result.status === 'invalid' || result.status === 'locked') await sleep(await throttle.refused(request.ip, username));
        else await throttle.accepted(username);
        switch (result.status) {
          case 'invalid':
            return again(401, lang === 'vi' ? 'Tên đăng nhập hoặc mật khẩu không đúng.' : 'Wrong username or password.');
          case 'locked':
            return again(423, lang === 'vi' ? `Tài khoản tạm khóa do nhập sai nhiều lần, đến ${result.until.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.` : `Account locked after repeated failures until ${result.until.toISOString()}.`);
          case 'ok':
            return finish(provider, request, reply, result.userId);
          case 'totp_required':
            await challenges.upsert(interaction.uid, { userId: result.userId, stage: 'totp' } satisfies Challenge, 600);
            return html(reply, 200, totpPage(lang, interaction.uid, {}));
          case 'totp_enrolment_required':
            await challenges.upsert(interaction.uid, { userId: result.userId, stage: 'enrol' } satisfies Challenge, 600);
            return html(reply, 200, await enrolPage(lang, interaction.uid, result.userId));
        }
      },
    );

    app.post(
      '/oidc/interaction/:uid/totp',
      { ...common, schema: { ...common.schema, body: Type.Object({ code: Type.String({ maxLength: 12 }) }, { additionalProperties: false }) } },
      async (request, reply) => {
        const provider = await oidc.provider();
        const interaction = await details(provider, request, reply);
        const lang = langOf(interaction.params.ui_locales);
        const challenge = (await challenges.find(interaction.uid)) as Challenge | undefined;
        if (!challenge) return html(reply, 400, loginPage(lang, interaction.uid, { vneid: true, error: lang === 'vi' ? 'Phiên xác thực đã hết hạn, vui lòng đăng nhập lại.' : 'The sign-in step expired; sign in again.' }));
        if (!(await takeRateLimit(db, `totp:${challenge.userId}`, TOTP_ATTEMPTS_PER_MINUTE, 60))) {
          return html(reply, 429, totpPage(lang, interaction.uid, { error: lang === 'vi' ? 'Quá nhiều lần thử. Vui lòng đợi một phút.' : 'Too many attempts. Wait a minute.' }));
        }
        const code = (request.body as { code: string }).code.trim();
        const wrong = lang === 'vi' ? 'Mã xác thực không đúng hoặc đã được dùng.' : 'The code is wrong or was already used.';
        if (challenge.stage === 'enrol') {
          try {
            await accounts.confirmTotp(challenge.userId, code);
          } catch {
            await audit(request, `user:${challenge.userId}`, 'sign-in.totp-enrol', 401);
            return html(reply, 401, await enrolPage(lang, interaction.uid, challenge.userId, wrong));
          }
        } else if (!(await accounts.verifyTotp(challenge.userId, code))) {
          await audit(request, `user:${challenge.userId}`, 'sign-in.totp', 401);
          return html(reply, 401, totpPage(lang, interaction.uid, { error: wrong }));
        }
        await challenges.destroy(interaction.uid);
        await audit(request, `user:${challenge.userId}`, challenge.stage === 'enrol' ? 'sign-in.totp-enrol' : 'sign-in.totp', 200);
        return finish(provider, request, reply, challenge.userId);
      },
    );

    app.post('/oidc/interaction/:uid/abort', common, async (request, reply) => {
      const provider = await oidc.provider();
      await details(provider, request, reply);
      reply.hijack();
      await provider.interactionFinished(request.raw, reply.raw, { error: 'access_denied', error_description: 'The user cancelled sign-in' }, { mergeWithLastSubmission: false });
    });

    app.get('/oidc/interaction/:uid/vneid', common, async (request, reply) => {
      const provider = await oidc.provider();
      const interaction = await details(provider, request, reply);
      const lang = langOf(interaction.params.ui_locales);
      try {
        const start = await vneid.start(lang);
        await upstream.upsert(start.state, { uid: interaction.uid, verifier: start.verifier, nonce: start.nonce } satisfies UpstreamState, 900);
        return reply.redirect(start.url, 303);
      } catch (err) {
        request.log.warn({ err }, 'VNeID unreachable');
        return html(reply, 503, messagePage(lang, 'VNeID tạm thời không truy cập được', 'VNeID is unavailable', lang === 'vi' ? 'Vui lòng thử lại sau ít phút.' : 'Please try again in a few minutes.'));
      }
    });

    // VNeID returns here (a fixed redirect URI); the interaction cookie is scoped to the interaction
    // path, so after the code exchange the browser is sent on to .../vneid/complete to finish.
    app.get(
      '/oidc/vneid/callback',
      { config: { access: 'public', auditedByHandler: true }, schema: { hide: true, querystring: Type.Object({ state: Type.String({ maxLength: 128 }) }, { additionalProperties: true }) } },
      async (request, reply) => {
        const { state } = request.query as { state: string };
        const saved = (await upstream.find(state)) as UpstreamState | undefined;
        if (!saved || saved.userId) return html(reply, 400, messagePage('vi', 'Phiên đăng nhập không hợp lệ', 'Invalid sign-in session', 'Vui lòng đăng nhập lại. / Please sign in again.'));
        try {
          const identity = await vneid.finish(new URL(request.url, `http://${request.headers.host ?? 'localhost'}`), { state, verifier: saved.verifier, nonce: saved.nonce });
          const user = await accounts.linkCitizen(identity);
          await upstream.upsert(state, { ...saved, userId: user.id }, 300);
          await audit(request, `user:${user.id}`, 'sign-in.vneid', 200, { enterprise: identity.enterpriseCode !== undefined });
          return reply.redirect(`/oidc/interaction/${saved.uid}/vneid/complete?state=${encodeURIComponent(state)}`, 303);
        } catch (err) {
          request.log.warn({ err }, 'VNeID sign-in failed');
          await audit(request, 'anonymous', 'sign-in.vneid', 401);
          await upstream.destroy(state);
          return html(reply, 401, messagePage('vi', 'Đăng nhập VNeID không thành công', 'VNeID sign-in failed', 'Vui lòng thử lại. / Please try again.'));
        }
      },
    );

    app.get(
      '/oidc/interaction/:uid/vneid/complete',
      { ...common, schema: { ...common.schema, querystring: Type.Object({ state: Type.String({ maxLength: 128 }) }, { additionalProperties: false }) } },
      async (request, reply) => {
        const provider = await oidc.provider();
        const { state } = request.query as { state: string };
        const saved = (await upstream.find(state)) as UpstreamState | undefined;
        const { uid } = request.params as { uid: string };
        if (!saved?.userId || saved.uid !== uid) return html(reply, 400, messagePage('vi', 'Phiên đăng nhập không hợp lệ', 'Invalid sign-in session', 'Vui lòng đăng nhập lại. / Please sign in again.'));
        await upstream.destroy(state);
        return finish(provider, request, reply, saved.userId);
      },
    );

    // Everything else under /oidc is the provider itself. Its endpoints are registered one by one
    // so that logs and metrics name each (`route="/oidc/token"`); the catch-all takes the rest.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      // Leave the body stream untouched: the provider reads it.
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      const options = { config: { access: 'public', auditedByHandler: true }, schema: { hide: true } } as const;
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const provider = await oidc.provider();
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '/').replace(/^\/oidc/, '') || '/';
        await provider.callback()(raw, reply.raw);
      };
      for (const path of [...PROVIDER_ENDPOINTS, '/*']) scope.all(`/oidc${path}`, options, handler);
    });
  };
}
