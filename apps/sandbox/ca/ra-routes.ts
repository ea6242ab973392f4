import type { FastifyInstance, FastifyReply } from 'fastify';
import { findClient, sandboxError, type SandboxClient } from '../kit.ts';
import type { CertificateAuthority, IssuedCertificate } from './authority.ts';
import { pemOf } from './pki.ts';
import type { RevocationReason } from './profiles.ts';
import {
  RA_AUTH_NOTE, certificateList, certificateView, errors, issueBody, issuedResponse, listQuery, raHeaders, revokeBody, revokeResponse, serialParams,
  type IssueBody,
} from './schemas.ts';
import { InvalidCsrError } from './subject-key.ts';

export interface RaRouteOptions {
  clients: readonly SandboxClient[];
  /** The running CA; before the server has started it, answers 503 and gives undefined. */
  authority: (reply: FastifyReply) => CertificateAuthority | undefined;
}

const tags = ['Registration authority'];

function chainPem(authority: CertificateAuthority): string {
  return [authority.hierarchy.issuing, authority.hierarchy.root].map((s) => pemOf(s.certificate)).join('');
}

function summary(record: IssuedCertificate) {
  return {
    serialNumber: record.serialNumber,
    profile: record.profile,
    subject: record.subject,
    status: record.revocation ? 'revoked' : 'good',
    notAfter: record.certificate.notAfter.toISOString(),
  };
}

function view(record: IssuedCertificate) {
  const { certificate, revocation } = record;
  return {
    ...summary(record),
    ...(revocation ? { revokedAt: revocation.revokedAt.toISOString(), revocationReason: revocation.reason } : {}),
    notBefore: certificate.notBefore.toISOString(),
    certificatePem: pemOf(certificate),
  };
}

/** Field problems the schema cannot express (they depend on the profile). */
function profileProblems(body: IssueBody): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (body.profile === 'tls-server' && !body.dnsNames?.length) problems.push({ field: 'dnsNames', message: 'tls-server certificates need at least one DNS name' });
  if (body.profile !== 'tls-server' && body.dnsNames) problems.push({ field: 'dnsNames', message: 'only tls-server certificates carry DNS names' });
  if (body.profile !== 'official-signing' && body.subject.personalId) problems.push({ field: 'subject.personalId', message: 'only official-signing certificates carry a personal id' });
  return problems;
}

/** The RA API under `/api/v1`: issue, look up and revoke end-entity certificates. */
export async function registerRaRoutes(app: FastifyInstance, options: RaRouteOptions): Promise<void> {
  const running = options.authority;
  const clientOf = (headers: Record<string, unknown>): string => String(headers['x-client-id']);

  // Credentials are checked before the body is even parsed: a refused caller learns nothing.
  app.addHook('onRequest', async (request, reply) => {
    const id = request.headers['x-client-id'];
    const key = request.headers['x-api-key'];
    if (!findClient(options.clients, typeof id === 'string' ? id : undefined, typeof key === 'string' ? key : undefined)) {
      return sandboxError(reply, 401, 'ca.unauthorized', 'X-Client-Id and X-Api-Key must name a registered RA client');
    }
  });

  app.post('/api/v1/certificates', {
    schema: {
      summary: 'Issue a certificate',
      description: `Issues an end-entity certificate under "Sen Sandbox Issuing CA" for a profile. With \`csr\` the CSR's signature is checked (400 \`ca.invalid_csr\`) and its key certified; the subject always comes from \`subject\`, as an RA decides it. Without \`csr\` the sandbox generates an RSA 2048 key pair and returns \`privateKeyPem\` (a sandbox convenience). Every certificate carries AKI/SKI, CRL distribution point, AIA (OCSP, CA issuers) and a random 16-byte serial. ${RA_AUTH_NOTE}`,
      tags,
      headers: raHeaders,
      body: issueBody,
      response: { 201: issuedResponse, ...errors(400, 401, 503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    const body = request.body as IssueBody;
    const problems = profileProblems(body);
    if (problems.length) return sandboxError(reply, 400, 'ca.invalid_request', 'The request does not fit the profile', problems);
    try {
      const { record, privateKeyPem } = await authority.issue(body, clientOf(request.headers));
      return reply.code(201).send({
        serialNumber: record.serialNumber,
        certificatePem: pemOf(record.certificate),
        chainPem: chainPem(authority),
        notBefore: record.certificate.notBefore.toISOString(),
        notAfter: record.certificate.notAfter.toISOString(),
        ...(privateKeyPem ? { privateKeyPem } : {}),
      });
    } catch (error) {
      if (error instanceof InvalidCsrError) return sandboxError(reply, 400, 'ca.invalid_csr', error.message);
      throw error;
    }
  });

  app.get('/api/v1/certificates', {
    schema: {
      summary: 'List certificates',
      description: `Certificates this RA client issued, newest first. ${RA_AUTH_NOTE}`,
      tags,
      headers: raHeaders,
      querystring: listQuery,
      response: { 200: certificateList, ...errors(400, 401, 503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    const { total, items } = authority.list({ limit: (request.query as { limit: number }).limit, clientId: clientOf(request.headers) });
    return { total, items: items.map(summary) };
  });

  app.get('/api/v1/certificates/:serial', {
    schema: {
      summary: 'Look up a certificate',
      description: `Status (good or revoked) and PEM of a certificate this RA client issued; others' certificates answer 404. ${RA_AUTH_NOTE}`,
      tags,
      headers: raHeaders,
      params: serialParams,
      response: { 200: certificateView, ...errors(401, 404, 503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    const record = authority.find((request.params as { serial: string }).serial, clientOf(request.headers));
    if (!record) return sandboxError(reply, 404, 'ca.not_found', 'No certificate with this serial number was issued to this client');
    return view(record);
  });

  app.post('/api/v1/certificates/:serial/revoke', {
    schema: {
      summary: 'Revoke a certificate',
      description: `Revokes a certificate this RA client issued. The issuing CA's CRL is re-signed before the answer, and OCSP answers \`revoked\` from then on. Unknown serial → 404 \`ca.not_found\`; already revoked → 409 \`ca.already_revoked\`. ${RA_AUTH_NOTE}`,
      tags,
      headers: raHeaders,
      params: serialParams,
      body: revokeBody,
      response: { 200: revokeResponse, ...errors(400, 401, 404, 409, 503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    const record = authority.find((request.params as { serial: string }).serial, clientOf(request.headers));
    if (!record) return sandboxError(reply, 404, 'ca.not_found', 'No certificate with this serial number was issued to this client');
    if (record.revocation) return sandboxError(reply, 409, 'ca.already_revoked', 'The certificate is already revoked', { revokedAt: record.revocation.revokedAt.toISOString() });
    const revocation = await authority.revoke(record, (request.body as { reason: RevocationReason }).reason);
    return { serialNumber: record.serialNumber, status: 'revoked', revokedAt: revocation.revokedAt.toISOString(), revocationReason: revocation.reason };
  });
}
