import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { OID, TSA_POLICY_OID, asn1js, pkijs } from './pki.ts';
import { caCertificate, fetchDer, issue, revoke, startCa, type StartedCa } from './test-support.ts';

let ca: StartedCa;
let root: pkijs.Certificate;
let issuing: pkijs.Certificate;
let responder: pkijs.Certificate;
let tsa: pkijs.Certificate;
let subject: pkijs.Certificate;
let serialNumber: string;

const asPkijs = async (name: 'root' | 'issuing' | 'ocsp' | 'tsa') => pkijs.Certificate.fromBER((await caCertificate(ca.base, name)).raw);
const derOf = (certificate: pkijs.Certificate) => Buffer.from(certificate.toSchema().toBER(false));

before(async () => {
  ca = await startCa();
  [root, issuing, responder, tsa] = await Promise.all([asPkijs('root'), asPkijs('issuing'), asPkijs('ocsp'), asPkijs('tsa')]);
  const issued = await issue(ca.base, { profile: 'agency-signing', subject: { commonName: 'Sở Nội vụ tỉnh Đồng Tháp' } });
  serialNumber = issued.serialNumber;
  subject = pkijs.Certificate.fromBER(Buffer.from(issued.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
});
after(() => ca.sandbox.close());

// ---- OCSP ------------------------------------------------------------------------------------

async function ocspRequest(options: { nonce?: Buffer; serial?: Buffer } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(subject, { hashAlgorithm: 'SHA-256', issuerCertificate: issuing });
  if (options.serial) request.tbsRequest.requestList[0]!.reqCert.serialNumber = new asn1js.Integer({ valueHex: options.serial });
  if (options.nonce) {
    request.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: new asn1js.OctetString({ valueHex: options.nonce }).toBER(false) })];
  }
  return new Uint8Array(request.toSchema(true).toBER(false));
}

interface OcspAnswer {
  responseStatus: number;
  basic?: pkijs.BasicOCSPResponse;
}

async function askOcsp(der: Uint8Array<ArrayBuffer> | string): Promise<OcspAnswer> {
  const init = typeof der === 'string' ? undefined : { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: der };
  const { response, der: body } = await fetchDer(typeof der === 'string' ? `${ca.base}/ocsp/${der}` : `${ca.base}/ocsp`, init);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/ocsp-response');
  const parsed = pkijs.OCSPResponse.fromBER(body);
  const responseStatus = parsed.responseStatus.valueBlock.valueDec;
  if (!parsed.responseBytes) return { responseStatus };
  assert.equal(parsed.responseBytes.responseType, OID.ocspBasic);
  const basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(parsed.responseBytes.response.valueBlock.valueHexView));
  // Signed by the delegated responder, whose certificate chains to the root and is authorised.
  assert.deepEqual(derOf(basic.certs![0]!), derOf(responder));
  assert.equal(await basic.verify({ trustedCerts: [root], issuerCerts: [issuing] }), true);
  return { responseStatus, basic };
}

const statusTag = (basic: pkijs.BasicOCSPResponse): number => basic.tbsResponseData.responses[0]!.certStatus.idBlock.tagNumber;
const GOOD = 0;
const REVOKED = 1;
const UNKNOWN = 2;

test('OCSP: good, then revoked with time and reason after the RA revokes; the nonce is echoed', async () => {
  const nonce = randomBytes(16);
  const first = await askOcsp(await ocspRequest({ nonce }));
  assert.equal(first.responseStatus, 0);
  assert.equal(statusTag(first.basic!), GOOD);
  const echoed = first.basic!.tbsResponseData.responseExtensions!.find((extension) => extension.extnID === OID.ocspNonce)!;
  assert.deepEqual(Buffer.from(echoed.extnValue.valueBlock.valueHexView), Buffer.from(new asn1js.OctetString({ valueHex: nonce }).toBER(false)));
  const single = first.basic!.tbsResponseData.responses[0]!;
  assert.equal(Buffer.from(single.certID.serialNumber.valueBlock.valueHexView).toString('hex'), serialNumber);

  // The GET form (base64url in the path) answers the same.
  const viaGet = await askOcsp(Buffer.from(await ocspRequest()).toString('base64url'));
  assert.equal(statusTag(viaGet.basic!), GOOD);
  assert.equal(viaGet.basic!.tbsResponseData.responseExtensions, undefined);

  const revocation = await revoke(ca.base, serialNumber, 'keyCompromise');
  assert.equal(revocation.status, 200);
  const { revokedAt } = (await revocation.json()) as { revokedAt: string };
  const second = await askOcsp(await ocspRequest({ nonce }));
  assert.equal(statusTag(second.basic!), REVOKED);
  const [time, reason] = (second.basic!.tbsResponseData.responses[0]!.certStatus as asn1js.Constructed).valueBlock.value as [asn1js.GeneralizedTime, asn1js.Constructed];
  assert.equal(time.toDate().toISOString(), revokedAt);
  assert.equal((reason.valueBlock.value[0] as asn1js.Enumerated).valueBlock.valueDec, 1);
});

