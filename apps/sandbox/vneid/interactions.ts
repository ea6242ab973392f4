import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { CitizenDirectory } from '../citizens/generator.ts';
import { generateEnterpriseCode, isValidEnterpriseCode } from '../citizens/enterprise-code.ts';
import { PAGE_SECURITY_HEADERS, page } from '../html.ts';
import type { Representations } from './provider.ts';
import { renderSignIn, type SignInView } from './pages.ts';

export interface InteractionOptions {
  /** Route of the interaction pages within the sandbox's scope, e.g. `/interaction`. */
  routePath: string;
  /** The same as browsers see it, e.g. `/vneid/interaction`. */
  publicPath: string;
  provider: () => Provider;
  directory: CitizenDirectory;
  representations: Representations;
}

interface SignInForm {
  citizen?: string;
  personalId?: string;
  asEnterprise?: string;
  enterpriseCode?: string;
}

const LIST_SIZE = 20;
const str = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 2000) : '');

function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(body);
}

/** The interaction is found through its cookie; the uid in the path must name the same one. */
async function loadInteraction(options: InteractionOptions, request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
  try {
    const details = await options.provider().interactionDetails(request.raw, reply.raw);
    if (details.uid === request.params.uid) return details;
  } catch (error) {
    if ((error as { name?: string }).name !== 'SessionNotFound') throw error;
  }
  sendPage(reply, 400, page({
    title: 'Phiên đăng nhập không còn hiệu lực',
    subtitle: 'The sign-in session has expired or is unknown',
    body: `<p role="alert">Vui lòng quay lại ứng dụng và đăng nhập lại. / Please go back to the application and sign in again.</p>`,
  }));
  return undefined;
}

function requestedClaims(claimsParam: string | undefined): string[] {
  if (!claimsParam) return [];
  try {
    const parsed = JSON.parse(claimsParam) as { id_token?: object; userinfo?: object };
    return [...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})];
  } catch {
    return [];
  }
}

export async function registerInteractions(app: FastifyInstance, options: InteractionOptions): Promise<void> {
  await app.register(formbody, { bodyLimit: 4096 });

  async function view(details: { uid: string; params: Record<string, unknown> }, query: string): Promise<SignInView> {
    const clientId = str(details.params.client_id);
    const client = await options.provider().Client.find(clientId);
    return {
      action: `${options.publicPath}/${details.uid}`,
      clientName: client?.clientName ?? clientId,
      scopes: str(details.params.scope).split(' ').filter(Boolean),
      query,
      citizens: options.directory.search(query, LIST_SIZE),
    };
  }

  app.get<{ Params: { uid: string }; Querystring: { q?: string } }>(`${options.routePath}/:uid`, { schema: { operationId: 'showSignInPage', summary: 'Sign-in page: pick or type a synthetic citizen' } }, async (request, reply) => {
    const details = await loadInteraction(options, request, reply);
    if (!details) return reply;
    return sendPage(reply, 200, renderSignIn(await view(details, str(request.query.q))));
  });

  app.post<{ Params: { uid: string }; Body: SignInForm }>(`${options.routePath}/:uid/login`, { schema: { operationId: 'signIn', summary: 'Sign in as the chosen citizen (form post)' } }, async (request, reply) => {
    const details = await loadInteraction(options, request, reply);
    if (!details) return reply;
    const form = request.body ?? {};
    const typedId = str(form.personalId).replace(/\s+/g, '');
    const chosenId = str(form.citizen);
    const asEnterprise = str(form.asEnterprise) !== '';
    const typedEnterprise = str(form.enterpriseCode).replace(/\s+/g, '');
    const errors: SignInView['errors'] = {};

    const personalId = typedId || chosenId;
    const citizen = personalId ? options.directory.byId(personalId) : undefined;
    if (!personalId) errors.personalId = 'Hãy chọn một công dân hoặc nhập số định danh cá nhân. / Choose a citizen or type a personal id.';
    else if (!citizen) errors.personalId = 'Số định danh cá nhân không hợp lệ: cần 12 chữ số, mã tỉnh, thế kỷ/giới tính và năm sinh hợp lệ. / Not a valid personal id number.';
    if (asEnterprise && typedEnterprise && !isValidEnterpriseCode(typedEnterprise)) {
      errors.enterpriseCode = 'Mã số doanh nghiệp không hợp lệ (10 chữ số, chữ số kiểm tra sai). / Not a valid enterprise code.';
    }
    if (!citizen || errors.enterpriseCode) {
      const base = await view(details, '');
      return sendPage(reply, 400, renderSignIn({ ...base, chosenId, typedId, asEnterprise, enterpriseCode: typedEnterprise, errors }));
    }

    const provider = options.provider();
    const grant = new provider.Grant({ accountId: citizen.personalId, clientId: str(details.params.client_id) });
    // Consent is implied for registered clients: grant what was asked for.
    const scope = str(details.params.scope);
    if (scope) grant.addOIDCScope(scope);
    const claims = requestedClaims(typeof details.params.claims === 'string' ? details.params.claims : undefined);
    if (claims.length > 0) grant.addOIDCClaims(claims);
    const grantId = await grant.save();
    if (asEnterprise) {
      options.representations.set(grantId, typedEnterprise || generateEnterpriseCode(`${options.directory.seed}|${citizen.personalId}`));
    }
    request.log.info({ citizen: `***${citizen.personalId.slice(-3)}`, asEnterprise }, 'vneid sign-in');
    const returnTo = await provider.interactionResult(request.raw, reply.raw, {
      login: { accountId: citizen.personalId, amr: ['pwd'] },
      consent: { grantId },
    }, { mergeWithLastSubmission: false });
    return reply.redirect(returnTo, 303);
  });

  app.post<{ Params: { uid: string } }>(`${options.routePath}/:uid/abort`, { schema: { operationId: 'abortSignIn', summary: 'Cancel the sign-in' } }, async (request, reply) => {
    const details = await loadInteraction(options, request, reply);
    if (!details) return reply;
    const returnTo = await options.provider().interactionResult(request.raw, reply.raw, {
      error: 'access_denied',
      error_description: 'End-User cancelled the sign-in',
    }, { mergeWithLastSubmission: false });
    return reply.redirect(returnTo, 303);
  });
}

