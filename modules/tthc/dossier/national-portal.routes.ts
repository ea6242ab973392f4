import { Type, type Static } from 'typebox';
import { verifyTimestamped } from '../../../packages/national/index.ts';
import { AppError, errorResponses, keepRawJsonBody, rawBodyOf, unprocessable, type App, type Principal } from '../../../packages/platform/index.ts';
import type { DossierService } from './dossier.service.ts';
import type { Applicant } from './dossier.types.ts';
import type { UploadService } from './upload.service.ts';

/**
 * The "filed on the national portal" channel (seed lines 7558–7589): DVCQG pushes a dossier a
 * citizen filed centrally; Sen checks the push signature over the exact bytes received, files
 * the dossier at the agency's desk (channel `dvcqg`, status awaiting intake) and answers with
 * its code. A repeated push of the same national dossier is answered with the same dossier.
 */
export interface NationalPortalDeps {
  pushSecret: string;
  dossiers: DossierService;
  uploads: UploadService;
  /** The offering of a procedure (national code) at an agency (identifier code). */
  resolveOffering(procedureCode: string, agencyCode: string): Promise<string | undefined>;
  /** Who the portal acts as: a system principal allowed to file at every desk of the province. */
  principal(): Promise<Principal>;
}

const PushBody = Type.Object({
  event: Type.Literal('dossier.filed'),
  nationalDossierCode: Type.String({ minLength: 5, maxLength: 64 }),
  procedureCode: Type.String({ minLength: 1, maxLength: 64 }),
  procedureName: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  agencyCode: Type.String({ minLength: 1, maxLength: 64 }),
  channel: Type.Literal('dvcqg'),
  status: Type.Integer(),
  submittedAt: Type.String({ maxLength: 40 }),
  applicant: Type.Object({
    type: Type.String({ maxLength: 20 }),
    personalId: Type.String({ pattern: '^\\d{12}$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    dateOfBirth: Type.Optional(Type.String({ maxLength: 10 })),
    sex: Type.Optional(Type.String({ maxLength: 10 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    currentAddress: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 15 }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  }),
  formData: Type.Record(Type.String(), Type.Unknown()),
  attachments: Type.Array(Type.Object({
    name: Type.String({ maxLength: 200 }), contentType: Type.String({ maxLength: 100 }), base64: Type.String({ maxLength: 28_000_000 }), size: Type.Optional(Type.Integer()),
  }), { maxItems: 20 }),
}, { $id: 'NationalPortalPush' });

type Push = Static<typeof PushBody>;

/** Part of the procedure that national-portal attachments and form data are filed under. */
export const NATIONAL_PORTAL_PART = 'ho-so-dvcqg';

function applicantOf(push: Push): Applicant {
  const a = push.applicant;
  return {
    kind: 'citizen', fullName: a.fullName, personalId: a.personalId, dateOfBirth: a.dateOfBirth,
    phone: a.phone ?? undefined, email: a.email ?? undefined, address: a.address ? { line: a.address } : undefined,
  };
}

const PushReceipt = Type.Object({ id: Type.String(), code: Type.String(), created: Type.Boolean() }, { $id: 'NationalPortalPushReceipt' });

export function nationalPortalRoutes(deps: NationalPortalDeps) {
  return async function routes(app: App): Promise<void> {
    // The signature covers the bytes as sent: keep them before JSON parsing.
    keepRawJsonBody(app, 40 * 1024 * 1024);

    app.post('/national-portal/dossiers', {
      config: { access: 'public' },
      // Checked before validation: an unsigned caller learns nothing about what a valid body looks like.
      preValidation: async (request) => {
        const raw = rawBodyOf(request);
        if (!verifyTimestamped(deps.pushSecret, request.headers['x-dvcqg-signature'] as string | undefined, raw)) {
          throw new AppError(401, 'national_portal.bad_signature', 'Chữ ký của Cổng DVCQG không hợp lệ / Invalid national-portal signature');
        }
        request.principal = await deps.principal();
      },
      schema: {
        operationId: 'receiveNationalPortalDossier',
        tags: ['tthc'], summary: 'Receive a dossier filed on the National Public Service Portal (signed push: X-DVCQG-Signature)',
        body: PushBody, response: { 200: PushReceipt, 201: PushReceipt, ...errorResponses(422) },
      },
    }, async (request, reply) => {
      const push = request.body;
      const offeringId = await deps.resolveOffering(push.procedureCode, push.agencyCode);
      if (!offeringId) {
        throw unprocessable('national_portal.unknown_offering', 'Cơ quan không cung cấp thủ tục này / The agency does not offer this procedure', {
          procedureCode: push.procedureCode, agencyCode: push.agencyCode,
        });
      }
      const files = [];
      for (const attachment of push.attachments) {
        const upload = await deps.uploads.accept(request.principal, { fileName: attachment.name, declaredType: attachment.contentType, bytes: Buffer.from(attachment.base64, 'base64') });
        files.push({ uploadId: upload.id, partCode: NATIONAL_PORTAL_PART });
      }
      const formData: Record<string, Record<string, unknown>> = Object.keys(push.formData).length > 0 ? { [NATIONAL_PORTAL_PART]: push.formData } : {};
      const { dossier, created } = await deps.dossiers.receiveFromNationalPortal(request.principal, {
        externalCode: push.nationalDossierCode, offeringId, submission: { applicant: applicantOf(push), formData, files },
      });
      return reply.code(created ? 201 : 200).send({ id: dossier.id, code: dossier.code, created });
    });
  };
}
