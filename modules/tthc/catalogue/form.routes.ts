import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { EDIT } from './procedure.policies.ts';
import type { ProcedureCatalog } from './procedure.service.ts';
import * as S from '../tthc.schemas.ts';

const tags = S.TAGS;

/** /forms: e-forms by key and version; the web renders the newest published version. */
export async function formRoutes(app: App, procedures: ProcedureCatalog): Promise<void> {
  app.get(
    '/forms',
    {
      config: { access: EDIT },
      schema: { operationId: 'listForms', tags, summary: 'Every e-form key with its newest, published and draft versions', response: { 200: S.SummaryList, ...errorResponses() } },
    },
    async () => ({ items: await procedures.listForms() }),
  );

  app.get(
    '/forms/:key',
    {
      config: { access: 'public' },
      schema: { operationId: 'getForm', tags, summary: 'The newest published version of an e-form (what applicants fill in)', params: S.KeyParams, response: { 200: S.FormVersionSchema, ...errorResponses(404) } },
    },
    async (request) => procedures.getForm(request.params.key),
  );

  app.get(
    '/forms/:key/versions/:version',
    {
      config: { access: 'public' },
      schema: { operationId: 'getFormVersion', tags, summary: 'One version of an e-form (a draft only for procedure editors)', params: S.KeyVersionParams, response: { 200: S.FormVersionSchema, ...errorResponses(404) } },
    },
    async (request) => procedures.getForm(request.params.key, request.params.version, request.principal),
  );

  app.put(
    '/forms/:key/draft',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'saveFormDraft',
        tags,
        summary: 'Create or replace the draft version of an e-form (the schema must compile: 422 tthc.form_invalid)',
        params: S.KeyParams,
        body: S.FormDraftBody,
        response: { 200: S.FormVersionSchema, ...errorResponses(422) },
      },
    },
    async (request) => procedures.saveFormDraft(request.principal, request.params.key, request.body),
  );

  app.post(
    '/forms/:key/versions/:version/publish',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'publishFormVersion',
        tags,
        summary: 'Publish the draft version; published versions never change (repeating is harmless)',
        params: S.KeyVersionParams,
        response: { 200: S.FormVersionSchema, ...errorResponses(404, 409) },
      },
    },
    async (request) => procedures.publishForm(request.principal, request.params.key, request.params.version),
  );

  app.post(
    '/forms/:key/validate',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'validateFormData',
        tags,
        summary: 'Check e-form data against the newest published version: field errors in Vietnamese and English',
        params: S.KeyParams,
        body: S.FormData,
        response: { 200: S.FormCheckSchema, ...errorResponses(404) },
      },
    },
    async (request) => procedures.validateForm(request.params.key, request.body),
  );
}
