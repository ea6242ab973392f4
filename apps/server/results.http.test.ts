import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCa, type StartedCa } from '../sandbox/index.ts';
import type { FastifyRequest } from 'fastify';
import { verificationPage } from './citizen-pages/verification.ts';
import { isQrOf, qrModules, readSquareGrid } from '../../packages/platform/testing.ts';
import { adminToken, createTestPlatform, type TestPlatform } from './testing.ts';

/** /api/results over HTTP: verification by upload and by code, the registry's search and status changes. */
let ca: StartedCa;
let t: TestPlatform;
let signed: Buffer;
let code: string;
let pdf: Buffer;

function multipart(bytes: Buffer, fileName = 'ket-qua.pdf'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sen-results-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

before(async () => {
  ca = await startCa();
  t = await createTestPlatform({ SIGNING_CA_API_URL: `${ca.base}/api/v1`, SIGNING_TSA_URL: `${ca.base}/tsa`, SIGNING_TRUSTED_ROOT_URL: `${ca.base}/certs/root.crt` });
  const root = await t.modules.catalog.service.rootAgency();
  const { service, registry } = t.modules.signing;
  const minimal = Buffer.from('%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>\nendobj\n');
  const xrefAt = minimal.length;
  const offsets = [9, minimal.indexOf('2 0 obj'), minimal.indexOf('3 0 obj')];
  pdf = Buffer.concat([minimal, Buffer.from(`xref\n0 4\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}trailer\n<</Size 4 /Root 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`)]);
  const done = await service.signForAgency({ pdf, agency: { id: root.id, code: root.code, name: root.name }, signerName: 'Lê Văn Lãnh', reason: 'Cấp giấy phép' });
  signed = done.bytes;
  const view = await t.database.db.transaction((tx) => registry.record(tx, {
    number: '12/GP-UBND', kind: 'licence', title: 'Giấy phép kinh doanh vận tải', holderName: 'Công ty TNHH Sen Hồng', holderId: '1400112233',
    agencyId: root.id, agencyName: root.name, procedureCode: null, source: null, issuedAt: new Date(), validFrom: '2026-12-01', validUntil: '2031-12-01',
    public: true, fileSha256: done.sha256, fileName: 'giay-phep.pdf', signatures: 1,
  }));
  code = view.code;
});
after(async () => {
  await t.close();
  await ca.sandbox.close();
});

test('POST /api/results/verify: anyone uploads a signed file and learns it is valid and which registered result it is', async () => {
  const response = await t.app.inject({ method: 'POST', url: '/api/results/verify', ...multipart(signed) });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(body.report.valid, true);
  assert.equal(body.report.unchanged, true);
  assert.equal(body.report.signatures[0].timeStamp.valid, true);
  assert.equal(body.report.signatures[0].revocation.status, 'good');
  assert.deepEqual(body.report.signatures[0].chain.slice(-1), ['Sen Sandbox Root CA']);
  assert.equal(body.result.code, code);
  assert.equal(body.result.holderId, '*******233', 'the holder\'s code is masked for the public');
});

test('POST /api/results/verify: a changed byte is invalid; an unsigned file is reported unsigned; no file is 400', async () => {
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf('/MediaBox [0 0 595 842]', 0, 'latin1') + 14;
  tampered[at] = '6'.charCodeAt(0);
  const changed = (await t.app.inject({ method: 'POST', url: '/api/results/verify', ...multipart(tampered) })).json();
  assert.equal(changed.report.valid, false);
  assert.equal(changed.report.signatures[0].intact, false);
  assert.equal(changed.result, null);
  const unsigned = (await t.app.inject({ method: 'POST', url: '/api/results/verify', ...multipart(Buffer.from('%PDF-1.4\n%%EOF\n')) })).json();
  assert.deepEqual([unsigned.report.signed, unsigned.report.valid], [false, false]);
  const empty = await t.app.inject({ method: 'POST', url: '/api/results/verify', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
  assert.equal(empty.statusCode, 400);
});

test('GET /api/results/{code}/verification and the public search of public kinds', async () => {
  const response = await t.app.inject({ method: 'GET', url: `/api/results/${code}/verification` });
  assert.equal(response.statusCode, 200);
  assert.equal(response.json().report.valid, true);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/results/KQ-2222-2222-2222/verification' })).json().code, 'result.not_found');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/results/not-a-code/verification' })).statusCode, 400);
  const search = (await t.app.inject({ method: 'GET', url: '/api/results?q=Sen%20H%E1%BB%93ng' })).json();
  assert.deepEqual(search.items.map((r: { code: string }) => r.code), [code]);
  // Searching people by their id is for officials only.
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/results?holderId=1400112233' })).json().total, 0);
  const file = await t.app.inject({ method: 'GET', url: `/api/results/${code}/file` });
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.deepEqual(file.rawPayload, signed);
});

