import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { verifyTimeStamp } from '../../packages/platform/index.ts';
import { OIDS } from './cms.ts';
import { checkRevocation, type RevocationCheck } from './ocsp.ts';
import { PdfFile } from './pdf/pdf-file.ts';
import { signedBytes } from './pdf/signature-field.ts';
import type { PdfDict, PdfValue } from './pdf/pdf-values.ts';

/**
 * Verifies every signature of a PDF, as a relying party does: the bytes covered, the CMS
 * signature and its message digest, the signer's chain to one of the trusted roots (at the time
 * of the time stamp), the RFC 3161 token over the signature value, and the certificate's status
 * from the OCSP responder its certificate names — asked only for certificates that chain to a
 * trusted root, so an uploaded file cannot make the platform call an address of its choosing.
 */
export interface SignatureCheck {
  field: string;
  signer: string;
  organization: string | null;
  certificateSerial: string | null;
  /** /M of the signature dictionary (claimed by the signer). */
  claimedTime: string | null;
  /** The covered bytes are unchanged and the signature over them verifies. */
  intact: boolean;
  /** This signature covers the whole file as it is (later revisions would make it false). */
  coversWholeDocument: boolean;
  chainTrusted: boolean;
  chain: string[];
  timeStamp: { present: boolean; valid: boolean; time: string | null; authority: string | null };
  revocation: RevocationCheck;
  valid: boolean;
  problems: string[];
}

export interface VerificationReport {
  signed: boolean;
  /** The last signature covers the whole file: nothing was added or changed after it. */
  unchanged: boolean;
  valid: boolean;
  signatures: SignatureCheck[];
  sha256: string;
}

export interface VerifyOptions {
  /** DER of the root certificates to trust (or how to get them: asked only when the file has signatures). */
  trustedRoots: Uint8Array[] | (() => Promise<Uint8Array[]>);
  now?: Date;
  /** Skip OCSP (offline checks). */
  offline?: boolean;
}

const text = (value: PdfValue | undefined): string | null => {
  if (value?.t !== 'raw') return null;
  const v = value.v;
  if (v.startsWith('<FEFF') || v.startsWith('<feff')) return Buffer.from(v.slice(5, -1), 'hex').swap16().toString('utf16le');
  if (v.startsWith('(')) return v.slice(1, -1);
  return v;
};

function commonName(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const found = name.typesAndValues.find((t) => t.type === oid);
  return found ? String(found.value.valueBlock.value) : null;
}

interface FoundSignature {
  field: string;
  byteRange: number[];
  contents: Buffer;
  claimedTime: string | null;
}

/** Signature dictionaries reachable from the AcroForm's signature fields. */
function findSignatures(file: PdfFile): FoundSignature[] {
  const catalog = file.resolve(file.rootRef()) as PdfDict;
  const form = file.resolve(catalog.v.get('AcroForm'));
  const fields = form?.t === 'dict' ? file.resolve(form.v.get('Fields')) : undefined;
  if (fields?.t !== 'array') return [];
  const found: FoundSignature[] = [];
  for (const fieldRef of fields.v) {
    const field = file.resolve(fieldRef);
    if (field?.t !== 'dict' || (field.v.get('FT') as { v?: string } | undefined)?.v !== 'Sig') continue;
    const signature = file.resolve(field.v.get('V'));
    if (signature?.t !== 'dict') continue;
    const range = file.resolve(signature.v.get('ByteRange'));
    const contents = signature.v.get('Contents');
    if (range?.t !== 'array' || contents?.t !== 'raw' || !contents.v.startsWith('<')) continue;
    found.push({
      field: text(field.v.get('T')) ?? 'Signature',
      byteRange: range.v.map((v) => (v.t === 'raw' ? Number(v.v) : Number.NaN)),
      contents: Buffer.from(contents.v.slice(1, -1), 'hex'),
      claimedTime: text(signature.v.get('M')),
    });
  }
  return found.sort((a, b) => a.byteRange[3]! + a.byteRange[2]! - (b.byteRange[3]! + b.byteRange[2]!));
}

function rangeProblem(bytes: Buffer, range: number[]): string | null {
  const [a, b, c, d] = range;
  if (range.length !== 4 || range.some((n) => !Number.isInteger(n) || n < 0) || a !== 0 || b! >= c! || c! + d! > bytes.length) return 'byte range is malformed';
  if (bytes[b!] !== 0x3c || bytes[c! - 1] !== 0x3e) return 'byte range does not exclude exactly the signature value';
  return null;
}

async function chainOf(certificate: pkijs.Certificate, certificates: pkijs.Certificate[], roots: pkijs.Certificate[], checkDate: Date) {
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: roots, certs: [...certificates.filter((c) => c !== certificate), certificate], checkDate });
  const result = await engine.verify();
  return { trusted: result.result, path: (result.certificatePath ?? []).map((c) => commonName(c.subject, '2.5.4.3') ?? '?'), message: result.resultMessage };
}

