import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DossierFeesSchema } from '../fees/fee.schemas.ts';
import { Type } from 'typebox';
import { AppError, badRequest, contentDisposition, errorResponses, refuseNul, unprocessable, type App, type Db } from '../../../packages/platform/index.ts';
import * as S from './dossier.schemas.ts';
import type { DossierService, FilingInput } from './dossier.service.ts';
import type { Command } from './dossier.actions.ts';
import type { Submission } from './dossier.intake.ts';
import { DOCUMENT_KINDS } from './dossier.documents.ts';
import { MAX_UPLOAD_BYTES, type UploadService } from './upload.service.ts';
import { takeLookupAttempt } from './lookup.limit.ts';
import type { DataReads } from '../store/reads.service.ts';

const tags = ['tthc'];
/** Multipart field names that would claim a certification the client cannot give. */
const CERTIFICATION_CLAIM = /certif|true.?copy|chung.?thuc|mark/i;
const PURPOSE = 'handling an administrative-procedure dossier';
/** The same purpose as the person reads it in "who read my data". */
const PURPOSE_VI = 'Giải quyết hồ sơ thủ tục hành chính';

/**
 * A multipart body that ends early or breaks its own framing is the client's fault: 400 with a
 * stable code (the parser's errors would otherwise surface as 500). Limits keep their 4xx.
 */
function multipartError(error: unknown): Error {
  const e = error as { statusCode?: number; code?: string };
  if (error instanceof AppError || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) return error as Error;
  return badRequest('request.malformed_multipart', 'Dữ liệu multipart/form-data không hợp lệ hoặc bị cắt / Malformed or truncated multipart/form-data');
}

/** /api/tthc: filing, actions, queues, files and the public look-up. Routes parse and delegate. */
/** An acceptance despite missing parts is a decision someone answers for: it goes to the audit log with its reason. */
async function auditOverride(request: FastifyRequest, dossier: { id: string; code: string }, reason: string): Promise<void> {
  await request.audit({ action: 'tthc.dossier.accept_incomplete', target: `/api/tthc/dossiers/${dossier.id}`, purpose: PURPOSE, details: { code: dossier.code, reason } });
}

