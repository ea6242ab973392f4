import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { sandboxError, type SandboxClient } from '../kit.ts';
import type { Sandbox, SandboxFactory } from '../sandbox.ts';
import { CertificateAuthority } from './authority.ts';
import { registerTesterPage } from './pages.ts';
import { registerPublicRoutes } from './public-routes.ts';
import { registerRaRoutes } from './ra-routes.ts';
import { CLIENT_KEY_SCHEMES } from '../openapi.ts';

/** Registration-authority clients of the sandbox CA (Sen's signing service uses the first). */
export const DEFAULT_CA_CLIENTS: readonly SandboxClient[] = [{ id: 'sen-dongthap', secret: 'sandbox-ca-key-h19' }];

export interface CaOptions {
  /** RA clients allowed to issue and revoke (`X-Client-Id` / `X-Api-Key`); default `DEFAULT_CA_CLIENTS`. */
  clients?: readonly SandboxClient[];
  /** Issued certificates kept in memory; the oldest are forgotten beyond this. Default 10,000. */
  maxCertificates?: number;
}

export { CA_POLICY_OID, TSA_POLICY_OID } from './pki.ts';
export { CERTIFICATE_PROFILES, REVOCATION_REASONS, type CertificateProfile, type RevocationReason } from './profiles.ts';

/** Maps Fastify's own refusals (schema, media type, size) to the sandbox error shape. */
function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return sandboxError(reply, 400, 'ca.invalid_request', error.message, error.validation);
    if (error.statusCode === 415) return sandboxError(reply, 415, 'ca.unsupported_media_type', error.message);
    if (error.statusCode === 413) return sandboxError(reply, 413, 'ca.payload_too_large', error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sandboxError(reply, error.statusCode, 'ca.bad_request', error.message);
    throw error;
  });
}

/**
 * Certification-authority sandbox, standing in for the Government CA and the licensed public
 * CAs that Vietnamese digital signatures chain to: an RA API to issue and revoke, the
 * repository (CA certificates, CRLs), an OCSP responder and an RFC 3161 time-stamping
 * authority. The hierarchy (RSA 2048, SHA-256) is generated when the server starts and kept
 * in memory only, so every start is a new CA.
 */
export function caSandbox(options: CaOptions = {}): SandboxFactory {
  return () => {
    const name = 'ca';
    const clients = options.clients ?? DEFAULT_CA_CLIENTS;
    const maxCertificates = options.maxCertificates ?? 10_000;
    let authority: CertificateAuthority | undefined;
    const running = (reply: FastifyReply): CertificateAuthority | undefined => {
      if (!authority) sandboxError(reply, 503, 'ca.starting', 'The CA sandbox is starting');
      return authority;
    };

    const sandbox: Sandbox = {
      name,
      title: 'Chứng thực chữ ký số (CA)',
      titleEn: 'Certification authority — RA API, OCSP, CRL and RFC 3161 time stamps',
      description: 'CA giả lập (không dùng cho sản xuất): cấp, tra cứu, thu hồi chứng thư số; OCSP, CRL, dấu thời gian. Khoá sinh mới mỗi lần khởi động.',
      securitySchemes: CLIENT_KEY_SCHEMES,
      links: [
        { label: 'Trang kiểm thử / Tester page', path: '/' },
        { label: 'Root CA (DER)', path: '/certs/root.crt' },
        { label: 'Issuing CA CRL', path: '/crl/issuing.crl' },
      ],

      async register(app: FastifyInstance): Promise<void> {
        handleErrors(app);
        await app.register(async (ra) => registerRaRoutes(ra, { clients, authority: running }));
        await app.register(async (scope) => registerPublicRoutes(scope, { authority: running }));
        registerTesterPage(app, { basePath: `/${name}`, authority: running });
      },

      async start(baseUrl: string): Promise<void> {
        authority = await CertificateAuthority.create(baseUrl, maxCertificates);
      },
    };
    return sandbox;
  };
}
