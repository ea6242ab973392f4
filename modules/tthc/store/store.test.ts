import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, type App, type Principal } from '../../../packages/platform/index.ts';
import { rejectsWith } from '../../../packages/platform/testing.ts';
import { appWithHeaderPrincipals } from '../catalogue/procedure.test-support.ts';
import { act, birthSubmission, setUpWorld, upload, type World } from '../dossier/dossier.test-support.ts';
import type { Dossier } from '../dossier/dossier.types.ts';

/**
 * The e-data store through HTTP with real services: the desk's certified digitisation (and what
 * a forger or a tamperer gets), each person's and each enterprise's store, reuse in a new
 * dossier, share links bound to a recipient, and "who read my data".
 */
const CITIZEN_ID = '087090001234';
const scan = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

describe('the e-data store', () => {
  let w: World;
  let app: App;
  let other: Principal;
  let repA: Principal;
  let repB: Principal;
  let dossier: Dossier;
  const as = (who: string) => ({ 'x-test-principal': who });
  const count = async (table: string) => w.count(table);
  const footprint = async () => (await Promise.all(['tthc.store_documents', 'tthc.dossier_files', 'tthc.uploads', 'tthc.store_shares', 'tthc.personal_data_reads'].map(count))).join(',');

  before(async () => {
    w = await setUpWorld();
    other = await w.signInWithVneid({ personalId: '087190005678', fullName: 'Lê Thị Bình' });
    repA = await w.signInWithVneid({ personalId: '087085001111', fullName: 'Võ Minh Tâm', enterpriseCode: '1402345678' });
    repB = await w.signInWithVneid({ personalId: '087085002222', fullName: 'Đỗ Văn Hải', enterpriseCode: '1402345678' });
    app = appWithHeaderPrincipals(w.database.db, { desk: w.desk, citizen: w.citizen, other, repA, repB, stranger: w.stranger });
    await app.register(w.tthc.routes, { prefix: '/api/tthc' });
    await app.ready();
    const submission = birthSubmission();
    submission.files = [await upload(w, w.citizen, 'giay-chung-sinh')];
    dossier = (await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission })).dossier;
  });
  after(async () => {
    await app.close();
    await w.close();
  });

  async function digitise(who: string, principal: Principal, dossierId: string, partCode: string, label: string) {
    const scanned = await w.tthc.uploads.accept(principal, { fileName: `${label}.pdf`, declaredType: 'application/pdf', bytes: scan(label) });
    return app.inject({ method: 'POST', url: `/api/tthc/store/dossiers/${dossierId}/digitised`, headers: as(who), payload: { uploadId: scanned.id, partCode } });
  }

  let documentId: string;

  it('the desk certifies a scan as a true copy: who, when, which agency, SHA-256; it joins the dossier and the applicant\'s store', async () => {
    const response = await digitise('desk', w.desk, dossier.id, 'giay-chung-sinh', 'giay-chung-sinh-ban-giay');
    assert.equal(response.statusCode, 201, response.body);
    const part = response.json();
    documentId = part.id;
    assert.equal(part.source, 'digitised');
    assert.equal(part.holderKind, 'person');
    assert.equal(part.holder, '*********234');
    assert.equal(part.certification.valid, true);
    assert.equal(part.certification.certifiedByName, w.desk.kind === 'user' ? w.desk.displayName : '');
    assert.match(part.certification.sha256, /^[0-9a-f]{64}$/);
    assert.equal(part.certification.certifiedAt, w.clock.now.toISOString());

    const view = await w.tthc.dossiers.get(w.desk, dossier.id);
    const file = view.files.find((f) => f.id === part.dossierFileId);
    assert.equal(file?.storeDocumentId, documentId, 'the dossier\'s file records its store document');

    const mine = await app.inject({ url: '/api/tthc/store/documents', headers: as('citizen') });
    assert.deepEqual(mine.json().items.map((d: { id: string }) => d.id), [documentId]);
    const download = await app.inject({ url: `/api/tthc/store/documents/${documentId}/file`, headers: as('citizen') });
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(scan('giay-chung-sinh-ban-giay')));

    const [row] = await queryRows<Record<string, unknown>>(w.database.db, sql`select * from tthc.store_documents where id = ${documentId}`);
    assert.ok(!JSON.stringify(row).includes(CITIZEN_ID), 'the store table never holds the id in clear');
  });

  it('a citizen, a client field claiming certification, an official of another commune: refused with stable codes, nothing written', async () => {
    const own = await w.tthc.uploads.accept(w.citizen, { fileName: 'tu-chup.pdf', declaredType: 'application/pdf', bytes: scan('tu-chup') });
    const deskScan = await w.tthc.uploads.accept(w.desk, { fileName: 'x.pdf', declaredType: 'application/pdf', bytes: scan('claimed') });
    const strangerScan = await w.tthc.uploads.accept(w.stranger, { fileName: 'y.pdf', declaredType: 'application/pdf', bytes: scan('la') });
    const before = await footprint();
    const post = (who: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/tthc/store/dossiers/${dossier.id}/digitised`, headers: as(who), payload });
    const byCitizen = await post('citizen', { uploadId: own.id, partCode: 'giay-chung-sinh' });
    assert.deepEqual([byCitizen.statusCode, byCitizen.json().code], [403, 'auth.forbidden'], 'the route needs the intake permission');
    await assert.rejects(w.tthc.store.digitise(w.citizen, dossier.id, { uploadId: own.id, partCode: 'giay-chung-sinh' }), rejectsWith(403, 'store.digitise_forbidden'), 'and so does the service');
    const claimed = await post('desk', { uploadId: deskScan.id, partCode: 'giay-chung-sinh', certified: true, mark: 'f'.repeat(64) });
    assert.deepEqual([claimed.statusCode, claimed.json().code], [400, 'request.invalid'], 'no client field can say "certified"');
    const unknownPart = await post('desk', { uploadId: deskScan.id, partCode: 'khong-co' });
    assert.deepEqual([unknownPart.statusCode, unknownPart.json().code], [422, 'store.unknown_part']);
    const notTheirs = await post('desk', { uploadId: own.id, partCode: 'giay-chung-sinh' });
    assert.deepEqual([notTheirs.statusCode, notTheirs.json().code], [422, 'dossier.upload_not_found'], 'a citizen\'s upload cannot become a certified scan');
    const byStranger = await post('stranger', { uploadId: strangerScan.id, partCode: 'giay-chung-sinh' });
    assert.deepEqual([byStranger.statusCode, byStranger.json().code], [404, 'dossier.not_found'], 'an official of another commune does not see the dossier');
    const boundary = 'sen-boundary';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="certified"\r\n\r\ntrue\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-sao.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      scan('tu-nhan-chung-thuc'), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const selfCertified = await app.inject({ method: 'POST', url: '/api/tthc/uploads', headers: { ...as('citizen'), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    assert.deepEqual([selfCertified.statusCode, selfCertified.json().code], [422, 'upload.certification_not_accepted'], 'an upload claiming to be certified');
    assert.equal(await footprint(), before, 'nothing written');
  });

  it('a forged mark, an altered field or altered bytes show as invalid; the altered document is not handed out', async () => {
    const [original] = await queryRows<Record<string, unknown>>(w.database.db, sql`select * from tthc.store_documents where id = ${documentId}`);
    const forgedId = '00000000-0000-4000-8000-00000000f0f0';
    await w.database.db.execute(sql`insert into tthc.store_documents (id, holder_key, holder_kind, holder_masked, source, title, file_name, content_type, size, file_sha256, dossier_id, part_code,
      certified_by, certified_by_name, agency_id, agency_name, certified_at, mark)
      select ${forgedId}, holder_key, holder_kind, holder_masked, source, 'Bản sao giả', file_name, content_type, size, file_sha256, dossier_id, part_code,
      certified_by, certified_by_name, agency_id, agency_name, certified_at, ${'ab'.repeat(32)} from tthc.store_documents where id = ${documentId}`);
    const list = async () => (await app.inject({ url: '/api/tthc/store/documents', headers: as('citizen') })).json().items as { id: string; certification: { valid: boolean; problem: string | null } }[];
    const forged = (await list()).find((d) => d.id === forgedId)!;
    assert.deepEqual(forged.certification, { ...forged.certification, valid: false, problem: 'mark_invalid' });
    const refused = await app.inject({ url: `/api/tthc/store/documents/${forgedId}/file`, headers: as('citizen') });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'store.document_integrity');

    await w.database.db.execute(sql`update tthc.store_documents set certified_by_name = 'Người khác' where id = ${documentId}`);
    assert.equal((await list()).find((d) => d.id === documentId)!.certification.problem, 'mark_invalid');
    await w.database.db.execute(sql`update tthc.store_documents set certified_by_name = ${original!.certified_by_name as string} where id = ${documentId}`);
    assert.equal((await list()).find((d) => d.id === documentId)!.certification.valid, true, 'restored, valid again');

    // The bytes in the blob store changed behind the platform's back (a disk edited by hand).
    const sha = original!.file_sha256 as string;
    const get = w.blobs.get.bind(w.blobs);
    w.blobs.get = async (key: string) => (key === sha ? scan('altered') : get(key));
    try {
      const parts = (await app.inject({ url: `/api/tthc/store/dossiers/${dossier.id}/digitised`, headers: as('desk') })).json().items as { id: string; certification: { valid: boolean; problem: string } }[];
      assert.deepEqual(parts.find((p) => p.id === documentId)!.certification.problem, 'bytes_changed');
      assert.equal((await app.inject({ url: `/api/tthc/store/documents/${documentId}/file`, headers: as('citizen') })).statusCode, 409);
    } finally {
      w.blobs.get = get;
    }
    await w.database.db.execute(sql`delete from tthc.store_documents where id = ${forgedId}`);
  });

  it('a person cannot see another\'s store: not found, nothing written', async () => {
    const before = await footprint();
    assert.deepEqual((await app.inject({ url: '/api/tthc/store/documents', headers: as('other') })).json().items, []);
    for (const request of [
      { url: `/api/tthc/store/documents/${documentId}/file` },
      { method: 'POST' as const, url: `/api/tthc/store/documents/${documentId}/reuse` },
      { method: 'POST' as const, url: `/api/tthc/store/documents/${documentId}/shares`, payload: { recipient: { kind: 'person', personalId: '087190005678' }, hours: 24 } },
    ]) {
      const response = await app.inject({ ...request, headers: as('other') });
      assert.equal(response.statusCode, 404, request.url);
      assert.equal(response.json().code, 'store.document_not_found');
    }
    const official = await app.inject({ url: '/api/tthc/store/documents', headers: as('desk') });
    assert.equal(official.json().code, 'store.citizens_only');
    assert.equal(await footprint(), before);
  });

  it('reuse: a store document fills a new dossier\'s part instead of an upload; the dossier records it came from the store', async () => {
    const reused = await app.inject({ method: 'POST', url: `/api/tthc/store/documents/${documentId}/reuse`, headers: as('citizen') });
    assert.equal(reused.statusCode, 201, reused.body);
    const submission = birthSubmission();
    submission.files = [{ uploadId: reused.json().id, partCode: 'giay-chung-sinh' }];
    const filed = await w.tthc.dossiers.submitOnline(w.citizen, { offeringId: await w.offering('1.001193', 'TAM.H19.X001'), submission });
    const file = filed.dossier.files[0]!;
    assert.equal(file.storeDocumentId, documentId);
    const bytes = await w.tthc.dossiers.fileContent(w.desk, filed.dossier.id, file.id);
    assert.ok(bytes.bytes.equals(scan('giay-chung-sinh-ban-giay')));
    const again = await w.tthc.dossiers.get(w.citizen, filed.dossier.id);
    assert.equal(again.files[0]!.storeDocumentId, documentId, 'as read back');
  });

  it('an enterprise\'s store is shared by its representatives, and by no one else', async () => {
    const procedure = await w.tthc.procedures.getByCode('0.000001');
    const offering = (await w.tthc.procedures.listOfferings({ procedureId: procedure.id })).find((o) => o.active && o.onlineEnabled)!;
    const context = (await w.tthc.procedures.offeringContext(offering.id))!;
    const files = [];
    for (const part of context.procedure.parts) if (part.required !== false && !part.formKey) files.push(await upload(w, repA, part.code));
    const filed = (await w.tthc.dossiers.submitOnline(repA, { offeringId: offering.id, submission: { applicant: { kind: 'organisation', fullName: 'x', organisationName: 'Công ty TNHH Sen Hồng' }, formData: {}, files } })).dossier;
    const response = await digitise('desk', w.desk, filed.id, context.procedure.parts[0]!.code, 'giay-phep-kinh-doanh');
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().holderKind, 'organisation');
    assert.equal(response.json().holder, '*******678');
    for (const who of ['repA', 'repB']) {
      const items = (await app.inject({ url: '/api/tthc/store/documents', headers: as(who) })).json().items as { id: string; holderKind: string }[];
      assert.deepEqual(items.map((d) => [d.id, d.holderKind]), [[response.json().id, 'organisation']], who);
      assert.equal((await app.inject({ url: `/api/tthc/store/documents/${response.json().id}/file`, headers: as(who) })).statusCode, 200, who);
    }
    assert.equal((await app.inject({ url: `/api/tthc/store/documents/${response.json().id}/file`, headers: as('citizen') })).statusCode, 404);
  });

  it('share links: bound to a recipient, time-limited, revocable; refusals are logged and change nothing', async () => {
    const created = await app.inject({ method: 'POST', url: `/api/tthc/store/documents/${documentId}/shares`, headers: as('citizen'), payload: { recipient: { kind: 'agency', agencyCode: 'TAM.H19.X001' }, hours: 1 } });
    assert.equal(created.statusCode, 201, created.body);
    const { token, id } = created.json();
    assert.equal(created.json().status, 'active');
    const [stored] = await queryRows<{ token_hash: string }>(w.database.db, sql`select token_hash from tthc.store_shares where id = ${id}`);
    assert.notEqual(stored!.token_hash, token, 'only the hash is kept');

    const before = await footprint();
    const wrong = await app.inject({ url: `/api/tthc/store/shared/${token}`, headers: as('stranger') });
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().code, 'store.share_wrong_recipient');
    const byPerson = await app.inject({ url: `/api/tthc/store/shared/${token}`, headers: as('other') });
    assert.equal(byPerson.json().code, 'store.share_wrong_recipient');
    assert.equal(await footprint(), before, 'nothing changed');
    const [refusal] = await queryRows<{ outcome: number; details: { code: string } }>(w.database.db, sql`select outcome, details from platform.audit_log where action = 'read tthc.store_share' order by seq desc limit 1`);
    assert.deepEqual([refusal!.outcome, refusal!.details.code], [403, 'store.share_wrong_recipient'], 'the refusal is logged');

    const opened = await app.inject({ url: `/api/tthc/store/shared/${token}`, headers: as('desk') });
    assert.equal(opened.statusCode, 200);
    assert.ok(opened.rawPayload.equals(scan('giay-chung-sinh-ban-giay')));
    const log = (await app.inject({ url: '/api/tthc/store/access-log', headers: as('citizen') })).json().items as { readerName: string; what: string; purpose: string; agencyName: string }[];
    const shared = log.find((r) => r.purpose === 'Xem tài liệu được chủ dữ liệu chia sẻ');
    assert.ok(shared, 'the official\'s read through the link is in the holder\'s log');
    assert.match(shared.what, /^Tài liệu trong kho: /);
    assert.equal(shared.readerName, w.desk.kind === 'user' ? w.desk.displayName : '');
    assert.ok(shared.agencyName);

    w.clock.set(new Date(w.clock.now.getTime() + 2 * 3_600_000).toISOString());
    const beforeExpired = await footprint();
    const expired = await app.inject({ url: `/api/tthc/store/shared/${token}`, headers: as('desk') });
    assert.deepEqual([expired.statusCode, expired.json().code], [410, 'store.share_expired']);
    assert.equal(await footprint(), beforeExpired);

    const toPerson = await app.inject({ method: 'POST', url: `/api/tthc/store/documents/${documentId}/shares`, headers: as('citizen'), payload: { recipient: { kind: 'person', personalId: '087190005678' }, hours: 24 } });
    assert.equal(toPerson.json().recipientLabel, '*********678');
    assert.equal((await app.inject({ url: `/api/tthc/store/shared/${toPerson.json().token}`, headers: as('repA') })).json().code, 'store.share_wrong_recipient');
    assert.equal((await app.inject({ url: `/api/tthc/store/shared/${toPerson.json().token}`, headers: as('other') })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/tthc/store/shares/${toPerson.json().id}`, headers: as('other') })).statusCode, 404, 'only the holder revokes');
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/tthc/store/shares/${toPerson.json().id}`, headers: as('citizen') })).statusCode, 204);
    const revoked = await app.inject({ url: `/api/tthc/store/shared/${toPerson.json().token}`, headers: as('other') });
    assert.deepEqual([revoked.statusCode, revoked.json().code], [410, 'store.share_revoked']);
    const shares = (await app.inject({ url: '/api/tthc/store/shares', headers: as('citizen') })).json().items as { id: string; status: string }[];
    assert.deepEqual(shares.map((s) => s.status).sort(), ['expired', 'revoked']);
    const badHours = await app.inject({ method: 'POST', url: `/api/tthc/store/documents/${documentId}/shares`, headers: as('citizen'), payload: { recipient: { kind: 'agency', agencyCode: 'TAM.H19.X001' }, hours: 10_000 } });
    assert.equal(badHours.statusCode, 400);
  });

  it('who read my data: an official\'s dossier read appears with its purpose, the person\'s own reads do not; ids stay masked', async () => {
    const reads = async () => (await app.inject({ url: '/api/tthc/store/access-log?limit=100', headers: as('citizen') })).json() as { total: number; items: { readerName: string; readerKind: string; what: string; purpose: string; subject: string; agencyName: string | null }[] };
    const before = (await reads()).total;
    assert.equal((await app.inject({ url: `/api/tthc/dossiers/${dossier.id}`, headers: as('citizen') })).statusCode, 200);
    assert.equal((await reads()).total, before, 'the person\'s own read is not listed');

    assert.equal((await app.inject({ url: `/api/tthc/dossiers/${dossier.id}`, headers: as('desk') })).statusCode, 200);
    const fileId = (await w.tthc.dossiers.get(w.desk, dossier.id)).files[0]!.id;
    assert.equal((await app.inject({ url: `/api/tthc/dossiers/${dossier.id}/files/${fileId}`, headers: as('desk') })).statusCode, 200);
    const log = await reads();
    assert.equal(log.total, before + 2);
    const [fileRead, dossierRead] = log.items;
    assert.equal(dossierRead!.what, `Hồ sơ ${dossier.code}`);
    assert.equal(dossierRead!.purpose, 'Giải quyết hồ sơ thủ tục hành chính');
    assert.equal(dossierRead!.readerName, w.desk.kind === 'user' ? w.desk.displayName : '');
    assert.equal(dossierRead!.readerKind, 'official');
    assert.ok(dossierRead!.agencyName);
    assert.equal(dossierRead!.subject, '*********234');
    assert.match(fileRead!.what, /^Tệp ".+" của hồ sơ /);
    assert.equal((await app.inject({ url: '/api/tthc/store/access-log', headers: as('other') })).json().total, 0, 'another person sees only reads of their own data');

    // The tracking register lists the dossier once it is received: reading it is a read of its row.
    const accepted = await act(w, w.desk, await w.tthc.dossiers.get(w.desk, dossier.id), { action: 'accept' });
    assert.ok(accepted.receivedAt, 'received');
    const day = w.clock.now.toISOString().slice(0, 10);
    const register = await app.inject({ url: `/api/tthc/desks/${accepted.deskAgencyId}/register?from=${day}&to=${day}&format=xlsx`, headers: as('desk') });
    assert.equal(register.statusCode, 200, register.body);
    assert.ok((await reads()).items.some((r) => r.what.startsWith(`Dòng của hồ sơ ${dossier.code} trong sổ theo dõi hồ sơ`)));

    const rows = await queryRows<Record<string, unknown>>(w.database.db, sql`select * from tthc.personal_data_reads`);
    assert.ok(rows.length > 0 && !JSON.stringify(rows).includes(CITIZEN_ID), 'no full id in the read log');

    // The door other modules call (the once-only prefill through LGSP).
    const written = await w.tthc.recordPersonalDataRead({ subjects: { personalId: CITIZEN_ID }, reader: { system: 'lgsp', name: 'LGSP — CSDL quốc gia về dân cư' }, what: 'Họ tên, ngày sinh', target: 'lgsp:population/citizen', purpose: 'Điền sẵn tờ khai' });
    assert.equal(written, 1);
    assert.equal((await reads()).items[0]!.readerKind, 'system');
    assert.equal(await w.tthc.recordPersonalDataRead({ subjects: { personalId: CITIZEN_ID }, reader: w.citizen, what: 'x', target: 'x', purpose: 'x' }), 0, 'the person\'s own read: nothing');
  });
});
