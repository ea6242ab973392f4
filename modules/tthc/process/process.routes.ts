import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { EDIT } from '../catalogue/procedure.policies.ts';
import type { ProcedureCatalog } from '../catalogue/procedure.service.ts';
import * as S from '../tthc.schemas.ts';

const tags = S.TAGS;

/**
 * /processes: process definitions by key and version. Published versions are public (the
 * internal procedure of a TTHC is itself a published decision); drafts are for editors only.
 */
export async function processRoutes(app: App, procedures: ProcedureCatalog): Promise<void> {
  app.get(
    '/processes',
    {
      config: { access: EDIT },
      schema: { operationId: 'listProcesses', tags, summary: 'Every process key with its newest, published and draft versions', response: { 200: S.SummaryList, ...errorResponses() } },
    },
    async () => ({ items: await procedures.listProcesses() }),
  );

  app.get(
    '/processes/:key',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getProcess',
        tags,
        summary: 'A process version (default: the newest published) with its diagram as a laid-out graph',
        params: S.KeyParams,
        querystring: S.VersionQuery,
        response: { 200: S.ProcessViewSchema, ...errorResponses(404) },
      },
    },
    async (request) => procedures.getProcess(request.params.key, request.query.version, request.principal),
  );

  app.put(
    '/processes/:key/draft',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'saveProcessDraft',
        tags,
        summary: 'Create or replace the draft version of a process (validated: 422 tthc.process_invalid with the problems by path)',
        params: S.KeyParams,
        body: S.ProcessDraftBody,
        response: { 200: S.ProcessVersionSchema, ...errorResponses(422) },
      },
    },
    async (request) => procedures.saveProcessDraft(request.principal, request.params.key, request.body),
  );

  app.post(
    '/processes/:key/versions/:version/publish',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'publishProcessVersion',
        tags,
        summary: 'Publish the draft version; new dossiers follow the newest published version',
        params: S.KeyVersionParams,
        response: { 200: S.ProcessVersionSchema, ...errorResponses(404, 409) },
      },
    },
    async (request) => procedures.publishProcess(request.principal, request.params.key, request.params.version),
  );

  app.get(
    '/processes/:key/versions/:version/bpmn',
    {
      config: { access: 'public' },
      schema: { operationId: 'getProcessBpmn', tags, summary: 'BPMN 2.0 XML of a process version (opens laid out in bpmn.io)', params: S.KeyVersionParams, response: { 200: S.TextDocument, ...errorResponses(404) } },
    },
    async (request, reply) => {
      const xml = await procedures.exportBpmn(request.params.key, request.params.version, request.principal);
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${request.params.key}-v${request.params.version}.bpmn"`);
      return reply.send(xml);
    },
  );
}
