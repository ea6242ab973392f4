// Browser journeys through the whole platform (server + VNeID sandbox, in-memory PGlite, demo
// data) in Debian's headless Chromium. Run: node --test apps/web/e2e/journeys.browser.test.ts
// (or `npm test -- journeys`). Needs /usr/bin/chromium; builds apps/web/dist when missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { ensureWebBuilt, startEphemeralPlatform, type RunningPlatform } from '../../server/start.ts';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.resolve(import.meta.dirname, '../../../test-results');
const TITLE = 'Sen — Nền tảng chính quyền số tỉnh Đồng Tháp';
const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };
const STEP_TIMEOUT = 20_000;

let platform: RunningPlatform;
let browser: Browser;

before(async () => {
  await ensureWebBuilt(() => {});
  platform = await startEphemeralPlatform();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

/** A fresh browser context per journey; a screenshot in test-results/ when it fails. */
async function journey(name: string, run: (page: Page) => Promise<void>): Promise<void> {
  const context: BrowserContext = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  try {
    await run(page);
    assert.deepEqual(problems, [], 'no uncaught errors in the page');
  } catch (error) {
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

const origin = () => new URL(platform.url).origin;

/** Clicks the header's "Đăng nhập" and waits for the platform's server-rendered sign-in page. */
async function startSignIn(page: Page): Promise<void> {
  await page.goto(platform.url);
  await page.locator('#header-sign-in').click();
  await page.waitForURL(/\/oidc\/interaction\//);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
}

/** Back in the web app, signed in: the header shows the account menu. */
async function expectSignedIn(page: Page): Promise<string> {
  await page.waitForURL((url) => url.origin === origin() && !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth/'));
  const user = page.getByTestId('current-user');
  await user.waitFor();
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="current-user"]')?.textContent ?? '';
    return text.length > 0 && !text.includes('Đang tải');
  });
  return (await user.textContent()) ?? '';
}

describe('browser journeys', { timeout: 180_000 }, () => {
  test('smoke: the home page is served in Vietnamese', async () => {
    await journey('smoke-home', async (page) => {
      await page.goto(platform.url);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      assert.equal(await page.title(), TITLE);
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      // An SPA route deep link is answered with the app too (server fallback).
      await page.goto(`${platform.url}/admin/officials`);
      await page.getByRole('heading', { name: 'Cần đăng nhập' }).waitFor();
      // Language switch to English and back, remembered across reloads.
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await page.getByRole('heading', { name: 'Sign-in required' }).waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    });
  });

  test('an official administrator signs in with password and TOTP, then creates an official', async () => {
    await journey('official-admin', async (page) => {
      await startSignIn(page);
      await page.locator('#username').fill(ADMIN.username);
      await page.locator('#password').fill(ADMIN.password);
      await page.locator('#sign-in-official').click();

      await page.locator('#totp').waitFor();
      const totp = new TOTP({ secret: ADMIN.totpSecret, algorithm: 'SHA1', digits: 6, period: 30 });
      await page.locator('#totp').fill(totp.generate());
      await page.locator('#verify-totp').click();

      const name = await expectSignedIn(page);
      assert.match(name, /Quản trị/);

      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await nav.getByRole('heading', { name: 'Quản trị' }).waitFor();
      await nav.getByRole('link', { name: 'Cán bộ' }).click();
      await page.waitForURL(/\/admin\/officials$/);
      await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
      await page.locator('tr[data-username="admin"]').waitFor();

      await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
      await dialog.getByLabel('Tên đăng nhập').fill('canbo.test');
      await dialog.getByLabel('Họ và tên').fill('Cán Bộ Thử Nghiệm');
      await dialog.getByLabel('Thư điện tử').fill('canbo.test@dongthap.gov.vn');
      await dialog.getByLabel('Mật khẩu ban đầu').fill('CanBo@2026!thu');
      // Agency picker: search without diacritics, then pick the option.
      await dialog.locator('#official-agency').fill('so noi vu');
      await page.getByRole('option', { name: /Sở Nội vụ/ }).first().click();
      await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.getByLabel('Tìm kiếm cán bộ').fill('canbo.test');
      const row = page.locator('tr[data-username="canbo.test"]');
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /Cán Bộ Thử Nghiệm/);
    });
  });

  test('a citizen signs in with VNeID (sandbox) and sees their name on the profile page', async () => {
    await journey('citizen-vneid', async (page) => {
      await startSignIn(page);
      await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
      await page.waitForURL((url) => url.origin !== origin());

      const first = page.locator('input[type="radio"][name="citizen"]').first();
      const citizenName = await page
        .locator(`label[for="${await first.getAttribute('id')}"]`)
        .evaluate((label) => (label.firstChild?.textContent ?? '').trim());
      assert.ok(citizenName.length > 0, 'the sandbox lists citizens by name');
      await first.check();
      await page.locator('#sign-in').click();

      const shown = await expectSignedIn(page);
      assert.equal(shown.trim(), citizenName);

      await page.getByTestId('current-user').click();
      await page.getByRole('menuitem', { name: 'Tài khoản của tôi' }).click();
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
      assert.equal((await page.locator('#profile-display-name').textContent())?.trim(), citizenName);
      // Citizens hold no administrative permissions: no "Quản trị" section.
      assert.equal(await page.getByRole('heading', { name: 'Quản trị' }).count(), 0);
    });
  });
});
