// Browser journeys of administrators: the national-portal sync page (a sync the DVCQG sandbox
// refuses by fault injection becomes a dead letter; retried from the page once the portal is
// back, it reaches the portal). Run: node --test apps/web/e2e/admin.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkA11y, journey, setUpHarness, signInOfficial, type Harness } from './harness.ts';

const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
const SANDBOX_ADMIN_TOKEN = 'sandbox-admin-token';
const COMMUNE = 'TAM.H19.X001';

const harness: Harness = setUpHarness();

/** A call to the sandboxes' admin surface (faults, tester pushes, what the portal holds). */
async function sandboxAdmin(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  const sandbox = harness.platform.sandboxUrl;
  assert.ok(sandbox, 'the sandboxes run with the ephemeral platform');
  return fetch(`${sandbox}${path}`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A TOTP code is accepted once: a second sign-in of the same account waits for the next 30-second code. */
const nextTotpPeriod = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));

/** Picks a view of the sync list (a segmented control: its radio inputs are hidden behind their labels). */
async function showView(page: Page, label: string): Promise<void> {
  await page.locator('label', { hasText: label }).click();
  await page.getByRole('radio', { name: label, checked: true }).waitFor({ state: 'attached' });
}

describe('administrator journeys', { timeout: 300_000 }, () => {
  test('a sync the national portal refused is listed as a dead letter, retried from the page, and reaches the portal', async () => {
    // The portal refuses every call (400: not worth retrying), then a dossier is filed there and pushed to Sen.
    assert.equal((await sandboxAdmin('PUT', '/_admin/faults/dvcqg', { errorRate: 1, failStatus: 400 })).status, 200);
    const pushed = await sandboxAdmin('POST', '/dvcqg/_admin/pushes', { procedureCode: '1.001193', agencyCode: COMMUNE });
    assert.equal(pushed.status, 201);
    const { nationalDossierCode } = (await pushed.json()) as { nationalDossierCode: string };
    const onPortal = () => sandboxAdmin('GET', `/dvcqg/_admin/dossiers/${encodeURIComponent(nationalDossierCode)}`);

    await journey(harness, 'admin-national-sync', async (page) => {
      await signInOfficial(harness, page, ADMIN);
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await nav.getByRole('link', { name: 'Đồng bộ DVCQG' }).click();
      await page.waitForURL(/\/admin\/tthc\/national-syncs$/);
      await page.getByRole('heading', { level: 1, name: 'Đồng bộ với Cổng Dịch vụ công quốc gia' }).waitFor();
      await checkA11y(page);

      // The filing's sync ("submit", national status 1) fails at once and waits for an administrator.
      const retry = page.getByRole('button', { name: /^Gửi lại hồ sơ .+, bản ghi 1$/ });
      await eventually('the dead letter', async () => {
        await showView(page, 'Lỗi cần xử lý');
        if ((await retry.count()) > 0) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Đồng bộ với Cổng Dịch vụ công quốc gia' }).waitFor();
        return undefined;
      });
      const row = page.locator('tr', { has: retry });
      assert.match((await row.textContent()) ?? '', /Lỗi/);
      assert.match((await row.textContent()) ?? '', /Trạng thái quốc gia 1/);
      assert.match((await row.textContent()) ?? '', /400|fault|Injected/i, 'the last error is shown');
      await checkA11y(page);
      assert.equal((await onPortal()).status, 404, 'the portal holds nothing yet');

      // The portal is back; the administrator sends the row again.
      assert.equal((await sandboxAdmin('DELETE', '/_admin/faults/dvcqg')).status, 200);
      const retried = page.waitForResponse((r) => /\/api\/tthc\/national-syncs\/\d+\/retry$/.test(r.url()));
      await retry.click();
      assert.equal((await retried).status(), 200);
      await eventually('the dead letter leaving the list', async () => ((await retry.count()) === 0 ? true : undefined));

      const held = await eventually('the dossier on the national portal', async () => {
        const response = await onPortal();
        return response.status === 200 ? ((await response.json()) as { status: number }) : undefined;
      });
      assert.equal(held.status, 1, 'the portal has the filing (national status 1)');

      // Nothing of it stays open once the portal acknowledged it.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Đồng bộ với Cổng Dịch vụ công quốc gia' }).waitFor();
      await showView(page, 'Chưa xác nhận');
      await eventually('the open list without the dossier', async () => ((await retry.count()) === 0 ? true : undefined));
      await checkA11y(page);
    });
  });

  test('an administrator adds a fee schedule from a date to an offering and sends its online filing to the national portal', async () => {
    await nextTotpPeriod();
    await journey(harness, 'admin-offering-fees', async (page) => {
      await signInOfficial(harness, page, ADMIN);
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nơi tiếp nhận thủ tục' }).click();
      await page.waitForURL(/\/admin\/tthc\/offerings$/);
      await page.getByRole('combobox', { name: 'Thủ tục' }).fill('1.004873');
      await page.getByRole('option', { name: /^1\.004873/ }).waitFor();
      await checkA11y(page);
      await page.getByRole('option', { name: /^1\.004873/ }).click();
      const row = page.locator('tbody tr').first();
      await row.getByRole('button', { name: /^Biểu phí/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Biểu phí, lệ phí theo thời gian/ });
      await dialog.waitFor();
      const seeded = dialog.locator('tr[data-valid-from="2025-07-01"]');
      await seeded.waitFor();
      assert.match((await seeded.textContent()) ?? '', /Đang áp dụng/);
      assert.match((await seeded.textContent()) ?? '', /Chưa đối chiếu/, 'the typical amount is marked as such');
      await checkA11y(page);

      await dialog.getByRole('button', { name: 'Thêm biểu phí từ một ngày' }).click();
      const form = dialog.getByRole('form', { name: 'Thêm biểu phí từ một ngày' });
      await form.getByRole('button', { name: 'Lưu' }).click();
      await form.getByText('Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy.').waitFor();
      await form.getByRole('textbox', { name: 'Áp dụng từ ngày', exact: true }).fill('01/01/2027');
      await form.getByRole('textbox', { name: 'Văn bản quy định mức thu', exact: true }).fill('Nghị quyết của HĐND tỉnh Đồng Tháp về lệ phí hộ tịch (thử nghiệm)');
      await form.getByRole('textbox', { name: 'Mã khoản thu', exact: true }).fill('LP-XNHN');
      await form.getByRole('textbox', { name: 'Tên khoản', exact: true }).fill('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân');
      await form.getByRole('textbox', { name: 'Mức thu', exact: true }).fill('20000');
      await form.getByRole('switch', { name: 'Đã đối chiếu mức thu với văn bản đang có hiệu lực' }).check({ force: true });
      await checkA11y(page);
      await form.getByRole('button', { name: 'Lưu' }).click();
      await form.waitFor({ state: 'detached' });
      const added = dialog.locator('tr[data-valid-from="2027-01-01"]');
      await added.waitFor();
      assert.match((await added.textContent()) ?? '', /LP-XNHN: 20\.000/);
      assert.match((await added.textContent()) ?? '', /Đã đối chiếu/);
      assert.match((await seeded.textContent()) ?? '', /01\/01\/2027/, 'the schedule before ends where the new one begins');
      await checkA11y(page);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await row.getByRole('button', { name: /^Sửa/ }).click();
      const edit = page.getByRole('dialog', { name: /^Sửa nơi tiếp nhận/ });
      await edit.getByRole('radio', { name: 'Cổng Dịch vụ công quốc gia' }).check({ force: true });
      await checkA11y(page);
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await edit.waitFor({ state: 'detached' });
      await row.getByText('Cổng Dịch vụ công quốc gia').waitFor();
    });
  });
});