/** `reads` records officials' and systems' reads of the applicant's data in their "who read my data". */
export function dossierRoutes(dossiers: DossierService, uploads: UploadService, db: Db, reads?: Pick<DataReads, 'dossierRead' | 'registerRead'>) {
  return async function routes(app: App): Promise<void> {
    await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 } });

    app.post('/uploads', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'uploadAttachment',
        tags, summary: 'Upload one attachment (multipart field "file"); PDF, JPEG, PNG, DOCX or XLSX up to 20 MB; the content must match the declared type',
        consumes: ['multipart/form-data'], response: { 201: S.UploadSchema, ...errorResponses(413, 422) },
      },
    }, async (request, reply) => {
      const file = await request.file().catch((error: unknown) => {
        throw multipartError(error);
      });
      if (!file) throw badRequest('upload.file_required', 'Gửi tệp trong trường "file" (multipart/form-data) / Send the file in the "file" field');
      refuseNul({ fileName: file.filename, fields: Object.values(file.fields).flat().map((f) => (f && 'value' in f ? f.value : undefined)) }, 'multipart');
      // A certified true copy is made only by the desk's digitisation (POST /store/dossiers/:id/digitised): an upload that claims to be one is refused.
      const claims = Object.keys(file.fields).filter((name) => CERTIFICATION_CLAIM.test(name));
      if (claims.length > 0) throw unprocessable('upload.certification_not_accepted', 'Tệp tải lên không thể tự nhận là bản sao đã chứng thực; bản sao điện tử chỉ được chứng thực tại bộ phận một cửa / An upload cannot claim to be a certified copy; only the one-stop desk certifies', { fields: claims });
      const bytes = await file.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'upload.too_large', `Tệp vượt quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB / File too large`);
        throw multipartError(error);
      });
      const view = await uploads.accept(request.principal, { fileName: file.filename, declaredType: file.mimetype, bytes });
      return reply.code(201).send(view);
    });

    app.post('/dossiers', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'fileDossierOnline',
        tags, summary: 'File a dossier online (signed-in applicant); returns the dossier and its look-up secret',
        headers: S.IdempotencyHeaders, body: S.OnlineFilingBody, response: { 201: S.FiledSchema, ...errorResponses(404, 409, 422) },
      },
    }, async (request, reply) => {
      const filed = await dossiers.submitOnline(request.principal, request.body as { offeringId: string; submission: Submission }, request.headers['idempotency-key']);
      return reply.code(201).send(filed);
    });

    app.post('/dossiers/counter', {
      config: { access: 'dossier.receive' },
      schema: {
        operationId: 'fileDossierAtCounter',
        tags, summary: 'File a dossier at the one-stop counter for an applicant (accepted at once unless accept=false)',
        headers: S.IdempotencyHeaders, body: S.CounterFilingBody, response: { 201: S.FiledSchema, ...errorResponses(404, 409, 422) },
      },
    }, async (request, reply) => {
      const input = request.body as FilingInput;
      const filed = await dossiers.receiveAtCounter(request.principal, input, request.headers['idempotency-key']);
      if (input.override && filed.dossier.status !== 'submitted') await auditOverride(request, filed.dossier, input.override.reason);
      return reply.code(201).send(filed);
    });

    app.get('/dossiers', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listDossiers', tags, summary: "An official's queue or search at one agency (paged)", querystring: S.QueueQuerySchema, response: { 200: S.SummaryPage, ...errorResponses() } },
    }, async (request) => {
      const { mine, ...query } = request.query;
      const assigneeId = mine && request.principal.kind === 'user' ? request.principal.userId : undefined;
      return dossiers.queue(request.principal, { ...query, assigneeId });
    });

    app.get('/dossiers/mine', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyDossiers', tags, summary: "The signed-in applicant's dossiers", querystring: Type.Object(S.PageQuery, { additionalProperties: false }), response: { 200: S.SummaryPage, ...errorResponses() } },
    }, async (request) => dossiers.mine(request.principal, request.query.limit, request.query.offset));

    app.get('/dossiers/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossier', tags, summary: 'One dossier with what the caller may do now', params: S.IdParams, response: { 200: S.DossierViewSchema, ...errorResponses(404) } },
    }, async (request) => {
      const view = await dossiers.get(request.principal, request.params.id);
      await request.audit({ action: 'read tthc.dossier', target: `/api/tthc/dossiers/${view.id}`, purpose: PURPOSE, details: { code: view.code } });
      await reads?.dossierRead(request.principal, view.id, (code) => `Hồ sơ ${code}`, `/api/tthc/dossiers/${view.id}`, PURPOSE_VI);
      return view;
    });

    app.post('/dossiers/:id/actions', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'actOnDossier',
        tags, summary: 'Act on a dossier (accept, request a supplement, reject, take a step, assign, pause, apologise, return, withdraw, …)',
        params: S.IdParams, headers: S.IdempotencyHeaders, body: S.CommandBody, response: { 200: S.DossierSchema, ...errorResponses(404, 409, 422) },
      },
    }, async (request) => {
      const command = request.body as Command & { expectedVersion: number };
      const dossier = await dossiers.act(request.principal, request.params.id, command, request.headers['idempotency-key']);
      if (command.action === 'accept' && command.override) await auditOverride(request, dossier, command.override.reason);
      return dossier;
    });

    app.get('/dossiers/:id/steps/:stepId/assignees', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'listStepAssignees',
        tags, summary: 'Officials an active step can be assigned to',
        params: Type.Object({ id: S.IdParams.properties.id, stepId: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), fullName: Type.String() }, { $id: 'Assignee' })) }), ...errorResponses(404, 409) },
      },
    }, async (request) => ({ items: await dossiers.assignees(request.principal, request.params.id, request.params.stepId) }));

    app.get('/dossiers/:id/history', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossierHistory', tags, summary: "The dossier's history (applicants see the events meant for them)", params: S.IdParams, response: { 200: Type.Object({ items: Type.Array(S.EventSchema) }), ...errorResponses(404) } },
    }, async (request) => ({ items: await dossiers.history(request.principal, request.params.id) }));

    app.get('/dossiers/:id/fees', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossierFees', tags, summary: 'The fee the dossier owes (schedule in force, lines for its form values) and its payment requests', params: S.IdParams, response: { 200: DossierFeesSchema, ...errorResponses(404) } },
    }, async (request) => dossiers.fees(request.principal, request.params.id));

    app.get('/dossiers/:id/control-sheet', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossierControlSheet', tags, summary: 'The process control sheet: every hand-over, on time or not', params: S.IdParams, response: { 200: Type.Object({ items: Type.Array(S.HandoverSchema) }), ...errorResponses(404) } },
    }, async (request) => ({ items: await dossiers.controlSheet(request.principal, request.params.id) }));

    app.get('/applicant-profile', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getApplicantProfile', tags, summary: 'What VNeID said about the signed-in citizen (name, personal id, date of birth, phone, residence, enterprise represented), to prefill an application',
        response: { 200: S.ApplicantProfileSchema, ...errorResponses(403) },
      },
    }, async (request) => {
      const profile = await dossiers.applicantProfile(request.principal);
      await request.audit({ action: 'read tthc.applicant_profile', target: '/api/tthc/applicant-profile', purpose: 'prefilling an application form from VNeID' });
      return profile;
    });

    app.get('/dossiers/:id/lookup-secret', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getDossierLookupSecret', tags, summary: "The dossier's public look-up secret again (its applicant or an official who sees it), e.g. to reprint a receipt", params: S.IdParams, response: { 200: Type.Object({ code: Type.String(), lookupSecret: Type.String() }, { $id: 'DossierLookupSecret' }), ...errorResponses(404) } },
    }, async (request) => {
      const secret = await dossiers.secretFor(request.principal, request.params.id);
      await request.audit({ action: 'read tthc.dossier_secret', target: `/api/tthc/dossiers/${request.params.id}/lookup-secret`, purpose: PURPOSE });
      return secret;
    });

    app.get('/dossiers/:id/files/:fileId', {
      config: { access: 'authenticated' },
      schema: { operationId: 'downloadDossierFile', tags, summary: 'Download a file of the dossier', params: S.FileParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file (its own content type)' }), ...errorResponses(404) } },
    }, async (request, reply) => {
      const file = await dossiers.fileContent(request.principal, request.params.id, request.params.fileId);
      await request.audit({ action: 'read tthc.dossier_file', target: `/api/tthc/dossiers/${request.params.id}/files/${request.params.fileId}`, purpose: PURPOSE });
      await reads?.dossierRead(request.principal, request.params.id, (code) => `Tệp "${file.fileName}" của hồ sơ ${code}`, `/api/tthc/dossiers/${request.params.id}/files/${request.params.fileId}`, PURPOSE_VI);
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.bytes);
    });

    app.get('/dossiers/:id/documents/:kind', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getDossierDocument',
        tags, summary: 'A printable form of the dossier (PDF, Circular 03/2025/TT-VPCP): receipt, supplement request, rejection, apology and extension, stop notice or control sheet',
        params: Type.Object({ id: S.IdParams.properties.id, kind: S.stringEnum(DOCUMENT_KINDS) }, { additionalProperties: false }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The document (application/pdf)' }), ...errorResponses(404) },
      },
    }, async (request, reply) => {
      const pdf = await dossiers.document(request.principal, request.params.id, request.params.kind);
      await request.audit({ action: 'read tthc.dossier_document', target: `/api/tthc/dossiers/${request.params.id}/documents/${request.params.kind}`, purpose: PURPOSE });
      await reads?.dossierRead(request.principal, request.params.id, (code) => `Văn bản "${pdf.fileName}" của hồ sơ ${code}`, `/api/tthc/dossiers/${request.params.id}/documents/${request.params.kind}`, PURPOSE_VI);
      return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(pdf.fileName, 'inline')).send(pdf.bytes);
    });

    app.get('/desks/:deskAgencyId/register', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getTrackingRegister',
        tags, summary: 'The tracking register (Sổ theo dõi hồ sơ, Form 07 of Circular 03/2025/TT-VPCP) of a desk for a period, as PDF or Excel; for the desk\'s officials',
        params: S.RegisterParams, querystring: S.RegisterQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The register (application/pdf or an .xlsx workbook)' }), ...errorResponses(403, 404, 422) },
      },
    }, async (request, reply) => {
      const { deskAgencyId } = request.params;
      const file = await dossiers.register(request.principal, { deskAgencyId, ...request.query });
      await request.audit({ action: 'read tthc.tracking_register', target: `/api/tthc/desks/${deskAgencyId}/register?from=${request.query.from}&to=${request.query.to}`, purpose: PURPOSE });
      await reads?.registerRead(request.principal, deskAgencyId, request.query.from, request.query.to);
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.bytes);
    });

    app.get('/lookup', {
      config: { access: 'public' },
      schema: { operationId: 'lookUpDossier', tags, summary: 'Public status look-up by dossier code and look-up secret (rate-limited)', querystring: S.LookupQuery, response: { 200: S.PublicStatusSchema, ...errorResponses(404, 429) } },
    }, async (request) => {
      await takeLookupAttempt(db, request.ip);
      return dossiers.lookup(request.query.code, request.query.secret);
    });
  };
}
