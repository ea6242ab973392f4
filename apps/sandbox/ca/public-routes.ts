import type { FastifyInstance, FastifyReply } from 'fastify';
import { sandboxError } from '../kit.ts';
import type { CertificateAuthority } from './authority.ts';
import type { CrlPublisher } from './crl.ts';
import { PUBLISHED_CERTIFICATES } from './hierarchy.ts';
import { answerOcsp } from './ocsp.ts';
import { TSA_POLICY_OID, derBuffer, pemOf, type x509 } from './pki.ts';
import { binary, errors, formatQuery, serialParams } from './schemas.ts';
import { answerTimeStamp } from './tsa.ts';

export interface PublicRouteOptions {
  /** The running CA; before the server has started it, answers 503 and gives undefined. */
  authority: (reply: FastifyReply) => CertificateAuthority | undefined;
}

const PUBLIC_NOTE = 'Public: no authentication, as a CA publishes its repository, OCSP and TSA.';
/** Requests are small; this bounds what a caller can make the responder parse. */
const BINARY_BODY_LIMIT = 64 * 1024;

type Format = { format: 'der' | 'pem' };

function sendDocument(reply: FastifyReply, document: x509.X509Certificate | x509.X509Crl, derType: string, format: Format['format']): FastifyReply {
  if (format === 'pem') return reply.type('application/x-pem-file').send(pemOf(document));
  return reply.type(derType).send(derBuffer(document.rawData));
}

/** The repository (CA certificates, issued certificates, CRLs), the OCSP responder and the TSA. */
export async function registerPublicRoutes(app: FastifyInstance, options: PublicRouteOptions): Promise<void> {
  const running = options.authority;

  // OCSP and RFC 3161 bodies are DER, handed to the responders as Buffers; other media types get 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/ocsp-request', 'application/timestamp-query'], { parseAs: 'buffer', bodyLimit: BINARY_BODY_LIMIT },
    (_request, body, done) => done(null, body));

  for (const { file, role, pick } of PUBLISHED_CERTIFICATES) {
    app.get(`/certs/${file}.crt`, {
      schema: {
        summary: `Certificate: ${file}`, description: `${role}. ${PUBLIC_NOTE}`, tags: ['Repository'], querystring: formatQuery,
        response: { 200: binary('The certificate', 'application/pkix-cert', 'application/x-pem-file'), ...errors(503) },
      },
    }, async (request, reply) => {
      const authority = running(reply);
      if (!authority) return reply;
      return sendDocument(reply, pick(authority.hierarchy).certificate, 'application/pkix-cert', (request.query as Format).format);
    });
  }

  app.get('/certs/issued/:serial', {
    schema: {
      summary: 'An issued certificate', description: `Any certificate this CA issued, by serial (hex). ${PUBLIC_NOTE}`, tags: ['Repository'],
      params: serialParams, querystring: formatQuery,
      response: { 200: binary('The certificate', 'application/pkix-cert', 'application/x-pem-file'), ...errors(404, 503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    const record = authority.find((request.params as { serial: string }).serial);
    if (!record) return sandboxError(reply, 404, 'ca.not_found', 'No certificate with this serial number');
    return sendDocument(reply, record.certificate, 'application/pkix-cert', (request.query as Format).format);
  });

  const crls: [string, (authority: CertificateAuthority) => CrlPublisher][] = [
    ['issuing', (authority) => authority.issuingCrl],
    ['root', (authority) => authority.rootCrl],
  ];
  for (const [name, pick] of crls) {
    app.get(`/crl/${name}.crl`, {
      schema: {
        summary: `CRL of the ${name} CA`,
        description: `X.509 v2 CRL signed by the ${name} CA: re-signed on every revocation, nextUpdate one day after thisUpdate, CRL number always growing. ${PUBLIC_NOTE}`,
        tags: ['Repository'], querystring: formatQuery,
        response: { 200: binary('The CRL', 'application/pkix-crl', 'application/x-pem-file'), ...errors(503) },
      },
    }, async (request, reply) => {
      const authority = running(reply);
      if (!authority) return reply;
      return sendDocument(reply, await pick(authority).current(), 'application/pkix-crl', (request.query as Format).format);
    });
  }

  const ocspDescription = `RFC 6960 responder for certificates of the issuing CA: good, revoked (time and reason) or unknown; the nonce extension is echoed. The BasicOCSPResponse is signed by "Sen Sandbox OCSP Responder" (EKU OCSPSigning, ocsp-nocheck), whose certificate is included. A malformed request gets an OCSP response with status malformedRequest, not an HTTP error. ${PUBLIC_NOTE}`;
  const ocspResponse = { 200: binary('DER OCSPResponse', 'application/ocsp-response'), ...errors(503) };
  const sendOcsp = async (reply: FastifyReply, der: Uint8Array | undefined) => {
    const authority = running(reply);
    if (!authority) return reply;
    return reply.type('application/ocsp-response').header('cache-control', 'no-store').send(await answerOcsp(der, authority));
  };

  app.post('/ocsp', {
    schema: {
      summary: 'OCSP (POST)', description: ocspDescription, tags: ['OCSP'],
      consumes: ['application/ocsp-request'], body: { description: 'DER OCSPRequest' },
      response: ocspResponse,
    },
  }, async (request, reply) => sendOcsp(reply, request.body as Buffer | undefined));

  app.get('/ocsp/*', {
    schema: {
      summary: 'OCSP (GET)',
      description: `The DER OCSPRequest in the path, base64 (URL-encoded) or base64url, as RFC 6960 Appendix A.1 describes. ${ocspDescription}`,
      tags: ['OCSP'],
      params: { type: 'object', properties: { '*': { type: 'string', maxLength: 8192, description: 'base64 or base64url OCSPRequest' } } },
      response: ocspResponse,
    },
  }, async (request, reply) => {
    let encoded = (request.params as { '*': string })['*'];
    try {
      encoded = decodeURIComponent(encoded);
    } catch {
      encoded = '';
    }
    // Buffer's base64 decoder takes both alphabets; anything else makes an empty request.
    const der = /^[A-Za-z0-9+/_-]+=*$/.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    return sendOcsp(reply, der);
  });

  app.post('/tsa', {
    schema: {
      summary: 'Time-stamping authority (RFC 3161)',
      description: `Takes a DER TimeStampReq and answers a TimeStampResp. Granted tokens are CMS SignedData (SHA-256, signed attributes contentType, signingTime, messageDigest, signingCertificateV2) over a TSTInfo with policy \`${TSA_POLICY_OID}\`, the request's message imprint and nonce, a random serial, genTime with 1 s accuracy; the TSA certificate is included when \`certReq\` is true. Imprints must be SHA-256/384/512 (otherwise rejection with failInfo badAlg). ${PUBLIC_NOTE}`,
      tags: ['Time stamping'],
      consumes: ['application/timestamp-query'], body: { description: 'DER TimeStampReq' },
      response: { 200: binary('DER TimeStampResp', 'application/timestamp-reply'), ...errors(503) },
    },
  }, async (request, reply) => {
    const authority = running(reply);
    if (!authority) return reply;
    return reply.type('application/timestamp-reply').header('cache-control', 'no-store')
      .send(await answerTimeStamp(request.body as Buffer | undefined, authority.hierarchy.tsa));
  });
}
