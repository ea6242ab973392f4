import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DVCQG_DOSSIER_STATUSES } from './statuses.ts';
import { OTHER_PROVINCE, SEN, accessToken, admin, basic, postForm, sendJson, startPortal, type TestPortal } from './test-support.ts';

let portal: TestPortal;
let token: string;

before(async () => {
  portal = await startPortal();
  token = await accessToken(portal.base);
});
after(() => portal.close());

const dossier = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  procedureCode: '1.001612',
  procedureName: 'Đăng ký khai sinh',
  agencyCode: '000.20.30.H19',
  agencyName: 'UBND Phường Cao Lãnh',
  applicant: { type: 'citizen', name: 'Nguyễn Văn An', personalIdMasked: '087******123' },
  channel: 'online',
  submittedAt: '2025-08-01T01:00:00Z',
  receivedAt: '2025-08-01T02:00:00Z',
  dueAt: '2025-08-05T10:00:00Z',
  status: 2,
  fees: [{ kind: 'charge', name: 'Lệ phí', amount: 8000, paid: true }],
  ...overrides,
});

const dossierUrl = (code: string) => `${portal.base}/api/v1/dossiers/${code}`;
type Detail = { status: number; history: { status: number; at: string; source: string; recordedAt: string }[]; syncedAt: string[]; dossier: Record<string, unknown> };

