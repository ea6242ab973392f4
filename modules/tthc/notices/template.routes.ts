import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { NOTICE_EVENTS } from '../dossier/dossier.deps.ts';
import { stringEnum } from '../dossier/dossier.schemas.ts';
import { NOTICE_CHANNELS, type NoticeChannel } from './notice.templates.ts';
import type { createTemplateEditor } from './notice.service.ts';

const tags = ['tthc'];
const TemplateSchema = Type.Object({
  event: stringEnum(NOTICE_EVENTS), channel: stringEnum(NOTICE_CHANNELS), locale: Type.String(), subject: Type.String(), body: Type.String(), version: Type.Integer(), updatedAt: Type.String(),
}, { $id: 'NoticeTemplate' });

/** Notice templates (mail, SMS, in-app) that administrators edit; `{{code}}`-style placeholders. */
export function templateRoutes(templates: ReturnType<typeof createTemplateEditor>) {
  return async function routes(app: App): Promise<void> {
    app.get('/notice-templates', {
      config: { access: 'procedure.edit' },
      schema: { operationId: 'listNoticeTemplates', tags, summary: 'Notice templates to applicants', response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }), ...errorResponses() } },
    }, async () => ({ items: await templates.list() }));

    app.put('/notice-templates/:event/:channel/:locale', {
      config: { access: 'procedure.edit' },
      schema: {
        operationId: 'updateNoticeTemplate',
        tags, summary: 'Edit a notice template (expectedVersion: 409 if edited meanwhile)',
        params: Type.Object({ event: stringEnum(NOTICE_EVENTS), channel: stringEnum(NOTICE_CHANNELS), locale: stringEnum(['vi', 'en']) }, { additionalProperties: false }),
        body: Type.Object({ expectedVersion: Type.Integer({ minimum: 1 }), subject: Type.String({ maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 5000 }) }, { $id: 'NoticeTemplateUpdate', additionalProperties: false }),
        response: { 200: TemplateSchema, ...errorResponses(404, 409) },
      },
    }, async (request) => {
      const { event, channel, locale } = request.params;
      const { expectedVersion, ...input } = request.body;
      return templates.update(event, channel as NoticeChannel, locale, expectedVersion, input);
    });
  };
}
