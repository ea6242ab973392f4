import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import type { DraftService } from './draft.service.ts';
import { IdParams } from './dossier.schemas.ts';
import type { createNotificationInbox } from '../notices/notice.service.ts';

const tags = ['tthc'];
const PartCode = Type.String({ pattern: '^[a-z0-9-]{1,40}$' });
const DraftBody = {
  formData: Type.Record(PartCode, Type.Record(Type.String(), Type.Unknown()), { maxProperties: 30 }),
  files: Type.Array(Type.Object({ uploadId: Type.String({ format: 'uuid' }), partCode: PartCode, fileName: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), { maxItems: 50 }),
};
const DraftSchema = Type.Object({ id: Type.String(), offeringId: Type.String(), ...DraftBody, version: Type.Integer(), updatedAt: Type.String() }, { $id: 'Draft' });
const NotificationSchema = Type.Object({
  id: Type.String(), dossierId: Type.Union([Type.String(), Type.Null()]), event: Type.String(), title: Type.String(), body: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
}, { $id: 'Notification' });

/** The applicant's own things: drafts and in-app notifications. */
export function applicantRoutes(drafts: DraftService, inbox: ReturnType<typeof createNotificationInbox>) {
  return async function routes(app: App): Promise<void> {
    const auth = { access: 'authenticated' };
    app.get('/drafts', { config: auth, schema: { operationId: 'listDrafts', tags, summary: 'My saved drafts', response: { 200: Type.Object({ items: Type.Array(DraftSchema) }, { $id: 'DraftList' }), ...errorResponses() } } },
      async (request) => ({ items: await drafts.list(request.principal) }));
    app.post('/drafts', {
      config: auth,
      schema: { operationId: 'createDraft', tags, summary: 'Save a new draft', body: Type.Object({ offeringId: Type.String({ format: 'uuid' }), ...DraftBody }, { $id: 'NewDraft', additionalProperties: false }), response: { 201: DraftSchema, ...errorResponses() } },
    }, async (request, reply) => reply.code(201).send(await drafts.create(request.principal, request.body)));
    app.get('/drafts/:id', { config: auth, schema: { operationId: 'getDraft', tags, summary: 'One draft', params: IdParams, response: { 200: DraftSchema, ...errorResponses(404) } } },
      async (request) => drafts.get(request.principal, request.params.id));
    app.put('/drafts/:id', {
      config: auth,
      schema: { operationId: 'saveDraft', tags, summary: 'Save a draft again (expectedVersion: 409 if saved elsewhere meanwhile)', params: IdParams, body: Type.Object({ expectedVersion: Type.Integer({ minimum: 1 }), ...DraftBody }, { $id: 'DraftUpdate', additionalProperties: false }), response: { 200: DraftSchema, ...errorResponses(404, 409) } },
    }, async (request) => {
      const { expectedVersion, ...content } = request.body;
      return drafts.update(request.principal, request.params.id, expectedVersion, content);
    });
    app.delete('/drafts/:id', { config: auth, schema: { operationId: 'deleteDraft', tags, summary: 'Delete a draft', params: IdParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await drafts.remove(request.principal, request.params.id);
        return reply.code(204).send(null);
      });

    app.get('/notifications', {
      config: auth,
      schema: { operationId: 'listNotifications', tags, summary: 'My in-app notifications, newest first', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(NotificationSchema) }), ...errorResponses() } },
    }, async (request) => ({ items: request.principal.kind === 'user' ? await inbox.list(request.principal.userId, request.query.limit) : [] }));
    app.post('/notifications/:id/read', { config: auth, schema: { operationId: 'markNotificationRead', tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await inbox.markRead(request.principal, request.params.id);
        return reply.code(204).send(null);
      });
  };
}