test('a result signed with its registry code carries the code\'s verification address in the stamp\'s QR, module for module', async () => {
  const root = await t.modules.catalog.service.rootAgency();
  const { service, registry } = t.modules.signing;
  const resultCode = registry.newCode();
  const done = await service.signForAgency({ pdf, agency: { id: root.id, code: root.code, name: root.name }, signerName: 'Lê Văn Lãnh', reason: 'Cấp giấy phép', resultCode });
  const address = `${t.config.publicUrl}/xac-minh?ma=${resultCode}`;
  assert.equal(address, `http://localhost:8080/xac-minh?ma=${resultCode}`);
  // The stamp sits bottom right of the A4 page (270 × 64 pt, 28 pt from the edges); its QR is in its left part.
  const grid = await readSquareGrid(done.bytes, { x: 595 - 28 - 270 + 3, y: 842 - 28 - 64 + 3, width: 60, height: 58 }, qrModules(address));
  assert.equal(isQrOf(grid, address), true, 'the QR encodes the verification address');
  assert.equal(isQrOf(grid, `${t.config.publicUrl}/xac-minh?ma=${registry.newCode()}`), false, 'and no other');
  const unstamped = await readSquareGrid(signed, { x: 595 - 28 - 270 + 3, y: 842 - 28 - 64 + 3, width: 60, height: 58 }, qrModules(address));
  assert.equal(isQrOf(unstamped, address), false, 'a signature without a registry code has no QR');
});

