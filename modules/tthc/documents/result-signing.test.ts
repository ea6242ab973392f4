import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as pkijs from 'pkijs';
import {
  caCertificate, issueCaCertificate as issue, revokeCaCertificate as revoke, startCa, type IssuedCaCertificate as Issued, type StartedCa,
} from '../../../apps/sandbox/index.ts';
import { localSigner, signPdf, tsaClient, verifyPdf, type DocumentSigner } from '../../signing/index.ts';
import { renderNotice } from './index.ts';
import { pdfText } from '../../../packages/platform/testing.ts';
import { sampleStop } from './samples.ts';

/**
 * A tthc document signed as PAdES B-T with a certificate of the CA sandbox, checked by tools
 * nobody here wrote: poppler's pdfsig for the PDF signature, openssl for the time stamp.
 */
const run = promisify(execFile);
let ca: StartedCa;
let dir: string;
let document: Buffer;
let roots: Uint8Array[];
let chainPem: string;

const derCertificates = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')));

async function agencySigner(commonName: string): Promise<{ issued: Issued; signer: DocumentSigner }> {
  const issued = await issue(ca.base, { profile: 'agency-signing', subject: { commonName, agencyCode: '000.00.00.H19' } });
  return { issued, signer: localSigner(issued.privateKeyPem!, [...derCertificates(issued.certificatePem), ...derCertificates(issued.chainPem)]) };
}

const options = (signer: string) => ({
  stamp: { signer, agency: 'Sở Tư pháp tỉnh Đồng Tháp', time: '09:30:00 06/12/2026' },
  signerName: signer, reason: 'Phê duyệt kết quả giải quyết', location: 'Đồng Tháp', signingTime: new Date(),
});

async function pdfsig(pdf: Buffer): Promise<string> {
  const file = path.join(dir, `check-${Date.now()}-${Math.random()}.pdf`);
  await writeFile(file, pdf);
  // pdfsig exits non-zero when a signature is invalid; its report is what is checked.
  return run('pdfsig', [file]).then((r) => r.stdout, (error: { stdout?: string }) => error.stdout ?? '');
}

