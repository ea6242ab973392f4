import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, contentDisposition, errorResponses, type App } from '../../../packages/platform/index.ts';
import type { DataReads } from './reads.service.ts';
import type { ShareService } from './share.service.ts';
import type { StoreService } from './store.service.ts';
import * as S from './store.schemas.ts';

const tags = ['tthc'];
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file (its own content type)' });

/** A refused share link is logged with its code and changes nothing else. */
async function auditRefusal(request: FastifyRequest, error: unknown): Promise<never> {
  if (error instanceof AppError && error.status < 500) {
    await request.audit({ action: 'read tthc.store_share', target: '/api/tthc/store/shared/:token', purpose: 'opening a shared e-data store document', outcome: error.status, details: { code: error.code } });
  }
  throw error;
}

/** /api/tthc/store: the citizens' and organisations' e-data store, the desk's digitisation, "who read my data". */
export function storeRoutes(store: StoreService, shares: ShareService, reads: DataReads) {
  return async function routes(app: App): Promise<void> {
    app.post('/store/dossiers/:id/digitised', {
      config: { access: 'dossier.receive' },
      schema: {
        operationId: 'digitiseDossierPart', tags,
        summary: 'The desk certifies an uploaded scan of a paper part as a true copy of the original (who, when, agency, SHA-256, keyed mark); it joins the dossier and the applicant\'s store',
        params: S.DossierParams, body: S.DigitiseBody, response: { 201: S.DigitisedPartSchema, ...errorResponses(404, 422) },
      },
    }, async (request, reply) => reply.code(201).send(await store.digitise(request.principal, request.params.id, request.body)));

    app.get('/store/dossiers/:id/digitised', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'listDigitisedParts', tags, summary: 'The dossier\'s digitised parts with their true-copy marks checked now (valid or not)',
        params: S.DossierParams, response: { 200: S.DigitisedPartList, ...errorResponses(404) },
      },
    }, async (request) => {
      const items = await store.digitisedParts(request.principal, request.params.id);
      await reads.dossierRead(request.principal, request.params.id, (code) => `Bản số hóa của hồ sơ ${code}`, `/api/tthc/store/dossiers/${request.params.id}/digitised`, 'Giải quyết hồ sơ thủ tục hành chính');
      return { items };
    });

    app.get('/store/documents', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listStoreDocuments', tags, summary: 'The signed-in citizen\'s e-data store (and their enterprise\'s when signed in as its representative): digitised parts and results issued', response: { 200: S.StoreDocumentList, ...errorResponses() } },
    }, async (request) => ({ items: await store.list(request.principal) }));

    app.get('/store/documents/:ref/file', {
      config: { access: 'authenticated' },
      schema: { operationId: 'downloadStoreDocument', tags, summary: 'Download a document of one\'s store', params: S.DocumentParams, response: { 200: Binary, ...errorResponses(404, 409) } },
    }, async (request, reply) => {
      const file = await store.file(request.principal, request.params.ref);
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.bytes);
    });

    app.post('/store/documents/:ref/reuse', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'reuseStoreDocument', tags, summary: 'Use a store document in a new filing instead of uploading: answers an upload id to attach to a part (the dossier records the store document)',
        params: S.DocumentParams, response: { 201: S.ReusedUploadSchema, ...errorResponses(404, 409) },
      },
    }, async (request, reply) => reply.code(201).send(await store.reuse(request.principal, request.params.ref)));

    app.post('/store/documents/:ref/shares', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'shareStoreDocument', tags, summary: 'Share a store document by a time-limited link bound to a person (personal id) or an agency; the token is shown once',
        params: S.DocumentParams, body: S.ShareBody, response: { 201: S.CreatedShareSchema, ...errorResponses(404, 422) },
      },
    }, async (request, reply) => reply.code(201).send(await shares.share(request.principal, request.params.ref, request.body)));

    app.get('/store/shares', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listStoreShares', tags, summary: 'The links one has shared (active, expired, revoked)', response: { 200: S.ShareList, ...errorResponses() } },
    }, async (request) => ({ items: await shares.list(request.principal) }));

    app.delete('/store/shares/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'revokeStoreShare', tags, summary: 'Revoke a share link', params: S.ShareParams, response: { 204: Type.Null(), ...errorResponses(404) } },
    }, async (request, reply) => {
      await shares.revoke(request.principal, request.params.id);
      return reply.code(204).send(null);
    });

    app.get('/store/shared/:token', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'openSharedStoreDocument', tags, summary: 'The recipient of a share link downloads the document (refused after expiry or revocation, or for anyone else)',
        params: S.TokenParams, response: { 200: Binary, ...errorResponses(404, 410) },
      },
    }, async (request, reply) => {
      const file = await shares.open(request.principal, request.params.token).catch((error: unknown) => auditRefusal(request, error));
      await request.audit({ action: 'read tthc.store_share', target: '/api/tthc/store/shared/:token', purpose: 'opening a shared e-data store document' });
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.bytes);
    });

    app.get('/store/access-log', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'listMyDataReads', tags, summary: '"Who read my data": reads of the signed-in person\'s data (and their enterprise\'s) by officials and systems, with purpose',
        querystring: S.DataReadQuery, response: { 200: S.DataReadPage, ...errorResponses() },
      },
    }, async (request) => {
      const { limit, offset } = request.query;
      const page = await reads.mine(await store.subjectsOf(request.principal), { limit, offset });
      return { ...page, limit, offset };
    });
  };
}
