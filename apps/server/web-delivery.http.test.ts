// How the web app and the API travel: compressed by content negotiation, cached for as long as
// they cannot change, revalidated by ETag otherwise; and the citizen pages the server renders
// itself, the dossier look-up working as a plain form without JavaScript.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { webDist } from './app.ts';
import { ensureWebBuilt } from './start.ts';
import { createTestPlatform, officialToken, type TestPlatform } from './testing.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('web delivery: compression, caching, server-rendered citizen pages', () => {
  let t: TestPlatform;
  let asset: string;
  before(async () => {
    await ensureWebBuilt(() => {});
    t = await createTestPlatform({ SEN_HOTLINE: '0277 3 000 000' });
    // The largest script of the build: certainly above the compression threshold.
    const scripts = readdirSync(path.join(webDist, 'assets')).filter((name) => name.endsWith('.js'));
    asset = `/assets/${scripts.sort((a, b) => readFileSync(path.join(webDist, 'assets', b)).length - readFileSync(path.join(webDist, 'assets', a)).length)[0]}`;
  });
  after(() => t.close());

  it('serves a hashed asset precompressed by Accept-Encoding (br, else gzip, else as is), cached for a year', async () => {
    const original = readFileSync(path.join(webDist, asset));
    const br = await t.app.inject({ url: asset, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.ok(brotliDecompressSync(br.rawPayload).equals(original), 'the brotli body is the file');
    assert.ok(br.rawPayload.length < original.length / 2);
    assert.match(String(br.headers.vary), /accept-encoding/i);

    const gzip = await t.app.inject({ url: asset, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gzip.rawPayload).equals(original));

    const identity = await t.app.inject({ url: asset, headers: { 'accept-encoding': 'identity' } });
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.ok(identity.rawPayload.equals(original));

    for (const response of [br, gzip, identity]) assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('revalidates index.html and the server-rendered pages on every visit, and keeps the security headers', async () => {
    for (const url of ['/', '/services', '/admin/officials', '/tra-cuu']) {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.match(String(response.headers['content-security-policy']), /script-src 'self';/, url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.equal(response.headers['content-encoding'], 'br', `${url}: compressed`);
    }
  });

  it('compresses API answers above 1 KB on the fly, but not small ones nor PDFs', async () => {
    const big = await t.app.inject({ url: '/api/tthc/procedures?limit=20', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(big.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(gunzipSync(big.rawPayload).toString()).items.length > 0);
    const plain = await t.app.inject({ url: '/api/tthc/procedures?limit=20' });
    assert.equal(plain.headers['content-encoding'], undefined, 'nothing accepted: sent as is');
    const small = await t.app.inject({ url: '/health', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(small.headers['content-encoding'], undefined, 'a tiny body is not worth it');
    assert.deepEqual(small.json(), { status: 'ok' });
  });

  it('answers reference data with an ETag and a short public cache life, then 304 without a body', async () => {
    for (const url of ['/api/tthc/procedures?limit=5', '/api/catalog/agencies', '/api/tthc/portal/home']) {
      const first = await t.app.inject({ url });
      assert.equal(first.statusCode, 200, url);
      assert.equal(first.headers['cache-control'], 'public, max-age=60', url);
      assert.match(String(first.headers.vary), /authorization/i, url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^(W\/)?"/, url);
      const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '', url);
      const other = await t.app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
      assert.equal(other.statusCode, 200, `${url}: another version is sent in full`);
    }
    // A procedure's ETag stays its version (the If-Match value for editing it).
    const list = (await t.app.inject({ url: '/api/tthc/procedures?limit=1' })).json();
    const one = await t.app.inject({ url: `/api/tthc/procedures/${list.items[0].id}` });
    assert.equal(one.headers.etag, `"v${list.items[0].version}"`);
    assert.equal((await t.app.inject({ url: `/api/tthc/procedures/${list.items[0].id}`, headers: { 'if-none-match': String(one.headers.etag) } })).statusCode, 304);
  });

  it('never lets a shared cache keep a signed-in answer or personal data', async () => {
    const token = await officialToken(t, 'motcua', 'Motcua@2026!');
    const signedIn = await t.app.inject({ url: '/api/tthc/procedures?limit=5', headers: { authorization: `Bearer ${token}` } });
    assert.equal(signedIn.headers['cache-control'], 'private, no-cache');
    const personal = await t.app.inject({ url: '/api/identity/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(personal.statusCode, 200);
    assert.equal(personal.headers['cache-control'], 'no-store');
  });

  it('renders the home page with search, most used procedures, the look-up, the owning agency and the configured help line', async () => {
    const home = await t.app.inject({ url: '/' });
    assert.match(home.body, /<form[^>]*role="search"[^>]*action="\/services"/);
    assert.match(home.body, /href="\/services\/[0-9a-f-]{36}"/, 'links to procedures');
    assert.match(home.body, /href="\/tra-cuu"/);
    assert.match(home.body, /Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp/);
    assert.match(home.body, /href="tel:02773000000">0277 3 000 000</);
    assert.match(home.body, /<script type="application\/json" id="sen-prefetched">/, 'the web app starts from the same data');
    assert.match(home.body, /<script type="module"/, 'the boot script, which loads the web app for a signed-in or English reader');
    assert.match(home.body, /<a [^>]*id="header-sign-in" href="\/auth\/sign-in\?returnTo=%2F"/, 'signing in goes through the web app');
    const unconfigured = await createTestPlatform();
    try {
      const body = (await unconfigured.app.inject({ url: '/' })).body;
      assert.doesNotMatch(body, /tel:/, 'no help line without SEN_HOTLINE');
    } finally {
      await unconfigured.close();
    }
  });

  it('renders the procedure search and a procedure page as HTML, and leaves an unknown procedure to the web app', async () => {
    const search = await t.app.inject({ url: '/services?q=dang ky khai sinh' });
    assert.match(search.body, /Đăng ký khai sinh/);
    const id = /href="\/services\/([0-9a-f-]{36})"/.exec(search.body)?.[1];
    assert.ok(id);
    const page = await t.app.inject({ url: `/services/${id}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Đăng ký khai sinh/);
    assert.match(page.body, /Thành phần hồ sơ/);
    assert.match(page.body, /Trình tự thực hiện/);
    assert.match(page.body, /href="\/api\/tthc\/forms\/[^"]+\/blank"/, 'the e-form part offers its blank form');
    // A code not confirmed against the national database (the food-safety placeholder) is never shown to the public.
    const unconfirmed = await t.app.inject({ url: '/services?q=an toan thuc pham' });
    const foodSafety = /href="\/services\/([0-9a-f-]{36})"/.exec(unconfirmed.body)?.[1];
    assert.ok(foodSafety, 'the food-safety procedure is listed');
    assert.doesNotMatch(unconfirmed.body, /0\.000001/);
    assert.doesNotMatch((await t.app.inject({ url: `/services/${foodSafety}` })).body, /0\.000001/);
    const unknown = await t.app.inject({ url: '/services/00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.statusCode, 200);
    assert.match(unknown.body, /<div id="root"><\/div>/, 'the web app, which says "not found"');
  });

  it('looks a dossier up without JavaScript: a GET form, then the status rendered by the server', async () => {
    const desk = await officialToken(t, 'motcua', 'Motcua@2026!');
    const found = (await t.app.inject({ url: '/api/tthc/procedures?q=xac nhan tinh trang hon nhan' })).json().items[0];
    const offeringId = (await t.app.inject({ url: `/api/tthc/procedures/${found.id}/offerings` })).json().items[0].id;
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'to-khai.pdf');
    const upload = await t.app.inject({ method: 'POST', url: '/api/tthc/uploads', headers: { authorization: `Bearer ${desk}` }, payload: form });
    assert.equal(upload.statusCode, 201, upload.body);
    const filed = await t.app.inject({
      method: 'POST', url: '/api/tthc/dossiers/counter', headers: { authorization: `Bearer ${desk}` },
      payload: { offeringId, submission: { applicant: { kind: 'citizen', fullName: 'Lê Thị Mai', personalId: '087190004321' }, formData: {}, files: [{ uploadId: upload.json().id, partCode: 'to-khai' }] } },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const { dossier, lookupSecret } = filed.json();

    const blank = await t.app.inject({ url: `/tra-cuu?ma=${dossier.code}` });
    assert.equal(blank.statusCode, 200);
    assert.match(blank.body, /<form[^>]*action="\/tra-cuu"[^>]*method="get"/);
    assert.match(blank.body, new RegExp(`<input id="lookup-code" name="ma" value="${dossier.code}"`), 'the code from the QR link');
    assert.match(blank.body, /<label for="lookup-secret">Mã tra cứu/);
    assert.doesNotMatch(blank.body, /<script type="module"|modulepreload/, 'no JavaScript at all');

    const answer = await t.app.inject({ url: `/tra-cuu?ma=${dossier.code}&secret=${lookupSecret}` });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, new RegExp(`<h2 id="lookup-result">Hồ sơ ${dossier.code}</h2>`));
    assert.match(answer.body, /Đang giải quyết/);
    assert.doesNotMatch(answer.body, /Lê Thị Mai|087190004321/, 'nothing personal beyond the public look-up');
    assert.match(String(answer.headers['content-security-policy']), /script-src 'self';/);

    const wrong = await t.app.inject({ url: `/tra-cuu?ma=${dossier.code}&secret=WRONGSECRET` });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /role="alert">Mã hồ sơ hoặc mã tra cứu không đúng/);
    const missing = await t.app.inject({ url: `/tra-cuu?ma=${dossier.code}&secret=` });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /aria-invalid="true"/);
    assert.match(missing.body, /Vui lòng nhập mã tra cứu/);
  });

  it('verifies a result without JavaScript: the code form and a file upload posted as a plain form', async () => {
    const blank = await t.app.inject({ url: '/xac-minh' });
    assert.equal(blank.statusCode, 200);
    assert.match(blank.body, /<form[^>]*action="\/xac-minh"[^>]*method="get"/);
    assert.match(blank.body, /<form[^>]*action="\/xac-minh"[^>]*method="post"[^>]*enctype="multipart\/form-data"/);
    assert.doesNotMatch(blank.body, /<script type="module"|modulepreload/, 'no JavaScript at all');
    const boundary = '----sen-verify';
    const post = (body: Buffer) => t.app.inject({ method: 'POST', url: '/xac-minh', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    const unsigned = await post(Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]));
    assert.equal(unsigned.statusCode, 200);
    assert.match(unsigned.body, /role="alert">Tệp không có chữ ký số/);
    const empty = await post(Buffer.from(`--${boundary}--\r\n`));
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Chọn tệp PDF để xác minh/);
  });
});
