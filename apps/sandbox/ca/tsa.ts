import type { Signer } from './hierarchy.ts';
import { DIGESTS, OID, TSA_POLICY_OID, asn1js, derBuffer, digest, pkijs, randomSerialHex } from './pki.ts';

/** PKIFailureInfo bits (RFC 3161 2.4.2) this TSA reports. */
const FAILURE_BITS = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 } as const;
type Failure = keyof typeof FAILURE_BITS;

/** SHA-1 is refused, as current TSA policies do; a request naming it gets `badAlg`. */
const ACCEPTED_IMPRINTS = new Set(['SHA-256', 'SHA-384', 'SHA-512']);

class Rejection extends Error {
  readonly failure: Failure;
  constructor(failure: Failure, message: string) {
    super(message);
    this.failure = failure;
  }
}

/** A DER named-bit BIT STRING with one bit set (trailing zero bits dropped, as DER requires). */
function failInfo(failure: Failure): asn1js.BitString {
  const bit = FAILURE_BITS[failure];
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (bit & 7) });
}

function rejection(failure: Failure, message: string): Buffer {
  const status = new pkijs.PKIStatusInfo({
    status: pkijs.PKIStatus.rejection,
    statusStrings: [new asn1js.Utf8String({ value: message })],
    failInfo: failInfo(failure),
  });
  return derBuffer(new pkijs.TimeStampResp({ status }).toSchema().toBER(false));
}

function parseRequest(der: Uint8Array | undefined): pkijs.TimeStampReq {
  let request: pkijs.TimeStampReq;
  try {
    if (!der?.length) throw new Error('empty');
    request = pkijs.TimeStampReq.fromBER(new Uint8Array(der));
  } catch {
    throw new Rejection('badDataFormat', 'The body is not a DER TimeStampReq');
  }
  if (request.version !== 1) throw new Rejection('badRequest', 'Only version 1 requests are supported');
  const algorithm = DIGESTS[request.messageImprint.hashAlgorithm.algorithmId];
  if (!algorithm || !ACCEPTED_IMPRINTS.has(algorithm.name)) throw new Rejection('badAlg', 'The hash algorithm must be SHA-256, SHA-384 or SHA-512');
  if (request.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== algorithm.length) {
    throw new Rejection('badDataFormat', `The ${algorithm.name} imprint must be ${algorithm.length} bytes`);
  }
  if (request.reqPolicy && request.reqPolicy !== TSA_POLICY_OID) throw new Rejection('unacceptedPolicy', `The only policy is ${TSA_POLICY_OID}`);
  if (request.extensions?.length) throw new Rejection('unacceptedExtension', 'Request extensions are not supported');
  return request;
}

/** DER orders a SET OF by the encodings of its elements; verifiers re-encode signed attributes that way. */
function derSetOrder(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER(false)) }));
  encoded.sort((a, b) => {
    const length = Math.max(a.der.length, b.der.length);
    return Buffer.compare(Buffer.concat([a.der, Buffer.alloc(length - a.der.length)]), Buffer.concat([b.der, Buffer.alloc(length - b.der.length)]));
  });
  return encoded.map((item) => item.attribute);
}

/** signingCertificateV2 (RFC 5035): binds the signature to the TSA certificate by its SHA-256. */
async function signingCertificateV2(tsa: Signer): Promise<pkijs.Attribute> {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: tsa.asn.issuer })] }),
    serialNumber: tsa.asn.serialNumber,
  });
  // ESSCertIDv2 with the default hash (SHA-256), so hashAlgorithm is left out.
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: await digest('SHA-256', tsa.certificate.rawData) }), issuerSerial.toSchema()],
  });
  return new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] })],
  });
}

async function timeStampToken(request: pkijs.TimeStampReq, tsa: Signer): Promise<pkijs.ContentInfo> {
  const now = new Date();
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: TSA_POLICY_OID,
    messageImprint: request.messageImprint,
    serialNumber: new asn1js.Integer({ valueHex: Buffer.from(randomSerialHex(), 'hex') }),
    genTime: now,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ...(request.nonce ? { nonce: request.nonce } : {}),
    tsa: new pkijs.GeneralName({ type: 4, value: tsa.asn.subject }),
  });
  const content = info.toSchema().toBER(false);
  const signedAttributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: now })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: await digest('SHA-256', content) })] }),
    await signingCertificateV2(tsa),
  ];
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: OID.tstInfo });
  // Set after construction: pkijs's constructor would turn it into a (BER) constructed OCTET STRING;
  // tokens end up inside PDF signatures, where validators expect DER.
  encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo,
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: tsa.asn.issuer, serialNumber: tsa.asn.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: derSetOrder(signedAttributes) }),
    })],
    // certReq: the TSA certificate goes into the token only when asked for (RFC 3161 2.4.1).
    ...(request.certReq ? { certificates: [tsa.asn] } : {}),
  });
  await signedData.sign(tsa.privateKey, 0, 'SHA-256');
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
}

/**
 * Answers a DER TimeStampReq with a DER TimeStampResp (RFC 3161). Refusals are responses
 * with status `rejection` and a failInfo bit, never HTTP errors.
 */
export async function answerTimeStamp(der: Uint8Array | undefined, tsa: Signer): Promise<Buffer> {
  try {
    const token = await timeStampToken(parseRequest(der), tsa);
    const status = new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted });
    return derBuffer(new pkijs.TimeStampResp({ status, timeStampToken: token }).toSchema().toBER(false));
  } catch (error) {
    if (error instanceof Rejection) return rejection(error.failure, error.message);
    return rejection('systemFailure', 'The time-stamping authority could not sign');
  }
}