before(async () => {
  ca = await startCa();
  dir = await mkdtemp(path.join(tmpdir(), 'sen-signing-'));
  document = await renderNotice(sampleStop);
  roots = [new Uint8Array((await caCertificate(ca.base, 'root')).raw)];
  chainPem = [(await caCertificate(ca.base, 'issuing')).toString(), (await caCertificate(ca.base, 'root')).toString()].join('\n');
});
after(async () => {
  await ca.sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

test('a signed result: pdfsig says valid and whole document; our verification agrees; the stamp reads in Vietnamese', async () => {
  const { signer } = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const signed = await signPdf(document, signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  assert.deepEqual(signed.subarray(0, document.length), document, 'an incremental update leaves the original bytes untouched');
  const report = await pdfsig(signed);
  assert.match(report, /Signature Type: ETSI\.CAdES\.detached/);
  assert.match(report, /Signature Validation: Signature is Valid\./);
  assert.match(report, /Total document signed/);
  assert.match(report, /Signer Certificate Common Name: Sở Tư pháp tỉnh Đồng Tháp/);

  const verification = await verifyPdf(signed, { trustedRoots: roots });
  assert.equal(verification.valid, true, JSON.stringify(verification.signatures[0]?.problems));
  assert.equal(verification.unchanged, true);
  const [only] = verification.signatures;
  assert.equal(only!.chainTrusted, true);
  assert.deepEqual(only!.chain, ['Sở Tư pháp tỉnh Đồng Tháp', 'Sen Sandbox Issuing CA', 'Sen Sandbox Root CA']);
  assert.equal(only!.timeStamp.valid, true);
  assert.equal(only!.timeStamp.authority, 'Sen Sandbox Time-Stamping Authority');
  assert.equal(only!.revocation.status, 'good');

  const { text } = await pdfText(signed);
  assert.match(text, /Ký bởi: Lê Minh Quang/);
  assert.match(text, /Cơ quan: Sở Tư pháp tỉnh Đồng Tháp/);
  assert.match(text, /Thời gian: 09:30:00 06\/12\/2026/);
});

test('one changed byte: pdfsig and our verification both say the signature is invalid', async () => {
  const { signer } = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const signed = await signPdf(document, signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  const tampered = Buffer.from(signed);
  // A byte inside the original document's first stream (covered by the signature).
  const at = tampered.indexOf('stream', 0, 'latin1') + 20;
  tampered[at] = tampered[at]! ^ 0x01;
  const report = await pdfsig(tampered);
  assert.doesNotMatch(report, /Signature is Valid/);
  assert.match(report, /Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  const verification = await verifyPdf(tampered, { trustedRoots: roots });
  assert.equal(verification.valid, false);
  assert.equal(verification.signatures[0]!.intact, false);
});

test('two signatures on one document (a department, then the People\'s Committee) both validate', async () => {
  const department = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const committee = await agencySigner('Ủy ban nhân dân tỉnh Đồng Tháp');
  const once = await signPdf(document, department.signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  const twice = await signPdf(once, committee.signer, tsaClient(`${ca.base}/tsa`), options('Trần Văn Tỉnh'));
  const report = await pdfsig(twice);
  assert.equal(report.match(/Signature Validation: Signature is Valid\./g)?.length, 2, report);
  assert.match(report, /Signature #2:[\s\S]*Ủy ban nhân dân tỉnh Đồng Tháp[\s\S]*Total document signed/);
  const verification = await verifyPdf(twice, { trustedRoots: roots });
  assert.equal(verification.valid, true);
  assert.deepEqual(verification.signatures.map((s) => [s.signer, s.coversWholeDocument]), [['Sở Tư pháp tỉnh Đồng Tháp', false], ['Ủy ban nhân dân tỉnh Đồng Tháp', true]]);
});

test('the signature time stamp verifies with openssl ts against the CA sandbox chain', async () => {
  const { signer } = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const signed = await signPdf(document, signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  const contents = /\/Contents <([0-9A-F]+)>/.exec(signed.toString('latin1'))![1]!;
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(contents, 'hex'))).content });
  const signerInfo = signedData.signerInfos[0]!;
  const token = signerInfo.unsignedAttrs!.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')!.values[0]!;
  await writeFile(path.join(dir, 'token.der'), Buffer.from(token.toBER(false)));
  await writeFile(path.join(dir, 'signature.bin'), Buffer.from(signerInfo.signature.valueBlock.valueHexView));
  await writeFile(path.join(dir, 'chain.pem'), chainPem);
  const { stdout } = await run('openssl', ['ts', '-verify', '-data', path.join(dir, 'signature.bin'), '-in', path.join(dir, 'token.der'), '-token_in', '-CAfile', path.join(dir, 'chain.pem')]);
  assert.match(stdout, /Verification: OK/);
  // The same token does not cover other data.
  await writeFile(path.join(dir, 'other.bin'), 'other data');
  await assert.rejects(run('openssl', ['ts', '-verify', '-data', path.join(dir, 'other.bin'), '-in', path.join(dir, 'token.der'), '-token_in', '-CAfile', path.join(dir, 'chain.pem')]));
});

test('a certificate revoked at the CA shows as revoked (OCSP) and the result as not valid', async () => {
  const { issued, signer } = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const signed = await signPdf(document, signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  assert.equal((await verifyPdf(signed, { trustedRoots: roots })).signatures[0]!.revocation.status, 'good');
  assert.equal((await revoke(ca.base, issued.serialNumber, 'keyCompromise')).status, 200);
  const verification = await verifyPdf(signed, { trustedRoots: roots });
  assert.equal(verification.signatures[0]!.revocation.status, 'revoked');
  assert.ok(verification.signatures[0]!.revocation.revokedAt);
  assert.equal(verification.valid, false);
  assert.match(verification.signatures[0]!.problems.join(' '), /revoked/);
});

test('an unsigned PDF, a foreign root and garbage are reported as such, never as valid', async () => {
  assert.deepEqual((await verifyPdf(document, { trustedRoots: roots })).signed, false);
  assert.deepEqual((await verifyPdf(Buffer.from('not a pdf'), { trustedRoots: roots })).signed, false);
  const { signer } = await agencySigner('Sở Tư pháp tỉnh Đồng Tháp');
  const signed = await signPdf(document, signer, tsaClient(`${ca.base}/tsa`), options('Lê Minh Quang'));
  const other = await startCa();
  try {
    const foreign = await verifyPdf(signed, { trustedRoots: [new Uint8Array((await caCertificate(other.base, 'root')).raw)] });
    assert.equal(foreign.valid, false);
    assert.equal(foreign.signatures[0]!.chainTrusted, false);
    assert.equal(foreign.signatures[0]!.revocation.status, 'not_checked', 'no OCSP call for a certificate outside the trusted hierarchy');
  } finally {
    await other.sandbox.close();
  }
});
