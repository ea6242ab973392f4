import type { FastifyInstance } from 'fastify';
import { sandboxError } from '../kit.ts';
import { AGENCY_CODE_PATTERN } from './clients.ts';
import { currentStatus, type DossierRecord, type DossierStore } from './dossiers.ts';
import type { PushRecord, PushRequest, PushService } from './pushes.ts';
import { agencyCode, dossierCodeParams, dossierDetail, dossierSummary, errorResponse, procedureCode } from './schemas.ts';
import { dossierStatus } from './statuses.ts';

/** Tester and test-suite views of what the portal received, and the trigger of central pushes. */

const ADMIN_NOTE = 'Authentication: `Authorization: Bearer <sandbox admin token>` (enforced by the sandbox server on every `/_admin/` route).';

export function summarizeDossier(record: DossierRecord) {
  const status = currentStatus(record);
  return {
    dossierCode: record.dossierCode,
    clientId: record.clientId,
    procedureCode: record.dossier.procedureCode,
    procedureName: record.dossier.procedureName,
    agencyCode: record.dossier.agencyCode,
    status: status.status,
    statusLabel: dossierStatus(status.status)?.vi ?? '',
    firstSyncedAt: record.syncedAt[0] ?? '',
    lastSyncedAt: record.syncedAt.at(-1) ?? '',
  };
}

function describeDossier(record: DossierRecord) {
  return {
    ...summarizeDossier(record),
    dossier: record.dossier,
    syncedAt: record.syncedAt,
    history: record.history.map((entry) => ({ ...entry, statusLabel: dossierStatus(entry.status)?.vi ?? '' })),
  };
}

function describePush(push: PushRecord, withBody: boolean) {
  const { rawBody, ...rest } = push;
  return { ...rest, deliveryId: push.id, ...(withBody ? { body: JSON.parse(rawBody) as unknown } : {}) };
}

const limit = { type: 'integer', minimum: 1, maximum: 500, default: 50 } as const;

const pushBody = {
  type: 'object',
  required: ['procedureCode', 'agencyCode'],
  additionalProperties: false,
  properties: {
    procedureCode,
    procedureName: { type: 'string', minLength: 1, maxLength: 500 },
    agencyCode: { ...agencyCode, description: 'Receiving agency; the push goes to the client whose province it lies in' },
    applicantPersonalId: { type: 'string', pattern: '^[0-9]{12}$', description: 'Default: a listed adult citizen drawn from the seed' },
    formData: { type: 'object', maxProperties: 100, additionalProperties: true, description: 'Free-form e-form data (at most 64 KB as JSON)' },
    attachments: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        required: ['name', 'contentType', 'base64'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 255 },
          contentType: { type: 'string', pattern: '^[\\w.+-]+/[\\w.+-]+$', maxLength: 100 },
          base64: { type: 'string', maxLength: 700_000, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'At most ~512 KB decoded' },
        },
      },
    },
    receiverUrl: { type: 'string', format: 'uri', maxLength: 2000, description: 'Default: the client\'s `receiverUrl` option' },
  },
} as const;

const attempt = {
  type: 'object',
  properties: {
    url: { type: 'string' }, at: { type: 'string' }, status: { type: ['integer', 'null'] }, error: { type: 'string' },
    trigger: { type: 'string', enum: ['initial', 'manual', 'automatic'] }, signatureTimestamp: { type: 'integer' },
  },
} as const;

const pushView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    deliveryId: { type: 'string', description: 'The `X-DVCQG-Delivery` header, the same on every attempt' },
    nationalDossierCode: { type: 'string' },
    clientId: { type: 'string' },
    receiverUrl: { type: 'string' },
    createdAt: { type: 'string' },
    state: { type: 'string', enum: ['delivered', 'retrying', 'failed'] },
    nextRetryAt: { type: ['string', 'null'] },
    attempts: { type: 'array', items: attempt },
    body: { type: 'object', additionalProperties: true, description: 'The JSON body sent (detail view only)' },
  },
} as const;

const pushIdParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid' } } } as const;

