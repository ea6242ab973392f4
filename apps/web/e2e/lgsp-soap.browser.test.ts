// Browser journey of a SOAP service in the LGSP screens (decision 0047): the province's LGSP
// administrator registers the civil-status sandbox's SOAP service from its WSDL URL, sees its
// operations, flags it sandbox and publishes it, and grants the echo operation to one of its
// information systems; in the developer portal that system's administrator reads the operations
// (elements, SOAPAction, the gateway's SOAP entry, a complete X-Road SOAP envelope in curl and C#)
// and calls echo from the "try it" console — the server writes the envelope and posts it to
// /lgsp/soap — first refused (an operation not granted, as a SOAP fault), then answered. Every page
// state passes axe.
// Run: node --test apps/web/e2e/lgsp-soap.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, chooseFirst } from './lgsp-steps.ts';
import { checkA11y, journey, setUpHarness, signInOfficial, type Harness } from './harness.ts';

const harness: Harness = setUpHarness();
const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
const CONSUMER_CLIENT = 'he-thong-mot-cua-soap';
const SERVICE_NAME = 'Hộ tịch điện tử (SOAP)';

describe('LGSP SOAP service browser journey', { timeout: 600_000 }, () => {
  test('a provider registers a SOAP service from its WSDL, a consumer reads its operations and calls one from the console', async () => {
    await journey(harness, 'lgsp-soap', async (page) => {
      await signInOfficial(harness, page, ADMIN, '/admin/lgsp');
      await page.getByRole('heading', { level: 1, name: 'Quản trị LGSP' }).waitFor();
      const tree = await apiAs(page, 'GET', '/api/catalog/agencies/tree');
      const root = (tree.json.items as { id: string; code: string; parentId: string | null }[]).find((a) => a.parentId === null)!;
      const client = await apiAs(page, 'POST', '/api/identity/clients', { clientId: CONSUMER_CLIENT, name: 'Một cửa (SOAP)', agencyId: root.id, permissions: [], scopes: ['lgsp'] });
      assert.equal(client.status, 201, JSON.stringify(client.json));
      const province = new RegExp(`VN/GOV/${root.code}`.replace(/\./g, '\\.'));

      // Two information systems of the province: the SOAP provider, and a consumer with its service client.
      for (const [code, name, clientId] of [['HOTICH', 'Hộ tịch', ''], ['MOTCUASOAP', 'Một cửa gọi SOAP', CONSUMER_CLIENT]] as const) {
        await chooseFirst(page, '#subsystem-member', province);
        await page.locator('#subsystem-code').fill(code);
        await page.locator('#subsystem-name').fill(name);
        await page.locator('#subsystem-client').fill(clientId);
        await page.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
        await page.getByText(new RegExp(`^Đã đăng ký hệ thống VN/GOV/.*/${code}\\.$`)).waitFor();
      }

      // The SOAP service from the civil sandbox's WSDL URL; its address comes from the WSDL.
      await chooseFirst(page, '#service-subsystem', /HOTICH\)$/);
      await page.getByText('SOAP (WSDL)', { exact: true }).click();
      await page.getByRole('heading', { name: 'Đăng ký dịch vụ SOAP từ WSDL' }).waitFor();
      await page.locator('#service-code').fill('civil');
      await page.locator('#service-name').fill(SERVICE_NAME);
      await page.locator('#service-openapi-url').fill(`${harness.platform.sandboxUrl}/civil/service.wsdl`);
      await checkA11y(page);
      await page.getByRole('button', { name: 'Đăng ký dịch vụ' }).click();
      await page.getByText(/^Đã đăng ký dịch vụ VN\/GOV\/.*\/HOTICH\/civil\/v1 \(bản nháp\)\.$/).waitFor();
      await page.getByRole('link', { name: SERVICE_NAME }).click();
      await page.waitForURL(/\/admin\/lgsp\/services\/[0-9a-f-]{36}$/);
      const operations = page.getByTestId('soap-operations');
      await operations.getByText('getBirthRecord', { exact: true }).waitFor();
      await operations.getByText('echo', { exact: true }).waitFor();
      await page.getByText(`${harness.platform.sandboxUrl}/civil/soap`, { exact: true }).waitFor();
      await page.getByRole('cell', { name: 'POST /getBirthRecord, POST /echo' }).waitFor();
      await checkA11y(page);
      await page.getByLabel(/^Dịch vụ hộp cát/).click();
      await page.locator('#service-sandbox:checked').waitFor();
      await page.getByRole('button', { name: 'Công bố' }).click();
      await page.getByTestId('service-status').filter({ hasText: 'Đã công bố' }).waitFor();
      // The consumer may call getBirthRecord only, for now.
      await page.locator('#grant-subject').click();
      await page.getByRole('option', { name: /MOTCUASOAP\)$/ }).click();
      await chooseFirst(page, '#grant-method', /^POST$/);
      await page.locator('#grant-path').fill('/getBirthRecord');
      await page.getByRole('button', { name: 'Cấp quyền', exact: true }).click();
      await page.getByRole('table', { name: 'Quyền truy cập' }).getByRole('row').filter({ hasText: 'POST /getBirthRecord' }).waitFor();
      await checkA11y(page);
      const serviceUrl = page.url();

      // The developer portal: the operations from the WSDL, with X-Road SOAP examples.
      await page.goto(`${harness.platform.url}/workspace/lgsp/services/${serviceUrl.split('/').pop()!}`);
      await page.getByRole('heading', { level: 1, name: SERVICE_NAME }).waitFor();
      await page.getByTestId('service-kind').waitFor();
      assert.equal(((await page.getByTestId('soap-endpoint').textContent()) ?? '').trim(), `POST ${harness.origin()}/lgsp/soap`);
      const first = page.getByTestId('soap-operation-getBirthRecord');
      await first.getByRole('table', { name: 'Phần tử yêu cầu getBirthRecord' }).getByRole('cell', { name: 'personalId', exact: true }).waitFor();
      await first.getByRole('table', { name: 'Phần tử phản hồi getBirthRecordResponse' }).getByRole('cell', { name: 'fullName', exact: true }).waitFor();
      const curl = (await page.getByRole('region', { name: 'Ví dụ curl của getBirthRecord', exact: true }).textContent()) ?? '';
      assert.ok(curl.includes(`${harness.origin()}/lgsp/soap`), curl);
      for (const field of ['xrd:client', 'xrd:service', 'xrd:id', 'xrd:userId', 'xrd:protocolVersion>4.0', '<id:subsystemCode>HOTICH</id:subsystemCode>', '<id:serviceCode>civil</id:serviceCode>', 'xmlns:m="urn:sen:sandbox:civil"', '<m:personalId>?</m:personalId>']) {
        assert.ok(curl.includes(field), `${field} in ${curl}`);
      }
      assert.ok(!curl.includes('serviceVersion'), 'the example follows the current version');
      assert.match(curl, /<xrd:client id:objectType="SUBSYSTEM">\s*<id:xRoadInstance>VN<\/id:xRoadInstance>[\s\S]*?<id:subsystemCode>[A-Z]+<\/id:subsystemCode>\s*<\/xrd:client>/, 'one of my subsystems as the client');
      await first.getByRole('tab', { name: 'C#' }).click();
      assert.match((await page.getByRole('region', { name: 'Ví dụ C# của getBirthRecord', exact: true }).textContent()) ?? '', /new StringContent\(envelope, System\.Text\.Encoding\.UTF8, "text\/xml"\)/);
      await checkA11y(page);

      // Try it: echo is not granted — the gateway's SOAP fault is the answer; then granted, it is answered.
      await page.getByRole('tab', { name: 'Gọi thử' }).click();
      await chooseFirst(page, '#try-subsystem', /MOTCUASOAP\)$/);
      await chooseFirst(page, '#try-operation', /^echo$/);
      assert.equal(await page.locator('#try-soap-body').inputValue(), '<m:echo xmlns:m="urn:sen:sandbox:civil">\n  <m:text>?</m:text>\n</m:echo>');
      await page.locator('#try-soap-body').fill('<m:echo xmlns:m="urn:sen:sandbox:civil"><m:text>Xin chào LGSP</m:text></m:echo>');
      await page.locator('#try-purpose').fill('Kiểm thử dịch vụ SOAP');
      await checkA11y(page);
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.getByTestId('try-status').filter({ hasText: 'Mã trạng thái 500' }).waitFor();
      await page.getByRole('cell', { name: 'Server.ServerProxy.AccessDenied' }).waitFor();
      assert.match((await page.getByTestId('try-body-out').textContent()) ?? '', /<faultcode>Server\.ServerProxy\.AccessDenied<\/faultcode>/);
      await checkA11y(page);
      const granted = await apiAs(page, 'POST', `/api/lgsp/services/${serviceUrl.split('/').pop()!}/rights`, { subsystemId: await subsystemId(page, 'MOTCUASOAP'), method: 'POST', pathPattern: '/echo' });
      assert.equal(granted.status, 201, JSON.stringify(granted.json));
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.getByTestId('try-status').filter({ hasText: 'Mã trạng thái 200' }).waitFor();
      const answer = (await page.getByTestId('try-body-out').textContent()) ?? '';
      assert.match(answer, /<civil:text>Xin chào LGSP<\/civil:text>/);
      assert.match(answer, /<xrd:requestHash [^>]*>[A-Za-z0-9+/=]{88}<\/xrd:requestHash>/);
      const sent = (await page.getByTestId('try-soap-request').textContent()) ?? '';
      assert.match(sent, /<id:subsystemCode>MOTCUASOAP<\/id:subsystemCode>/);
      assert.ok(((await page.getByTestId('try-message-id').textContent()) ?? '').trim().length > 10);
      await checkA11y(page);
    });
  });
});

async function subsystemId(page: Page, code: string): Promise<string> {
  const list = await apiAs(page, 'GET', '/api/lgsp/subsystems');
  return (list.json as unknown as { id: string; code: string }[]).find((s) => s.code === code)!.id;
}
