import { createPrivateKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { requestTimeStamp } from '../../packages/platform/index.ts';
import { buildPadesCms, type DocumentSigner, type TimeStamper } from './cms.ts';
import { embedSignature, preparePlaceholder, signedBytes, type PlaceholderOptions } from './pdf/signature-field.ts';

/** Signs a PDF as PAdES B-T: a new revision with the stamp, the CMS and its time-stamp token. */
export async function signPdf(pdf: Buffer, signer: DocumentSigner, timeStamp: TimeStamper, options: PlaceholderOptions): Promise<Buffer> {
  const prepared = await preparePlaceholder(pdf, options);
  const cms = await buildPadesCms(signedBytes(prepared.bytes, prepared.byteRange), signer, timeStamp);
  return embedSignature(prepared, cms);
}

/** A signer whose key the platform holds (opened from its sealed form only for the call). */
export function localSigner(privateKeyPem: string | KeyObject, certificatesDer: Uint8Array[]): DocumentSigner {
  const key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  if (key.asymmetricKeyType !== 'rsa') throw new Error('only RSA signing keys are supported');
  return {
    certificates: async () => certificatesDer,
    sign: async (data) => new Uint8Array(rsaSign('sha256', data, key)),
  };
}

/** An RFC 3161 client for the TSA at `url` (the token's DER). */
export function tsaClient(url: string): TimeStamper {
  return async (data) => Buffer.from((await requestTimeStamp(url, data, { timeoutMs: 10_000 })).token, 'base64');
}
