import * as pkijs from 'pkijs';

/**
 * The CRL fallback of the gateway's mutual TLS (decision 0035): when the CA's OCSP responder is
 * unreachable or answers an error, the gateway decides from the issuing CA's CRL instead. The CRL
 * comes from the certificate's CRL Distribution Points (else the configured URL), must be signed
 * by the very CA that issued the certificate, be current (thisUpdate passed, nextUpdate ahead) and
 * carry no critical extension we do not process (delta CRLs, partitioned CRLs); it is kept until
 * its nextUpdate. Anything else — no URL, no answer, a bad signature, a stale CRL — is
 * `unavailable`, and the gateway fails closed.
 */

export type CrlStatus = 'good' | 'revoked' | 'unavailable';

export interface CrlOptions {
  /** Where to fetch the CRL of a certificate without a CRL Distribution Points extension (`LGSP_TLS_CRL_URL`). */
  url?: string;
  /** Fetches a CRL's DER bytes (tests replace it); default: HTTP GET, 5 s, at most `MAX_CRL_BYTES`. */
  fetchCrl?: (url: string) => Promise<Uint8Array>;
}

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';
/** Extensions a CRL may mark critical that change nothing for a full CRL we read whole. */
const UNDERSTOOD_CRITICAL = new Set<string>();
const MAX_CRL_BYTES = 10 * 1024 * 1024;
/** Clocks disagree a little: a CRL issued up to this far "in the future" is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A failed fetch is not retried for every handshake while the CA is down. */
const RETRY_AFTER_MS = 10_000;

async function httpCrl(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
  if (!response.ok) throw new Error(`CRL: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_CRL_BYTES) throw new Error('CRL too large');
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > MAX_CRL_BYTES) throw new Error('CRL too large');
  return body;
}

/** The first http(s) URI of the certificate's CRL Distribution Points. */
export function crlDistributionPoint(certificate: pkijs.Certificate): string | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === CRL_DISTRIBUTION_POINTS);
  const points = (extension?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? [];
  for (const point of points) {
    const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
    const uri = names.find((name) => name.type === 6 && /^https?:\/\//.test(String(name.value)));
    if (uri) return String(uri.value);
  }
  return undefined;
}

interface CachedCrl { crl: pkijs.CertificateRevocationList; nextUpdate: number }

export function createCrlChecker(options: CrlOptions, now: () => Date) {
  const fetchCrl = options.fetchCrl ?? httpCrl;
  const cache = new Map<string, CachedCrl>();
  const inFlight = new Map<string, Promise<CachedCrl | undefined>>();
  const failedUntil = new Map<string, number>();

  /** The CRL's DER, checked against the issuer; undefined unless it is one we may decide from. */
  async function verified(der: Uint8Array, issuer: pkijs.Certificate): Promise<CachedCrl | undefined> {
    const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
    if (!crl.issuer.isEqual(issuer.subject)) return undefined;
    if (crl.crlExtensions?.extensions.some((e) => e.critical && !UNDERSTOOD_CRITICAL.has(e.extnID))) return undefined;
    const nextUpdate = crl.nextUpdate?.value.getTime();
    const at = now().getTime();
    if (nextUpdate === undefined || nextUpdate <= at || crl.thisUpdate.value.getTime() > at + CLOCK_SKEW_MS) return undefined;
    if (!(await crl.verify({ issuerCertificate: issuer }))) return undefined;
    return { crl, nextUpdate };
  }

  async function load(url: string, issuer: pkijs.Certificate): Promise<CachedCrl | undefined> {
    if ((failedUntil.get(url) ?? 0) > Date.now()) return undefined;
    try {
      const crl = await verified(await fetchCrl(url), issuer);
      if (crl) {
        cache.set(url, crl);
        failedUntil.delete(url);
        return crl;
      }
    } catch {
      // An unreadable or unreachable CRL is the same as none: fail closed.
    }
    failedUntil.set(url, Date.now() + RETRY_AFTER_MS);
    return undefined;
  }

  async function current(url: string, issuer: pkijs.Certificate): Promise<CachedCrl | undefined> {
    const cached = cache.get(url);
    // The cached CRL is the issuer's only when the issuer is the one it was verified with.
    if (cached && cached.nextUpdate > now().getTime() && cached.crl.issuer.isEqual(issuer.subject)) return cached;
    cache.delete(url);
    let pending = inFlight.get(url);
    if (!pending) {
      pending = load(url, issuer).finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    return pending;
  }

  /** The certificate's status according to its issuer's current CRL (DER certificate and issuer). */
  return async function crlStatus(certificateDer: Uint8Array, issuerDer: Uint8Array): Promise<CrlStatus> {
    try {
      const certificate = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
      const issuer = pkijs.Certificate.fromBER(new Uint8Array(issuerDer));
      const url = crlDistributionPoint(certificate) ?? options.url;
      if (!url) return 'unavailable';
      const crl = await current(url, issuer);
      if (!crl) return 'unavailable';
      return crl.crl.isCertificateRevoked(certificate) ? 'revoked' : 'good';
    } catch {
      return 'unavailable';
    }
  };
}

export type CrlChecker = ReturnType<typeof createCrlChecker>;
