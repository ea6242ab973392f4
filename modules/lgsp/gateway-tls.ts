import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import { certificateFingerprint } from './certificates.service.ts';
import { createCrlChecker, type CrlOptions } from './gateway-crl.ts';

/**
 * Mutual TLS for consumers (decision 0035). The gateway's HTTPS listener asks every client for a
 * certificate but lets the handshake through whatever it is (`rejectUnauthorized: false`): the
 * gateway judges it here, so that a refused certificate is an X-Road fault in the message log
 * (`Server.ClientProxy.SslAuthenticationFailed`), not a TLS alert nobody records. A certificate
 * authenticates the subsystem it is registered for when it was issued by a CA of the bundle, is
 * valid now, and the CA's OCSP responder says `good` (kept for `goodForMs`; `revoked`: refused).
 * When the responder is unreachable or answers an error, the issuing CA's CRL decides instead
 * (`gateway-crl.ts`); when neither answers, refused.
 */

export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'unavailable' | 'not_checked';
/** Which source decided: the OCSP responder, or the CRL when the responder did not answer. */
type Revocation = { status: RevocationStatus; source: 'OCSP' | 'CRL' };

export interface ClientTlsOptions {
  /** The CA certificates consumers' certificates are issued by (the gateway's LGSP_TLS_CA bundle). */
  bundle: X509Certificate[];
  /** The CA's answer on a certificate (the signing module's OCSP client): DER certificate, its issuer's, the roots. */
  status: (certificate: Uint8Array, issuer: Uint8Array, roots: Uint8Array[]) => Promise<{ status: RevocationStatus }>;
  /** How long a `good` answer is reused; a revocation takes effect at the gateway within this time (default 60 s). */
  goodForMs?: number;
  /** The CRL fallback when OCSP does not answer (the URL for certificates without CRL Distribution Points). */
  crl?: CrlOptions;
}

export type CertificateClient = { subsystemId: string; xroadId: string };
export type CertificateAuthentication = { client: CertificateClient; fault?: undefined } | { client?: undefined; fault: string };

/** Every certificate of a PEM bundle. */
export function pemCertificates(text: string): X509Certificate[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));
}

/** The client certificate of a request that came over the gateway's TLS listener, if the client sent one. */
export function peerCertificate(request: FastifyRequest): X509Certificate | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerX509Certificate !== 'function') return undefined;
  return socket.getPeerX509Certificate() ?? undefined;
}

const MAX_REMEMBERED = 10_000;

export function createCertificateAuthenticator(options: ClientTlsOptions, subsystemOf: (fingerprint: string) => Promise<CertificateClient | undefined>, now: () => Date) {
  const goodForMs = options.goodForMs ?? 60_000;
  const roots = options.bundle.map((ca) => new Uint8Array(ca.raw));
  const good = new Map<string, number>();
  const crlStatus = createCrlChecker(options.crl ?? {}, now);

  async function confirmed(fingerprint: string, certificate: X509Certificate, issuer: X509Certificate): Promise<Revocation> {
    const until = good.get(fingerprint);
    if (until !== undefined && until > now().getTime()) return { status: 'good', source: 'OCSP' };
    const der = new Uint8Array(certificate.raw);
    const issuerDer = new Uint8Array(issuer.raw);
    let answer: Revocation = { status: (await options.status(der, issuerDer, roots)).status, source: 'OCSP' };
    // Only an OCSP outage falls back; `unknown` is the responder's answer, not an outage.
    if (answer.status === 'unavailable') answer = { status: await crlStatus(der, issuerDer), source: 'CRL' };
    if (answer.status === 'good') {
      if (good.size >= MAX_REMEMBERED) good.clear();
      good.set(fingerprint, now().getTime() + goodForMs);
    } else good.delete(fingerprint);
    return answer;
  }

  return async function authenticate(certificate: X509Certificate): Promise<CertificateAuthentication> {
    const issuer = options.bundle.find((ca) => ca.ca && certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
    if (!issuer) return { fault: 'The client certificate was not issued by a CA the gateway trusts' };
    const at = now().getTime();
    if (at < Date.parse(certificate.validFrom) || at > Date.parse(certificate.validTo)) {
      return { fault: `The client certificate is not valid now (valid from ${new Date(certificate.validFrom).toISOString()} to ${new Date(certificate.validTo).toISOString()})` };
    }
    const fingerprint = certificateFingerprint(certificate);
    const client = await subsystemOf(fingerprint);
    if (!client) return { fault: 'The client certificate is registered for no subsystem' };
    const { status, source } = await confirmed(fingerprint, certificate, issuer);
    if (status === 'revoked') return { fault: `The client certificate is revoked (${source})` };
    if (status !== 'good') return { fault: 'The status of the client certificate could not be confirmed with its CA (OCSP, CRL)' };
    return { client };
  };
}

export type CertificateAuthenticator = ReturnType<typeof createCertificateAuthenticator>;
