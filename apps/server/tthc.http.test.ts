import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { signTimestamped } from '../../packages/national/index.ts';
import { queryRows } from '../../packages/platform/index.ts';
import { createTestPlatform, officialToken, type TestPlatform } from './testing.ts';

/** tthc through the whole app with real tokens: statuses and bodies of filing, acting and refusing. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function multipart(fileName: string, contentType: string, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sen-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('tthc over HTTP', () => {
  let t: TestPlatform;
  let desk: string;
  let offeringId: string;
  const rows = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  before(async () => {
    t = await createTestPlatform();
    desk = await officialToken(t, 'motcua', 'Motcua@2026!');
    const found = await t.app.inject({ url: '/api/tthc/procedures?q=xac nhan tinh trang hon nhan' });
    const procedure = found.json().items[0];
    assert.equal(procedure.nationalCode, '1.004873', 'found without diacritics');
    offeringId = (await t.app.inject({ url: `/api/tthc/procedures/${procedure.id}/offerings` })).json().items[0].id;
  });
  after(() => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const uploadPdf = async () => {
    const { payload, headers } = multipart('to-khai.pdf', 'application/pdf', PDF);
    const response = await t.app.inject({ method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(desk), ...headers }, payload });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id as string;
  };
  const counterFiling = async () => ({
    offeringId, submission: { applicant: { kind: 'citizen', fullName: 'Lê Thị Mai', personalId: '087190004321' }, formData: {}, files: [{ uploadId: await uploadPdf(), partCode: 'to-khai' }] },
  });
  const fileAtCounter = async (key?: string, payload?: object) => t.app.inject({
    method: 'POST', url: '/api/tthc/dossiers/counter', headers: { ...auth(desk), ...(key ? { 'idempotency-key': key } : {}) }, payload: payload ?? await counterFiling(),
  });

  it('an attachment whose bytes are not what its type says is refused and stored nowhere', async () => {
    const before = await rows('tthc.uploads');
    const { payload, headers } = multipart('virus.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 this is an executable'));
    const response = await t.app.inject({ method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(desk), ...headers }, payload });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'upload.content_mismatch');
    const exe = multipart('a.exe', 'application/x-msdownload', Buffer.from('MZ'));
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(desk), ...exe.headers }, payload: exe.payload })).json().code, 'upload.type_not_accepted');
    assert.equal(await rows('tthc.uploads'), before);
  });

  it('counter intake issues a receipt with a code and a look-up secret; the same Idempotency-Key files once', async () => {
    const filing = await counterFiling();
    const first = await fileAtCounter('counter-intake-0001', filing);
    assert.equal(first.statusCode, 201, first.body);
    const { dossier, lookupSecret } = first.json();
    assert.equal(dossier.status, 'processing');
    assert.match(dossier.code, /^29926-\d{6}-\d{4}$/);
    const before = await rows('tthc.dossiers');
    const retry = await fileAtCounter('counter-intake-0001', filing);
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.json().dossier.id, dossier.id);
    assert.equal(retry.json().lookupSecret, lookupSecret);
    assert.equal(await rows('tthc.dossiers'), before);
    const reused = await fileAtCounter('counter-intake-0001');
    assert.equal(reused.statusCode, 422, 'the key with another body');
    assert.equal(reused.json().code, 'idempotency.key_reused');

    const lookup = await t.app.inject({ url: `/api/tthc/lookup?code=${dossier.code}&secret=${lookupSecret}` });
    assert.equal(lookup.statusCode, 200);
    assert.equal(lookup.json().statusLabel, 'Đang giải quyết');
    const receipt = await t.app.inject({ url: `/api/tthc/dossiers/${dossier.id}/documents/receipt`, headers: auth(desk) });
    assert.equal(receipt.statusCode, 200);
    assert.equal(receipt.headers['content-type'], 'application/pdf');
    assert.equal(receipt.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('a stale version is 409, a bad body is 400, an unknown dossier is 404 — and nothing changes', async () => {
    const { dossier } = (await fileAtCounter()).json();
    const url = `/api/tthc/dossiers/${dossier.id}/actions`;
    const stale = await t.app.inject({ method: 'POST', url, headers: auth(desk), payload: { action: 'return', method: 'desk', expectedVersion: 1 } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'dossier.version_conflict');
    const bad = await t.app.inject({ method: 'POST', url, headers: auth(desk), payload: { action: 'teleport', expectedVersion: dossier.version } });
    assert.equal(bad.statusCode, 400);
    const notAllowed = await t.app.inject({ method: 'POST', url, headers: auth(desk), payload: { action: 'return', method: 'desk', expectedVersion: dossier.version } });
    assert.equal(notAllowed.statusCode, 409);
    assert.equal(notAllowed.json().code, 'dossier.action_not_allowed');
    const missing = await t.app.inject({ url: '/api/tthc/dossiers/00000000-0000-4000-8000-000000000000', headers: auth(desk) });
    assert.equal(missing.statusCode, 404);
    const again = (await t.app.inject({ url: `/api/tthc/dossiers/${dossier.id}`, headers: auth(desk) })).json();
    assert.equal(again.version, dossier.version);
    assert.ok(again.allowed.steps.some((s: { stepId: string }) => s.stepId === 'tiep_nhan'));
  });

  it('the queue lists what waits at the desk, searchable without diacritics', async () => {
    const agencyId = (await t.app.inject({ url: '/api/catalog/agencies?q=TAM.H19.X001' })).json().items[0].id;
    const submitted = await t.app.inject({
      method: 'POST', url: '/api/tthc/dossiers/counter', headers: auth(desk),
      payload: { offeringId, accept: false, submission: { applicant: { kind: 'citizen', fullName: 'Phạm Văn Đức', personalId: '087090009876' }, formData: {}, files: [{ uploadId: await uploadPdf(), partCode: 'to-khai' }] } },
    });
    assert.equal(submitted.json().dossier.status, 'submitted');
    const queue = await t.app.inject({ url: `/api/tthc/dossiers?queue=to_receive&agencyId=${agencyId}&q=pham van duc`, headers: auth(desk) });
    assert.equal(queue.statusCode, 200, queue.body);
    assert.deepEqual(queue.json().items.map((d: { code: string }) => d.code), [submitted.json().dossier.code]);
    const processing = await t.app.inject({ url: `/api/tthc/dossiers?queue=to_process&agencyId=${agencyId}&limit=5`, headers: auth(desk) });
    assert.ok(processing.json().total >= 2);
  });

  it('a dossier pushed by the national portal needs its signature; a repeated push is the same dossier', async () => {
    const push = {
      event: 'dossier.filed', nationalDossierCode: 'G22.99.01-261127-0001', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh',
      agencyCode: 'TAM.H19.X002', channel: 'dvcqg', status: 1, submittedAt: new Date().toISOString(),
      applicant: { type: 'citizen', personalId: '087090001111', fullName: 'Võ Thị Lan', phone: '0901234567', email: null },
      formData: { child: { fullName: 'Võ Minh Khang' } }, attachments: [{ name: 'giay-chung-sinh.pdf', contentType: 'application/pdf', base64: PDF.toString('base64') }],
    };
    const raw = JSON.stringify(push);
    const send = (signature: string, body = raw) => t.app.inject({
      method: 'POST', url: '/api/tthc/national-portal/dossiers', headers: { 'content-type': 'application/json', 'x-dvcqg-signature': signature }, payload: body,
    });
    const before = await rows('tthc.dossiers');
    assert.equal((await send('t=1,v1=00')).statusCode, 401);
    assert.equal((await send(signTimestamped('wrong-secret', raw))).statusCode, 401);
    assert.equal((await send(signTimestamped(t.config.dvcqg.pushSecret, raw), raw.replace('Võ Thị Lan', 'Kẻ Giả Mạo'))).statusCode, 401, 'altered body');
    assert.equal(await rows('tthc.dossiers'), before);

    const first = await send(signTimestamped(t.config.dvcqg.pushSecret, raw));
    assert.equal(first.statusCode, 201, first.body);
    assert.match(first.json().code, /^29938-/);
    const again = await send(signTimestamped(t.config.dvcqg.pushSecret, raw));
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, first.json().id);
    const detail = (await t.app.inject({ url: `/api/tthc/dossiers/${first.json().id}`, headers: auth(desk) })).json();
    assert.equal(detail.channel, 'dvcqg');
    assert.equal(detail.status, 'submitted');
    assert.equal(detail.externalCode, 'G22.99.01-261127-0001');
    assert.equal(detail.files.length, 1);
    const unknown = JSON.stringify({ ...push, nationalDossierCode: 'G22.99.01-261127-0002', procedureCode: '9.999999' });
    assert.equal((await send(signTimestamped(t.config.dvcqg.pushSecret, unknown), unknown)).json().code, 'national_portal.unknown_offering');
  });
});
