import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { renderBlankForm } from '../documents/index.ts';
import { EDIT } from './procedure.policies.ts';
import type { ProcedureCatalog } from './procedure.service.ts';
import * as S from '../tthc.schemas.ts';

const tags = S.TAGS;
/** The PDF's metadata date: a constant keeps a version's blank form byte-identical (and cacheable). */
const BLANK_FORM_DATE = new Date('2025-07-01T00:00:00Z');

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
    '/forms/:key/blank',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getBlankForm', tags, summary: 'The newest published e-form as a blank A4 PDF to print and fill by hand (mẫu đơn, tờ khai)', params: S.KeyParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const form = await procedures.getForm(request.params.key);
      const pdf = await renderBlankForm(form, BLANK_FORM_DATE);
      const fileName = `mau-${form.key}-v${form.version}.pdf`;
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'public, max-age=3600').send(pdf);
    },
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
