import type { CertificateAuthority, CertificateStatus } from './authority.ts';
import { DIGESTS, OID, addDays, asn1js, derBuffer, digest, pkijs, wholeSeconds } from './pki.ts';
import { REASON_CODES } from './profiles.ts';

/** OCSPResponseStatus values this responder sends (RFC 6960 4.2.1). */
const SUCCESSFUL = 0;
const MALFORMED_REQUEST = 1;
const INTERNAL_ERROR = 2;

/** More CertIDs than this in one request is treated as malformed: no real client batches so many. */
const MAX_CERT_IDS = 50;

function responseWithoutBody(status: number): Buffer {
  return derBuffer(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));
}

function hex(view: Uint8Array): string {
  return Buffer.from(view).toString('hex');
}

/** certStatus CHOICE: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL (all implicit). */
function certStatus(status: CertificateStatus): asn1js.BaseBlock {
  if (status.status !== 'revoked') {
    return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: status.status === 'good' ? 0 : 2 } });
  }
  const code = REASON_CODES[status.reason];
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.GeneralizedTime({ valueDate: status.revokedAt }),
      // Like the CRL, "unspecified" is expressed by leaving the reason out.
      ...(code === 0 ? [] : [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: code })] })]),
    ],
  });
}

/**
 * Answers a DER OCSPRequest with a DER OCSPResponse. Every answer is an OCSP response, never
 * an HTTP error: unreadable requests get `malformedRequest`. The BasicOCSPResponse is signed
 * by the delegated responder (EKU OCSPSigning, ocsp-nocheck) and carries its certificate.
 */
export async function answerOcsp(der: Uint8Array | undefined, authority: CertificateAuthority): Promise<Buffer> {
  let request: pkijs.OCSPRequest;
  try {
    if (!der?.length) return responseWithoutBody(MALFORMED_REQUEST);
    request = pkijs.OCSPRequest.fromBER(new Uint8Array(der));
  } catch {
    return responseWithoutBody(MALFORMED_REQUEST);
  }
  const requests = request.tbsRequest.requestList;
  if (requests.length === 0 || requests.length > MAX_CERT_IDS) return responseWithoutBody(MALFORMED_REQUEST);
  try {
    return await signedResponse(request, authority);
  } catch {
    return responseWithoutBody(INTERNAL_ERROR);
  }
}

async function signedResponse(request: pkijs.OCSPRequest, authority: CertificateAuthority): Promise<Buffer> {
  const { issuing, ocsp } = authority.hierarchy;
  const issuerName = issuing.asn.subject.toSchema().toBER(false);
  const issuerKey = issuing.asn.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const issuerHashes = new Map<string, Promise<[string, string]>>();
  const hashesFor = (algorithm: string) => {
    let hashes = issuerHashes.get(algorithm);
    if (!hashes) {
      hashes = Promise.all([digest(algorithm, issuerName), digest(algorithm, issuerKey)]).then(([name, key]) => [hex(name), hex(key)]);
      issuerHashes.set(algorithm, hashes);
    }
    return hashes;
  };

  const now = wholeSeconds(new Date());
  const responses = await Promise.all(request.tbsRequest.requestList.map(async ({ reqCert }) => {
    const algorithm = DIGESTS[reqCert.hashAlgorithm.algorithmId];
    let status: CertificateStatus = { status: 'unknown' };
    if (algorithm) {
      const [nameHash, keyHash] = await hashesFor(algorithm.name);
      // Only certificates of the issuing CA are ours to answer for; anything else is unknown.
      if (hex(reqCert.issuerNameHash.valueBlock.valueHexView) === nameHash && hex(reqCert.issuerKeyHash.valueBlock.valueHexView) === keyHash) {
        status = authority.statusOf(hex(reqCert.serialNumber.valueBlock.valueHexView).replace(/^(00)+(?=.)/, ''));
      }
    }
    return new pkijs.SingleResponse({ certID: reqCert, certStatus: certStatus(status), thisUpdate: now, nextUpdate: addDays(now, 1) });
  }));

  const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === OID.ocspNonce);
  const responderKey = ocsp.asn.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      // byKey: the SHA-1 of the responder's public key (RFC 6960 4.2.1).
      responderID: new asn1js.OctetString({ valueHex: await digest('SHA-1', responderKey) }),
      producedAt: now,
      responses,
      ...(nonce ? { responseExtensions: [new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer })] } : {}),
    }),
    certs: [ocsp.asn],
  });
  await basic.sign(ocsp.privateKey, 'SHA-256');
  return derBuffer(new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: SUCCESSFUL }),
    responseBytes: new pkijs.ResponseBytes({ responseType: OID.ocspBasic, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
  }).toSchema().toBER(false));
}
