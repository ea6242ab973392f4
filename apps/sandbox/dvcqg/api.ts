import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, sandboxError, type TokenIssuer } from '../kit.ts';
import { authenticateClient, oauthError, type DvcqgClient } from './clients.ts';
import {
  currentStatus, validateDossier, validateStatusUpdate, type DossierInput, type DossierRecord, type DossierStore, type Recording, type StatusUpdateInput,
} from './dossiers.ts';
import { acknowledgement, dossierBody, dossierCodeParams, errorResponse, statusUpdateBody } from './schemas.ts';
import { dossierStatus } from './statuses.ts';

/** The portal's API for provincial systems: client-credentials tokens, dossier sync, status updates. */

export interface ApiDependencies {
  clients: readonly DvcqgClient[];
  tokens: TokenIssuer;
  store: DossierStore;
  now: () => Date;
}

const TAGS = ['Provincial synchronisation'];
const BEARER_NOTE = 'Authentication: `Authorization: Bearer <access_token>` from `POST /dvcqg/oauth/token`; otherwise 401 `dvcqg.unauthorized`, nothing recorded.';

const tokenBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    grant_type: { type: 'string', maxLength: 50, description: 'Must be `client_credentials`' },
    client_id: { type: 'string', maxLength: 100 },
    client_secret: { type: 'string', maxLength: 200 },
    scope: { type: 'string', maxLength: 200, description: 'Ignored' },
  },
} as const;

const tokenResponse = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: { access_token: { type: 'string' }, token_type: { type: 'string', enum: ['Bearer'] }, expires_in: { type: 'integer' } },
} as const;

function acknowledge(record: DossierRecord, added: boolean) {
  const status = currentStatus(record).status;
  const labels = dossierStatus(status);
  return {
    dossierCode: record.dossierCode, status, statusLabel: labels?.vi ?? '', statusLabelEn: labels?.en ?? '',
    historyLength: record.history.length, historyEntryAdded: added,
  };
}

function staleOrAcknowledge(reply: FastifyReply, recording: Recording, createdStatus: number): FastifyReply {
  if (recording.outcome === 'stale') {
    return sandboxError(reply, 409, 'dvcqg.stale_update', 'The update is older than the latest recorded status', {
      latest: { status: recording.latest.status, at: recording.latest.at },
    });
  }
  const added = recording.outcome !== 'duplicate';
  return reply.code(added ? createdStatus : 200).send(acknowledge(recording.record, added));
}

