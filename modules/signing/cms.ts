import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, SubFilter
 * ETSI.CAdES.detached): detached content, signed attributes content-type, message-digest and
 * signing-certificate-v2 (no signing-time: PAdES puts the claimed time in the /M entry), and for
 * level B-T the signature time-stamp token as an unsigned attribute.
 */
export const OIDS = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

/**
 * Who produces the signature value. The platform's implementation holds the agency's key
 * (encrypted at rest); a remote-signing service (a CA's cloud HSM, a USB token through a
 * signing app) implements the same two calls: it receives the DER of the signed attributes and
 * answers an RSA PKCS#1 v1.5 SHA-256 signature of them.
 */
export interface DocumentSigner {
  /** DER certificates: the signer's first, then the issuing CAs. */
  certificates(): Promise<Uint8Array[]>;
  sign(signedAttributes: Uint8Array): Promise<Uint8Array>;
}

/** Asks a time-stamping authority for a token over `data`; answers the TimeStampToken DER. */
export type TimeStamper = (data: Uint8Array) => Promise<Uint8Array>;

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;
const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();
const algorithm = (oid: string) => new pkijs.AlgorithmIdentifier({ algorithmId: oid, algorithmParams: new asn1js.Null() });

/** ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate and its issuer/serial. */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(der)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** Builds and signs the CMS for `content` (the PDF bytes of the ByteRange); answers its DER. */
export async function buildPadesCms(content: Uint8Array, signer: DocumentSigner, timeStamp: TimeStamper): Promise<Uint8Array> {
  const chain = await signer.certificates();
  if (!chain.length) throw new Error('the signer has no certificate');
  const certificates = chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  const signerCertificate = certificates[0]!;
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
      new pkijs.Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(content)) })] }),
      new pkijs.Attribute({ type: OIDS.signingCertificateV2, values: [signingCertificateV2(signerCertificate, chain[0]!)] }),
    ],
  });
  // What is signed is the DER of the attributes as a SET (RFC 5652 §5.4), not the [0] IMPLICIT form.
  const toBeSigned = new Uint8Array(signedAttrs.toSchema().toBER(false));
  toBeSigned[0] = 0x31;
  const signature = await signer.sign(toBeSigned);
  const token = asn1js.fromBER(toArrayBuffer(await timeStamp(signature)));
  if (token.offset === -1) throw new Error('the time-stamp token is not DER');

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCertificate.issuer, serialNumber: signerCertificate.serialNumber }),
    digestAlgorithm: algorithm(OIDS.sha256),
    signedAttrs,
    signatureAlgorithm: algorithm(OIDS.sha256WithRsa),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
    unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OIDS.signatureTimeStampToken, values: [token.result] })],
    }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithm(OIDS.sha256)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
