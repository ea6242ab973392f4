import multipart from '@fastify/multipart';
import { AppError, badRequest, contentDisposition, errorResponses, type App } from '../../packages/platform/index.ts';
import { MANAGE_PERMISSION, type ResultRegistry, type ResultQuery as Query, type ResultStatus } from './registry.service.ts';
import type { FastifyRequest } from 'fastify';
import type { SigningService, Verification } from './signing.service.ts';
import { CodeParams, PdfSchema, ResultDetailSchema, ResultPageSchema, ResultQuery, ResultSchema, StatusChangeBody, TAGS, VerificationSchema } from './signing.schemas.ts';

export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/** Every verification is logged with its verdict (a tampered or revoked result shows in the logs, never its content). */
function logged(request: FastifyRequest, verification: Verification): Verification {
  const { report, result } = verification;
  const problems = report.signatures.flatMap((s) => s.problems);
  request.log[report.valid ? 'info' : 'warn']({ signed: report.signed, valid: report.valid, unchanged: report.unchanged, sha256: report.sha256, result: result?.code, problems }, 'result verification');
  return verification;
}

/** /api/results: the registry, its files and the verification of signed results. Routes parse and delegate. */
export function signingRoutes(signing: SigningService, registry: ResultRegistry) {
  return async function routes(app: App): Promise<void> {
    await app.register(multipart, { limits: { fileSize: MAX_VERIFY_BYTES, files: 1, fields: 0, parts: 1 } });

    app.post('/verify', {
      config: { access: 'public' },
      schema: {
        operationId: 'verifyResultFile', tags: TAGS,
        summary: 'Verify an uploaded signed PDF (multipart field "file"): signatures, chain to the root, time stamp, revocation (OCSP), document unchanged; and its registry entry when it is a registered result',
        consumes: ['multipart/form-data'], response: { 200: VerificationSchema, ...errorResponses(400, 413) },
      },
    }, async (request) => {
      const file = await request.file().catch((error: { statusCode?: number }) => {
        if (error instanceof AppError || (error.statusCode && error.statusCode < 500)) throw error;
        throw badRequest('request.malformed_multipart', 'Dữ liệu multipart/form-data không hợp lệ / Malformed multipart/form-data');
      });
      if (!file) throw badRequest('result.file_required', 'Gửi tệp PDF trong trường "file" / Send the PDF in the "file" field');
      const bytes = await file.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'result.file_too_large', 'Tệp vượt quá 20 MB / File too large');
        throw badRequest('request.malformed_multipart', 'Dữ liệu multipart/form-data không hợp lệ / Malformed multipart/form-data');
      });
      return logged(request, await signing.verifyFile(request.principal, bytes));
    });

    app.get('/:code/verification', {
      config: { access: 'public' },
      schema: {
        operationId: 'verifyRegisteredResult', tags: TAGS, summary: 'Verify a registered result by the code printed on it (its signed file as kept by the registry): open to whoever holds the code, whatever the kind, with the holder\'s id masked; the file itself is not handed out',
        params: CodeParams, response: { 200: VerificationSchema, ...errorResponses(404) },
      },
    }, async (request) => logged(request, await signing.verifyRegistered(request.principal, request.params.code)));

    app.get('/', {
      config: { access: 'public' },
      schema: {
        operationId: 'searchResults', tags: TAGS, summary: 'Search the results registry: officials see every result, anyone else the public kinds',
        querystring: ResultQuery, response: { 200: ResultPageSchema, ...errorResponses(400) },
      },
    }, async (request) => registry.search(request.principal, request.query as Query));

    app.get('/:code', {
      config: { access: 'public' },
      schema: {
        operationId: 'getResult', tags: TAGS, summary: 'A registered result with its status history',
        params: CodeParams, response: { 200: ResultDetailSchema, ...errorResponses(404) },
      },
    }, async (request) => registry.get(request.principal, request.params.code));

    app.get('/:code/file', {
      config: { access: 'public' },
      schema: {
        operationId: 'downloadResult', tags: TAGS, summary: 'The signed PDF of a registered result',
        params: CodeParams, response: { 200: PdfSchema, ...errorResponses(404) },
      },
    }, async (request, reply) => {
      const { fileName, bytes } = await registry.file(request.principal, request.params.code);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(fileName)).send(bytes);
    });

    app.post('/:code/status', {
      config: { access: MANAGE_PERMISSION },
      schema: {
        operationId: 'changeResultStatus', tags: TAGS, summary: 'Mark a result amended, replaced, revoked or expired, with the reason (recorded in its history and the audit trail)',
        params: CodeParams, body: StatusChangeBody, response: { 200: ResultSchema, ...errorResponses(403, 404, 409) },
      },
    }, async (request) => registry.changeStatus(request.principal, request.params.code, request.body as { status: ResultStatus; reason: string }));
  };
}