test('OCSP: a serial this CA never issued is unknown; garbage is malformedRequest, not an HTTP error', async () => {
  const serial = randomBytes(16);
  serial[0] = 0x11;
  const answer = await askOcsp(await ocspRequest({ serial }));
  assert.equal(statusTag(answer.basic!), UNKNOWN);
  for (const garbage of [new TextEncoder().encode('not an OCSP request'), 'bm90LWRlcg']) {
    const malformed = await askOcsp(garbage);
    assert.equal(malformed.responseStatus, 1);
    assert.equal(malformed.basic, undefined);
  }
});

// ---- Time stamping ------------------------------------------------------------------------------

const SHA256 = '2.16.840.1.101.3.4.2.1';
const SHA1 = '1.3.14.3.2.26';

function timeStampQuery(algorithm: string, hash: Buffer, options: { nonce?: Buffer; certReq: boolean }): Uint8Array<ArrayBuffer> {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: algorithm, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: hash }),
    }),
    ...(options.nonce ? { nonce: new asn1js.Integer({ valueHex: options.nonce }) } : {}),
    certReq: options.certReq,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

async function askTsa(body: Uint8Array<ArrayBuffer>): Promise<pkijs.TimeStampResp> {
  const { response, der } = await fetchDer(`${ca.base}/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/timestamp-reply');
  return pkijs.TimeStampResp.fromBER(der);
}

test('TSA: a SHA-256 request with nonce is granted; imprint, nonce and policy match; the CMS signature verifies', async () => {
  const document = Buffer.from('Quyết định số 123/QĐ-UBND');
  const hash = createHash('sha256').update(document).digest();
  const nonce = Buffer.from('0a1b2c3d4e5f6071', 'hex');
  const response = await askTsa(timeStampQuery(SHA256, hash, { nonce, certReq: true }));
  assert.equal(response.status.status, pkijs.PKIStatus.granted);

  const signedData = new pkijs.SignedData({ schema: response.timeStampToken!.content });
  assert.equal(signedData.encapContentInfo.eContentType, OID.tstInfo);
  assert.equal(signedData.encapContentInfo.eContent!.idBlock.isConstructed, false, 'DER: a primitive OCTET STRING');
  const info = pkijs.TSTInfo.fromBER(new Uint8Array(signedData.encapContentInfo.eContent!.valueBlock.valueHexView));
  assert.equal(info.policy, TSA_POLICY_OID);
  assert.deepEqual(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView), hash);
  assert.deepEqual(Buffer.from(info.nonce!.valueBlock.valueHexView), nonce);
  assert.ok(Math.abs(info.genTime.getTime() - Date.now()) < 10_000);
  assert.ok(await info.verify({ data: new Uint8Array(document).buffer }));

  assert.deepEqual(derOf(signedData.certificates![0] as pkijs.Certificate), derOf(tsa));
  // pkijs checks the TSTInfo imprint against the data, the messageDigest attribute and the signature.
  assert.equal(await signedData.verify({ signer: 0, data: new Uint8Array(document).buffer, checkChain: false }), true);
  assert.ok(new X509Certificate(derOf(tsa)).verify(new X509Certificate(derOf(issuing)).publicKey), 'the TSA certificate chains to the issuing CA');
  assert.equal(signedData.signerInfos[0]!.digestAlgorithm.algorithmId, SHA256);
  const attributes = signedData.signerInfos[0]!.signedAttrs!.attributes;
  assert.deepEqual(attributes.map((a) => a.type).sort(), [OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].sort());
  // signingCertificateV2 → certs[0] → certHash is the SHA-256 of the TSA certificate.
  const essCertId = ((attributes.find((a) => a.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  assert.deepEqual(Buffer.from((essCertId.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView), createHash('sha256').update(derOf(tsa)).digest());

  // A token for other data must not verify against it.
  assert.equal(await info.verify({ data: new Uint8Array(Buffer.from('other')).buffer }), false);
});

test('TSA: without certReq the token carries no certificate; SHA-1 and garbage are rejected with failInfo', async () => {
  const hash = createHash('sha256').update('x').digest();
  const withoutCertificate = await askTsa(timeStampQuery(SHA256, hash, { certReq: false }));
  assert.equal(withoutCertificate.status.status, pkijs.PKIStatus.granted);
  const signedData = new pkijs.SignedData({ schema: withoutCertificate.timeStampToken!.content });
  assert.equal(signedData.certificates, undefined);
  assert.equal(pkijs.TSTInfo.fromBER(new Uint8Array(signedData.encapContentInfo.eContent!.valueBlock.valueHexView)).nonce, undefined);

  const sha1 = await askTsa(timeStampQuery(SHA1, createHash('sha1').update('x').digest(), { certReq: true }));
  assert.equal(sha1.status.status, pkijs.PKIStatus.rejection);
  assert.equal(sha1.timeStampToken, undefined);
  assert.equal(sha1.status.failInfo!.valueBlock.valueHexView[0], 0x80, 'badAlg is bit 0');

  const garbage = await askTsa(new TextEncoder().encode('not a request'));
  assert.equal(garbage.status.status, pkijs.PKIStatus.rejection);
  assert.equal(garbage.status.failInfo!.valueBlock.valueHexView[0], 0x04, 'badDataFormat is bit 5');

  const wrongType = await fetch(`${ca.base}/tsa`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(wrongType.status, 415);
  assert.equal(((await wrongType.json()) as { code: string }).code, 'ca.unsupported_media_type');
});
