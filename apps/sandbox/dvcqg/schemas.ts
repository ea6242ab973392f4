import { sandboxErrorSchema } from '../kit.ts';
import { AGENCY_CODE_PATTERN } from './clients.ts';
import { STATUS_CODE_DESCRIPTION } from './statuses.ts';

/** JSON schemas shared by the DVCQG routes; the OpenAPI document is generated from them. */

export const errorResponse = { ...sandboxErrorSchema, description: 'Error `{ code, message, details? }`' } as const;

const dateTime = (description: string) => ({ type: 'string', format: 'date-time', maxLength: 40, description }) as const;

export const DOSSIER_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$';
export const PROCEDURE_CODE_PATTERN = '^[0-9]\\.[0-9]{6}$';

export const dossierCodeParams = {
  type: 'object',
  required: ['dossierCode'],
  additionalProperties: false,
  properties: { dossierCode: { type: 'string', pattern: DOSSIER_CODE_PATTERN, maxLength: 60, description: 'Mã hồ sơ (dossier code) assigned by the provincial system' } },
} as const;

export const procedureCode = {
  type: 'string', pattern: PROCEDURE_CODE_PATTERN, maxLength: 8,
  description: 'Mã thủ tục hành chính in the national database of administrative procedures, e.g. `1.001612`, `2.002154`',
} as const;

export const agencyCode = {
  type: 'string', pattern: AGENCY_CODE_PATTERN, maxLength: 40,
  description: 'Mã định danh cơ quan (agency identifier code), e.g. `000.00.00.H19`; Sen\'s provisional `TAM.H19.*` codes are accepted. Must lie in the calling client\'s province.',
} as const;

export const statusCode = { type: 'integer', minimum: 0, maximum: 99, description: STATUS_CODE_DESCRIPTION } as const;

const applicant = {
  type: 'object',
  required: ['type', 'name'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['citizen', 'enterprise'] },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Full name of the citizen or name of the enterprise' },
    personalIdMasked: {
      type: 'string', minLength: 12, maxLength: 12, pattern: '^[0-9]{0,6}\\*{4,12}[0-9]{0,6}$',
      description: 'Personal id with at least four digits masked, e.g. `087******123` (required for citizens; full ids are refused)',
    },
    enterpriseCode: { type: 'string', pattern: '^[0-9]{10}$', maxLength: 10, description: 'Mã số doanh nghiệp (required for enterprises)' },
  },
} as const;

const fee = {
  type: 'object',
  required: ['kind', 'name', 'amount'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['fee', 'charge'], description: '`fee` = phí, `charge` = lệ phí' },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000, description: 'VND' },
    paid: { type: 'boolean' },
  },
} as const;

const result = {
  type: 'object',
  required: ['name', 'url'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
  },
} as const;

export const dossierProperties = {
  procedureCode,
  procedureName: { type: 'string', minLength: 1, maxLength: 500 },
  agencyCode,
  agencyName: { type: 'string', minLength: 1, maxLength: 300 },
  applicant,
  channel: { type: 'string', enum: ['online', 'counter', 'post', 'dvcqg'], description: 'How the dossier was filed: online (provincial portal), counter, post, dvcqg (national portal)' },
  submittedAt: dateTime('When the applicant filed the dossier'),
  receivedAt: dateTime('When the agency received it (tiếp nhận); required with statuses 2, 4, 8, 9 and 10 (not 1, 3, 7, nor 5 and 6, which may come at intake)'),
  dueAt: dateTime('Appointment date for the result (ngày hẹn trả); not before receivedAt'),
  completedAt: dateTime('When processing finished (ngày có kết quả)'),
  status: statusCode,
  statusAt: dateTime('When the current status was reached; default receivedAt, else submittedAt'),
  fees: { type: 'array', maxItems: 20, items: fee },
  results: {
    type: 'array', maxItems: 20, items: result,
    description: 'Result documents (DanhSachGiayToKetQua): name (TenGiayTo) and download URL on the provincial system (DuongDanTepTinKetQua)',
  },
  note: { type: 'string', maxLength: 2000 },
} as const;

export const dossierBody = {
  type: 'object',
  required: ['procedureCode', 'procedureName', 'agencyCode', 'agencyName', 'applicant', 'channel', 'submittedAt', 'status'],
  additionalProperties: false,
  properties: dossierProperties,
} as const;

export const statusUpdateProperties = {
  status: statusCode,
  at: dateTime('When the dossier reached this status'),
  note: { type: 'string', maxLength: 2000 },
  officialName: { type: 'string', maxLength: 200, description: 'Official who handled the step' },
  agencyCode,
} as const;

export const statusUpdateBody = {
  type: 'object',
  required: ['status', 'at'],
  additionalProperties: false,
  properties: statusUpdateProperties,
} as const;

export const acknowledgement = {
  type: 'object',
  required: ['dossierCode', 'status', 'statusLabel', 'statusLabelEn', 'historyLength', 'historyEntryAdded'],
  properties: {
    dossierCode: { type: 'string' },
    status: { type: 'integer', description: 'Current status: the latest history entry' },
    statusLabel: { type: 'string' },
    statusLabelEn: { type: 'string' },
    historyLength: { type: 'integer' },
    historyEntryAdded: { type: 'boolean', description: 'False for a repeat of a recorded status (same status and time)' },
  },
} as const;

export const historyEntry = {
  type: 'object',
  properties: {
    ...statusUpdateProperties,
    statusLabel: { type: 'string' },
    source: { type: 'string', enum: ['sync', 'status_update'], description: 'Recorded from a dossier upsert or a status update' },
    recordedAt: { type: 'string', description: 'When the portal received it' },
  },
} as const;

export const dossierSummary = {
  type: 'object',
  properties: {
    dossierCode: { type: 'string' },
    clientId: { type: 'string' },
    procedureCode: { type: 'string' },
    procedureName: { type: 'string' },
    agencyCode: { type: 'string' },
    status: { type: 'integer' },
    statusLabel: { type: 'string' },
    firstSyncedAt: { type: 'string' },
    lastSyncedAt: { type: 'string' },
  },
} as const;

export const dossierDetail = {
  type: 'object',
  properties: {
    ...dossierSummary.properties,
    dossier: { type: 'object', properties: dossierProperties, description: 'The latest upsert as received' },
    syncedAt: { type: 'array', items: { type: 'string' }, description: 'When each accepted upsert arrived (last 100)' },
    history: { type: 'array', items: historyEntry },
  },
} as const;