test('verification by the code printed on a result works for every kind; the entry and the file of a non-public kind stay with officials', async () => {
  const root = await t.modules.catalog.service.rootAgency();
  const { service, registry } = t.modules.signing;
  const privateCode = registry.newCode();
  const done = await service.signForAgency({ pdf, agency: { id: root.id, code: root.code, name: root.name }, signerName: 'Lê Văn Lãnh', reason: 'Xác nhận', resultCode: privateCode });
  await t.database.db.transaction((tx) => registry.record(tx, {
    code: privateCode, number: '77/XN-UBND', kind: 'certificate', title: 'Giấy xác nhận tình trạng hôn nhân', holderName: 'Nguyễn Thị Hồng', holderId: '087123456789',
    agencyId: root.id, agencyName: root.name, procedureCode: null, source: null, issuedAt: new Date(), validFrom: '2026-12-01', validUntil: null,
    public: false, fileSha256: done.sha256, fileName: 'xac-nhan.pdf', signatures: 1,
  }));
  const verification = await t.app.inject({ method: 'GET', url: `/api/results/${privateCode}/verification` });
  assert.equal(verification.statusCode, 200, verification.body);
  assert.equal(verification.json().report.valid, true);
  assert.equal(verification.json().result.code, privateCode);
  assert.equal(verification.json().result.holderId, '*********789', 'the holder\'s id stays masked');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/results/${privateCode}` })).statusCode, 404, 'the entry is not public');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/results/${privateCode}/file` })).statusCode, 404, 'nor is the file');
  const search = (await t.app.inject({ method: 'GET', url: '/api/results?q=H%E1%BB%93ng' })).json();
  assert.equal(search.items.some((r: { code: string }) => r.code === privateCode), false, 'nor is it found by searching');
  const admin = await adminToken(t);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/results/${privateCode}`, headers: { authorization: `Bearer ${admin}` } })).statusCode, 200, 'officials see it');
});

test('the public page /xac-minh: the verdict, the registry entry and each signature\'s checks, in Vietnamese, without JavaScript', async () => {
  const page = verificationPage(t.modules.signing);
  const render = async (query: Record<string, string>) => (await page.render({ query, ip: '127.0.0.1' } as unknown as FastifyRequest))!;
  const blank = await render({});
  assert.equal(blank.status, 200);
  assert.match(blank.body, /<form[^>]*action="\/xac-minh"[^>]*method="get"/);
  assert.match(blank.body, /<label for="verify-code">Mã kết quả/);
  const answer = await render({ ma: code.toLowerCase() });
  assert.equal(answer.status, 200);
  assert.equal(answer.standalone, true);
  assert.match(answer.body, /Văn bản hợp lệ/);
  assert.match(answer.body, /12\/GP-UBND/);
  assert.match(answer.body, /Còn hiệu lực/);
  assert.match(answer.body, /Sen Sandbox Root CA/);
  assert.match(answer.body, /Sen Sandbox Time-Stamping Authority/);
  assert.match(answer.body, /Chưa bị thu hồi/);
  const malformed = await render({ ma: 'abc' });
  assert.equal(malformed.status, 400);
  assert.match(malformed.body, /aria-invalid="true"/);
  const unknown = await render({ ma: 'KQ-2222-2222-2222' });
  assert.equal(unknown.status, 404);
  assert.match(unknown.body, /role="alert"/);

  // The upload form: the same report for a file, and "not valid" once a byte changed.
  const upload = (bytes: Buffer | undefined) => page.upload!.render({ ip: '127.0.0.1', log: { info() {}, warn() {} } } as unknown as FastifyRequest, { bytes, tooLarge: false });
  assert.match((await upload(signed)).body, /Văn bản hợp lệ[\s\S]*12\/GP-UBND[\s\S]*Chưa bị thu hồi/);
  const tampered = Buffer.from(signed);
  tampered[tampered.indexOf('/MediaBox [0 0 595 842]', 0, 'latin1') + 14] = '6'.charCodeAt(0);
  const changed = await upload(tampered);
  assert.match(changed.body, /Văn bản KHÔNG hợp lệ/);
  assert.doesNotMatch(changed.body, /12\/GP-UBND/, 'a changed file is not the registered result');
  assert.equal((await upload(undefined)).status, 400);
});

test('POST /api/results/{code}/status: needs result.manage; a change is kept in the history; nothing is written on refusal', async () => {
  const anonymousTry = await t.app.inject({ method: 'POST', url: `/api/results/${code}/status`, payload: { status: 'revoked', reason: 'thử' } });
  assert.equal(anonymousTry.statusCode, 401);
  const token = await adminToken(t);
  const auth = { authorization: `Bearer ${token}` };
  const unknownField = await t.app.inject({ method: 'POST', url: `/api/results/${code}/status`, headers: auth, payload: { status: 'revoked', reason: 'Thu hồi', extra: 1 } });
  assert.equal(unknownField.statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/results/${code}` })).json().events.length, 1);
  const revoked = await t.app.inject({ method: 'POST', url: `/api/results/${code}/status`, headers: auth, payload: { status: 'revoked', reason: 'Doanh nghiệp giải thể' } });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal(revoked.json().status, 'revoked');
  const again = await t.app.inject({ method: 'POST', url: `/api/results/${code}/status`, headers: auth, payload: { status: 'expired', reason: 'Hết hạn' } });
  assert.equal(again.statusCode, 409);
  const detail = (await t.app.inject({ method: 'GET', url: `/api/results/${code}`, headers: auth })).json();
  assert.deepEqual(detail.events.map((e: { toStatus: string }) => e.toStatus), ['valid', 'revoked']);
});
