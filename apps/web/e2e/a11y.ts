// Accessibility checks for the browser journeys: axe-core (through @axe-core/playwright, which
// drives playwright-core directly) runs at every page state a journey stops at, and the journey
// fails on any serious or critical violation — and on content outside a landmark, which axe rates
// "moderate" but which leaves a screen-reader user unable to reach it by landmark navigation.
// Every page (route) and every dialog a journey shows must have been checked before it ends, so a
// new step cannot slip past the audit. Citizens' pages are also checked at a 390-pixel phone width.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export const PHONE_VIEWPORT = { width: 390, height: 844 };
/** The impacts that fail a journey; below them axe's findings are advisory. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** Rules that fail whatever their impact: the hardening issue names them. */
const ALWAYS_FAILING_RULES = new Set(['region', 'scrollable-region-focusable']);
/** Pages that only forward the browser elsewhere and show nothing a person reads or uses. */
const PASS_THROUGH = [/\/auth\/callback$/, /^blob:/];
/** Officials work at a desk; every other page is one a citizen may open on a phone. */
const OFFICIALS_ONLY = /^\/(workspace|admin)(\/|$)/;
const SETTLE_TIMEOUT = 10_000;
/**
 * axe as shipped, with one check option widened. The rule "region" already accepts dialogs as
 * regions of their own; Mantine renders every popup (menus, option lists, dialogs) in a portal at
 * the end of <body> (div[data-portal]). A menu or option list is part of the control that opens it
 * (aria-controls / aria-haspopup, focus moves into it), so it counts as a region like a dialog.
 * Nothing else is relaxed: content in a portal is still checked by every other rule.
 */
const AXE_SOURCE = `${axe.source}
axe.configure({ checks: [{ id: 'region', options: { regionMatcher: 'dialog, [role=dialog], [role=alertdialog], svg, [data-portal]' } }] });`;

interface Audit {
  /** Route keys (origin + path with ids blanked) the page committed to, in order. */
  readonly visited: Set<string>;
  readonly checked: Set<string>;
  /** Accessible names of the dialogs that were opened, and of those that were checked open. */
  readonly dialogs: Set<string>;
  readonly checkedDialogs: Set<string>;
  inFlight: number;
  lastNetworkActivity: number;
}

const audits = new WeakMap<Page, Audit>();
/** Page states checked with `once` in this test file, by name and route. */
const checkedOnce = new Set<string>();

/** Same page, different record: ids, codes and one-time handles in the path do not make a new page. */
export function routeKey(url: string): string {
  if (url.startsWith('blob:')) return 'blob:';
  if (!url.startsWith('http')) return url;
  const { origin, pathname } = new URL(url);
  const path = pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.length >= 16 ? ':id' : segment))
    .join('/');
  return `${origin}${path}`;
}

/**
 * Starts auditing `page`: records every page it commits to and every dialog that opens. Call
 * before the first navigation; {@link assertAllChecked} at the end of the journey.
 */
export async function startAudit(page: Page): Promise<void> {
  const audit: Audit = { visited: new Set(), checked: new Set(), dialogs: new Set(), checkedDialogs: new Set(), inFlight: 0, lastNetworkActivity: Date.now() };
  audits.set(page, audit);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url() !== 'about:blank') audit.visited.add(routeKey(frame.url()));
  });
  const settled = () => {
    audit.inFlight = Math.max(0, audit.inFlight - 1);
    audit.lastNetworkActivity = Date.now();
  };
  page.on('request', () => {
    audit.inFlight += 1;
    audit.lastNetworkActivity = Date.now();
  });
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  await page.exposeBinding('__a11yDialogOpened', (_source, name: string) => {
    audit.dialogs.add(name);
  });
  // Reports each dialog as it appears, by its accessible name (aria-labelledby or aria-label);
  // window.__a11yOpenDialogs() names those open now.
  await page.addInitScript(() => {
    const nameOf = (dialog: Element) => {
      const labelledBy = dialog.getAttribute('aria-labelledby');
      const name = (labelledBy ? document.getElementById(labelledBy)?.textContent : dialog.getAttribute('aria-label')) ?? '';
      return name.trim() || '(unnamed dialog)';
    };
    const open = () => [...document.querySelectorAll('[role="dialog"], [role="alertdialog"], dialog[open]')];
    const seen = new WeakSet<Element>();
    // A dialog may get its name a moment after it appears (Mantine links the title once it has
    // mounted): it is reported once named, or as unnamed if it closes without ever having a name.
    const unnamed = new Set<Element>();
    const scope = window as unknown as { __a11yDialogOpened(name: string): void; __a11yOpenDialogs(): string[] };
    scope.__a11yOpenDialogs = () => open().map(nameOf);
    new MutationObserver(() => {
      for (const dialog of open()) {
        if (seen.has(dialog)) continue;
        seen.add(dialog);
        unnamed.add(dialog);
      }
      for (const dialog of unnamed) {
        const name = nameOf(dialog);
        if (name === '(unnamed dialog)' && dialog.isConnected) continue;
        unnamed.delete(dialog);
        scope.__a11yDialogOpened(name);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['open', 'role', 'aria-labelledby', 'aria-label'] });
  });
}

