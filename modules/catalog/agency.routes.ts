import { Type } from 'typebox';
import { AppError, type App } from '../../packages/platform/index.ts';
import type { AgencyService } from './agency.service.ts';
import {
  AgencyImportBody,
  AgencyListQuery,
  AgencyPatchBody,
  AgencySchema,
  AgencyTreeNodeSchema,
  errors,
  FormatQuery,
  ImportResultSchema,
  NewAgencyBody,
  TAGS,
  TextDocument,
  Uuid,
} from './catalog.schemas.ts';

const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const etagOf = (version: number) => `"v${version}"`;

/** `If-Match: "v3"` (as sent in ETag) or a bare number; weak validators are not accepted for writes. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^\s*"v?(\d{1,9})"\s*$/.exec(header) ?? /^\s*(\d{1,9})\s*$/.exec(header);
  if (!m) throw new AppError(400, 'catalog.if_match_invalid', 'If-Match must be the ETag returned by GET (for example "v3")');
  return Number(m[1]);
}

export async function agencyRoutes(app: App, agencies: AgencyService): Promise<void> {
  app.get(
    '/agencies',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'listAgencies',
        tags: TAGS,
        summary: 'List agencies (search with or without diacritics, paged)',
        querystring: AgencyListQuery,
        response: { 200: Type.Object({ items: Type.Array(AgencySchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { $id: 'AgencyPage' }), ...errors(400) },
      },
    },
    async (request) => agencies.listAgencyPage(request.query),
  );

  app.get(
    '/agencies/tree',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'getAgencyTree',
        tags: TAGS,
        summary: 'The organisation chart in pre-order, each agency with its depth below the root',
        response: { 200: Type.Object({ items: Type.Array(AgencyTreeNodeSchema) }, { $id: 'AgencyTree' }) },
      },
    },
    async () => ({ items: await agencies.tree() }),
  );

  app.get(
    '/agencies/export',
    {
      config: { access: 'public' },
      schema: { operationId: 'exportAgencies', tags: TAGS, summary: 'Export the organisation chart as CSV or JSON', querystring: FormatQuery, response: { 200: TextDocument, ...errors(400) } },
    },
    async (request, reply) => {
      const format = request.query.format;
      const body = await agencies.exportAgencies(format);
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="agencies.${format}"`);
      return reply.send(body);
    },
  );

  app.get(
    '/agencies/:id',
    {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'getAgency', tags: TAGS, summary: 'One agency (its ETag is the If-Match value for updates)', params: IdParams, response: { 200: AgencySchema, ...errors(400, 404) } },
    },
    async (request, reply) => {
      const agency = await agencies.getAgency(request.params.id);
      reply.header('etag', etagOf(agency.version));
      return agency;
    },
  );

  app.post(
    '/agencies',
    {
      config: { access: 'catalog.edit' },
      schema: { operationId: 'createAgency', tags: TAGS, summary: 'Create an agency under a parent', body: NewAgencyBody, response: { 201: AgencySchema, ...errors(400, 401, 403, 409, 422) } },
    },
    async (request, reply) => {
      const agency = await agencies.createAgency(request.principal, request.body);
      reply.header('etag', etagOf(agency.version));
      return reply.code(201).send(agency);
    },
  );

  app.patch(
    '/agencies/:id',
    {
      config: { access: 'catalog.edit' },
      schema: {
        operationId: 'updateAgency',
        tags: TAGS,
        summary: 'Update an agency; requires If-Match or version (409 catalog.version_conflict when stale)',
        params: IdParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100 })) }),
        body: AgencyPatchBody,
        response: { 200: AgencySchema, ...errors(400, 401, 403, 404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const { version, ...patch } = request.body;
      const fromHeader = versionFromIfMatch(request.headers['if-match']);
      if (fromHeader !== undefined && version !== undefined && fromHeader !== version) {
        throw new AppError(400, 'catalog.if_match_invalid', 'If-Match and version disagree');
      }
      const expected = fromHeader ?? version;
      if (expected === undefined) throw new AppError(428, 'catalog.precondition_required', 'Send If-Match (the ETag from GET) or version');
      const agency = await agencies.updateAgency(request.principal, request.params.id, expected, patch);
      reply.header('etag', etagOf(agency.version));
      return agency;
    },
  );

  app.post(
    '/agencies/import',
    {
      config: { access: 'catalog.edit' },
      schema: {
        operationId: 'importAgencies',
        tags: TAGS,
        summary: 'Import the official list of agencies (CSV or JSON rows); updates by code, all or nothing',
        body: AgencyImportBody,
        response: { 200: ImportResultSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request) => agencies.importAgencies(request.principal, request.body),
  );
}
