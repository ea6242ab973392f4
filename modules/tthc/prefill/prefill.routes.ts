import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { IdParams, stringEnum } from '../dossier/dossier.schemas.ts';
import { NATIONAL_SOURCES } from './bindings.ts';
import type { PrefillService } from './prefill.service.ts';

const tags = ['tthc'];
const Source = stringEnum(NATIONAL_SOURCES);
const Value = Type.Union([Type.String(), Type.Number()]);
const Provenance = { source: Source, fetchedAt: Type.String({ format: 'date-time' }), messageId: Type.String({ description: 'The exchange\'s X-Road-Id: both legs of the LGSP message log carry it' }) };

const PrefillRequestSchema = Type.Object({
  formKey: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }),
  personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$', description: 'Officials: the applicant of a dossier in their scope. Citizens: omitted (their own), or their own' })),
}, { $id: 'PrefillRequest', additionalProperties: false });

const PrefillAnswerSchema = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Give it with the filing, `submission.prefills[partCode]`' }),
  formKey: Type.String(),
  fields: Type.Array(Type.Object({ pointer: Type.String(), value: Value, ...Provenance })),
  missing: Type.Array(Type.Object({ pointer: Type.String(), source: Source, reason: stringEnum(['not_found', 'no_enterprise', 'no_value', 'other_party']) })),
}, { $id: 'PrefillAnswer' });

const DossierProvenanceSchema = Type.Object({
  parts: Type.Array(Type.Object({
    partCode: Type.String(), formKey: Type.String(), requestedBy: stringEnum(['applicant', 'official']),
    fields: Type.Array(Type.Object({ pointer: Type.String(), value: Value, ...Provenance, changed: Type.Boolean({ description: 'The applicant filed another value than the national database\'s' }) })),
  })),
}, { $id: 'DossierProvenance' });

const PURPOSE = 'prefilling an e-form from the national databases (once-only data)';

/** Once-only data: prefill an e-form through LGSP; the provenance kept with a dossier. */
export function prefillRoutes(prefill: PrefillService) {
  return async function routes(app: App): Promise<void> {
    app.post('/prefill', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'prefillForm', tags,
        summary: 'Values of an e-form\'s fields from the national population and business-registration databases (through LGSP → NDXP), each with its source, time and X-Road message id: for the signed-in citizen, or for the applicant of a dossier in the official\'s scope',
        body: PrefillRequestSchema,
        response: { 200: PrefillAnswerSchema, ...errorResponses(404, 502, 503) },
      },
    }, async (request) => {
      const answer = await prefill.prefill(request.principal, request.body);
      await request.audit({ action: 'read tthc.national_prefill', target: `/api/tthc/prefill/${answer.id}`, purpose: PURPOSE });
      return answer;
    });

    app.get('/dossiers/:id/provenance', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getDossierProvenance', tags, summary: 'Which values of the dossier\'s e-forms came from which national database, when (X-Road message id), and whether the applicant changed them',
        params: IdParams, response: { 200: DossierProvenanceSchema, ...errorResponses(404) },
      },
    }, async (request) => prefill.provenance(request.principal, request.params.id));
  };
}
