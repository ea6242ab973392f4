import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** The certificate's status from the OCSP responder named in its Authority Information Access. */
export interface RevocationCheck {
  status: 'good' | 'revoked' | 'unknown' | 'unavailable' | 'not_checked';
  checkedAt: string | null;
  revokedAt: string | null;
}

const AIA = '1.3.6.1.5.5.7.1.1';
const OCSP_METHOD = '1.3.6.1.5.5.7.48.1';
const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

export function ocspUrl(certificate: pkijs.Certificate): string | null {
  const extension = certificate.extensions?.find((e) => e.extnID === AIA);
  const parsed = extension?.parsedValue as pkijs.InfoAccess | undefined;
  const location = parsed?.accessDescriptions.find((d) => d.accessMethod === OCSP_METHOD)?.accessLocation;
  return location && location.type === 6 ? String(location.value) : null;
}

export async function checkRevocation(certificate: pkijs.Certificate, issuer: pkijs.Certificate, roots: pkijs.Certificate[], timeoutMs = 5_000): Promise<RevocationCheck> {
  const url = ocspUrl(certificate);
  const unavailable: RevocationCheck = { status: 'unavailable', checkedAt: null, revokedAt: null };
  if (!url || !/^https?:\/\//.test(url)) return unavailable;
  try {
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(certificate, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: new Uint8Array(request.toSchema(true).toBER(false)), signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return unavailable;
    const parsed = pkijs.OCSPResponse.fromBER(new Uint8Array(await response.arrayBuffer()));
    if (parsed.responseStatus.valueBlock.valueDec !== 0 || parsed.responseBytes?.responseType !== OCSP_BASIC) return unavailable;
    const basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(parsed.responseBytes.response.valueBlock.valueHexView));
    if (!(await basic.verify({ trustedCerts: roots, issuerCerts: [issuer] }))) return unavailable;
    const { isForCertificate, status } = await basic.getCertificateStatus(certificate, issuer);
    if (!isForCertificate) return unavailable;
    const checkedAt = basic.tbsResponseData.producedAt.toISOString();
    if (status === 0) return { status: 'good', checkedAt, revokedAt: null };
    if (status === 1) {
      const single = basic.tbsResponseData.responses.find(() => true)!;
      const time = (single.certStatus as asn1js.Constructed).valueBlock.value[0] as asn1js.GeneralizedTime | undefined;
      return { status: 'revoked', checkedAt, revokedAt: time ? time.toDate().toISOString() : null };
    }
    return { status: 'unknown', checkedAt, revokedAt: null };
  } catch {
    return unavailable;
  }
}

/**
 * The OCSP status of a DER certificate (the LGSP gateway's client certificates, decision 0035):
 * its issuer's DER, and the roots the responder's certificate may chain to.
 */
export async function certificateStatus(certificate: Uint8Array, issuer: Uint8Array, roots: Uint8Array[], timeoutMs = 5_000): Promise<RevocationCheck> {
  const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(new Uint8Array(der));
  try {
    return await checkRevocation(parse(certificate), parse(issuer), roots.map(parse), timeoutMs);
  } catch {
    return { status: 'unavailable', checkedAt: null, revokedAt: null };
  }
}
