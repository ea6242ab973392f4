// Browser journey of the LGSP developer portal (issue 10, decision 0037): the province's LGSP
// administrator (the provider) registers a sandbox echo service from its OpenAPI URL and publishes
// it; a department's LGSP administrator (the consumer, enrolling two-factor authentication at first
// sign-in) registers its information system, finds the service in the portal searching without
// diacritics, reads its documentation and request examples and asks for access; the provider
// approves, reads the request among its notices, puts the consumer's subsystem in a group, grants
// the group an endpoint until a date, sets a quota for each consumer and turns on request and
// response validation (version 2 of the description was uploaded as a YAML file); the consumer calls the service from the "try it" console (through the gateway, as its
// subsystem, validated and counted) and sees the call in its usage chart's data table. Every page passes axe.
// Run: node --test apps/web/e2e/lgsp.browser.test.ts
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOTP } from 'otpauth';
import { stringify as toYaml } from 'yaml';
import { DEFAULT_CA_CLIENTS } from '../../sandbox/index.ts';
import { apiAs, choose, chooseFirst } from './lgsp-steps.ts';
import { checkA11y, expectSignedIn, journey, setUpHarness, signInOfficial, startSignIn, type Harness } from './harness.ts';

const harness: Harness = setUpHarness();
const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
const CONSUMER = { username: 'tichhop.so', password: 'TichHop@2026!thu' };
const CONSUMER_CLIENT = 'he-thong-mot-cua-so';
const SERVICE_NAME = 'Dịch vụ phản hồi thử nghiệm';

const echoDocument = {
  openapi: '3.0.3',
  info: { title: 'Echo', version: '1.0.0', description: 'Nhà cung cấp hộp cát: trả lại yêu cầu nhận được.' },
  paths: {
    '/echo/{name}': {
      get: {
        summary: 'Phản hồi theo tên',
        parameters: [{ name: 'name', in: 'path', required: true, description: 'Tên cần chào', schema: { type: 'string', example: 'an' } }],
        responses: { 200: { description: 'Yêu cầu đã nhận', content: { 'application/json': { schema: { type: 'object', properties: { method: { type: 'string' }, url: { type: 'string', description: 'Đường dẫn nhà cung cấp nhận' } } } } } } },
      },
    },
  },
};

/** The next version, uploaded as a file: it adds an endpoint with a request body. */
const echoDocumentV2 = {
  ...echoDocument,
  info: { ...echoDocument.info, version: '1.1.0' },
  paths: {
    ...echoDocument.paths,
    '/echo': {
      post: {
        summary: 'Phản hồi nội dung gửi lên',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['message'], properties: { message: { type: 'string', example: 'Xin chào', description: 'Lời nhắn' } } } } } },
        responses: { 200: { description: 'Yêu cầu đã nhận' } },
      },
    },
  },
};