export function registerApi(app: FastifyInstance, deps: ApiDependencies): void {
  const callers = new WeakMap<FastifyRequest, DvcqgClient>();
  const caller = (request: FastifyRequest): DvcqgClient => callers.get(request)!;

  // Runs before body parsing and validation: an unauthenticated call is refused first, whatever it carries.
  async function requireToken(request: FastifyRequest, reply: FastifyReply) {
    const clientId = deps.tokens.verify(bearerToken(request));
    const client = clientId === undefined ? undefined : deps.clients.find((c) => c.id === clientId);
    if (!client) {
      return sandboxError(reply.header('www-authenticate', 'Bearer realm="dvcqg"'), 401, 'dvcqg.unauthorized', 'A valid bearer token from /dvcqg/oauth/token is required');
    }
    callers.set(request, client);
  }

  const notOwner = (reply: FastifyReply, dossierCode: string) =>
    sandboxError(reply, 403, 'dvcqg.not_owner', `Dossier ${dossierCode} was synchronised by another provincial system`);

  app.post<{ Body: { grant_type?: string; client_id?: string; client_secret?: string } }>('/oauth/token', {
    schema: {
      summary: 'Issue an access token (OAuth 2.0 client credentials)',
      description: 'Client authentication by HTTP Basic (`client_secret_basic`) or form fields `client_id`/`client_secret` (`client_secret_post`). '
        + 'Body `application/x-www-form-urlencoded` (or JSON) with `grant_type=client_credentials`. Wrong credentials → 401 `dvcqg.invalid_client`; '
        + 'another grant type → 400 `dvcqg.unsupported_grant_type`. Errors carry the RFC 6749 code in `details.error`.',
      tags: ['OAuth'],
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      body: tokenBody,
      response: { 200: tokenResponse, 400: errorResponse, 401: errorResponse },
    },
  }, async (request, reply) => {
    const form = request.body ?? {};
    const client = authenticateClient(deps.clients, request, form);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'Unknown client or wrong secret');
    if (form.grant_type !== 'client_credentials') return oauthError(reply, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported here');
    return reply.header('cache-control', 'no-store').send(deps.tokens.issue(client.id));
  });

  app.put<{ Params: { dossierCode: string }; Body: DossierInput }>('/api/v1/dossiers/:dossierCode', {
    onRequest: requireToken,
    schema: {
      summary: 'Synchronise (upsert) a provincial dossier',
      description: `Creates (201) or replaces (200) the portal's copy of a dossier. The status it carries (at \`statusAt\`, default receivedAt or submittedAt) joins the status history unless it repeats a recorded one; one older than the latest recorded → 409 \`dvcqg.stale_update\`. `
        + 'Domain checks → 422 `dvcqg.invalid_dossier` with `details` by field (unknown status, agency outside the client\'s province, dueAt before receivedAt, …). '
        + `A dossier synchronised by another client → 403 \`dvcqg.not_owner\`. ${BEARER_NOTE}`,
      tags: TAGS,
      params: dossierCodeParams,
      body: dossierBody,
      response: { 200: acknowledgement, 201: acknowledgement, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 422: errorResponse },
    },
  }, async (request, reply) => {
    const { dossierCode } = request.params;
    const client = caller(request);
    const existing = deps.store.get(dossierCode);
    if (existing && existing.clientId !== client.id) return notOwner(reply, dossierCode);
    const now = deps.now();
    const errors = validateDossier(request.body, client, now.getTime());
    if (Object.keys(errors).length > 0) return sandboxError(reply, 422, 'dvcqg.invalid_dossier', 'The dossier does not pass the portal\'s checks', errors);
    const recording = deps.store.upsert(dossierCode, client.id, request.body, now);
    request.log.info({ dossierCode, client: client.id, outcome: recording.outcome }, 'dvcqg dossier sync');
    return staleOrAcknowledge(reply, recording, recording.outcome === 'created' ? 201 : 200);
  });

  app.post<{ Params: { dossierCode: string }; Body: StatusUpdateInput }>('/api/v1/dossiers/:dossierCode/statuses', {
    onRequest: requireToken,
    schema: {
      summary: 'Record a status change of a synchronised dossier',
      description: 'Appends to the status history (201). A repeat of a recorded update (same status and time) → 200 without a new entry; '
        + 'an update older than the latest recorded → 409 `dvcqg.stale_update`; unknown status code or agency outside the province → 422 `dvcqg.invalid_status_update`; '
        + `unknown dossier → 404 \`dvcqg.dossier_not_found\`. ${BEARER_NOTE}`,
      tags: TAGS,
      params: dossierCodeParams,
      body: statusUpdateBody,
      response: { 200: acknowledgement, 201: acknowledgement, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    },
  }, async (request, reply) => {
    const { dossierCode } = request.params;
    const record = deps.store.get(dossierCode);
    if (!record) return sandboxError(reply, 404, 'dvcqg.dossier_not_found', `No dossier ${dossierCode} has been synchronised`);
    if (record.clientId !== caller(request).id) return notOwner(reply, dossierCode);
    const now = deps.now();
    const errors = validateStatusUpdate(request.body, record, caller(request), now.getTime());
    if (Object.keys(errors).length > 0) return sandboxError(reply, 422, 'dvcqg.invalid_status_update', 'The status update does not pass the portal\'s checks', errors);
    const recording = deps.store.addStatus(record, request.body, now);
    request.log.info({ dossierCode, status: request.body.status, outcome: recording.outcome }, 'dvcqg status update');
    return staleOrAcknowledge(reply, recording, 201);
  });
}