async function checkOne(bytes: Buffer, found: FoundSignature, roots: pkijs.Certificate[], options: VerifyOptions): Promise<SignatureCheck> {
  const problems: string[] = [];
  const base = {
    field: found.field, claimedTime: found.claimedTime, coversWholeDocument: found.byteRange[2]! + found.byteRange[3]! === bytes.length,
  };
  const unknown: SignatureCheck = {
    ...base, signer: '?', organization: null, certificateSerial: null, intact: false, chainTrusted: false, chain: [],
    timeStamp: { present: false, valid: false, time: null, authority: null }, revocation: { status: 'not_checked', checkedAt: null, revokedAt: null }, valid: false, problems,
  };
  const badRange = rangeProblem(bytes, found.byteRange);
  if (badRange) return { ...unknown, problems: [badRange] };
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(found.contents));
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    return { ...unknown, problems: ['the signature value is not a CMS SignedData'] };
  }
  const content = signedBytes(bytes, found.byteRange);
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const verified = await signedData.verify({ signer: 0, data: new Uint8Array(content).buffer, checkChain: false, extendedMode: true }).catch((error: pkijs.SignedDataVerifyError) => error);
  const signerCertificate = verified.signerCertificate ?? null;
  const intact = verified.signatureVerified === true;
  if (!intact) problems.push('the document was changed after signing, or the signature does not match it');
  if (!signerCertificate) return { ...unknown, intact: false, problems };

  const signerInfo = signedData.signerInfos[0]!;
  const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  const tokenAttribute = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OIDS.signatureTimeStampToken);
  const timeStamp: SignatureCheck['timeStamp'] = { present: Boolean(tokenAttribute), valid: false, time: null, authority: null };
  let checkDate = options.now ?? new Date();
  if (tokenAttribute) {
    const token = Buffer.from(tokenAttribute.values[0]!.toBER(false));
    const check = await verifyTimeStamp(token.toString('base64'), signature);
    if (check.ok) {
      const tokenData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(token)).content });
      const tsaCertificates = (tokenData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
      const tsaChain = await chainOf(tsaCertificates[0]!, [...tsaCertificates, ...certificates], roots, check.genTime);
      timeStamp.valid = tsaChain.trusted;
      timeStamp.time = check.genTime.toISOString();
      timeStamp.authority = tsaCertificates[0] ? commonName(tsaCertificates[0].subject, '2.5.4.3') : null;
      if (!tsaChain.trusted) problems.push('the time-stamping authority does not chain to a trusted root');
      else checkDate = check.genTime;
    } else problems.push(`the time stamp does not verify: ${check.reason}`);
  } else problems.push('the signature has no time stamp');

  const chain = await chainOf(signerCertificate, certificates, roots, checkDate);
  if (!chain.trusted) problems.push('the signer certificate does not chain to a trusted root');
  const issuer = certificates.find((c) => c !== signerCertificate && Buffer.from(c.subject.toSchema().toBER(false)).equals(Buffer.from(signerCertificate.issuer.toSchema().toBER(false))));
  const revocation: RevocationCheck = chain.trusted && issuer && !options.offline
    ? await checkRevocation(signerCertificate, issuer, roots)
    : { status: 'not_checked', checkedAt: null, revokedAt: null };
  if (revocation.status === 'revoked') problems.push('the signer certificate is revoked');
  else if (revocation.status !== 'good' && !options.offline) problems.push('the certificate status could not be confirmed');
  return {
    ...base,
    signer: commonName(signerCertificate.subject, '2.5.4.3') ?? '?',
    organization: commonName(signerCertificate.subject, '2.5.4.10'),
    certificateSerial: Buffer.from(signerCertificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    intact, chainTrusted: chain.trusted, chain: chain.path, timeStamp, revocation,
    valid: intact && chain.trusted && timeStamp.valid && (revocation.status === 'good' || (options.offline === true && revocation.status === 'not_checked')),
    problems,
  };
}

/** More signatures than this on one file are not checked one by one (each may cost an OCSP call): the file is reported invalid. */
export const MAX_SIGNATURES = 20;

export async function verifyPdf(bytes: Buffer, options: VerifyOptions): Promise<VerificationReport> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let found: FoundSignature[];
  try {
    found = findSignatures(new PdfFile(bytes));
  } catch {
    found = [];
  }
  if (!found.length) return { signed: false, unchanged: false, valid: false, signatures: [], sha256 };
  if (found.length > MAX_SIGNATURES) return { signed: true, unchanged: false, valid: false, signatures: [], sha256 };
  const trusted = typeof options.trustedRoots === 'function' ? await options.trustedRoots() : options.trustedRoots;
  const roots = trusted.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  const signatures: SignatureCheck[] = [];
  for (const signature of found) signatures.push(await checkOne(bytes, signature, roots, options));
  const unchanged = signatures[signatures.length - 1]!.coversWholeDocument && signatures.every((s) => s.intact);
  return { signed: true, unchanged, valid: unchanged && signatures.every((s) => s.valid), signatures, sha256 };
}