let echo: Server;
let echoUrl = '';
before(async () => {
  echo = createServer((req, res) => {
    if (req.url === '/openapi.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echoDocument));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, client: req.headers['x-road-client'] }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
after(() => {
  echo.close();
});

describe('LGSP developer portal browser journey', { timeout: 600_000 }, () => {
  test('a provider publishes a sandbox service from OpenAPI, a consumer asks for access, is approved, tries it and sees the call in its usage', async () => {
    await journey(harness, 'lgsp-provider', async (provider) => {
      await signInOfficial(harness, provider, ADMIN, '/admin/lgsp');
      await provider.getByRole('heading', { level: 1, name: 'Quản trị LGSP' }).waitFor();
      await checkA11y(provider);

      // What the journey does not show: the consumer department's LGSP administrator and its information system's client.
      const tree = await apiAs(provider, 'GET', '/api/catalog/agencies/tree');
      const agencies = tree.json.items as { id: string; code: string; name: string; parentId: string | null; kind: string }[];
      const root = agencies.find((a) => a.parentId === null)!;
      const department = agencies.find((a) => a.parentId === root.id && a.kind === 'department')!;
      const role = await apiAs(provider, 'POST', '/api/identity/roles', { code: 'lgsp_admin_test', name: 'Quản trị LGSP (thử)', permissions: ['lgsp.manage'] });
      assert.equal(role.status, 201, JSON.stringify(role.json));
      const official = await apiAs(provider, 'POST', '/api/identity/officials', { username: CONSUMER.username, fullName: 'Trần Tích Hợp', password: CONSUMER.password, agencyId: department.id });
      assert.equal(official.status, 201, JSON.stringify(official.json));
      const granted = await apiAs(provider, 'POST', `/api/identity/officials/${String(official.json.id)}/roles`, { roleId: role.json.id, agencyId: department.id, scope: 'agency' });
      assert.equal(granted.status, 201, JSON.stringify(granted.json));
      const client = await apiAs(provider, 'POST', '/api/identity/clients', { clientId: CONSUMER_CLIENT, name: 'Hệ thống một cửa của sở', agencyId: department.id, permissions: [], scopes: ['lgsp'] });
      assert.equal(client.status, 201, JSON.stringify(client.json));

      // The provider: the province is a member from start-up (tthc's once-only path registers it,
      // apps/server/once-only.ts), so it is not offered again; a subsystem of it, a service from its
      // OpenAPI URL (a draft), flagged sandbox, published. The consumer registers its member below.
      const province = `VN/GOV/${root.code}`;
      await provider.locator('#member-agency').click();
      await provider.getByRole('option').first().waitFor();
      assert.equal(await provider.getByRole('option', { name: new RegExp(`\\(${root.code.replace(/\./g, '\\.')}\\)$`) }).count(), 0, 'a member is not offered twice');
      await provider.keyboard.press('Escape');
      await chooseFirst(provider, '#subsystem-member', new RegExp(province.replace(/\./g, '\\.')));
      await provider.locator('#subsystem-code').fill('SANDBOX');
      await provider.locator('#subsystem-name').fill('Hộp cát của tỉnh');
      await provider.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
      await provider.getByText(/^Đã đăng ký hệ thống VN\/GOV\/.*\/SANDBOX\.$/).waitFor();
      await checkA11y(provider);
      await chooseFirst(provider, '#service-subsystem', /SANDBOX\)$/);
      await provider.locator('#service-code').fill('echo');
      await provider.locator('#service-name').fill(SERVICE_NAME);
      await provider.locator('#service-base-url').fill(`${echoUrl}/v1`);
      await provider.locator('#service-openapi-url').fill(`${echoUrl}/openapi.json`);
      await provider.getByRole('button', { name: 'Đăng ký dịch vụ' }).click();
      await provider.getByText(/^Đã đăng ký dịch vụ VN\/GOV\/.*\/SANDBOX\/echo\/v1 \(bản nháp\)\.$/).waitFor();
      await provider.getByRole('link', { name: SERVICE_NAME }).click();
      await provider.waitForURL(/\/admin\/lgsp\/services\/[0-9a-f-]{36}$/);
      await provider.getByTestId('service-status').filter({ hasText: 'Bản nháp' }).waitFor();
      await provider.getByRole('cell', { name: 'GET /echo/*' }).waitFor();
      await checkA11y(provider);
      // The switch follows the server: it turns on once the flag is saved.
      await provider.getByLabel(/^Dịch vụ hộp cát/).click();
      await provider.locator('#service-sandbox:checked').waitFor();
      await provider.getByRole('button', { name: 'Công bố' }).click();
      await provider.getByTestId('service-status').filter({ hasText: 'Đã công bố' }).waitFor();
      assert.ok(await provider.getByLabel(/^Dịch vụ hộp cát/).isChecked());

      // A new description uploaded as a file, in YAML (decision 0048): version 2, and what it changed.
      await provider.locator('input[type="file"]').setInputFiles({ name: 'echo-v2.yaml', mimeType: 'application/yaml', buffer: Buffer.from(toYaml(echoDocumentV2)) });
      await provider.getByRole('button', { name: 'Cập nhật mô tả' }).click();
      const refreshed = provider.getByTestId('refresh-result');
      await refreshed.filter({ hasText: 'Đã tạo phiên bản 2.' }).waitFor();
      assert.match((await refreshed.textContent()) ?? '', /Điểm cuối thêm: POST \/echo.*Điểm cuối bỏ: —/);
      await provider.getByRole('cell', { name: 'v2', exact: true }).waitFor();
      await checkA11y(provider);

      await journey(harness, 'lgsp-consumer', async (consumer) => {
        // First sign-in of an administrator: two-factor enrolment with the key the page shows.
        await startSignIn(harness, consumer, '/admin/lgsp');
        await consumer.locator('#username').fill(CONSUMER.username);
        await consumer.locator('#password').fill(CONSUMER.password);
        await consumer.locator('#sign-in-official').click();
        const secret = ((await consumer.locator('#totp-secret').textContent()) ?? '').trim();
        assert.ok(secret.length >= 16, 'the enrolment page shows the key');
        await checkA11y(consumer, { once: 'totp enrolment' });
        await consumer.locator('#totp').fill(new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate());
        await consumer.locator('#verify-totp').click();
        await expectSignedIn(harness, consumer);

        // The consumer's agency and its information system, authenticated at the gateway by its client.
        await consumer.getByRole('heading', { level: 1, name: 'Quản trị LGSP' }).waitFor();
        await choose(consumer, '#member-agency', department.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').slice(0, 12), new RegExp(department.code.replace(/\./g, '\\.')));
        await consumer.getByRole('button', { name: 'Đăng ký thành viên' }).click();
        await consumer.getByText(/^Đã đăng ký thành viên/).waitFor();
        await chooseFirst(consumer, '#subsystem-member', /VN\/GOV\//);
        await consumer.locator('#subsystem-code').fill('MOTCUA');
        await consumer.locator('#subsystem-name').fill('Một cửa điện tử của sở');
        await consumer.locator('#subsystem-client').fill(CONSUMER_CLIENT);
        await consumer.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
        await consumer.getByText(/^Đã đăng ký hệ thống VN\/GOV\/.*\/MOTCUA\.$/).waitFor();
        await checkA11y(consumer);

        // The catalogue, searched without diacritics.
        await consumer.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cổng nhà phát triển LGSP' }).click();
        await consumer.getByRole('heading', { level: 1, name: 'Cổng nhà phát triển LGSP' }).waitFor();
        await consumer.locator('#lgsp-search').fill('phan hoi thu nghiem');
        await consumer.getByRole('link', { name: SERVICE_NAME }).waitFor();
        await checkA11y(consumer);
        await consumer.locator('#lgsp-search').fill('khong co dich vu nay');
        await consumer.getByText('Không có dịch vụ nào phù hợp.').waitFor();
        await consumer.locator('#lgsp-search').fill('phan hoi');
        await consumer.getByRole('link', { name: SERVICE_NAME }).click();

        // Its documentation from OpenAPI, with request examples through the gateway.
        await consumer.getByRole('heading', { level: 1, name: SERVICE_NAME }).waitFor();
        const gatewayId = ((await consumer.getByTestId('service-xroad-id').textContent()) ?? '').trim();
        assert.match(gatewayId, /^VN\/GOV\/.+\/SANDBOX\/echo$/);
        // Endpoints by path: the one added in version 2 comes first, open, with its request body's schema and example.
        await consumer.getByRole('cell', { name: 'Lời nhắn' }).waitFor();
        await consumer.getByRole('region', { name: 'Nội dung yêu cầu: Ví dụ' }).filter({ hasText: '"message": "Xin chào"' }).waitFor();
        await consumer.getByRole('button', { name: /^POST\s*\/echo\s*Phản hồi nội dung gửi lên$/ }).click();
        await consumer.getByRole('button', { name: /^GET\s*\/echo\/\{name\}\s*Phản hồi theo tên$/ }).click();
        await consumer.getByRole('cell', { name: 'Tên cần chào' }).waitFor();
        const curl = (await consumer.getByRole('region', { name: 'Ví dụ curl của GET /echo/{name}', exact: true }).textContent()) ?? '';
        assert.ok(curl.includes(`${harness.origin()}/lgsp/r1/${gatewayId}/echo/an`), curl);
        assert.match(curl, /X-Road-Client: VN\/GOV\/.+\/MOTCUA/);
        await consumer.getByRole('tab', { name: 'C#' }).click();
        assert.match((await consumer.getByRole('region', { name: 'Ví dụ C# của GET /echo/{name}', exact: true }).textContent()) ?? '', /new HttpRequestMessage\(new HttpMethod\("GET"\)/);
        await checkA11y(consumer);

        // Access, for the whole service.
        await consumer.getByRole('tab', { name: 'Đăng ký quyền truy cập' }).click();
        await consumer.locator('#access-reason').fill('Tra cứu thử nghiệm cho hệ thống một cửa');
        await consumer.getByRole('button', { name: 'Gửi yêu cầu' }).click();
        await consumer.getByText(/^Đã gửi yêu cầu/).waitFor();
        await checkA11y(consumer);

        // Before approval the console's call reaches the gateway and is refused there.
        await consumer.getByRole('tab', { name: 'Gọi thử' }).click();
        await chooseFirst(consumer, '#try-endpoint', /^GET \/echo\/\{name\}$/);
        assert.equal(await consumer.locator('#try-path').inputValue(), '/echo/an');
        await consumer.locator('#try-purpose').fill('Kiểm thử tích hợp');
        await consumer.getByRole('button', { name: 'Gửi', exact: true }).click();
        await consumer.getByTestId('try-status').filter({ hasText: 'Mã trạng thái 500' }).waitFor();
        await consumer.getByRole('cell', { name: 'Server.ServerProxy.AccessDenied' }).waitFor();
        await checkA11y(consumer);

        // The provider approves.
        await provider.reload();
        await provider.getByRole('button', { name: 'Phê duyệt yêu cầu của Một cửa điện tử của sở' }).waitFor();
        await checkA11y(provider);
        await provider.getByLabel('Ghi chú').fill('Đồng ý cho thử nghiệm');
        await provider.getByRole('button', { name: 'Phê duyệt yêu cầu của Một cửa điện tử của sở' }).click();
        await provider.getByText('Đã phê duyệt', { exact: true }).waitFor();
        await provider.getByRole('table', { name: 'Quyền truy cập' }).getByRole('cell', { name: 'Một cửa điện tử của sở', exact: true }).waitFor();
        await checkA11y(provider);

        // The provider's notices: the consumer's request is there, newest first. A group of subsystems
        // with the consumer's in it; back on the service, a right for the group until a date, a quota
        // for every consumer, and request and response validation against the description.
        await provider.goto(`${harness.platform.url}/admin/lgsp`);
        const notices = provider.getByRole('table', { name: 'Thông báo LGSP' });
        await notices.getByRole('link', { name: `Yêu cầu quyền truy cập dịch vụ ${SERVICE_NAME} / Access requested` }).waitFor();
        await notices.getByText('Yêu cầu truy cập', { exact: true }).first().waitFor();
        await checkA11y(provider);
        await provider.locator('#group-code').fill('MOTCUA-THU');
        await provider.locator('#group-name').fill('Nhóm một cửa thử nghiệm');
        await provider.getByRole('button', { name: 'Tạo nhóm', exact: true }).click();
        const groups = provider.getByRole('table', { name: 'Nhóm hệ thống' });
        await groups.getByRole('cell', { name: 'Nhóm một cửa thử nghiệm', exact: true }).waitFor();
        assert.equal(await provider.locator('#group-select').inputValue(), 'Nhóm một cửa thử nghiệm (MOTCUA-THU)', 'the new group is chosen');
        await choose(provider, '#group-subsystem', 'mot cua', /MOTCUA\)$/);
        await provider.getByRole('button', { name: 'Thêm vào nhóm' }).click();
        await groups.getByRole('cell', { name: 'Một cửa điện tử của sở', exact: true }).waitFor();
        await checkA11y(provider);

        // A client certificate from the CA sandbox for the provider's subsystem: pasted, listed, removed after a confirmation.
        const ca = DEFAULT_CA_CLIENTS[0]!;
        const issued = await fetch(`${harness.platform.sandboxUrl}/ca/api/v1/certificates`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-client-id': ca.id, 'x-api-key': ca.secret },
          body: JSON.stringify({ profile: 'tls-client', subject: { commonName: 'hop-cat-tinh', organization: 'Sở Thông tin và Truyền thông' }, validityDays: 30 }),
        });
        assert.equal(issued.status, 201);
        const { certificatePem } = (await issued.json()) as { certificatePem: string };
        await chooseFirst(provider, '#certificates-subsystem', /SANDBOX\)$/);
        await provider.locator('#certificate-pem').fill(certificatePem);
        await provider.getByRole('button', { name: 'Đăng ký chứng thư' }).click();
        const certificates = provider.getByRole('table', { name: 'Chứng thư đã đăng ký' });
        await certificates.getByRole('cell', { name: 'hop-cat-tinh', exact: true }).waitFor();
        await provider.getByRole('button', { name: 'Gỡ chứng thư hop-cat-tinh' }).click();
        await provider.getByRole('alertdialog', { name: /hop-cat-tinh/ }).waitFor();
        await checkA11y(provider);
        await provider.getByRole('button', { name: 'Xác nhận gỡ' }).click();
        await provider.getByText('Chưa đăng ký chứng thư nào.').waitFor();

        await provider.getByRole('link', { name: SERVICE_NAME, exact: true }).click();
        await provider.waitForURL(/\/admin\/lgsp\/services\/[0-9a-f-]{36}$/);
        await provider.locator('label', { hasText: 'Một nhóm hệ thống' }).click();
        await choose(provider, '#grant-subject', 'mot cua', /MOTCUA-THU\)$/);
        await chooseFirst(provider, '#grant-method', /^GET$/);
        await provider.locator('#grant-path').fill('/echo/*');
        const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        await provider.locator('#grant-expiry').fill(until);
        await provider.getByRole('button', { name: 'Cấp quyền', exact: true }).click();
        const groupRight = provider.getByRole('table', { name: 'Quyền truy cập' }).getByRole('row').filter({ hasText: 'Nhóm: Nhóm một cửa thử nghiệm' });
        await groupRight.filter({ hasText: 'GET /echo/*' }).waitFor();
        const [year, month, day] = until.split('-');
        assert.match((await groupRight.textContent()) ?? '', new RegExp(`23:59.*${day}/${month}/${year}|${day}/${month}/${year}.*23:59`), 'the right lasts to the end of the chosen day');
        await checkA11y(provider);

        await chooseFirst(provider, '#quota-kind', /^Mặc định cho mỗi bên gọi$/);
        await provider.locator('#quota-limit').fill('100');
        await provider.locator('#quota-window').fill('60');
        await provider.getByRole('button', { name: 'Lưu hạn mức' }).click();
        await provider.getByRole('table', { name: 'Hạn mức' }).getByRole('row').filter({ hasText: 'Mặc định cho mỗi bên gọi' }).filter({ hasText: '100 lượt / 60 giây' }).waitFor();
        await provider.getByLabel('Kiểm tra yêu cầu theo mô tả OpenAPI').click();
        await provider.locator('#service-validation:checked').waitFor();
        // The echo's answers conform to the description: the console's call below still gets them.
        await provider.getByLabel('Kiểm tra phản hồi theo mô tả OpenAPI').click();
        await provider.locator('#service-response-validation:checked').waitFor();
        await checkA11y(provider);

        // Now the console's call is answered by the provider, through the gateway, with its X-Road-Id.
        await consumer.getByRole('button', { name: 'Gửi', exact: true }).click();
        await consumer.getByTestId('try-status').filter({ hasText: 'Mã trạng thái 200' }).waitFor();
        const body = (await consumer.getByTestId('try-body-out').textContent()) ?? '';
        assert.equal(JSON.parse(body).url, '/v1/echo/an');
        assert.match(JSON.parse(body).client, /\/MOTCUA$/);
        const messageId = ((await consumer.getByTestId('try-message-id').textContent()) ?? '').trim();
        assert.ok(messageId.length > 10, 'the X-Road-Id of the exchange');
        await checkA11y(consumer);

        // The usage chart and its data table: two calls, one refused.
        await consumer.goto(`${harness.platform.url}/workspace/lgsp/usage`);
        await consumer.getByRole('heading', { level: 1, name: 'Lượt gọi dịch vụ của đơn vị tôi' }).waitFor();
        await consumer.getByRole('img', { name: /^Biểu đồ lượt gọi theo giờ trong 24 giờ qua: 2 lượt gọi, 1 lỗi/ }).waitFor();
        const cells = await consumer.getByRole('table', { name: 'Bảng số liệu lượt gọi' }).locator('tbody tr')
          .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => Number(td.textContent))));
        assert.deepEqual(cells.reduce(([calls, failures], [c, f]) => [calls! + c!, failures! + f!], [0, 0]), [2, 1], 'the data table counts both calls and the refusal');
        await consumer.locator('canvas').first().waitFor();
        await checkA11y(consumer);
      });
    });
  });
});