test('the token endpoint issues tokens to registered clients only', async () => {
  const byForm = await postForm(`${portal.base}/oauth/token`, { grant_type: 'client_credentials', client_id: SEN.id, client_secret: SEN.secret });
  assert.equal(byForm.status, 200);
  const issued = (await byForm.json()) as Record<string, unknown>;
  assert.equal(issued.token_type, 'Bearer');
  assert.equal(issued.expires_in, 3600);
  assert.match(String(issued.access_token), /^[\w-]{20,}$/);

  const wrongSecret = await postForm(`${portal.base}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basic(SEN.id, 'nope') });
  assert.equal(wrongSecret.status, 401);
  assert.deepEqual(await wrongSecret.json(), { code: 'dvcqg.invalid_client', message: 'Unknown client or wrong secret', details: { error: 'invalid_client' } });

  const wrongGrant = await postForm(`${portal.base}/oauth/token`, { grant_type: 'password' }, { authorization: basic(SEN.id, SEN.secret) });
  assert.equal(wrongGrant.status, 400);
  assert.equal(((await wrongGrant.json()) as { code: string }).code, 'dvcqg.unsupported_grant_type');
});

test('calls without a valid bearer token are refused and record nothing', async () => {
  const none = await sendJson(dossierUrl('H19-UNAUTH-1'), 'PUT', dossier());
  assert.equal(none.status, 401);
  assert.equal(((await none.json()) as { code: string }).code, 'dvcqg.unauthorized');
  const forged = await sendJson(dossierUrl('H19-UNAUTH-1'), 'PUT', dossier(), 'not-a-token');
  assert.equal(forged.status, 401);
  // Refused before the body is looked at, even a malformed one.
  assert.equal((await sendJson(dossierUrl('H19-UNAUTH-1'), 'PUT', { nonsense: true })).status, 401);
  assert.equal((await admin(portal.base, '/dossiers/H19-UNAUTH-1')).status, 404);
});

test('a dossier is upserted, then its status history grows with updates', async () => {
  const code = 'H19.20-250801-0001';
  const created = await sendJson(dossierUrl(code), 'PUT', dossier(), token);
  assert.equal(created.status, 201);
  assert.deepEqual(await created.json(), {
    dossierCode: code, status: 2, statusLabel: 'Được tiếp nhận', statusLabelEn: 'Received', historyLength: 1, historyEntryAdded: true,
  });

  const processing = await sendJson(`${dossierUrl(code)}/statuses`, 'POST', { status: 4, at: '2025-08-01T03:00:00Z', officialName: 'Trần Thị Bình' }, token);
  assert.equal(processing.status, 201);
  assert.equal(((await processing.json()) as { historyLength: number }).historyLength, 2);

  const updated = await sendJson(dossierUrl(code), 'PUT', dossier({ status: 9, statusAt: '2025-08-03T08:00:00+07:00', completedAt: '2025-08-03T01:00:00Z' }), token);
  assert.equal(updated.status, 200);
  assert.equal(((await updated.json()) as { status: number }).status, 9);

  const { status, body } = await admin<Detail>(portal.base, `/dossiers/${code}`);
  assert.equal(status, 200);
  assert.equal(body.status, 9);
  assert.deepEqual(body.history.map((h) => [h.status, h.at, h.source]), [
    [2, '2025-08-01T02:00:00.000Z', 'sync'], [4, '2025-08-01T03:00:00.000Z', 'status_update'], [9, '2025-08-03T01:00:00.000Z', 'sync'],
  ]);
  assert.ok(body.history.every((h) => !Number.isNaN(Date.parse(h.recordedAt))));
  assert.equal(body.syncedAt.length, 2);
  assert.equal(body.dossier.completedAt, '2025-08-03T01:00:00Z');

  const listed = await admin<{ total: number; items: { dossierCode: string; status: number }[] }>(portal.base, '/dossiers?agency=000.20.30.H19&status=9');
  assert.ok(listed.body.items.some((item) => item.dossierCode === code));
  const otherStatus = await admin<{ items: { dossierCode: string }[] }>(portal.base, '/dossiers?status=3');
  assert.ok(!otherStatus.body.items.some((item) => item.dossierCode === code));
});

test('a repeated status update is acknowledged once; an older one is stale', async () => {
  const code = 'H19.20-250801-0002';
  assert.equal((await sendJson(dossierUrl(code), 'PUT', dossier(), token)).status, 201);
  const update = { status: 5, at: '2025-08-02T01:00:00Z', note: 'Thiếu bản sao giấy chứng sinh' };
  assert.equal((await sendJson(`${dossierUrl(code)}/statuses`, 'POST', update, token)).status, 201);
  const repeat = await sendJson(`${dossierUrl(code)}/statuses`, 'POST', { ...update, at: '2025-08-02T08:00:00+07:00' }, token);
  assert.equal(repeat.status, 200);
  assert.deepEqual(await repeat.json(), {
    dossierCode: code, status: 5, statusLabel: 'Yêu cầu bổ sung giấy tờ', statusLabelEn: 'Supplementary documents requested', historyLength: 2, historyEntryAdded: false,
  });

  const stale = await sendJson(`${dossierUrl(code)}/statuses`, 'POST', { status: 4, at: '2025-08-01T05:00:00Z' }, token);
  assert.equal(stale.status, 409);
  assert.deepEqual(await stale.json(), {
    code: 'dvcqg.stale_update', message: 'The update is older than the latest recorded status', details: { latest: { status: 5, at: '2025-08-02T01:00:00.000Z' } },
  });
  const staleSync = await sendJson(dossierUrl(code), 'PUT', dossier({ status: 4, statusAt: '2025-08-01T05:00:00Z', agencyName: 'Changed' }), token);
  assert.equal(staleSync.status, 409);

  const { body } = await admin<Detail>(portal.base, `/dossiers/${code}`);
  assert.deepEqual(body.history.map((h) => h.status), [2, 5]);
  assert.equal(body.dossier.agencyName, 'UBND Phường Cao Lãnh');
});

test('domain errors answer 422 with details by field and change nothing', async () => {
  const code = 'H19.20-250801-0003';
  const invalid = await sendJson(dossierUrl(code), 'PUT', dossier({
    status: 42, agencyCode: '000.00.00.H29', dueAt: '2025-08-01T01:30:00Z', applicant: { type: 'enterprise', name: 'Công ty TNHH A' },
  }), token);
  assert.equal(invalid.status, 422);
  const error = (await invalid.json()) as { code: string; details: Record<string, string> };
  assert.equal(error.code, 'dvcqg.invalid_dossier');
  assert.deepEqual(Object.keys(error.details).sort(), ['agencyCode', 'applicant.enterpriseCode', 'dueAt', 'status']);
  assert.match(error.details.dueAt!, /receivedAt/);
  assert.equal((await admin(portal.base, `/dossiers/${code}`)).status, 404);

  const noReception = await sendJson(dossierUrl(code), 'PUT', dossier({ receivedAt: undefined, dueAt: undefined, status: 4 }), token);
  assert.equal(noReception.status, 422);
  assert.deepEqual(Object.keys(((await noReception.json()) as { details: object }).details), ['receivedAt']);

  const shape = await sendJson(dossierUrl(code), 'PUT', dossier({ procedureCode: '1001612' }), token);
  assert.equal(shape.status, 400);
  const fullId = await sendJson(dossierUrl(code), 'PUT', dossier({ applicant: { type: 'citizen', name: 'A', personalIdMasked: '087193977772' } }), token);
  assert.equal(fullId.status, 400);

  assert.equal((await sendJson(dossierUrl(code), 'PUT', dossier(), token)).status, 201);
  const unknownStatus = await sendJson(`${dossierUrl(code)}/statuses`, 'POST', { status: 11, at: '2025-08-02T01:00:00Z' }, token);
  assert.equal(unknownStatus.status, 422);
  assert.deepEqual(await unknownStatus.json(), {
    code: 'dvcqg.invalid_status_update', message: 'The status update does not pass the portal\'s checks', details: { status: 'Unknown national status code 11 (known: 1–10)' },
  });
  const { body } = await admin<Detail>(portal.base, `/dossiers/${code}`);
  assert.equal(body.history.length, 1);
});

test('unknown dossiers answer 404; another province\'s client cannot touch a dossier', async () => {
  const missing = await sendJson(`${dossierUrl('H19-NOPE')}/statuses`, 'POST', { status: 4, at: '2025-08-02T01:00:00Z' }, token);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { code: string }).code, 'dvcqg.dossier_not_found');

  const code = 'H19.20-250801-0004';
  assert.equal((await sendJson(dossierUrl(code), 'PUT', dossier(), token)).status, 201);
  const other = await accessToken(portal.base, OTHER_PROVINCE);
  const takeover = await sendJson(dossierUrl(code), 'PUT', dossier({ agencyCode: '000.00.00.H29' }), other);
  assert.equal(takeover.status, 403);
  const statusByOther = await sendJson(`${dossierUrl(code)}/statuses`, 'POST', { status: 4, at: '2025-08-02T01:00:00Z' }, other);
  assert.equal(statusByOther.status, 403);
  const { body } = await admin<Detail & { clientId: string }>(portal.base, `/dossiers/${code}`);
  assert.equal(body.clientId, SEN.id);
  assert.equal(body.history.length, 1);
});

test('the status list and the OpenAPI document describe the contract', async () => {
  assert.deepEqual(DVCQG_DOSSIER_STATUSES.map((s) => s.code), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const document = (await (await fetch(`${portal.base}/openapi.json`)).json()) as { paths: Record<string, Record<string, { summary?: string }>> };
  for (const path of ['/oauth/token', '/api/v1/dossiers/{dossierCode}', '/_admin/pushes/{id}/redeliver', '/sso/token']) {
    assert.ok(document.paths[path], path);
  }
  assert.ok(document.paths['/api/v1/dossiers/{dossierCode}']!.put!.summary);
  const page = await fetch(`${portal.base}/`);
  assert.equal(page.status, 200);
  const text = await page.text();
  assert.match(text, /H19\.20-250801-0001/);
  assert.match(text, /Yêu cầu thực hiện nghĩa vụ tài chính/);
});

test('a result with its download link is kept, and repeating the same sync records the status once', async () => {
  const code = 'H19-RESULT-1';
  const withResult = dossier({ status: 9, statusAt: '2025-08-03T03:00:00Z', completedAt: '2025-08-03T03:00:00Z', results: [{ name: 'Giấy khai sinh', url: 'https://dichvucong.dongthap.gov.vn/api/tthc/dossiers/x/files/y' }] });
  assert.equal((await sendJson(dossierUrl(code), 'PUT', withResult, token)).status, 201);
  const again = await sendJson(dossierUrl(code), 'PUT', withResult, token);
  assert.equal(again.status, 200);
  assert.equal(((await again.json()) as { historyEntryAdded: boolean }).historyEntryAdded, false);
  const detail = (await admin<Detail>(portal.base, `/dossiers/${code}`)).body;
  assert.equal(detail.history.length, 1);
  assert.deepEqual(detail.dossier.results, withResult.results);
  const badLink = await sendJson(dossierUrl(code), 'PUT', dossier({ results: [{ name: 'x', url: 'javascript:alert(1)' }] }), token);
  assert.equal(badLink.status, 400);
});

test('a supplement request or a fee asked at intake needs no reception time; processing does', async () => {
  const atIntake = (status: number) => dossier({ status, receivedAt: undefined, dueAt: undefined });
  assert.equal((await sendJson(dossierUrl('H19.20-250801-0101'), 'PUT', atIntake(5), token)).status, 201);
  assert.equal((await sendJson(dossierUrl('H19.20-250801-0102'), 'PUT', atIntake(6), token)).status, 201);
  const processing = await sendJson(dossierUrl('H19.20-250801-0103'), 'PUT', atIntake(4), token);
  assert.equal(processing.status, 422);
  assert.deepEqual(((await processing.json()) as { details: Record<string, string> }).details, { receivedAt: 'Required with status 4' });
});
