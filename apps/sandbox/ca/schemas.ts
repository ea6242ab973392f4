import { sandboxErrorSchema } from '../kit.ts';
import { CERTIFICATE_PROFILES, DEFAULT_PROVINCE, REVOCATION_REASONS } from './profiles.ts';

/** Route schemas of the CA sandbox; the OpenAPI document is generated from them. */

export const RA_AUTH_NOTE = 'Authentication: headers `X-Client-Id` and `X-Api-Key` of a registered RA client; otherwise 401 `ca.unauthorized`.';

export const raHeaders = {
  type: 'object',
  required: ['x-client-id', 'x-api-key'],
  properties: {
    'x-client-id': { type: 'string', maxLength: 100, description: 'Registration-authority client id' },
    'x-api-key': { type: 'string', maxLength: 200, description: 'API key of that client' },
  },
} as const;

export function errors<const Codes extends readonly number[]>(...codes: Codes): Record<Codes[number], typeof sandboxErrorSchema> {
  return Object.fromEntries(codes.map((code) => [code, sandboxErrorSchema])) as Record<Codes[number], typeof sandboxErrorSchema>;
}

const DNS_NAME_PATTERN = '^(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';

// Upper bounds are RFC 5280's (ub-common-name 64, ub-organization-name 64, ub-locality-name 128…).
const subject = {
  type: 'object',
  additionalProperties: false,
  required: ['commonName'],
  properties: {
    commonName: { type: 'string', minLength: 1, maxLength: 64, description: 'CN: the agency, the official or the host' },
    organization: { type: 'string', minLength: 1, maxLength: 64 },
    organizationalUnit: { type: 'string', minLength: 1, maxLength: 64 },
    locality: { type: 'string', minLength: 1, maxLength: 128 },
    province: { type: 'string', minLength: 1, maxLength: 128, description: `ST; default \`${DEFAULT_PROVINCE}\`` },
    email: { type: 'string', maxLength: 128, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'E in the subject; also an rfc822Name SAN for signing and tls-client' },
    agencyCode: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9._-]+$', description: 'Mã định danh cơ quan, e.g. `000.00.00.H19`; put in a UID attribute as given' },
    personalId: {
      type: 'string', pattern: '^([0-9]{9}|[0-9]{12})$',
      description: 'official-signing only: số CCCD (12 digits) or CMND (9); put in a UID attribute as `CCCD:…`/`CMND:…` as Vietnamese CAs do',
    },
  },
} as const;

export const issueBody = {
  type: 'object',
  additionalProperties: false,
  required: ['profile', 'subject'],
  properties: {
    profile: {
      type: 'string', enum: CERTIFICATE_PROFILES,
      description: 'agency-signing / official-signing: keyUsage digitalSignature+nonRepudiation, EKU emailProtection+documentSigning; tls-server: digitalSignature+keyEncipherment, EKU serverAuth, DNS SANs; tls-client: EKU clientAuth',
    },
    subject,
    dnsNames: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 253, pattern: DNS_NAME_PATTERN }, description: 'tls-server only, and required there' },
    validityDays: { type: 'integer', minimum: 1, maximum: 1095, default: 365 },
    csr: { type: 'string', maxLength: 16_384, description: 'PEM PKCS#10 request (RSA ≥ 2048 or EC P-256/P-384); its signature is checked and its public key certified. Without it the sandbox generates an RSA 2048 key and returns it.' },
  },
} as const;

export interface IssueBody {
  profile: (typeof CERTIFICATE_PROFILES)[number];
  subject: { commonName: string; organization?: string; organizationalUnit?: string; locality?: string; province?: string; email?: string; agencyCode?: string; personalId?: string };
  dnsNames?: string[];
  validityDays: number;
  csr?: string;
}

const serialNumber = { type: 'string', description: 'Serial number, lower-case hex' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;

export const issuedResponse = {
  type: 'object',
  required: ['serialNumber', 'certificatePem', 'chainPem', 'notBefore', 'notAfter'],
  properties: {
    serialNumber,
    certificatePem: { type: 'string' },
    chainPem: { type: 'string', description: 'Issuing CA then root CA, PEM' },
    notBefore: timestamp,
    notAfter: timestamp,
    privateKeyPem: { type: 'string', description: 'PKCS#8 PEM; only when no CSR was sent (sandbox convenience: a real CA never holds the key)' },
  },
} as const;

export const serialParams = {
  type: 'object',
  required: ['serial'],
  properties: { serial: { type: 'string', pattern: '^[0-9A-Fa-f]{1,40}$', description: 'Serial number in hex' } },
} as const;

export const certificateView = {
  type: 'object',
  required: ['serialNumber', 'profile', 'subject', 'status', 'notBefore', 'notAfter', 'certificatePem'],
  properties: {
    serialNumber,
    profile: { type: 'string', enum: CERTIFICATE_PROFILES },
    subject: { type: 'string' },
    status: { type: 'string', enum: ['good', 'revoked'] },
    revokedAt: timestamp,
    revocationReason: { type: 'string', enum: REVOCATION_REASONS },
    notBefore: timestamp,
    notAfter: timestamp,
    certificatePem: { type: 'string' },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
} as const;

export const certificateList = {
  type: 'object',
  required: ['total', 'items'],
  properties: {
    total: { type: 'integer', description: 'How many certificates this client has in the store' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['serialNumber', 'profile', 'subject', 'status', 'notAfter'],
        properties: {
          serialNumber, profile: certificateView.properties.profile, subject: { type: 'string' }, status: certificateView.properties.status, notAfter: timestamp,
        },
      },
    },
  },
} as const;

export const revokeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', enum: REVOCATION_REASONS } },
} as const;

export const revokeResponse = {
  type: 'object',
  required: ['serialNumber', 'status', 'revokedAt', 'revocationReason'],
  properties: { serialNumber, status: { type: 'string', enum: ['revoked'] }, revokedAt: timestamp, revocationReason: { type: 'string', enum: REVOCATION_REASONS } },
} as const;

export const formatQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['der', 'pem'], default: 'der', description: 'DER (default) or PEM' } },
} as const;

/** A binary response body in the OpenAPI document (Fastify sends Buffers without serialising). */
export function binary(description: string, ...mediaTypes: string[]) {
  return { description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
}
