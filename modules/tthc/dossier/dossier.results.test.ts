import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { anonymous, queryRows, type Principal } from '../../../packages/platform/index.ts';
import { isQrOf, pdfText, qrModules, readSquareGrid } from '../../../packages/platform/testing.ts';
import { revokeCaCertificate, startCa, type StartedCa } from '../../../apps/sandbox/index.ts';
import { renderNotice } from '../documents/index.ts';
import { sampleStop } from '../documents/samples.ts';
import { act, birthSubmission, footprint, setUpWorld, upload, type World } from './dossier.test-support.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * "Approves and signs in one action": the leader's approval signs the result PDFs with the
 * agency's key (enrolled at the CA sandbox over HTTP, sealed at rest) and records them in the
 * results registry; pdfsig validates what the applicant downloads; the registry's statuses.
 */
const run = promisify(execFile);
const PORTAL = 'https://dichvucong.dongthap.gov.vn';

describe('signed results of dossiers', () => {
  let ca: StartedCa;
  let w: World;
  let dir: string;
  let resultPdf: Buffer;

  before(async () => {
    ca = await startCa();
    dir = await mkdtemp(path.join(tmpdir(), 'sen-results-'));
    w = await setUpWorld('2026-11-23T02:00:00.000Z', {
      SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt`, PUBLIC_URL: PORTAL,
    }, { signing: true });
    resultPdf = await renderNotice(sampleStop);
  });
  after(async () => {
    await w.close();
    await ca.sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const offering = () => w.offering('1.001193', 'TAM.H19.X001');
  async function toApproval(): Promise<Dossier> {
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    let dossier = (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await offering(), submission })).dossier;
    dossier = await act(w, w.desk, dossier, { action: 'accept' });
    dossier = await act(w, w.desk, dossier, { action: 'transition', stepId: 'tiep_nhan', transition: 'forward' });
    const result = await w.tthc.uploads.accept(w.specialist, { fileName: 'Trich-luc-khai-sinh.pdf', declaredType: 'application/pdf', bytes: resultPdf });
    dossier = await act(w, w.specialist, dossier, { action: 'attach_result', files: [result.id] });
    return act(w, w.specialist, dossier, { action: 'transition', stepId: 'tham_dinh', transition: 'submit' });
  }
  const approve = (dossier: Dossier) => act(w, w.leader, dossier, { action: 'transition', stepId: 'phe_duyet', transition: 'approve', comment: 'Đồng ý' });

  async function pdfsig(pdf: Buffer): Promise<string> {
    const file = path.join(dir, `r-${Math.random()}.pdf`);
    await writeFile(file, pdf);
    return run('pdfsig', [file]).then((r) => r.stdout, (error: { stdout?: string }) => error.stdout ?? '');
  }

  let registered: string;
  let approvedAgency: string;

  it('the leader\'s approval signs the result and registers it; the applicant downloads a file pdfsig validates', async () => {
    const dossier = await approve(await toApproval());
    assert.equal(dossier.status, 'ready_to_return');
    const file = dossier.files.find((f) => f.kind === 'result')!;
    const download = await w.tthc.dossiers.fileContent(w.citizen, dossier.id, file.id);
    const report = await pdfsig(download.bytes);
    assert.match(report, /Signature Validation: Signature is Valid\./);
    assert.match(report, /Total document signed/);
    assert.match(report, /Signer Certificate Common Name: /);
    assert.ok(download.bytes.includes(Buffer.from('ETSI.CAdES.detached')));

    const history = await w.tthc.dossiers.history(w.leader, dossier.id);
    const approval = history.find((e) => e.action === 'transition' && (e.details as { result?: string }).result === 'approved')!;
    const codes = (approval.details as { resultCodes: string[] }).resultCodes;
    assert.equal(codes.length, 1);
    registered = codes[0]!;
    approvedAgency = dossier.agencyId;

    const found = await w.signing!.registry.search(w.leader, { q: dossier.code, limit: 10, offset: 0 });
    assert.equal(found.total, 1);
    assert.deepEqual([found.items[0]!.code, found.items[0]!.status, found.items[0]!.holderName, found.items[0]!.holderId], [registered, 'valid', 'Nguyễn Văn An', '087090001234']);
    // Not a public kind: anyone else finds nothing and cannot open it...
    assert.equal((await w.signing!.registry.search(anonymous, { q: dossier.code, limit: 10, offset: 0 })).total, 0);
    await assert.rejects(w.signing!.registry.get(anonymous, registered), { code: 'result.not_found' });
    await assert.rejects(w.signing!.registry.file(anonymous, registered), { code: 'result.not_found' });
    // ...but whoever holds the paper verifies it by the code printed on it, whose QR opens the public page.
    const byCode = await w.signing!.service.verifyRegistered(anonymous, registered);
    assert.deepEqual([byCode.report.valid, byCode.result?.number, byCode.result?.holderId], [true, dossier.code, '*********234']);
    const address = `${PORTAL}/xac-minh?ma=${registered}`;
    const pages = (await pdfText(download.bytes)).pages;
    const qr = await readSquareGrid(download.bytes, { page: pages, x: 595.28 - 28 - 270 + 3, y: 841.89 - 28 - 64 + 3, width: 60, height: 58 }, qrModules(address));
    assert.equal(isQrOf(qr, address), true, 'the stamp\'s QR is the registered code\'s verification address');

    const verification = await w.signing!.service.verifyRegistered(w.leader, registered);
    assert.equal(verification.report.valid, true, JSON.stringify(verification.report.signatures.map((s) => s.problems)));
    assert.equal(verification.report.signatures[0]!.revocation.status, 'good');
    // The uploaded copy is recognised as the registered result.
    assert.equal((await w.signing!.service.verifyFile(anonymous, download.bytes)).result?.code, registered);
  });

  it('the agency key is kept sealed: no private key in the clear in the database', async () => {
    const rows = await queryRows<{ sealed: string; serial: string }>(w.database.db, sql`select private_key_sealed as sealed, serial_number as serial from signing.agency_keys`);
    assert.equal(rows.length, 1, 'one key for the agency, reused for the next signature');
    assert.match(rows[0]!.sealed, /^sen1\./);
    assert.doesNotMatch(rows[0]!.sealed, /PRIVATE KEY/);
  });

  it('status changes: by the issuing agency\'s leader with a reason, recorded; final statuses stay; others are refused and nothing changes', async () => {
    const citizen: Principal = w.citizen;
    await assert.rejects(w.signing!.registry.changeStatus(citizen, registered, { status: 'revoked', reason: 'không có quyền' }), { code: 'result.forbidden' });
    const amended = await w.signing!.registry.changeStatus(w.leader, registered, { status: 'amended', reason: 'Đính chính năm sinh của mẹ' });
    assert.equal(amended.status, 'amended');
    await assert.rejects(w.signing!.registry.changeStatus(w.leader, registered, { status: 'amended', reason: 'lần nữa' }), { code: 'result.status_not_allowed' });
    const revoked = await w.signing!.registry.changeStatus(w.leader, registered, { status: 'revoked', reason: 'Cấp sai đối tượng' });
    assert.equal(revoked.status, 'revoked');
    await assert.rejects(w.signing!.registry.changeStatus(w.leader, registered, { status: 'expired', reason: 'hết hạn' }), { code: 'result.status_not_allowed' });
    const detail = await w.signing!.registry.get(w.leader, registered);
    assert.deepEqual(detail.events.map((e) => [e.fromStatus, e.toStatus, e.reason]), [[null, 'valid', 'issued'], ['valid', 'amended', 'Đính chính năm sinh của mẹ'], ['amended', 'revoked', 'Cấp sai đối tượng']]);
  });

  it('a certificate revoked at the CA shows as revoked when the result is verified', async () => {
    const [key] = await queryRows<{ serial: string }>(w.database.db, sql`select serial_number as serial from signing.agency_keys`);
    assert.equal((await revokeCaCertificate(ca.base, key!.serial, 'keyCompromise')).status, 200);
    const verification = await w.signing!.service.verifyRegistered(w.leader, registered);
    assert.equal(verification.report.signatures[0]!.revocation.status, 'revoked');
    assert.equal(verification.report.valid, false);
    // The platform stops using the revoked key; the next approval enrols a new one.
    assert.equal(await w.signing!.keys.retire(approvedAgency), 1);
  });

  it('a result PDF that cannot be signed refuses the approval, and nothing is written', async () => {
    const dossier = await toApproval();
    // Replace the attached result with a PDF the signer refuses (a cross-reference stream).
    const [file] = await queryRows<{ blob_key: string }>(w.database.db, sql`select blob_key from tthc.dossier_files where dossier_id = ${dossier.id} and kind = 'result'`);
    const broken = Buffer.from('%PDF-1.7\n1 0 obj<</Type/XRef>>stream\nx\nendstream endobj\nstartxref\n9\n%%EOF\n');
    const stored = await w.blobs.put(broken);
    await w.database.db.execute(sql`update tthc.dossier_files set blob_key = ${stored.sha256} where blob_key = ${file!.blob_key} and dossier_id = ${dossier.id}`);
    const before = await footprint(w);
    const results = await w.count('signing.results');
    await assert.rejects(approve(dossier), { code: 'signing.unsupported_pdf' });
    assert.equal(await footprint(w), before);
    assert.equal(await w.count('signing.results'), results);
  });
});
