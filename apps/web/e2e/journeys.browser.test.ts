// Browser journeys through the whole platform (server + VNeID sandbox, in-memory PGlite, demo
// data) in Debian's headless Chromium. Run: node --test apps/web/e2e/journeys.browser.test.ts
// (or `npm test -- journeys`). Needs /usr/bin/chromium; builds apps/web/dist when missing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, journey as runJourney, setUpHarness, signInOfficial, signInWithVneid } from './harness.ts';

const TITLE = 'Sen — Nền tảng chính quyền số tỉnh Đồng Tháp';
const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };

const harness = setUpHarness();
const journey = (name: string, steps: Parameters<typeof runJourney>[2]) => runJourney(harness, name, steps);

describe('browser journeys', { timeout: 300_000 }, () => {
  test('smoke: the home page is served in Vietnamese', async () => {
    await journey('smoke-home', async (page) => {
      await page.goto(harness.platform.url);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      assert.equal(await page.title(), TITLE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      await checkA11y(page);
      // An SPA route deep link is answered with the app too (server fallback).
      await page.goto(`${harness.platform.url}/admin/officials`);
      await page.getByRole('heading', { name: 'Cần đăng nhập' }).waitFor();
      await checkA11y(page);
      // Language switch to English and back, remembered across reloads.
      await page.getByRole('button', { name: 'English' }).click();
      // English messages load on demand: the switch completes when they have arrived.
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await page.getByRole('heading', { name: 'Sign-in required' }).waitFor();
      await checkA11y(page);
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.locator('html[lang="vi"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    });
  });

  test('an official administrator signs in with password and TOTP, then creates an official', async () => {
    await journey('official-admin', async (page) => {
      const name = await signInOfficial(harness, page, ADMIN);
      assert.match(name, /Quản trị/);

      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await nav.getByRole('heading', { name: 'Quản trị' }).waitFor();
      await nav.getByRole('link', { name: 'Cán bộ' }).click();
      await page.waitForURL(/\/admin\/officials$/);
      await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
      await page.locator('tr[data-username="admin"]').waitFor();
      await checkA11y(page);

      await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
      await dialog.waitFor();
      await checkA11y(page);
      await dialog.getByLabel('Tên đăng nhập').fill('canbo.test');
      await dialog.getByLabel('Họ và tên').fill('Cán Bộ Thử Nghiệm');
      await dialog.getByLabel('Thư điện tử').fill('canbo.test@dongthap.gov.vn');
      await dialog.getByLabel('Mật khẩu ban đầu').fill('CanBo@2026!thu');
      // Agency picker: search without diacritics, then pick the option.
      await dialog.locator('#official-agency').fill('so noi vu');
      await page.getByRole('option', { name: /Sở Nội vụ/ }).first().waitFor();
      await checkA11y(page);
      await page.getByRole('option', { name: /Sở Nội vụ/ }).first().click();
      await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.getByLabel('Tìm kiếm cán bộ').fill('canbo.test');
      const row = page.locator('tr[data-username="canbo.test"]');
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /Cán Bộ Thử Nghiệm/);
      await checkA11y(page);
    });
  });

  test('a citizen signs in with VNeID (sandbox) and sees their name on the profile page', async () => {
    await journey('citizen-vneid', async (page) => {
      const citizenName = await signInWithVneid(harness, page);

      await page.getByTestId('current-user').click();
      await page.getByRole('menuitem', { name: 'Tài khoản của tôi' }).waitFor();
      await checkA11y(page);
      await page.getByRole('menuitem', { name: 'Tài khoản của tôi' }).click();
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
      assert.equal((await page.locator('#profile-display-name').textContent())?.trim(), citizenName);
      await checkA11y(page);
      // Citizens hold no administrative permissions: no "Quản trị" section.
      assert.equal(await page.getByRole('heading', { name: 'Quản trị' }).count(), 0);
    });
  });
});
