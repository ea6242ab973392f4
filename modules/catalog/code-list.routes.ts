import { Type } from 'typebox';
import type { App } from '../../packages/platform/index.ts';
import type { CodeListService } from './code-list.service.ts';
import { errors, FormatQuery, IsoDate, TAGS, TextDocument } from './catalog.schemas.ts';

const CACHE = 'public, max-age=300';
const ListCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', maxLength: 64 });
const CodeParams = Type.Object({ code: ListCode }, { additionalProperties: false });
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const VersionSchema = Type.Object({
  listCode: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  effectiveFrom: Type.String(),
  effectiveTo: Type.Union([Type.String(), Type.Null()], { description: 'First day no longer in force (exclusive); null while current' }),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  itemCount: Type.Integer(),
}, { $id: 'CodeListVersion' });

const listProperties = {
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  extendable: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const ListSchema = Type.Object(listProperties, { $id: 'CodeList' });

const ItemSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  extra: Type.Record(Type.String(), Type.Unknown()),
}, { $id: 'CodeListItem' });

const ReadQuery = Type.Object(
  {
    at: Type.Optional(IsoDate),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

const IfNoneMatch = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1000 })) });
const NotModified = Type.Null({ description: 'Not modified: the ETag sent in If-None-Match is current' });

const ItemInputSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ maxLength: 500 }),
    nameEn: Type.Optional(Nullable(Text(500))),
    parentCode: Type.Optional(Nullable(Text(64))),
    sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 })),
    extra: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 20 })),
  },
  { $id: 'CodeListItemInput', additionalProperties: false },
);

export async function codeListRoutes(app: App, codeLists: CodeListService): Promise<void> {
  app.get(
    '/code-lists',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'listCodeLists',
        tags: TAGS,
        summary: 'The shared e-catalogues, each with the version in force on a date (default today)',
        querystring: Type.Object({ at: Type.Optional(IsoDate) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...listProperties, current: Type.Union([VersionSchema, Type.Null()]) }, { $id: 'CodeListWithCurrent' })) }), ...errors(400) },
      },
    },
    async (request) => ({ items: await codeLists.listCodeLists(request.query.at) }),
  );

  app.get(
    '/code-lists/:code',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'getCodeListItems',
        tags: TAGS,
        summary: 'Items of a code list in force on a date (or a given version); strong ETag, 304 on If-None-Match',
        params: CodeParams,
        querystring: ReadQuery,
        headers: IfNoneMatch,
        response: {
          200: Type.Object({ list: ListSchema, version: VersionSchema, items: Type.Array(ItemSchema), total: Type.Integer() }, { $id: 'CodeListItems' }),
          304: NotModified,
          ...errors(400, 404),
        },
      },
    },
    async (request, reply) => {
      const result = await codeLists.readCodeList(request.params.code, request.query, request.headers['if-none-match']);
      reply.header('etag', result.etag).header('cache-control', CACHE);
      if (result.notModified) return reply.code(304).send(null);
      const { list, version, items, total } = result;
      return { list, version, items, total };
    },
  );

  app.get(
    '/code-lists/:code/versions',
    {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'listCodeListVersions', tags: TAGS, summary: 'All versions of a code list', params: CodeParams, response: { 200: Type.Object({ items: Type.Array(VersionSchema) }), ...errors(400, 404) } },
    },
    async (request) => ({ items: await codeLists.codeListVersions(request.params.code) }),
  );

  app.get(
    '/code-lists/:code/export',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'exportCodeList',
        tags: TAGS,
        summary: 'Export the items of a version as CSV or JSON',
        params: CodeParams,
        querystring: Type.Object(
          { ...FormatQuery.properties, at: Type.Optional(IsoDate), version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) },
          { additionalProperties: false },
        ),
        headers: IfNoneMatch,
        response: { 200: TextDocument, 304: NotModified, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const result = await codeLists.exportCodeList(request.params.code, format, query);
      reply.header('etag', result.etag).header('cache-control', CACHE);
      const tags = (request.headers['if-none-match'] ?? '').split(',').map((t) => t.trim());
      if (tags.includes(result.etag)) return reply.code(304).send(null);
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${request.params.code}-v${result.version.version}.${format}"`);
      return reply.send(result.body);
    },
  );

  app.post(
    '/code-lists',
    {
      config: { access: 'catalog.edit' },
      schema: {
        operationId: 'createCodeList',
        tags: TAGS,
        summary: 'Create a new (empty) code list',
        body: Type.Object(
          {
            code: ListCode,
            name: Type.String({ minLength: 1, maxLength: 300 }),
            nameEn: Type.Optional(Nullable(Text(300))),
            description: Type.Optional(Nullable(Text(2000))),
            extendable: Type.Optional(Type.Boolean()),
          },
          { $id: 'NewCodeList', additionalProperties: false },
        ),
        response: { 201: ListSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await codeLists.createCodeList(request.principal, request.body)),
  );

  app.post(
    '/code-lists/:code/versions',
    {
      config: { access: 'catalog.edit' },
      schema: {
        operationId: 'importCodeListVersion',
        tags: TAGS,
        summary: 'Import a new version (CSV or JSON items), draft or published from its effective date; all or nothing',
        params: CodeParams,
        body: Type.Object(
          {
            csv: Type.Optional(Type.String({ maxLength: 900_000, description: 'CSV with header code,name[,nameEn,parentCode,sortOrder,…extra columns]' })),
            items: Type.Optional(Type.Array(ItemInputSchema, { maxItems: 10_000 })),
            effectiveFrom: IsoDate,
            publish: Type.Boolean({ default: false }),
            note: Type.Optional(Text(1000)),
          },
          { $id: 'CodeListImport', additionalProperties: false },
        ),
        response: { 201: VersionSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await codeLists.importVersion(request.principal, request.params.code, request.body)),
  );

  app.post(
    '/code-lists/:code/versions/:version/publish',
    {
      config: { access: 'catalog.edit' },
      schema: {
        operationId: 'publishCodeListVersion',
        tags: TAGS,
        summary: 'Publish a draft version; it supersedes earlier versions from its effective date',
        params: Type.Object({ code: ListCode, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }),
        body: Type.Object({ effectiveFrom: Type.Optional(IsoDate) }, { $id: 'CodeListPublish', additionalProperties: false }),
        response: { 200: VersionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => codeLists.publishVersion(request.principal, request.params.code, request.params.version, request.body.effectiveFrom),
  );
}
