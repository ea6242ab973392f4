import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { EDIT } from './procedure.policies.ts';
import { etagOf, expectedVersion, IfMatchHeaders } from './procedure.http.ts';
import type { ProcedureCatalog } from './procedure.service.ts';
import * as S from '../tthc.schemas.ts';

const tags = S.TAGS;

/** Offerings: which agencies provide a procedure, at which desk, following which process. */
export async function offeringRoutes(app: App, procedures: ProcedureCatalog): Promise<void> {
  app.get(
    '/procedures/:id/offerings',
    {
      config: { access: 'public', cache: 'reference' },
      schema: {
        operationId: 'listProcedureOfferings',
        tags,
        summary: 'Where to file: the active offerings of a procedure, with agency names',
        params: S.IdParams,
        response: { 200: Type.Object({ items: Type.Array(S.OfferingWithAgencySchema) }), ...errorResponses(404) },
      },
    },
    async (request) => ({ items: await procedures.offeringsOfProcedure(request.params.id) }),
  );

  app.get(
    '/offerings',
    {
      config: { access: 'public', cache: 'reference' },
      schema: { operationId: 'listOfferings', tags, summary: 'Offerings, by agency and/or procedure', querystring: S.OfferingListQuery, response: { 200: Type.Object({ items: Type.Array(S.OfferingSchema) }), ...errorResponses() } },
    },
    async (request) => ({ items: await procedures.listOfferings(request.query) }),
  );

  app.post(
    '/offerings',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'createOffering',
        tags,
        summary: 'Offer a procedure at an agency (needs procedure.edit on that agency; the process must be published)',
        body: S.NewOfferingBody,
        response: { 201: S.OfferingSchema, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const offering = await procedures.createOffering(request.principal, request.body);
      reply.header('etag', etagOf(offering.version));
      return reply.code(201).send(offering);
    },
  );

  app.patch(
    '/offerings/:id',
    {
      config: { access: EDIT },
      schema: {
        operationId: 'updateOffering',
        tags,
        summary: 'Update an offering; requires If-Match or version (409 tthc.version_conflict when stale)',
        params: S.IdParams,
        headers: IfMatchHeaders,
        body: S.OfferingPatchBody,
        response: { 200: S.OfferingSchema, ...errorResponses(404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const { version, ...patch } = request.body;
      const offering = await procedures.updateOffering(request.principal, request.params.id, expectedVersion(request.headers['if-match'], version), patch);
      reply.header('etag', etagOf(offering.version));
      return offering;
    },
  );
}