export function registerAdmin(app: FastifyInstance, deps: { store: DossierStore; pushes: PushService }): void {
  app.get<{ Querystring: { agency?: string; status?: number; limit: number } }>('/_admin/dossiers', {
    schema: {
      summary: 'List synchronised dossiers', description: `Most recently changed first; filter by agency code and current status. ${ADMIN_NOTE}`, tags: ['Admin'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { agency: { type: 'string', pattern: AGENCY_CODE_PATTERN, maxLength: 40 }, status: { type: 'integer', minimum: 0, maximum: 99 }, limit },
      },
      response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: dossierSummary } } }, 400: errorResponse, 401: errorResponse },
    },
  }, async (request) => {
    const { total, items } = deps.store.list(request.query);
    return { total, items: items.map(summarizeDossier) };
  });

  app.get<{ Params: { dossierCode: string } }>('/_admin/dossiers/:dossierCode', {
    schema: {
      summary: 'One synchronised dossier', description: `The latest upsert, every status history entry and when each arrived. ${ADMIN_NOTE}`, tags: ['Admin'],
      params: dossierCodeParams,
      response: { 200: dossierDetail, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
  }, async (request, reply) => {
    const record = deps.store.get(request.params.dossierCode);
    if (!record) return sandboxError(reply, 404, 'dvcqg.dossier_not_found', `No dossier ${request.params.dossierCode} has been synchronised`);
    return describeDossier(record);
  });

  app.post<{ Body: PushRequest }>('/_admin/pushes', {
    schema: {
      summary: 'File a dossier centrally and push it to the provincial system',
      description: 'Builds a national dossier (code `G22.99.<cc>-<yymmdd>-<nnnn>`: `G22.99` stands for the national portal, `<cc>` the 1-based number of the receiving client '
        + 'in the sandbox\'s client list, `<yymmdd>` the filing date in Việt Nam time, `<nnnn>` a running number per day; a sandbox convention, not the official scheme) '
        + 'with the applicant\'s data from the synthetic population, then POSTs it as JSON to the receiver with `X-DVCQG-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` '
        + '(key: the client\'s receiverSecret) and `X-DVCQG-Delivery: <uuid>`. Answers 201 after the first attempt, whatever its outcome; failures are retried on the '
        + `sandbox's retry schedule and by \`/redeliver\`. Unknown province, missing receiver or invalid applicant id → 422 \`dvcqg.invalid_push\`. ${ADMIN_NOTE}`,
      tags: ['Admin'],
      body: pushBody,
      response: { 201: pushView, 400: errorResponse, 401: errorResponse, 422: errorResponse },
    },
  }, async (request, reply) => {
    const result = await deps.pushes.create(request.body);
    if ('errors' in result) return sandboxError(reply, 422, 'dvcqg.invalid_push', 'The push cannot be built', result.errors);
    return reply.code(201).send(describePush(result.push, true));
  });

  app.get<{ Querystring: { limit: number } }>('/_admin/pushes', {
    schema: {
      summary: 'List pushes', description: `Newest first, with their delivery attempts. ${ADMIN_NOTE}`, tags: ['Admin'],
      querystring: { type: 'object', additionalProperties: false, properties: { limit } },
      response: { 200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: pushView } } }, 400: errorResponse, 401: errorResponse },
    },
  }, async (request) => {
    const { total, items } = deps.pushes.list(request.query.limit);
    return { total, items: items.map((push) => describePush(push, false)) };
  });

  app.get<{ Params: { id: string } }>('/_admin/pushes/:id', {
    schema: {
      summary: 'One push', description: `The body sent and every delivery attempt. ${ADMIN_NOTE}`, tags: ['Admin'],
      params: pushIdParams,
      response: { 200: pushView, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
  }, async (request, reply) => {
    const push = deps.pushes.get(request.params.id);
    return push ? describePush(push, true) : sandboxError(reply, 404, 'dvcqg.push_not_found', 'No such push');
  });

  app.post<{ Params: { id: string } }>('/_admin/pushes/:id/redeliver', {
    schema: {
      summary: 'Deliver a push again',
      description: `Same delivery id and body, new signature time; answers after the attempt. ${ADMIN_NOTE}`, tags: ['Admin'],
      params: pushIdParams,
      response: { 200: pushView, 400: errorResponse, 401: errorResponse, 404: errorResponse },
    },
  }, async (request, reply) => {
    const push = await deps.pushes.redeliver(request.params.id);
    return push ? describePush(push, true) : sandboxError(reply, 404, 'dvcqg.push_not_found', 'No such push');
  });
}