function auditOf(page: Page): Audit {
  const audit = audits.get(page);
  assert.ok(audit, 'startAudit(page) runs when the journey opens the page');
  return audit;
}

/** Waits until nothing is loading and no transition is running, so colours are final (a fading dialog has none). */
async function settle(page: Page): Promise<void> {
  const audit = auditOf(page);
  const deadline = Date.now() + SETTLE_TIMEOUT;
  while (Date.now() < deadline && (audit.inFlight > 0 || Date.now() - audit.lastNetworkActivity < 150)) {
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(
    () =>
      document.readyState === 'complete' &&
      document.getAnimations().every((animation) => animation.playState !== 'running' || !Number.isFinite(Number(animation.effect?.getComputedTiming().endTime))),
    undefined,
    { timeout: SETTLE_TIMEOUT, polling: 50 },
  );
}

async function dialogNames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __a11yOpenDialogs(): string[] }).__a11yOpenDialogs());
}

async function analyze(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE }).analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? '') || ALWAYS_FAILING_RULES.has(violation.id))
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')}${node.any[0]?.message ? ` — ${node.any[0].message}` : ''}`)
        .join('\n');
      const more = violation.nodes.length > 5 ? `\n    … and ${violation.nodes.length - 5} more` : '';
      return `  [${violation.impact}] ${violation.id} (${label}): ${violation.help}\n${nodes}${more}`;
    });
}

/**
 * Runs axe on the page as it is now (after it settles) and fails on serious or critical
 * violations, naming the rule, the elements and the page. Citizens' pages are checked again at
 * phone width, then the viewport is put back. With `once` (a name for the page's state), a state
 * already checked at that route in this test file is not checked again: the sign-in pages every
 * journey passes through.
 */
export async function checkA11y(page: Page, options: { once?: string } = {}): Promise<void> {
  const audit = auditOf(page);
  const url = page.url();
  const key = routeKey(url);
  const onceKey = options.once ? `${options.once} ${key}` : undefined;
  if (onceKey && checkedOnce.has(onceKey)) {
    audit.checked.add(key);
    return;
  }
  await settle(page);
  const problems = await analyze(page, 'desktop');
  const pathname = url.startsWith('http') ? new URL(url).pathname : '';
  if (!OFFICIALS_ONLY.test(pathname)) {
    const desktop = page.viewportSize();
    await page.setViewportSize(PHONE_VIEWPORT);
    await settle(page);
    problems.push(...(await analyze(page, `phone ${PHONE_VIEWPORT.width}px`)));
    if (desktop) {
      await page.setViewportSize(desktop);
      await settle(page);
    }
  }
  const dialogs = await dialogNames(page);
  assert.deepEqual(problems, [], `accessibility violations on ${url}${dialogs.length ? ` with dialog ${dialogs.map((d) => `"${d}"`).join(', ')} open` : ''}:\n${problems.join('\n')}`);
  audit.checked.add(key);
  if (onceKey) checkedOnce.add(onceKey);
  for (const dialog of dialogs) audit.checkedDialogs.add(dialog);
}

/** At the end of a journey: every page it committed to and every dialog it opened was checked. */
export function assertAllChecked(page: Page): void {
  const audit = auditOf(page);
  const unchecked = [...audit.visited].filter((key) => !audit.checked.has(key) && !PASS_THROUGH.some((pattern) => pattern.test(key)));
  assert.deepEqual(unchecked, [], 'every page the journey visited was checked with axe (call checkA11y once it has loaded)');
  const uncheckedDialogs = [...audit.dialogs].filter((name) => !audit.checkedDialogs.has(name));
  assert.deepEqual(uncheckedDialogs, [], 'every dialog the journey opened was checked with axe while open');
}
