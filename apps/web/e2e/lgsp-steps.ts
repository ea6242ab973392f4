// Steps the LGSP browser journeys share: API calls as the signed-in person, and Mantine selects.
import type { Page } from 'playwright-core';

/** The signed-in person's API token, as the web app keeps it, for setting up what a journey does not show (a role, an official, a service client). */
export async function apiAs(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(async ({ method, path, body }) => {
    const tokens = JSON.parse(sessionStorage.getItem('sen.tokens') ?? '{}') as { accessToken?: string };
    const response = await fetch(path, {
      method, headers: { authorization: `Bearer ${tokens.accessToken ?? ''}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  }, { method, path, body });
}

/** Picks an option of a Mantine select by typing (without diacritics) into it. */
export async function choose(page: Page, input: string, typed: string, option: RegExp): Promise<void> {
  await page.locator(input).click();
  await page.locator(input).fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

export async function chooseFirst(page: Page, input: string, option: RegExp): Promise<void> {
  await page.locator(input).click();
  await page.getByRole('option', { name: option }).first().click();
}
