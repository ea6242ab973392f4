import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * RFC 3161 time stamps: asks a time-stamping authority (TSA) to sign "these bytes existed at
 * this time", and checks such a token later. Used to anchor the audit checkpoints outside
 * the database and outside Sen's own keys.
 *
 * Trust: `verifyTimeStamp` checks the token against the TSA certificate embedded in it (the
 * request sets certReq), i.e. that the token is intact and covers exactly these bytes. It does
 * not decide whether that certificate belongs to a TSA you trust: pass `trustedCertificates`
 * (DER) to also require the signer certificate to be one of them.
 */

const SHA256_OID = '2.16.840.1.101.3.4.2.1';

export interface TimeStamp {
  /** The TimeStampToken (CMS ContentInfo), DER, base64. */
  token: string;
  genTime: Date;
}

export class TimeStampError extends Error {}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

const bytes = (view: ArrayBuffer | Uint8Array): Buffer => Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view));

/** Requests a token for `data` (hashed with SHA-256 here; the TSA sees only the hash). */
export async function requestTimeStamp(url: string, data: Uint8Array, options: { timeoutMs?: number } = {}): Promise<TimeStamp> {
  const nonce = randomBytes(8);
  nonce[0] = nonce[0]! & 0x7f; // a positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(data) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(request.toSchema().toBER(false)),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  if (!response.ok) throw new TimeStampError(`the TSA answered HTTP ${response.status}`);
  let reply: pkijs.TimeStampResp;
  try {
    reply = pkijs.TimeStampResp.fromBER(new Uint8Array(await response.arrayBuffer()));
  } catch {
    throw new TimeStampError('the TSA answer is not a TimeStampResp');
  }
  const status = reply.status.status;
  if ((status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) || !reply.timeStampToken) {
    throw new TimeStampError(`the TSA refused the request (status ${status})`);
  }
  const token = bytes(reply.timeStampToken.toSchema().toBER(false));
  const checked = await verifyTimeStamp(token.toString('base64'), data);
  if (!checked.ok) throw new TimeStampError(`the TSA token does not verify: ${checked.reason}`);
  const info = tstInfoOf(reply.timeStampToken);
  if (!info.nonce || !bytes(info.nonce.valueBlock.valueHexView).equals(nonce)) throw new TimeStampError('the TSA token does not echo the nonce');
  return { token: token.toString('base64'), genTime: checked.genTime };
}

function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signedData = new pkijs.SignedData({ schema: token.content });
  const content = signedData.encapContentInfo.eContent;
  if (!content) throw new TimeStampError('the token has no content');
  return pkijs.TSTInfo.fromBER(new Uint8Array(content.valueBlock.valueHexView));
}

export type TimeStampCheck = { ok: true; genTime: Date; signer: string } | { ok: false; reason: string };

/** Checks that a token is intact, signed by the certificate it carries, and covers exactly `data`. */
export async function verifyTimeStamp(tokenBase64: string, data: Uint8Array, options: { trustedCertificates?: Buffer[] } = {}): Promise<TimeStampCheck> {
  try {
    const token = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(tokenBase64, 'base64')));
    const signedData = new pkijs.SignedData({ schema: token.content });
    const info = tstInfoOf(token);
    if (info.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID || !bytes(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(sha256(data))) {
      return { ok: false, reason: 'the time stamp covers other data' };
    }
    const signer = signedData.certificates?.find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    if (!signer) return { ok: false, reason: 'the token carries no TSA certificate' };
    const signerDer = bytes(signer.toSchema().toBER(false));
    if (options.trustedCertificates && !options.trustedCertificates.some((trusted) => trusted.equals(signerDer))) {
      return { ok: false, reason: 'the TSA certificate is not a trusted one' };
    }
    const dataBuffer = new Uint8Array(data).buffer;
    const signed = await signedData.verify({ signer: 0, data: dataBuffer, checkChain: false });
    if (!signed) return { ok: false, reason: 'the TSA signature does not verify' };
    return { ok: true, genTime: info.genTime, signer: signer.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? `malformed token (${error.message})` : 'malformed token' };
  }
}
