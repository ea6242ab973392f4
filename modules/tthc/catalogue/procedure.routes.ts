import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { formRoutes } from './form.routes.ts';
import { offeringRoutes } from './offering.routes.ts';
import { etagOf, expectedVersion, IfMatchHeaders } from './procedure.http.ts';
import { EDIT, procedureFor } from './procedure.policies.ts';
import type { ProcedureCatalog } from './procedure.service.ts';
import { processRoutes } from '../process/process.routes.ts';
import * as S from '../tthc.schemas.ts';

const tags = S.TAGS;
/** /procedures: the public catalogue of procedures, and its editing, import and export. */
export async function procedureRoutes(app: App, procedures: ProcedureCatalog): Promise<void> {
  app.get(
    '/procedures',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'listProcedures',
        tags,
        summary: 'Search procedures (with or without diacritics) by field, level, offering agency; paged',
        querystring: S.ProcedureListQuerySchema,
        response: { 200: S.ProcedurePageSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await procedures.list(request.query);
      return { ...page, items: page.items.map((p) => procedureFor(request.principal, p)) };
    },
  );

  app.get(
    '/procedures/export',
    {
      config: { access: 'public' },
      schema: { operationId: 'exportProcedures', tags, summary: 'Export every procedure as JSON or CSV (the import format)', querystring: S.FormatQuery, response: { 200: S.TextDocument, ...errorResponses() } },
    },
    async (request, reply) => {
      const { format } = request.query;
      const body = await procedures.exportProcedures(format, request.principal);
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="procedures.${format}"`);
      return reply.send(body);
    },
  );

  app.get(
    '/procedure-codes/:code',
    {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'getProcedureByCode', tags, summary: 'One procedure by its national code (mã TTHC)', params: S.CodeParams, response: { 200: S.ProcedureSchema, ...errorResponses(404) } },
    },
    async (request, reply) => {
      const procedure = await procedures.getByCode(request.params.code);
      reply.header('etag', etagOf(procedure.version));
      return procedureFor(request.principal, procedure);
    },
  );

  app.get(
    '/procedures/:id',
    {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'getProcedure', tags, summary: 'One procedure (its ETag is the If-Match value for updates)', params: S.IdParams, response: { 200: S.ProcedureSchema, ...errorResponses(404) } },
    },
    async (request, reply) => {
      const procedure = await procedures.get(request.params.id);
      reply.header('etag', etagOf(procedure.version));
      return procedureFor(request.principal, procedure);
    },
  );

  app.post(
    '/procedures',
    {
      config: { access: EDIT },
      schema: { operationId: 'createProcedure', tags, summary: 'Create a procedure', body: S.NewProcedureBody, response: { 201: S.ProcedureSchema, ...errorResponses(409, 422) } },
    },
    async (request, reply) => {
      const procedure = await procedures.create(request.principal, request.body);
      reply.header('etag', etagOf(procedure.version));
      return reply.code(201).send(procedure);
    },
  );

  app.patch(
    '/procedures/:id',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'updateProcedure',
        tags,
        summary: 'Update a procedure; requires If-Match or version (409 tthc.version_conflict when stale)',
        params: S.IdParams,
        headers: IfMatchHeaders,
        body: S.ProcedurePatchBody,
        response: { 200: S.ProcedureSchema, ...errorResponses(404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const { version, ...patch } = request.body;
      const procedure = await procedures.update(request.principal, request.params.id, expectedVersion(request.headers['if-match'], version), patch);
      reply.header('etag', etagOf(procedure.version));
      return procedure;
    },
  );

  app.post(
    '/procedures/import',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'importProcedures',
        tags,
        summary: 'Import procedures (JSON or CSV as exported); matched by national code, all or nothing',
        body: S.ImportBody,
        response: { 200: S.ImportResultSchema, ...errorResponses(409, 422) },
      },
    },
    async (request) => procedures.importProcedures(request.principal, request.body),
  );
}

/** All the catalogue's routes, for the module's door to mount under /api/tthc. */
export function catalogueRoutes(procedures: ProcedureCatalog) {
  return async (app: App): Promise<void> => {
    await procedureRoutes(app, procedures);
    await offeringRoutes(app, procedures);
    await formRoutes(app, procedures);
    await processRoutes(app, procedures);
  };
}
