import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../packages/platform/index.ts';
import { createTestPlatform, officialToken, type TestPlatform } from './testing.ts';

/**
 * Ratings through the whole app: a counter dossier walked to its return by the demo officials,
 * then rated with its code and look-up secret; refusals are 4xx with stable codes and write nothing.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const boundary = '----sen-rating-boundary';

describe('ratings over HTTP', () => {
  let t: TestPlatform;
  const tokens: Record<string, string> = {};
  let dossier: { id: string; code: string; agencyId: string };
  let secret: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const ratings = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from tthc.ratings`))[0]!.n;

  before(async () => {
    t = await createTestPlatform();
    for (const [name, password] of [['motcua', 'Motcua@2026!'], ['chuyenvien', 'Chuyenvien@2026!'], ['lanhdao', 'Lanhdao@2026!']]) tokens[name!] = await officialToken(t, name!, password!);
    const procedure = (await t.app.inject({ url: '/api/tthc/procedures?q=1.004873' })).json().items[0];
    const offeringId = (await t.app.inject({ url: `/api/tthc/procedures/${procedure.id}/offerings` })).json().items[0].id;
    const upload = await t.app.inject({
      method: 'POST', url: '/api/tthc/uploads', headers: { ...auth(tokens.motcua!), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    const filed = await t.app.inject({
      method: 'POST', url: '/api/tthc/dossiers/counter', headers: auth(tokens.motcua!),
      payload: { offeringId, submission: { applicant: { kind: 'citizen', fullName: 'Lê Thị Mai', personalId: '087190004321' }, formData: {}, files: [{ uploadId: upload.json().id, partCode: 'to-khai' }] } },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    dossier = filed.json().dossier;
    secret = filed.json().lookupSecret;
  });
  after(() => t.close());

  /** Whoever may move the dossier on takes the first forward action, until the result is returned. */
  async function walkToReturn(): Promise<void> {
    for (let round = 0; round < 12; round++) {
      let moved = false;
      for (const token of Object.values(tokens)) {
        const view = (await t.app.inject({ url: `/api/tthc/dossiers/${dossier.id}`, headers: auth(token) })).json();
        if (view.status === 'completed') return;
        const step = view.allowed.steps[0];
        const payload = view.allowed.actions.includes('return') ? { action: 'return', method: 'desk' }
          : step ? { action: 'transition', stepId: step.stepId, transition: step.actions.find((a: { action: string }) => !/back|reject|refuse/.test(a.action))?.action ?? step.actions[0].action, comment: 'Đồng ý' }
          : undefined;
        if (!payload) continue;
        const acted = await t.app.inject({ method: 'POST', url: `/api/tthc/dossiers/${dossier.id}/actions`, headers: auth(token), payload: { ...payload, expectedVersion: view.version } });
        assert.equal(acted.statusCode, 200, acted.body);
        moved = true;
      }
      assert.ok(moved, 'someone can move the dossier on');
    }
    assert.fail('the dossier was not returned');
  }

  it('before the return: 409; bad bodies: 400 with stable codes; nothing written', async () => {
    const url = '/api/tthc/lookup/rating';
    const early = await t.app.inject({ method: 'POST', url, payload: { code: dossier.code, secret, score: 5 } });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'rating.not_returned');
    for (const payload of [{ code: dossier.code, secret, score: 6 }, { code: dossier.code, secret, score: 4, stars: 5 }, { code: dossier.code, secret, score: 4, comment: 'x'.repeat(1001) }, { code: dossier.code, secret }]) {
      const response = await t.app.inject({ method: 'POST', url, payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
    }
    const nul = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `{"code":"${dossier.code}","secret":"${secret}","score":4,"comment":"a\\u0000b"}` });
    assert.equal(nul.json().code, 'request.nul_character');
    const wrong = await t.app.inject({ method: 'POST', url, payload: { code: dossier.code, secret: 'WRONGSECRET', score: 4 } });
    assert.equal(wrong.statusCode, 404);
    assert.equal(wrong.json().code, 'dossier.lookup_failed');
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/tthc/dossiers/${dossier.id}/rating`, payload: { score: 4 } })).statusCode, 401);
    assert.equal(await ratings(), 0);
  });

  it('after the return: rated once with code and secret (201, retry 200, another 409); officials may not rate; the summary counts it', async () => {
    await walkToReturn();
    const url = '/api/tthc/lookup/rating';
    const body = { code: dossier.code, secret, score: 4, comment: 'Nhanh gọn' };
    const first = await t.app.inject({ method: 'POST', url, payload: body });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().via, 'lookup');
    assert.equal((await t.app.inject({ method: 'POST', url, payload: body })).statusCode, 200);
    const other = await t.app.inject({ method: 'POST', url, payload: { ...body, score: 1 } });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'rating.already_rated');
    const official = await t.app.inject({ method: 'POST', url: `/api/tthc/dossiers/${dossier.id}/rating`, headers: auth(tokens.motcua!), payload: { score: 5 } });
    assert.equal(official.statusCode, 403);
    assert.equal(official.json().code, 'rating.applicant_only');
    assert.equal(await ratings(), 1);
    const shown = await t.app.inject({ url: `/api/tthc/lookup/rating?code=${dossier.code}&secret=${secret}` });
    assert.equal(shown.json().rating.score, 4);

    const summary = await t.app.inject({ url: `/api/tthc/ratings/summary?agencyId=${dossier.agencyId}&groupBy=procedure`, headers: auth(tokens.lanhdao!) });
    assert.equal(summary.statusCode, 200, summary.body);
    assert.deepEqual(summary.json().items.map((r: { procedureCode: string; distribution: number[] }) => [r.procedureCode, r.distribution]), [['1.004873', [0, 0, 0, 1, 0]]]);
    const badDate = await t.app.inject({ url: `/api/tthc/ratings/summary?agencyId=${dossier.agencyId}&from=2026-02-30`, headers: auth(tokens.lanhdao!) });
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json().code, 'rating.date_invalid');
    assert.equal((await t.app.inject({ url: `/api/tthc/ratings/summary?agencyId=${dossier.agencyId}` })).statusCode, 401);
  });

  it('blank forms are public PDFs made from the published e-form; an unknown form is 404', async () => {
    const blank = await t.app.inject({ url: '/api/tthc/forms/to-khai-dang-ky-khai-sinh/blank' });
    assert.equal(blank.statusCode, 200);
    assert.equal(blank.headers['content-type'], 'application/pdf');
    assert.equal(blank.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const unknown = await t.app.inject({ url: '/api/tthc/forms/khong-co-mau-nay/blank' });
    assert.equal(unknown.statusCode, 404);
  });
});
