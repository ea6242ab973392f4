// Shared by the browser journeys: the whole platform (server + sandboxes, in-memory PGlite, demo
// data) on random ports, Debian's headless Chromium, a fresh context per journey with a
// screenshot in test-results/ when it fails, an accessibility audit of every page and dialog
// (a11y.ts), and the two ways of signing in.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { testDatabaseUrl } from '../../../packages/platform/index.ts';
import { createTestDatabase } from '../../../packages/platform/testing.ts';
import { ensureWebBuilt, startEphemeralPlatform, type RunningPlatform } from '../../server/start.ts';
import { assertAllChecked, checkA11y, startAudit } from './a11y.ts';

export { checkA11y } from './a11y.ts';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.resolve(import.meta.dirname, '../../../test-results');
const STEP_TIMEOUT = 20_000;

export interface Account {
  username: string;
  password: string;
  totpSecret?: string;
}

export interface Harness {
  readonly platform: RunningPlatform;
  readonly browser: Browser;
  /** The web app's origin, e.g. http://localhost:40123. */
  origin(): string;
}

/** Starts the platform and the browser before the file's tests and stops them after; `now` is the modules' clock (default: the real time). */
export function setUpHarness(options: { now?: () => Date } = {}): Harness {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  before(async () => {
    await ensureWebBuilt(() => {});
    // On PostgreSQL when TEST_DATABASE_URL is set (CI's second pass), on in-memory PGlite otherwise.
    if (testDatabaseUrl()) database = await createTestDatabase();
    platform = await startEphemeralPlatform(database?.url ? { DATABASE_URL: database.url } : {}, options);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await database?.close();
  });
  return {
    get platform() {
      assert.ok(platform, 'the platform is started in before()');
      return platform;
    },
    get browser() {
      assert.ok(browser, 'the browser is started in before()');
      return browser;
    },
    origin: () => new URL(platform!.url).origin,
  };
}

/**
 * Runs `steps` in a fresh browser context (no cookies, no storage: a different person). Fails on
 * any uncaught page error or Content-Security-Policy violation, and on any page or dialog the steps
 * showed without checking it with `checkA11y`; leaves a full-page screenshot in test-results/<name>.png on failure.
 */
export async function journey(harness: Harness, name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await harness.browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await startAudit(page);
  watchContentSecurityPolicy(page, problems);
  try {
    await steps(page);
    assert.deepEqual(problems, [], 'no uncaught errors in the page');
    assertAllChecked(page);
  } catch (error) {
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Any Content-Security-Policy violation fails the journey: Chromium logs each refusal on the
 * console, and the page's securitypolicyviolation event is echoed there too (report-only policies).
 */
function watchContentSecurityPolicy(page: Page, problems: string[]): void {
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.documentURI}`)),
  );
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|CSP violation/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
}

/** Opens `at` (default: home) and clicks the header's "Đăng nhập": the platform's server-rendered sign-in page. */
export async function startSignIn(harness: Harness, page: Page, at = '/'): Promise<void> {
  await page.goto(`${harness.platform.url}${at}`);
  await page.locator('#header-sign-in').waitFor();
  await checkA11y(page, { once: 'signed out' });
  await page.locator('#header-sign-in').click();
  await page.waitForURL(/\/oidc\/interaction\//);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await checkA11y(page, { once: 'sign-in' });
}

/** Back in the web app, signed in: the header shows the account menu. Returns the name shown. */
export async function expectSignedIn(harness: Harness, page: Page): Promise<string> {
  await page.waitForURL((url) => url.origin === harness.origin() && !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth/'));
  const user = page.getByTestId('current-user');
  await user.waitFor();
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="current-user"]')?.textContent ?? '';
    return text.length > 0 && !text.includes('Đang tải');
  });
  await checkA11y(page, { once: 'signed in' });
  return (await user.textContent()) ?? '';
}

/** An official signs in with password (and TOTP when the account has it), coming back to `at`. */
export async function signInOfficial(harness: Harness, page: Page, account: Account, at = '/'): Promise<string> {
  await startSignIn(harness, page, at);
  await page.locator('#username').fill(account.username);
  await page.locator('#password').fill(account.password);
  await page.locator('#sign-in-official').click();
  if (account.totpSecret) {
    await page.locator('#totp').waitFor();
    await checkA11y(page, { once: 'totp' });
    const totp = new TOTP({ secret: account.totpSecret, algorithm: 'SHA1', digits: 6, period: 30 });
    await page.locator('#totp').fill(totp.generate());
    await page.locator('#verify-totp').click();
  }
  return expectSignedIn(harness, page);
}

/**
 * A citizen signs in through the VNeID sandbox, picking its first synthetic citizen; returns their
 * name (and, in `chosen`, their personal id, for a journey that files papers for them at the desk).
 */
export async function signInWithVneid(harness: Harness, page: Page, at = '/', chosen?: { personalId?: string }): Promise<string> {
  await startSignIn(harness, page, at);
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.waitForURL((url) => url.origin !== harness.origin());
  const first = page.locator('input[type="radio"][name="citizen"]').first();
  await first.waitFor();
  await checkA11y(page, { once: 'vneid picker' });
  const citizenName = await page.locator(`label[for="${await first.getAttribute('id')}"]`).evaluate((label) => (label.firstChild?.textContent ?? '').trim());
  assert.ok(citizenName.length > 0, 'the sandbox lists citizens by name');
  if (chosen) chosen.personalId = (await first.getAttribute('value')) ?? undefined;
  await first.check();
  await page.locator('#sign-in').click();
  const shown = await expectSignedIn(harness, page);
  assert.equal(shown.trim(), citizenName);
  return citizenName;
}
